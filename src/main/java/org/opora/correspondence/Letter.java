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

    /** A first letter, a follow-up after a partial answer or refusal, or a complaint about an overdue answer. */
    public enum Kind { LETTER, FOLLOW_UP, COMPLAINT }
}
