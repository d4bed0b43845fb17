package org.opora.system;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import com.ibm.icu.text.PluralRules;

/**
 * Dates, money, counts and deadlines as the pages show them, in the user's language and in
 * Opora's time zone. Templates call it as {@code ${@pageFormat.date(...)}}.
 */
@Component
public class PageFormat {

    private final MessageSource messages;
    private final OporaTime time;

    public PageFormat(MessageSource messages, OporaTime time) {
        this.messages = messages;
        this.time = time;
    }

    public String date(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale()).format(date);
    }

    public String date(Instant instant) {
        return instant == null ? "" : date(LocalDate.ofInstant(instant, time.zone()));
    }

    /**
     * A deadline as a day: an instant at midnight ends the day before (the processes set task due dates and
     * timers to the start of the day after the last day), so "due 00:00 on 12 January" reads "by 11 January".
     */
    public String due(Instant due) {
        return due == null ? "" : date(lastDay(due));
    }

    private LocalDate lastDay(Instant due) {
        java.time.ZonedDateTime local = due.atZone(time.zone());
        return local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).withZone(time.zone()).format(instant);
    }

    public String money(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale());
        format.setCurrency(Currency.getInstance("RUB"));
        if (format instanceof java.text.DecimalFormat decimal) {
            // The rouble sign in every language (English would otherwise write "RUB250,000").
            java.text.DecimalFormatSymbols symbols = decimal.getDecimalFormatSymbols();
            symbols.setCurrencySymbol("₽");
            decimal.setDecimalFormatSymbols(symbols);
        }
        format.setMinimumFractionDigits(amount.stripTrailingZeros().scale() > 0 ? 2 : 0);
        format.setMaximumFractionDigits(amount.stripTrailingZeros().scale() > 0 ? 2 : 0);
        return format.format(amount);
    }

    /** Calendar days from today (in Opora's zone) to a date: negative once it has passed. */
    public long daysLeft(LocalDate due) {
        return ChronoUnit.DAYS.between(time.today(), due);
    }

    public long daysLeft(Instant due) {
        return daysLeft(lastDay(due));
    }

    public boolean overdue(Instant due) {
        return due != null && due.isBefore(time.now());
    }

    public boolean overdue(LocalDate due) {
        return due != null && due.isBefore(time.today());
    }

    /** "5 days left", "due today", "2 days overdue", with the language's plural forms. */
    public String dueIn(LocalDate due) {
        if (due == null) {
            return "";
        }
        long days = daysLeft(due);
        if (days == 0) {
            return message("portal.due.today");
        }
        return days > 0 ? message("portal.due.left", count("portal.days", days))
                : message("portal.due.overdue", count("portal.days", -days));
    }

    public String dueIn(Instant due) {
        return due == null ? "" : dueIn(lastDay(due));
    }

    /**
     * A number with its noun in the right plural form: the bundle holds {@code key.one}, {@code key.few},
     * {@code key.many} and {@code key.other} (Russian needs all four, English one and other).
     */
    public String count(String key, long number) {
        String form = PluralRules.forLocale(locale()).select(number);
        String text = messages.getMessage(key + "." + form, new Object[] {number}, null, locale());
        return text != null ? text : messages.getMessage(key + ".other", new Object[] {number}, locale());
    }

    /** A text of the bundles, or the fallback (a name from a model, say) where the bundles have none. */
    public String text(String key, String fallback) {
        return messages.getMessage(key, null, fallback, locale());
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
