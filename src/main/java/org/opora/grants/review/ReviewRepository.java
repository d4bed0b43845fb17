package org.opora.grants.review;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.opora.system.Timestamps;
import org.opora.system.TransactionReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ReviewRepository {

    private static final String COLUMNS = "id, application_id, expert_id, state, due_on, total, assigned_at, submitted_at";

    private final JdbcClient jdbc;
    /**
     * A review is read once per transaction (each write forgets it): its assignee, due date, reminder and overdue
     * timers and gateways are five to seven expressions of one step (docs/performance.md, figure 1).
     */
    private final TransactionReads<UUID, Review> read = new TransactionReads<>();

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID applicationId, String expertId, LocalDate dueOn, Instant at) {
        read.forget(id);
        jdbc.sql("INSERT INTO grant_review (id, application_id, expert_id, state, due_on, assigned_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, applicationId, expertId, Review.State.ASSIGNED.name(), dueOn, Timestamps.toDb(at))
                .update();
    }

    /** Moves a review on; false if it was no longer in the expected state. */
    boolean changeState(UUID id, Review.State from, Review.State to) {
        read.forget(id);
        return jdbc.sql("UPDATE grant_review SET state = ? WHERE id = ? AND state = ?")
                .params(to.name(), id, from.name()).update() == 1;
    }

    void extend(UUID id, LocalDate dueOn) {
        read.forget(id);
        jdbc.sql("UPDATE grant_review SET due_on = ? WHERE id = ?").params(dueOn, id).update();
    }

    boolean submit(UUID id, List<Review.Score> scores, BigDecimal total, Instant at) {
        read.forget(id);
        boolean submitted = jdbc.sql("UPDATE grant_review SET state = ?, total = ?, submitted_at = ? WHERE id = ? AND state = ?")
                .params(Review.State.SUBMITTED.name(), total, Timestamps.toDb(at), id, Review.State.DECLARED.name())
                .update() == 1;
        if (submitted) {
            for (Review.Score score : scores) {
                jdbc.sql("INSERT INTO grant_review_score (review_id, position, score, comment) VALUES (?, ?, ?, ?)")
                        .params(id, score.position(), score.score(), score.comment()).update();
            }
        }
        return submitted;
    }

    Optional<Review> find(UUID id) {
        return Optional.ofNullable(read.get(id, key -> jdbc.sql("SELECT " + COLUMNS + " FROM grant_review WHERE id = ?").param(key)
                .query((rs, row) -> review(rs)).optional().orElse(null)));
    }

    /** An application's reviews with their scores read in one query, not one per review (the panel's gateways ask often). */
    List<Review> findByApplication(UUID applicationId) {
        Map<UUID, List<Review.Score>> scores = new HashMap<>();
        jdbc.sql("SELECT s.review_id, s.position, s.score, s.comment FROM grant_review_score s JOIN grant_review r ON r.id = s.review_id"
                        + " WHERE r.application_id = ? ORDER BY s.review_id, s.position")
                .param(applicationId)
                .query(rs -> {
                    scores.computeIfAbsent(rs.getObject("review_id", UUID.class), id -> new ArrayList<>())
                            .add(new Review.Score(rs.getInt("position"), rs.getInt("score"), rs.getString("comment")));
                });
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_review WHERE application_id = ? ORDER BY assigned_at, id")
                .param(applicationId)
                .query((rs, row) -> review(rs, scores.getOrDefault(rs.getObject("id", UUID.class), List.of())))
                .list();
    }

    /** Whether the expert has a review of the application that they declared free of conflict or submitted: one statement. */
    boolean hasDeclaredOrSubmitted(UUID applicationId, String expertId) {
        return jdbc.sql("SELECT COUNT(*) FROM grant_review WHERE application_id = ? AND expert_id = ? AND state IN (?, ?)")
                .params(applicationId, expertId, Review.State.DECLARED.name(), Review.State.SUBMITTED.name())
                .query(Long.class).single() > 0;
    }

    /**
     * A page of the review progress of the applications that have reviews, in order of submission: the counts
     * in SQL, the page cut in SQL, and as rows only that page's late reviews (ADR 33; no scores).
     */
    List<ReviewService.ReviewProgress> progressPage(UUID competitionId, LocalDate today, int offset, int limit) {
        // Expected: the submitted and the open ones (assigned or declared); a conflict or a reassignment is not expected.
        List<Object[]> rows = jdbc.sql("SELECT a.id, a.project_title, COUNT(CASE WHEN r.state = 'SUBMITTED' THEN 1 END) AS submitted,"
                        + " COUNT(CASE WHEN r.state IN ('SUBMITTED', 'ASSIGNED', 'DECLARED') THEN 1 END) AS expected"
                        + " FROM grant_application a JOIN grant_review r ON r.application_id = a.id WHERE a.competition_id = :competition"
                        + " GROUP BY a.id, a.project_title, a.submitted_at ORDER BY a.submitted_at, a.id LIMIT :limit OFFSET :offset")
                .param("competition", competitionId).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new Object[] {rs.getObject("id", UUID.class), rs.getString("project_title"),
                        rs.getLong("submitted"), rs.getLong("expected")})
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<ReviewService.LateReview>> late = new HashMap<>();
        jdbc.sql("SELECT r.application_id, r.expert_id, r.due_on FROM grant_review r WHERE r.application_id IN (:ids)"
                        + " AND r.state IN ('ASSIGNED', 'DECLARED') AND r.due_on < :today ORDER BY r.application_id, r.assigned_at, r.id")
                .param("ids", rows.stream().map(row -> row[0]).toList()).param("today", today)
                .query(rs -> {
                    late.computeIfAbsent(rs.getObject("application_id", UUID.class), id -> new ArrayList<>())
                            .add(new ReviewService.LateReview(rs.getString("expert_id"), rs.getObject("due_on", LocalDate.class)));
                });
        return rows.stream().map(row -> new ReviewService.ReviewProgress((UUID) row[0], (String) row[1], (Long) row[2],
                (Long) row[3], late.getOrDefault((UUID) row[0], List.of()))).toList();
    }

    /** How many applications of the competition have reviews (the review-progress list's length). */
    long progressCount(UUID competitionId) {
        return jdbc.sql("SELECT COUNT(DISTINCT r.application_id) FROM grant_review r JOIN grant_application a ON a.id = r.application_id"
                        + " WHERE a.competition_id = ?").param(competitionId).query(Long.class).single();
    }

    /** Review progress in figures, counted in SQL: reviews expected, submitted, and open past their due date. */
    ReviewService.ReviewTotals progressTotals(UUID competitionId, LocalDate today) {
        return jdbc.sql("SELECT COUNT(CASE WHEN r.state IN ('SUBMITTED', 'ASSIGNED', 'DECLARED') THEN 1 END) AS expected,"
                        + " COUNT(CASE WHEN r.state = 'SUBMITTED' THEN 1 END) AS submitted,"
                        + " COUNT(CASE WHEN r.state IN ('ASSIGNED', 'DECLARED') AND r.due_on < ? THEN 1 END) AS late"
                        + " FROM grant_review r JOIN grant_application a ON a.id = r.application_id WHERE a.competition_id = ?")
                .params(today, competitionId)
                .query((rs, row) -> new ReviewService.ReviewTotals(rs.getLong("expected"), rs.getLong("submitted"), rs.getLong("late")))
                .single();
    }

    /** The competition's late reviews, longest overdue first, at most {@code limit} (what staff act on). */
    List<ReviewService.LateRow> lateReviews(UUID competitionId, LocalDate today, int limit) {
        return jdbc.sql("SELECT r.application_id, a.project_title, r.expert_id, r.due_on FROM grant_review r"
                        + " JOIN grant_application a ON a.id = r.application_id WHERE a.competition_id = :competition"
                        + " AND r.state IN ('ASSIGNED', 'DECLARED') AND r.due_on < :today"
                        + " ORDER BY r.due_on, a.submitted_at, r.application_id, r.assigned_at, r.id LIMIT :limit")
                .param("competition", competitionId).param("today", today).param("limit", limit)
                .query((rs, row) -> new ReviewService.LateRow(rs.getObject("application_id", UUID.class), rs.getString("project_title"),
                        rs.getString("expert_id"), rs.getObject("due_on", LocalDate.class)))
                .list();
    }

    List<Review> findByExpert(String expertId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_review WHERE expert_id = ? ORDER BY due_on, assigned_at")
                .param(expertId).query((rs, row) -> review(rs)).list();
    }

    void exclude(UUID applicationId, String expertId, String reason) {
        if (excluded(applicationId).contains(expertId)) {
            return;
        }
        jdbc.sql("INSERT INTO grant_excluded_expert (application_id, expert_id, reason) VALUES (?, ?, ?)")
                .params(applicationId, expertId, reason).update();
    }

    List<String> excluded(UUID applicationId) {
        return jdbc.sql("SELECT expert_id FROM grant_excluded_expert WHERE application_id = ?").param(applicationId)
                .query(String.class).list();
    }

    private Review review(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<Review.Score> scores = jdbc.sql("SELECT position, score, comment FROM grant_review_score WHERE review_id = ? "
                        + "ORDER BY position").param(id)
                .query((s, row) -> new Review.Score(s.getInt("position"), s.getInt("score"), s.getString("comment"))).list();
        return review(rs, scores);
    }

    private Review review(ResultSet rs, List<Review.Score> scores) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Review(id, rs.getObject("application_id", UUID.class), rs.getString("expert_id"),
                Review.State.valueOf(rs.getString("state")), rs.getObject("due_on", LocalDate.class), rs.getBigDecimal("total"),
                instant(rs, "assigned_at"), instant(rs, "submitted_at"), scores);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
