package org.opora.correspondence;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A CSO's letter to a public body and where it stands on its statutory clock. */
public record Letter(
        UUID id,
        UUID bodyId,
        String subject,
        String topic,
        String text,
        LetterTiming.RequestKind requestKind,
        LocalDate neededBy,
        LetterTiming.Channel channel,
        LocalDate sentOn,
        String tracking,
        String registrationNumber,
        LocalDate registeredOn,
        LocalDate answerDue,
        boolean extended,
        LocalDate answeredOn,
        Rating answerRating,
        String complaintDraft,
        UUID parentLetterId,
        Kind kind,
        String region,
        List<String> cosigners,
        List<String> attachments,
        String answerSummary) {

    public enum Rating { SATISFACTORY, PARTIAL, REFUSAL }

    /** Where a letter stands, for lists sorted by urgency. */
    public enum State { TO_SEND, AWAITING_REGISTRATION, AWAITING_ANSWER, OVERDUE, ANSWERED }

    /** Where the letter stands on a day (the API and the pages ask with Opora's today). */
    public State stateOn(LocalDate today) {
        if (answeredOn != null) {
            return State.ANSWERED;
        }
        if (answerDue != null) {
            return answerDue.isBefore(today) ? State.OVERDUE : State.AWAITING_ANSWER;
        }
        return sentOn != null ? State.AWAITING_REGISTRATION : State.TO_SEND;
    }

    /** Days from a day to the answer's due date (negative when overdue); null when none is awaited. */
    public Long daysLeftOn(LocalDate today) {
        return answerDue == null || answeredOn != null ? null : java.time.temporal.ChronoUnit.DAYS.between(today, answerDue);
    }

    /** A first letter, a follow-up after a partial answer or refusal, or a complaint about an overdue answer. */
    public enum Kind { LETTER, FOLLOW_UP, COMPLAINT }
}
