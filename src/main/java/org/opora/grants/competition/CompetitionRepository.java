package org.opora.grants.competition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opora.grants.JsonLists;
import org.opora.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CompetitionRepository {

    private static final String COLUMNS = "id, centre_id, title, description, opens_at, closes_at, review_due, budget_pool, "
            + "min_grant, max_grant, max_months, experts_per_application, min_cso_experts, min_government_experts, "
            + "min_business_experts, min_registration_months, required_documents, score_spread_percent, clarification_days, "
            + "review_reminder_days, agreement_days, report_reminder_days, waitlist_days, tranche_shares, expert_pool, "
            + "decided_at, created_by, created_at";

    private final JdbcClient jdbc;

    CompetitionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Competition c) {
        jdbc.sql("INSERT INTO grant_competition (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.centreId(), c.title(), c.description(), Timestamps.toDb(c.opensAt()),
                        Timestamps.toDb(c.closesAt()), c.reviewDue(), c.budgetPool(), c.minGrant(), c.maxGrant(), c.maxMonths(),
                        c.expertsPerApplication(), c.sectorMix().cso(), c.sectorMix().government(), c.sectorMix().business(),
                        c.minRegistrationMonths(), JsonLists.write(c.requiredDocuments()), c.scoreSpreadPercent(),
                        c.clarificationDays(), c.reviewReminderDays(), c.agreementDays(), c.reportReminderDays(),
                        c.waitlistDays(), JsonLists.write(c.trancheShares()),
                        JsonLists.write(c.expertPool()), null, c.createdBy(), Timestamps.toDb(c.createdAt()))
                .update();
        for (Competition.Criterion criterion : c.criteria()) {
            jdbc.sql("INSERT INTO grant_criterion (competition_id, position, name, description, weight, max_score) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(c.id(), criterion.position(), criterion.name(), criterion.description(), criterion.weight(),
                            criterion.maxScore())
                    .update();
        }
        for (Competition.PassMark mark : c.passMarks()) {
            jdbc.sql("INSERT INTO grant_pass_mark (competition_id, amount_from, pass_mark) VALUES (?, ?, ?)")
                    .params(c.id(), mark.amountFrom(), mark.passMark())
                    .update();
        }
    }

    /**
     * The documents the competition of an application requires, in one statement: an upload asks it before its own
     * transaction, where the application and the competition in full were six reads, each autocommitted.
     */
    Optional<List<String>> requiredDocumentsOfApplication(UUID applicationId) {
        return jdbc.sql("SELECT c.required_documents FROM grant_competition c JOIN grant_application a ON a.competition_id = c.id"
                        + " WHERE a.id = ?")
                .param(applicationId).query((rs, row) -> JsonLists.strings(rs.getString("required_documents"))).optional();
    }

    Optional<Competition> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_competition WHERE id = ?").param(id)
                .query((rs, row) -> competition(rs)).optional();
    }

    List<Competition> findByCentres(List<UUID> centreIds, boolean everything) {
        if (everything) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM grant_competition ORDER BY closes_at DESC")
                    .query((rs, row) -> competition(rs)).list();
        }
        if (centreIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_competition WHERE centre_id IN (:centres) ORDER BY closes_at DESC")
                .param("centres", centreIds).query((rs, row) -> competition(rs)).list();
    }

    /** Marks the committee's decision; false if it was already taken. */
    boolean markDecided(UUID id, Instant at) {
        return jdbc.sql("UPDATE grant_competition SET decided_at = ? WHERE id = ? AND decided_at IS NULL")
                .params(Timestamps.toDb(at), id).update() == 1;
    }

    private Competition competition(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<Competition.Criterion> criteria = jdbc.sql("SELECT position, name, description, weight, max_score "
                        + "FROM grant_criterion WHERE competition_id = ? ORDER BY position").param(id)
                .query((c, row) -> new Competition.Criterion(c.getInt("position"), c.getString("name"),
                        c.getString("description"), c.getBigDecimal("weight"), c.getInt("max_score")))
                .list();
        List<Competition.PassMark> marks = jdbc.sql("SELECT amount_from, pass_mark FROM grant_pass_mark "
                        + "WHERE competition_id = ? ORDER BY amount_from").param(id)
                .query((m, row) -> new Competition.PassMark(m.getBigDecimal("amount_from"), m.getBigDecimal("pass_mark")))
                .list();
        return new Competition(id, rs.getObject("centre_id", UUID.class), rs.getString("title"), rs.getString("description"),
                instant(rs, "opens_at"), instant(rs, "closes_at"), rs.getObject("review_due", LocalDate.class),
                rs.getBigDecimal("budget_pool"), rs.getBigDecimal("min_grant"), rs.getBigDecimal("max_grant"),
                rs.getInt("max_months"), rs.getInt("experts_per_application"),
                new Competition.SectorMix(rs.getInt("min_cso_experts"), rs.getInt("min_government_experts"),
                        rs.getInt("min_business_experts")),
                rs.getInt("min_registration_months"), JsonLists.strings(rs.getString("required_documents")),
                rs.getInt("score_spread_percent"), rs.getInt("clarification_days"), rs.getInt("review_reminder_days"),
                rs.getInt("agreement_days"), rs.getInt("report_reminder_days"), rs.getInt("waitlist_days"),
                JsonLists.integers(rs.getString("tranche_shares")),
                JsonLists.strings(rs.getString("expert_pool")), criteria, marks, instant(rs, "decided_at"),
                rs.getString("created_by"), instant(rs, "created_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
