package org.opora.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opora.system.TaskNames;
import org.opora.system.Text;
import org.opora.system.Texts;
import org.opora.support.LatinWords;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * A case event reads as a sentence in the reader's language, from its code and parameters; rows written
 * before events had parameters (English text in their detail) read as well as new ones (ADR 0025).
 */
class CaseEventTextsTest {

    private static final Locale RU = Locale.forLanguageTag("ru");
    private static final Locale EN = Locale.ENGLISH;

    private final ResourceBundleMessageSource messages = messages();
    private final CaseEventTexts texts = new CaseEventTexts(messages, new Texts(messages), new TaskNames(messages));

    @Test
    void aNewEventIsItsSentenceWithItsParametersInTheReadersLanguage() {
        CaseEvent tranche = event("grant-tranche-released", null, CaseEventTexts.toJson(2, new BigDecimal("2E+5"),
                CaseEventTexts.report("final"), LocalDate.of(2027, 3, 23)));
        assertThat(texts.title(tranche, RU)).isEqualTo("Перечислен транш 2: 200000; итоговый отчёт до 23.03.2027");
        assertThat(texts.title(tranche, EN)).isEqualTo("Tranche 2 released: 200000; final report due 2027-03-23");

        CaseEvent declined = event("offer-declined", null, CaseEventTexts.toJson(Text.of("volunteering.decline.DATE")));
        assertThat(texts.title(declined, RU)).isEqualTo("Волонтёр отказался: Не подходит дата");

        CaseEvent panel = event("grant-panel-proposed", null, CaseEventTexts.toJson(CaseEventTexts.sectors(List.of("CSO", "BUSINESS"))));
        assertThat(texts.title(panel, RU)).isEqualTo("Предложен состав экспертов: НКО, Бизнес");
        assertThat(texts.title(panel, EN)).isEqualTo("Expert panel proposed: Non-profit, Business");

        CaseEvent task = event("task-completed", null, CaseEventTexts.toJson(new CaseEventTexts.TaskRef("VetRequest", "Проверить запрос")));
        assertThat(texts.title(task, RU)).isEqualTo("Задача выполнена: Проверить запрос");
        assertThat(texts.title(task, EN)).doesNotContainPattern("\\p{IsCyrillic}").startsWith("Task completed: ");
    }

    @Test
    void whatAPersonTypedFollowsAsTyped() {
        CaseEvent returned = event("grant-report-returned", "Нет актов выполненных работ", null);
        assertThat(texts.title(returned, RU)).isEqualTo("Отчёт возвращён на доработку — Нет актов выполненных работ");
        assertThat(texts.title(returned, EN)).isEqualTo("Report returned for revision — Нет актов выполненных работ");
    }

