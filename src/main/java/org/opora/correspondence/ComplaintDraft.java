package org.opora.correspondence;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.opora.organisations.Organisation;

/**
 * The complaint about an overdue answer, as a formal letter: to the superior body or the
 * prosecutor's office (addressee and address from the registry), from the organisation (its
 * registry details), about the letter (subject, registration number and date), with the missed
 * deadline and how it was counted, citing Federal Law No. 59-FZ (art. 5 item 4, art. 10 part 1
 * item 4, art. 12) and art. 5.59 of the Code of Administrative Offences. Russian is the letter a
 * Russian body receives; the English version is for English-language readers of the case.
 */
final class ComplaintDraft {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /**
     * @param addressee the superior body or prosecutor's office from the registry; null if the registry has none
     * @param region    the region of the body, for an addressee the registry does not know
     */
    record Facts(Letter letter, PublicBody body, PublicBody addressee, String region, Organisation organisation,
            LocalDate today) {

        boolean toProsecutor() {
            return addressee == null || addressee.kind() == PublicBody.Kind.PROSECUTOR;
        }
    }

    private ComplaintDraft() {
    }

    static String subject(Letter letter, Locale locale) {
        return russian(locale)
                ? "Жалоба на нарушение срока рассмотрения обращения «" + letter.subject() + "»"
                : "Complaint: the letter \"" + letter.subject() + "\" was not answered in time";
    }

    static String text(Facts facts, Locale locale) {
        return russian(locale) ? russian(facts) : english(facts);
    }

    private static String russian(Facts f) {
        Letter letter = f.letter();
        Organisation org = f.organisation();
        StringBuilder text = new StringBuilder();
        if (f.addressee() != null) {
            text.append("В ").append(f.addressee().name()).append('\n');
            if (f.addressee().address() != null) {
                text.append(f.addressee().address()).append('\n');
            }
        } else {
            text.append("В прокуратуру ").append(f.region() == null ? "субъекта Российской Федерации" : f.region()).append('\n');
        }
        text.append("\nот ").append(org.name());
        if (org.inn() != null) {
            text.append(", ИНН ").append(org.inn());
        }
        if (org.ogrn() != null) {
            text.append(", ОГРН ").append(org.ogrn());
        }
        if (org.email() != null) {
            text.append(",\nадрес электронной почты: ").append(org.email());
        }
        text.append("\n\nЖАЛОБА\nна нарушение срока рассмотрения обращения\n\n");
        text.append(date(letter.sentOn())).append(" ").append(org.name()).append(" направила в ").append(f.body().name())
                .append(" обращение «").append(letter.subject()).append("»");
        if (letter.registrationNumber() != null) {
            text.append(", зарегистрированное ").append(date(letter.registeredOn())).append(" за № ")
                    .append(letter.registrationNumber());
        }
        text.append(".\n\n");
        text.append("Согласно части 4 статьи 1 Федерального закона от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений "
                + "граждан Российской Федерации» его порядок распространяется на обращения объединений граждан, в том "
                + "числе юридических лиц. По пункту 4 статьи 5 и пункту 4 части 1 статьи 10 этого закона заявитель вправе "
                + "получить, а орган обязан дать письменный ответ по существу поставленных в обращении вопросов. По части 1 "
                + "статьи 12 письменное обращение рассматривается в течение 30 дней со дня его регистрации");
        if (letter.extended()) {
            text.append("; срок рассмотрения был продлён руководителем органа на основании части 2 статьи 12, но не более "
                    + "чем на 30 дней");
        }
        text.append(". Срок исчислен в календарных днях начиная со дня, следующего за днём регистрации; если последний "
                + "день срока приходится на нерабочий день, днём окончания срока считается ближайший следующий за ним "
                + "рабочий день (статьи 191 и 193 Гражданского кодекса Российской Федерации). Срок истёк ")
                .append(date(letter.answerDue())).append(". По состоянию на ").append(date(f.today()))
                .append(" ответ не получен.\n\n");
        text.append("Нарушение установленного порядка рассмотрения обращений образует состав административного "
                + "правонарушения, предусмотренного статьёй 5.59 Кодекса Российской Федерации об административных "
                + "правонарушениях.\n\nПрошу:\n");
        if (f.toProsecutor()) {
            text.append("1. Провести проверку соблюдения ").append(f.body().name())
                    .append(" порядка рассмотрения обращения и принять меры прокурорского реагирования.\n")
                    .append("2. Рассмотреть вопрос о возбуждении дела об административном правонарушении по статье 5.59 "
                            + "КоАП РФ в отношении виновных должностных лиц.\n");
        } else {
            text.append("1. Обеспечить рассмотрение обращения ").append(f.body().name())
                    .append(" и направление письменного ответа по существу поставленных вопросов.\n")
                    .append("2. Рассмотреть вопрос об ответственности должностных лиц, допустивших нарушение срока, "
                            + "в том числе по статье 5.59 КоАП РФ.\n");
        }
        text.append("3. О результатах рассмотрения настоящей жалобы сообщить в письменной форме в установленный срок.\n\n");
        text.append("Приложение: копия обращения от ").append(date(letter.sentOn()))
                .append(letter.tracking() == null ? "" : "; документ, подтверждающий отправку (" + letter.tracking() + ")")
                .append(".\n\n").append(date(f.today())).append("\n").append(org.name()).append("\n");
        return text.toString();
    }

