package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Counts, deadlines and money as the pages say them, in Russian and in English. */
class PageFormatTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private final PageFormat format = new PageFormat(messages(),
            new OporaTime(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), MOSCOW), MOSCOW));

    @AfterEach
    void resetTheLanguage() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void russianCountsTakeTheirThreePluralForms() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("ru"));
        assertThat(format.count("portal.days", 1)).isEqualTo("1 день");
        assertThat(format.count("portal.days", 2)).isEqualTo("2 дня");
        assertThat(format.count("portal.days", 5)).isEqualTo("5 дней");
        assertThat(format.count("portal.days", 11)).isEqualTo("11 дней");
        assertThat(format.count("portal.days", 21)).isEqualTo("21 день");
        assertThat(format.count("portal.days", 24)).isEqualTo("24 дня");
        assertThat(format.dueIn(LocalDate.of(2026, 3, 7))).isEqualTo("осталось 5 дней");
        assertThat(format.dueIn(LocalDate.of(2026, 3, 1))).isEqualTo("просрочено на 1 день");
        assertThat(format.dueIn(LocalDate.of(2026, 3, 2))).isEqualTo("срок сегодня");
    }

    @Test
    void englishCountsAndDates() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(format.count("portal.days", 1)).isEqualTo("1 day");
        assertThat(format.dueIn(LocalDate.of(2026, 3, 4))).isEqualTo("2 days left");
        assertThat(format.date(LocalDate.of(2026, 4, 6))).isEqualTo("April 6, 2026");
    }

    @Test
    void aDeadlineAtMidnightEndsTheDayBefore() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("ru"));
        Instant startOfTheSeventh = LocalDate.of(2026, 4, 7).atStartOfDay(MOSCOW).toInstant();
        assertThat(format.due(startOfTheSeventh)).isEqualTo("6 апреля 2026 г.");
        assertThat(format.daysLeft(startOfTheSeventh)).isEqualTo(35);
    }

    @Test
    void moneyIsInRoublesInTheLanguagesWay() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("ru"));
        assertThat(format.money(new java.math.BigDecimal("250000"))).isEqualTo("250\u00a0000\u00a0₽");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(format.money(new java.math.BigDecimal("250000.50"))).isEqualTo("₽250,000.50");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/portal");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
