package org.opora.correspondence;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.opora.calendar.Deadline;
import org.opora.system.Text;
import org.opora.system.Texts;
import org.opora.calendar.DeadlineService;
import org.springframework.stereotype.Service;

/**
 * Tells a CSO, before it sends a letter, when an answer can be expected by law and whether that is
 * too late: CSOs write days before they need an answer, and ask for money after budgets are set.
 * The same estimate will drive the letter process's lead-time check.
 */
@Service
public class LetterTiming {

    /** How a letter reaches the body; the post takes days that the statutory clock does not count. */
    public enum Channel {
        POST(7), ONLINE(0), IN_PERSON(0);

        final int deliveryDays;

        Channel(int deliveryDays) {
            this.deliveryDays = deliveryDays;
        }
    }

    /** What the letter asks for. */
    public enum RequestKind { ANSWER, INFORMATION, MONEY, IN_KIND, MEETING }

    /**
     * @param answerDue      the latest lawful answer date
     * @param likelyAnswerBy when this body usually answers, from its answered letters (at least
     *                       {@value #MIN_OBSERVED} of them); otherwise the same as {@code answerDue}
     */
    public record Advice(LocalDate arrivesBy, LocalDate registrationDue, LocalDate answerDue, LocalDate likelyAnswerBy,
            boolean tooLate, boolean provisional, List<String> warnings, List<String> suggestions, List<String> explanation) {
    }

    /** Fewer answered letters than this say nothing about a body's habits. */
    static final int MIN_OBSERVED = 3;

    private static final Map<RequestKind, String> ANSWER_RULE = Map.of(
            RequestKind.ANSWER, "answer", RequestKind.INFORMATION, "information-answer", RequestKind.MONEY, "answer",
            RequestKind.IN_KIND, "answer", RequestKind.MEETING, "answer");

    private final DeadlineService deadlines;
    private final LetterRepository letters;
    private final Texts texts;

    /** Its advice is in the language of the request that asks for it. */
    LetterTiming(DeadlineService deadlines, LetterRepository letters, Texts texts) {
        this.texts = texts;
        this.deadlines = deadlines;
        this.letters = letters;
    }

    public Advice advise(PublicBody body, RequestKind kind, Channel channel, LocalDate sendOn, LocalDate neededBy) {
        LocalDate arrivesBy = sendOn.plusDays(channel.deliveryDays);
        Deadline registration = compute(arrivesBy, "registration");
        Deadline answer = compute(registration.due(), ANSWER_RULE.get(kind));
        List<Text> warnings = new ArrayList<>();
        List<Text> suggestions = new ArrayList<>();
        List<Text> explanation = new ArrayList<>();
        explanation.add(Text.of("letter.timing.arrives", arrivesBy, Text.of("letter.channel." + channel.name())));
        explanation.addAll(registration.explanation().stream().map(line -> Text.of("letter.timing.registration", line)).toList());
        explanation.addAll(answer.explanation().stream().map(line -> Text.of("letter.timing.answer", line)).toList());
        LocalDate likely = answer.due();
        List<Long> observed = letters.answerDays(body.id());
        if (observed.size() >= MIN_OBSERVED) {
            long average = Math.round(observed.stream().mapToLong(Long::longValue).average().orElseThrow());
            LocalDate usual = registration.due().plusDays(average);
            explanation.add(Text.of("letter.timing.observed", body.name(), observed.size(), average));
            if (usual.isBefore(likely)) {
                likely = usual;
            }
        }
        boolean tooLate = neededBy != null && neededBy.isBefore(likely);
        if (tooLate) {
            warnings.add(Text.of("letter.timing.too-late", likely, answer.due(), neededBy));
            suggestions.add(Text.of("letter.timing.send-urgent"));
            suggestions.add(Text.of("letter.timing.meet", body.name()));
            if (channel == Channel.POST) {
                suggestions.add(Text.of("letter.timing.online", channel.deliveryDays));
            }
        }
        if (kind == RequestKind.MONEY && body.budgetRequestsUntil() != null) {
            MonthDay budgetDay = MonthDay.parse("--" + body.budgetRequestsUntil());
            if (MonthDay.from(arrivesBy).isAfter(budgetDay)) {
                warnings.add(Text.of("letter.timing.budget-cycle", body.name(), body.budgetRequestsUntil()));
                suggestions.add(Text.of("letter.timing.in-kind"));
            }
        }
        return new Advice(arrivesBy, registration.due(), answer.due(), likely, tooLate,
                registration.provisional() || answer.provisional(), texts.render(warnings), texts.render(suggestions),
                texts.render(explanation));
    }

    private Deadline compute(LocalDate from, String ruleName) {
        return deadlines.due(from, ruleName);
    }
}