    private static String english(Facts f) {
        Letter letter = f.letter();
        Organisation org = f.organisation();
        StringBuilder text = new StringBuilder();
        if (f.addressee() != null) {
            text.append("To: ").append(f.addressee().name()).append('\n');
            if (f.addressee().address() != null) {
                text.append(f.addressee().address()).append('\n');
            }
        } else {
            text.append("To: the prosecutor's office of ").append(f.region() == null ? "the region" : f.region()).append('\n');
        }
        text.append("\nFrom: ").append(org.name());
        if (org.inn() != null) {
            text.append(", INN ").append(org.inn());
        }
        if (org.ogrn() != null) {
            text.append(", OGRN ").append(org.ogrn());
        }
        if (org.email() != null) {
            text.append(",\ne-mail: ").append(org.email());
        }
        text.append("\n\nCOMPLAINT\nabout an appeal not answered in time\n\n");
        text.append("On ").append(date(letter.sentOn())).append(" ").append(org.name()).append(" sent ").append(f.body().name())
                .append(" the appeal \"").append(letter.subject()).append("\"");
        if (letter.registrationNumber() != null) {
            text.append(", registered on ").append(date(letter.registeredOn())).append(" as No. ")
                    .append(letter.registrationNumber());
        }
        text.append(".\n\n");
        text.append("By art. 1 part 4 of Federal Law No. 59-FZ of 02.05.2006 \"On the procedure for considering appeals of "
                + "citizens of the Russian Federation\" its procedure covers appeals of associations of citizens, legal "
                + "entities included. By art. 5 item 4 and art. 10 part 1 item 4 the writer has the right to, and the body "
                + "must give, a written answer on the merits. By art. 12 part 1 a written appeal is considered within 30 days "
                + "of its registration");
        if (letter.extended()) {
            text.append("; the head of the body extended the period under art. 12 part 2, by no more than 30 days");
        }
        text.append(". The period counts calendar days from the day after the registration; when its last day is a "
                + "non-working day, it ends on the next working day (Civil Code arts. 191 and 193). It ended on ")
                .append(date(letter.answerDue())).append(". As of ").append(date(f.today()))
                .append(", no answer has been received.\n\n");
        text.append("Breaking the procedure for considering appeals is an administrative offence under art. 5.59 of the "
                + "Code of Administrative Offences of the Russian Federation.\n\nWe ask you:\n");
        if (f.toProsecutor()) {
            text.append("1. To check how ").append(f.body().name())
                    .append(" has kept the procedure, and to take the measures a prosecutor takes.\n")
                    .append("2. To consider opening proceedings under art. 5.59 against the officials at fault.\n");
        } else {
            text.append("1. To ensure that ").append(f.body().name())
                    .append(" considers the appeal and answers it in writing on the merits.\n")
                    .append("2. To consider the liability of the officials who missed the deadline, art. 5.59 included.\n");
        }
        text.append("3. To tell us in writing, within the time set by law, what was done about this complaint.\n\n");
        text.append("Enclosed: a copy of the appeal of ").append(date(letter.sentOn()))
                .append(letter.tracking() == null ? "" : "; proof of dispatch (" + letter.tracking() + ")")
                .append(".\n\n").append(date(f.today())).append("\n").append(org.name()).append("\n");
        return text.toString();
    }

    private static boolean russian(Locale locale) {
        return !"en".equals(locale.getLanguage());
    }

    private static String date(LocalDate date) {
        return date == null ? "—" : DATE.format(date);
    }
}
