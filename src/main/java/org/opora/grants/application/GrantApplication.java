package org.opora.grants.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A grant application; its id is its case's id and its process's business key. */
public record GrantApplication(UUID id, UUID competitionId, UUID organisationId, State state, Details details,
        Instant submittedAt, List<String> admissionReasons, String staffComment, String clarificationRequest,
        LocalDate clarificationDue, BigDecimal finalScore, BigDecimal passMark, Decision decision, BigDecimal approvedAmount,
        LocalDate agreementDue, String bankAccount, String bankBik, String signatory, Instant signedAt) {

    /** Where an application stands; the process moves it on. */
    public enum State {
        DRAFT, NOT_SUBMITTED, SUBMITTED, CLARIFICATION, INADMISSIBLE, IN_REVIEW, SCORED, APPROVED, REJECTED, WAITLISTED,
        LAPSED, FUNDED, CLOSED
    }

    public enum Decision { APPROVE, REJECT, WAITLIST }

    /** What the applicant fills in: only what admission and the experts need. */
    public record Details(String inn, String ogrn, LocalDate registeredOn, String projectTitle, String summary,
            String region, String topic, String targetGroup, Integer beneficiaries, BigDecimal requestedAmount,
            Integer durationMonths, List<BudgetLine> budgetLines, List<Attachment> attachments) {

        /** A draft saved before its budget or documents are filled in has none yet, not "unknown". */
        public Details {
            budgetLines = budgetLines == null ? List.of() : budgetLines;
            attachments = attachments == null ? List.of() : attachments;
        }
    }

    public record BudgetLine(String item, BigDecimal amount) {
    }

    /** An attachment's metadata: what kind of document it is ("charter", "budget") and its file name. */
    public record Attachment(String kind, String name) {
    }

    public boolean passed() {
        return finalScore != null && passMark != null && finalScore.compareTo(passMark) >= 0;
    }
}
