package org.opora.grants.application;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.opora.cases.CaseScope;
import org.opora.grants.JsonLists;
import org.opora.system.Timestamps;
import org.opora.system.TransactionReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The applications' rows. Later stages record their outcome on the application (its score, the
 * committee's decision, the agreement) through the public methods; the draft and admission are this stage's.
 */
@Repository
public class ApplicationRepository {

    private static final String COLUMNS = "a.id, a.competition_id, a.organisation_id, a.state, a.inn, a.ogrn, a.registered_on, "
            + "a.project_title, a.summary, a.region, a.topic, a.target_group, a.beneficiaries, a.requested_amount, "
            + "a.duration_months, a.submitted_at, a.admission_reasons, a.staff_comment, a.clarification_request, "
            + "a.clarification_due, a.final_score, a.pass_mark, a.decision, a.approved_amount, a.agreement_due, a.bank_account, "
            + "a.bank_bik, a.signatory, a.signed_at";

    /**
     * The ranking's one rule, for the committee and the dashboard alike: the applications at or above their
     * pass mark, best score first, then the earlier submission (the id only makes equal submissions' order fixed).
     */
    private static final String PASSED = "a.final_score >= a.pass_mark";
    private static final String RANK_ORDER = "a.final_score DESC, a.submitted_at, a.id";

    private final JdbcClient jdbc;
    /** An application is read once per transaction (each write forgets it): a step's listeners and expressions ask again. */
    private final TransactionReads<UUID, GrantApplication> read = new TransactionReads<>();

    ApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID competitionId, UUID organisationId, GrantApplication.Details details) {
        read.forget(id);
        jdbc.sql("INSERT INTO grant_application (id, competition_id, organisation_id, state) VALUES (?, ?, ?, ?)")
                .params(id, competitionId, organisationId, GrantApplication.State.DRAFT.name())
                .update();
        saveDetails(id, details);
    }

    /** Replaces what the applicant filled in, budget lines and attachments included. */
    void saveDetails(UUID id, GrantApplication.Details d) {
        read.forget(id);
        jdbc.sql("UPDATE grant_application SET inn = ?, ogrn = ?, registered_on = ?, project_title = ?, summary = ?, region = ?, "
                        + "topic = ?, target_group = ?, beneficiaries = ?, requested_amount = ?, duration_months = ? "
                        + "WHERE id = ?")
                .params(d.inn(), d.ogrn(), d.registeredOn(), d.projectTitle(), d.summary(), d.region(), d.topic(),
                        d.targetGroup(), d.beneficiaries(), d.requestedAmount(), d.durationMonths(), id)
                .update();
        jdbc.sql("DELETE FROM grant_budget_line WHERE application_id = ?").param(id).update();
        List<GrantApplication.BudgetLine> lines = d.budgetLines() == null ? List.of() : d.budgetLines();
        for (int i = 0; i < lines.size(); i++) {
            jdbc.sql("INSERT INTO grant_budget_line (application_id, position, item, amount) VALUES (?, ?, ?, ?)")
                    .params(id, i + 1, lines.get(i).item(), lines.get(i).amount())
                    .update();
        }
        jdbc.sql("DELETE FROM grant_application_attachment WHERE application_id = ?").param(id).update();
        List<GrantApplication.Attachment> attachments = d.attachments() == null ? List.of() : d.attachments();
        for (int i = 0; i < attachments.size(); i++) {
            jdbc.sql("INSERT INTO grant_application_attachment (application_id, position, kind, name) VALUES (?, ?, ?, ?)")
                    .params(id, i + 1, attachments.get(i).kind(), attachments.get(i).name())
                    .update();
        }
    }

    public void setState(UUID id, GrantApplication.State state) {
        read.forget(id);
        jdbc.sql("UPDATE grant_application SET state = ? WHERE id = ?").params(state.name(), id).update();
    }

    void markSubmitted(UUID id, Instant at) {
        read.forget(id);
        // The first submission counts (it breaks ties in the ranking); answering a clarification keeps it.
        jdbc.sql("UPDATE grant_application SET state = ?, submitted_at = COALESCE(submitted_at, ?) WHERE id = ?")
                .params(GrantApplication.State.SUBMITTED.name(), Timestamps.toDb(at), id).update();
    }

    void recordAdmissionCheck(UUID id, List<String> reasons) {
        read.forget(id);
        jdbc.sql("UPDATE grant_application SET admission_reasons = ? WHERE id = ?").params(JsonLists.write(reasons), id).update();
    }

    void recordStaffDecision(UUID id, GrantApplication.State state, String comment, String clarification, LocalDate due) {
        read.forget(id);
        jdbc.sql("UPDATE grant_application SET state = ?, staff_comment = ?, clarification_request = ?, clarification_due = ? "
                        + "WHERE id = ?")
                .params(state.name(), comment, clarification, due, id).update();
    }

    public void recordScore(UUID id, BigDecimal finalScore, BigDecimal passMark) {
        read.forget(id);
        jdbc.sql("UPDATE grant_application SET state = ?, final_score = ?, pass_mark = ? WHERE id = ?")
                .params(GrantApplication.State.SCORED.name(), finalScore, passMark, id).update();
    }

    public void recordDecision(UUID id, GrantApplication.State state, GrantApplication.Decision decision, BigDecimal amount) {
        read.forget(id);
        jdbc.sql("UPDATE grant_application SET state = ?, decision = ?, approved_amount = ? WHERE id = ?")
                .params(state.name(), decision.name(), amount, id).update();
    }

    public void setAgreementDue(UUID id, LocalDate due) {
        read.forget(id);
        jdbc.sql("UPDATE grant_application SET agreement_due = ? WHERE id = ?").params(due, id).update();
    }

    public void recordSignature(UUID id, String bankAccount, String bik, String signatory, Instant at) {
        read.forget(id);
        jdbc.sql("UPDATE grant_application SET state = ?, bank_account = ?, bank_bik = ?, signatory = ?, signed_at = ? WHERE id = ?")
                .params(GrantApplication.State.FUNDED.name(), bankAccount, bik, signatory, Timestamps.toDb(at), id).update();
    }

    public Optional<GrantApplication> find(UUID id) {
        return Optional.ofNullable(read.get(id, key -> jdbc.sql("SELECT " + COLUMNS + " FROM grant_application a WHERE a.id = ?")
                .param(key).query((rs, row) -> application(rs)).optional().orElse(null)));
    }

    /**
     * Every application of a competition, with their budget lines and attachments read in one query each
     * for the whole competition: a competition has thousands of applications (docs/performance.md, 7).
     */
    public List<GrantApplication> findByCompetition(UUID competitionId) {
        return findInCompetition(competitionId, "TRUE", "a.submitted_at");
    }

    /** The committee's ranked list: the applications that passed, in ranking order (ADR 33: the dashboard's order too). */
    public List<GrantApplication> findPassedInRankOrder(UUID competitionId) {
        return findInCompetition(competitionId, PASSED, RANK_ORDER);
    }

    private List<GrantApplication> findInCompetition(UUID competitionId, String condition, String order) {
        Map<UUID, List<GrantApplication.BudgetLine>> lines = new HashMap<>();
        jdbc.sql("SELECT l.application_id, l.item, l.amount FROM grant_budget_line l JOIN grant_application a ON a.id = l.application_id"
                        + " WHERE a.competition_id = ? AND " + condition + " ORDER BY l.application_id, l.position")
                .param(competitionId)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getObject("application_id", UUID.class), id -> new ArrayList<>())
                            .add(new GrantApplication.BudgetLine(rs.getString("item"), rs.getBigDecimal("amount")));
                });
        Map<UUID, List<GrantApplication.Attachment>> attachments = new HashMap<>();
        jdbc.sql("SELECT f.application_id, f.kind, f.name FROM grant_application_attachment f JOIN grant_application a"
                        + " ON a.id = f.application_id WHERE a.competition_id = ? AND " + condition + " ORDER BY f.application_id, f.position")
                .param(competitionId)
                .query(rs -> {
                    attachments.computeIfAbsent(rs.getObject("application_id", UUID.class), id -> new ArrayList<>())
                            .add(new GrantApplication.Attachment(rs.getString("kind"), rs.getString("name")));
                });
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_application a WHERE a.competition_id = ? AND " + condition + " ORDER BY " + order)
                .param(competitionId)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return application(rs, lines.getOrDefault(id, List.of()), attachments.getOrDefault(id, List.of()));
                })
                .list();
    }

    // The competition dashboard's projections (ADR 33): only the columns it shows, counted in SQL; no budget lines,
    // attachments or details it never shows.

    /** How many of a competition's applications are in each state (states without any left out), in the states' order. */
    public Map<GrantApplication.State, Long> countsByState(UUID competitionId) {
        Map<GrantApplication.State, Long> counted = new HashMap<>();
        jdbc.sql("SELECT state, COUNT(*) AS n FROM grant_application WHERE competition_id = ? GROUP BY state")
                .param(competitionId)
                .query(rs -> {
                    counted.put(GrantApplication.State.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        Map<GrantApplication.State, Long> counts = new LinkedHashMap<>();
        for (GrantApplication.State state : GrantApplication.State.values()) {
            if (counted.containsKey(state)) {
                counts.put(state, counted.get(state));
            }
        }
        return counts;
    }

    private static final String SUBMITTED = "a.competition_id = :competition AND a.submitted_at IS NOT NULL";

    /** A page of the admission results of the submitted applications, in order of submission (LIMIT in SQL). */
    public List<Admission> admissionPage(UUID competitionId, int offset, int limit) {
        return jdbc.sql("SELECT a.id, a.project_title, o.name, a.state, a.admission_reasons FROM grant_application a"
                        + " LEFT JOIN organisation o ON o.id = a.organisation_id"
                        + " WHERE " + SUBMITTED + " ORDER BY a.submitted_at, a.id LIMIT :limit OFFSET :offset")
                .param("competition", competitionId).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new Admission(rs.getObject("id", UUID.class), rs.getString("project_title"), rs.getString("name"),
                        GrantApplication.State.valueOf(rs.getString("state")), JsonLists.strings(rs.getString("admission_reasons"))))
                .list();
    }

    /**
     * A page of the applications in review, in order of submission (LIMIT in SQL), with the two columns the competition's
     * page shows: each one's title, linked to its panel's page.
     */
    public List<InReview> inReviewPage(UUID competitionId, int offset, int limit) {
        return jdbc.sql("SELECT a.id, a.project_title FROM grant_application a WHERE a.competition_id = :competition"
                        + " AND a.state = :state ORDER BY a.submitted_at, a.id LIMIT :limit OFFSET :offset")
                .param("competition", competitionId).param("state", GrantApplication.State.IN_REVIEW.name())
                .param("limit", limit).param("offset", offset)
                .query((rs, row) -> new InReview(rs.getObject("id", UUID.class), rs.getString("project_title")))
                .list();
    }

    /**
     * Admission in figures: grouped by state and the reasons as stored, so the rows read are the distinct
     * combinations (a few dozen), not the applications.
     */
    public AdmissionCounts admissionCounts(UUID competitionId) {
        long[] submitted = new long[1];
        long[] admitted = new long[1];
        long[] inadmissible = new long[1];
        Map<String, Long> byReason = new java.util.TreeMap<>();
        jdbc.sql("SELECT a.state, a.admission_reasons, COUNT(*) AS n FROM grant_application a WHERE " + SUBMITTED
                        + " GROUP BY a.state, a.admission_reasons")
                .param("competition", competitionId)
                .query(rs -> {
                    GrantApplication.State state = GrantApplication.State.valueOf(rs.getString("state"));
                    long n = rs.getLong("n");
                    submitted[0] += n;
                    if (state == GrantApplication.State.INADMISSIBLE) {
                        inadmissible[0] += n;
                        JsonLists.strings(rs.getString("admission_reasons")).forEach(reason -> byReason.merge(reason, n, Long::sum));
                    } else if (!AWAITING_ADMISSION.contains(state)) {
                        admitted[0] += n;
                    }
                });
        return new AdmissionCounts(submitted[0], admitted[0], inadmissible[0], byReason);
    }

    /** Submitted and not yet admitted or refused. */
    private static final java.util.Set<GrantApplication.State> AWAITING_ADMISSION = java.util.EnumSet.of(
            GrantApplication.State.SUBMITTED, GrantApplication.State.CLARIFICATION);

    /** The ranked list with only the columns it shows: the same applications in the same order as {@link #findPassedInRankOrder}. */
    public List<RankedRow> ranking(UUID competitionId) {
        return ranking(competitionId, Integer.MAX_VALUE);
    }

    /** The first {@code limit} lines of the ranked list (the dashboard's head of it), cut in SQL. */
    public List<RankedRow> ranking(UUID competitionId, int limit) {
        List<RankedRow> ranked = new ArrayList<>();
        jdbc.sql("SELECT a.id, a.project_title, o.name, a.final_score, a.pass_mark, a.requested_amount, a.decision, a.approved_amount"
                        + " FROM grant_application a LEFT JOIN organisation o ON o.id = a.organisation_id"
                        + " WHERE a.competition_id = :competition AND " + PASSED + " ORDER BY " + RANK_ORDER + " LIMIT :limit")
                .param("competition", competitionId).param("limit", limit)
                .query(rs -> {
                    String decision = rs.getString("decision");
                    ranked.add(new RankedRow(ranked.size() + 1, rs.getObject("id", UUID.class), rs.getString("project_title"),
                            rs.getString("name"), rs.getBigDecimal("final_score"), rs.getBigDecimal("pass_mark"),
                            rs.getBigDecimal("requested_amount"), decision == null ? null : GrantApplication.Decision.valueOf(decision),
                            rs.getBigDecimal("approved_amount")));
                });
        return ranked;
    }

    /** How many applications the ranked list has. */
    public long rankedCount(UUID competitionId) {
        return jdbc.sql("SELECT COUNT(*) FROM grant_application a WHERE a.competition_id = ? AND " + PASSED)
                .param(competitionId).query(Long.class).single();
    }

    /** The money approved to the competition's applications in the given states. */
    public BigDecimal approvedAmount(UUID competitionId, Collection<GrantApplication.State> states) {
        return jdbc.sql("SELECT COALESCE(SUM(approved_amount), 0) FROM grant_application WHERE competition_id = :competition"
                        + " AND state IN (:states)")
                .param("competition", competitionId)
                .param("states", states.stream().map(Enum::name).toList())
                .query(BigDecimal.class).single();
    }

    /** Admission in figures: submitted, admitted (past admission), refused, and the refused by reason (a refusal may have several). */
    public record AdmissionCounts(long submitted, long admitted, long inadmissible, Map<String, Long> inadmissibleByReason) {
    }

    /** A submitted application's admission result, as the competition's admission list pages it. */
    public record Admission(UUID applicationId, String projectTitle, String organisation, GrantApplication.State state,
            List<String> reasons) {
    }

    /** An application in review, as the competition's page lists it (its title may still be empty). */
    public record InReview(UUID applicationId, String projectTitle) {
    }

    /** A line of the ranked list (1 = best). */
    public record RankedRow(int rank, UUID applicationId, String projectTitle, String organisation, BigDecimal score,
            BigDecimal passMark, BigDecimal requested, GrantApplication.Decision decision, BigDecimal approved) {
    }

    /** The applications of the scope's cases, newest first. */
    List<GrantApplication> findVisible(CaseScope scope, UUID competitionId) {
        CaseScope.SqlCondition visible = scope.toCaseListSql("c");
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_application a JOIN opora_case c ON c.id = a.id WHERE " + visible.sql()
                        + (competitionId == null ? "" : " AND a.competition_id = :competition")
                        + " ORDER BY c.created_at DESC LIMIT 500")
                .params(visible.parameters())
                .params(competitionId == null ? java.util.Map.of() : java.util.Map.of("competition", competitionId))
                .query((rs, row) -> application(rs)).list();
    }

    /** The next waitlisted application of a competition, best score first. */
    public Optional<GrantApplication> nextWaitlisted(UUID competitionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_application a WHERE a.competition_id = ? AND a.state = ? "
                        + "ORDER BY a.final_score DESC, a.submitted_at LIMIT 1")
                .params(competitionId, GrantApplication.State.WAITLISTED.name())
                .query((rs, row) -> application(rs)).optional();
    }

    private GrantApplication application(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<GrantApplication.BudgetLine> lines = jdbc.sql("SELECT item, amount FROM grant_budget_line "
                        + "WHERE application_id = ? ORDER BY position").param(id)
                .query((b, row) -> new GrantApplication.BudgetLine(b.getString("item"), b.getBigDecimal("amount"))).list();
        List<GrantApplication.Attachment> attachments = jdbc.sql("SELECT kind, name FROM grant_application_attachment "
                        + "WHERE application_id = ? ORDER BY position").param(id)
                .query((b, row) -> new GrantApplication.Attachment(b.getString("kind"), b.getString("name"))).list();
        return application(rs, lines, attachments);
    }

    private GrantApplication application(ResultSet rs, List<GrantApplication.BudgetLine> lines,
            List<GrantApplication.Attachment> attachments) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String decision = rs.getString("decision");
        GrantApplication.Details details = new GrantApplication.Details(rs.getString("inn"), rs.getString("ogrn"),
                rs.getObject("registered_on", LocalDate.class), rs.getString("project_title"), rs.getString("summary"),
                rs.getString("region"), rs.getString("topic"), rs.getString("target_group"),
                (Integer) rs.getObject("beneficiaries", Integer.class), rs.getBigDecimal("requested_amount"),
                (Integer) rs.getObject("duration_months", Integer.class), lines, attachments);
        return new GrantApplication(id, rs.getObject("competition_id", UUID.class), rs.getObject("organisation_id", UUID.class),
                GrantApplication.State.valueOf(rs.getString("state")), details,
                instant(rs, "submitted_at"), JsonLists.strings(rs.getString("admission_reasons")),
                rs.getString("staff_comment"), rs.getString("clarification_request"),
                rs.getObject("clarification_due", LocalDate.class), rs.getBigDecimal("final_score"),
                rs.getBigDecimal("pass_mark"), decision == null ? null : GrantApplication.Decision.valueOf(decision),
                rs.getBigDecimal("approved_amount"), rs.getObject("agreement_due", LocalDate.class),
                rs.getString("bank_account"), rs.getString("bank_bik"), rs.getString("signatory"),
                instant(rs, "signed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
