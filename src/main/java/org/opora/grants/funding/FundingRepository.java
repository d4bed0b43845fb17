package org.opora.grants.funding;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opora.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tranches and reports of funded projects. */
@Repository
class FundingRepository {

    private final JdbcClient jdbc;

    FundingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertTranche(UUID applicationId, int number, BigDecimal amount) {
        jdbc.sql("INSERT INTO grant_tranche (application_id, number, amount) VALUES (?, ?, ?)")
                .params(applicationId, number, amount).update();
    }

    /** Releases the lowest tranche not yet released; empty if all were. */
    Optional<Report.Tranche> releaseNext(UUID applicationId, Instant at) {
        Optional<Report.Tranche> next = tranches(applicationId).stream().filter(t -> t.releasedAt() == null).findFirst();
        next.ifPresent(tranche -> jdbc.sql("UPDATE grant_tranche SET released_at = ? WHERE application_id = ? AND number = ?")
                .params(Timestamps.toDb(at), applicationId, tranche.number()).update());
        return next;
    }

    List<Report.Tranche> tranches(UUID applicationId) {
        return jdbc.sql("SELECT application_id, number, amount, released_at FROM grant_tranche WHERE application_id = ? "
                        + "ORDER BY number").param(applicationId)
                .query((rs, row) -> new Report.Tranche(rs.getObject("application_id", UUID.class), rs.getInt("number"),
                        rs.getBigDecimal("amount"), instant(rs, "released_at")))
                .list();
    }

    void insertReport(UUID applicationId, int number, boolean finalReport, LocalDate dueOn) {
        jdbc.sql("INSERT INTO grant_report (application_id, number, final_report, due_on, state) VALUES (?, ?, ?, ?, ?)")
                .params(applicationId, number, finalReport, dueOn, Report.State.DUE.name()).update();
    }

    void submitReport(UUID applicationId, int number, String narrative, int beneficiariesReached, List<BigDecimal> spending,
            Instant at) {
        jdbc.sql("UPDATE grant_report SET state = ?, narrative = ?, beneficiaries_reached = ?, submitted_at = ? "
                        + "WHERE application_id = ? AND number = ?")
                .params(Report.State.SUBMITTED.name(), narrative, beneficiariesReached, Timestamps.toDb(at), applicationId, number)
                .update();
        jdbc.sql("DELETE FROM grant_report_spending WHERE application_id = ? AND number = ?").params(applicationId, number).update();
        for (int i = 0; i < spending.size(); i++) {
            jdbc.sql("INSERT INTO grant_report_spending (application_id, number, position, spent) VALUES (?, ?, ?, ?)")
                    .params(applicationId, number, i + 1, spending.get(i)).update();
        }
    }

    void reviewReport(UUID applicationId, int number, Report.State state, String comment, String overspendApprovedBy) {
        jdbc.sql("UPDATE grant_report SET state = ?, staff_comment = ?, overspend_approved_by = ? "
                        + "WHERE application_id = ? AND number = ?")
                .params(state.name(), comment, overspendApprovedBy, applicationId, number).update();
    }

    void moveDue(UUID applicationId, int number, LocalDate dueOn) {
        jdbc.sql("UPDATE grant_report SET due_on = ? WHERE application_id = ? AND number = ?")
                .params(dueOn, applicationId, number).update();
    }

    /** The report the project owes now: the latest one not yet accepted. */
    Optional<Report> current(UUID applicationId) {
        return reports(applicationId).stream().filter(report -> report.state() != Report.State.ACCEPTED).findFirst();
    }

    List<Report> reports(UUID applicationId) {
        return jdbc.sql("SELECT application_id, number, final_report, due_on, state, narrative, beneficiaries_reached, "
                        + "submitted_at, staff_comment, overspend_approved_by FROM grant_report WHERE application_id = ? "
                        + "ORDER BY number").param(applicationId)
                .query((rs, row) -> report(rs)).list();
    }

    /** Reports of a competition's grants past their due date and not accepted, with their project's title (no spending: ADR 33). */
    List<FundingService.OverdueReport> overdue(UUID competitionId, LocalDate today) {
        return jdbc.sql("SELECT r.application_id, a.project_title, r.number, r.final_report, r.due_on FROM grant_report r "
                        + "JOIN grant_application a ON a.id = r.application_id WHERE a.competition_id = ? AND r.due_on < ? "
                        + "AND r.state IN ('DUE', 'RETURNED') ORDER BY r.due_on").params(competitionId, today)
                .query((rs, row) -> new FundingService.OverdueReport(rs.getObject("application_id", UUID.class),
                        rs.getString("project_title"), rs.getInt("number"), rs.getBoolean("final_report"),
                        rs.getObject("due_on", LocalDate.class)))
                .list();
    }

    private Report report(ResultSet rs) throws SQLException {
        UUID applicationId = rs.getObject("application_id", UUID.class);
        int number = rs.getInt("number");
        List<BigDecimal> spending = jdbc.sql("SELECT spent FROM grant_report_spending WHERE application_id = ? AND number = ? "
                        + "ORDER BY position").params(applicationId, number).query(BigDecimal.class).list();
        return new Report(applicationId, number, rs.getBoolean("final_report"), rs.getObject("due_on", LocalDate.class),
                Report.State.valueOf(rs.getString("state")), rs.getString("narrative"),
                (Integer) rs.getObject("beneficiaries_reached", Integer.class), spending,
                instant(rs, "submitted_at"), rs.getString("staff_comment"),
                rs.getString("overspend_approved_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