    @Test
    void storedPastEventsWrittenInEnglishReadInTheReadersLanguage() {
        assertThat(texts.title(event("grant-decided", "APPROVE 250000", null), RU)).isEqualTo("Решение комиссии: грант одобрен, 250000");
        assertThat(texts.title(event("grant-decided", "REJECT", null), RU)).isEqualTo("Решение комиссии: грант не присуждён");
        assertThat(texts.title(event("grant-agreement-prepared", "sign by 2026-05-04", null), RU))
                .isEqualTo("Договор подготовлен; подписать до 04.05.2026");
        assertThat(texts.title(event("grant-tranche-released", "tranche 1: 200000; interim report due 2026-11-02", null), RU))
                .isEqualTo("Перечислен транш 1: 200000; промежуточный отчёт до 02.11.2026");
        assertThat(texts.title(event("grant-report-submitted", "final report 2", null), RU)).isEqualTo("Подан отчёт: итоговый, № 2");
        assertThat(texts.title(event("grant-admission-checked", "admissible", null), RU))
                .isEqualTo("Проверены условия допуска: все условия соблюдены.");
        assertThat(texts.title(event("grant-admission-checked", "REGISTERED_RECENTLY; DOCUMENTS_MISSING: charter, budget", null), RU))
                .isEqualTo("Проверены условия допуска: Организация зарегистрирована менее положенного срока."
                        + " Не приложены обязательные документы: charter, budget.");
        assertThat(texts.title(event("grant-panel-changed", "3 experts named by staff", null), RU))
                .isEqualTo("Сотрудники назначили экспертов: 3");
        assertThat(texts.title(event("grant-review-extended", "+7 days", null), RU)).isEqualTo("Срок экспертизы продлён на 7 дн.");
        assertThat(texts.title(event("grant-lapsed", "The agreement was not signed by 2026-06-01", null), RU))
                .isEqualTo("Договор не подписан до 01.06.2026: грант не состоялся");
        assertThat(texts.title(event("grant-panel-exhausted", "No expert left to take the review", null), RU))
                .isEqualTo("Не осталось экспертов для экспертизы");
        assertThat(texts.title(event("offers-sent", "3 offer(s)", null), RU)).isEqualTo("Отправлено предложений: 3");
        assertThat(texts.title(event("offer-cancelled", "1/4", null), RU)).isEqualTo("Волонтёр не сможет прийти; занято мест: 1 из 4");
        assertThat(texts.title(event("offer-declined", "CAUSE", null), RU)).isEqualTo("Волонтёр отказался: Не моя тема");
        assertThat(texts.title(event("next-date", "2027-03-13", null), RU)).isEqualTo("Следующая дата: 13.03.2027");
        assertThat(texts.title(event("letter-sent", "POST 2026-03-02, RA123456789RU", null), RU))
                .isEqualTo("Письмо отправлено почтой 02.03.2026 — RA123456789RU");
        assertThat(texts.title(event("letter-registered", "No. Вх-42 of 2026-03-05; answer due 2026-04-06", null), RU))
                .isEqualTo("Зарегистрировано под № Вх-42 от 05.03.2026; ответ до 06.04.2026");
        assertThat(texts.title(event("answer-received", "2026-04-30, PARTIAL", null), RU)).isEqualTo("Получен ответ от 30.04.2026: частичный");
        assertThat(texts.title(event("documents-requested", "Устав, by 2026-04-20", null), RU))
                .isEqualTo("Орган запросил документы до 20.04.2026 — Устав");
        // A staff member's reason, typed before this change, stays as typed.
        assertThat(texts.title(event("request-refuse", "Сбор денег на личную карту", null), RU))
                .isEqualTo("Центр отклонил заявку — Сбор денег на личную карту");
        for (String[] old : new String[][] {{"grant-decided", "WAITLIST"}, {"grant-clarification-lapsed", "No clarification came by 2026-04-01"},
                {"grant-not-submitted", "The intake closed before the application was submitted"}, {"offer-accepted", "2/2"},
                {"grant-third-expert-unavailable", "The pool has no expert left"}, {"attendance-recorded", "2027-03-06"}}) {
            assertThat(LatinWords.in(texts.title(event(old[0], old[1], null), RU), List.of())).as(old[0]).isEmpty();
        }
    }

    @Test
    void anOldEventWhoseDetailWasErasedStillReadsAndAKindWithoutASentenceReadsAsItsDetail() {
        assertThat(texts.title(event("grant-agreement-prepared", null, null), RU)).isEqualTo("Договор подготовлен; подписать до …");
        assertThat(texts.title(event("a-kind-of-tomorrow", "as it was written", null), RU)).isEqualTo("as it was written");
        // A document's kind without a name in the bundles reads as its code; the file's name as it is.
        assertThat(texts.title(event("document-added", "budget: смета.xlsx", null), RU)).isEqualTo("Добавлен документ: смета — смета.xlsx");
        assertThat(texts.title(event("document-added", "minutes: протокол.pdf", null), RU))
                .isEqualTo("Добавлен документ: minutes — протокол.pdf");
    }

    private static CaseEvent event(String kind, String detail, String args) {
        return new CaseEvent(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), kind, null, detail, args);
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/events", "i18n/grants", "i18n/grant-pages", "i18n/volunteering", "i18n/tasks", "i18n/portal");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
