package org.opora.correspondence;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.opora.calendar.Deadline;
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

    LetterTiming(DeadlineService deadlines, LetterRepository letters) {
        this.deadlines = deadlines;
        this.letters = letters;
    }

    public Advice advise(PublicBody body, RequestKind kind, Channel channel, LocalDate sendOn, LocalDate neededBy) {
        LocalDate arrivesBy = sendOn.plusDays(channel.deliveryDays);
        Deadline registration = compute(arrivesBy, "registration");
        Deadline answer = compute(registration.due(), ANSWER_RULE.get(kind));
        List<String> warnings = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        List<String> explanation = new ArrayList<>();
        explanation.add("The letter arrives by " + arrivesBy + " (" + channel + ").");
        explanation.addAll(registration.explanation().stream().map(line -> "Registration: " + line).toList());
        explanation.addAll(answer.explanation().stream().map(line -> "Answer: " + line).toList());
        LocalDate likely = answer.due();
        List<Long> observed = letters.answerDays(body.id());
        if (observed.size() >= MIN_OBSERVED) {
            long average = Math.round(observed.stream().mapToLong(Long::longValue).average().orElseThrow());
            LocalDate usual = registration.due().plusDays(average);
            explanation.add(body.name() + " has answered " + observed.size() + " letters in " + average
                    + " days on average after registration.");
            if (usual.isBefore(likely)) {
                likely = usual;
            }
        }
        boolean tooLate = neededBy != null && neededBy.isBefore(likely);
        if (tooLate) {
            warnings.add("The answer is likely only by " + likely + " (by law it may come as late as " + answer.due()
                    + "), after " + neededBy + ", the date you need it by.");
            suggestions.add("Send it anyway, and ask in the letter for urgent consideration, giving the reason.");
            suggestions.add("Ask for a call or a meeting instead: " + body.name() + " can tell you sooner in person.");
            if (channel == Channel.POST) {
                suggestions.add("Send it through the body's official site or Gosuslugi: the post adds "
                        + channel.deliveryDays + " days.");
            }
        }
        if (kind == RequestKind.MONEY && body.budgetRequestsUntil() != null) {
            MonthDay budgetDay = MonthDay.parse("--" + body.budgetRequestsUntil());
            if (MonthDay.from(arrivesBy).isAfter(budgetDay)) {
                warnings.add(body.name() + " takes requests for next year's budget until " + body.budgetRequestsUntil()
                        + "; a request for money arriving later waits a year.");
                suggestions.add("Ask for concrete help in kind (printing, transport, food, premises) instead of money.");
            }
        }
        return new Advice(arrivesBy, registration.due(), answer.due(), likely, tooLate,
                registration.provisional() || answer.provisional(), warnings, suggestions, explanation);
    }

    private Deadline compute(LocalDate from, String ruleName) {
        return deadlines.due(from, ruleName);
    }
}
