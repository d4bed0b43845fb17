package org.opora.correspondence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.opora.cases.CaseScope;
import org.opora.system.Databases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

@Repository
class LetterRepository {

    private static final String COLUMNS = "id, body_id, subject, topic, text, request_kind, needed_by, channel, sent_on, "
            + "tracking, registration_number, registered_on, answer_due, extended, answered_on, answer_rating, complaint_draft, "
            + "parent_letter_id, letter_kind, region, cosigners, attachments, answer_summary";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final boolean postgres;

    LetterRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /** The letter of its case, which exists already: its centre, organisation and creation are copied for lists (ADR 26). */
    void insert(Letter letter) {
        jdbc.sql("INSERT INTO letter (id, body_id, subject, topic, text, request_kind, needed_by, parent_letter_id, letter_kind, "
                        + "region, cosigners, attachments, centre_id, organisation_id, created_at) "
                        + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, c.centre_id, c.organisation_id, c.created_at FROM opora_case c WHERE c.id = ?")
                .params(letter.id(), letter.bodyId(), letter.subject(), letter.topic(), letter.text(),
                        letter.requestKind().name(), letter.neededBy(), letter.parentLetterId(), letter.kind().name(),
                        letter.region(), jsonList(letter.cosigners()), jsonList(letter.attachments()), letter.id())
                .update();
    }

    Optional<Letter> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM letter WHERE id = ?").param(id).query(LetterRepository::letter).optional();
    }

    /**
     * Letters of the scope's cases, earliest answer due first (none last), then newest; only overdue
     * ones if {@code overdueOn} is given. The letter carries its case's centre, organisation and
     * creation (ADR 26), so a centre's or an organisation's page is one range of an index in this order
     * that stops after the page; the case table is not joined.
     */
    List<Letter> findPage(CaseScope scope, LocalDate overdueOn, int offset, int limit) {
        CaseScope.SqlCondition visible = scope.toSql("l", "id");
        return jdbc.sql("SELECT " + qualified() + " FROM letter l WHERE " + visible.sql() + overdue(overdueOn)
                        + " ORDER BY l.answer_due NULLS LAST, l.created_at DESC, l.id LIMIT :limit OFFSET :offset")
                .params(visible.parameters())
                .params(overdueOn == null ? Map.of() : Map.of("overdueOn", overdueOn))
                .param("limit", limit)
                .param("offset", offset)
                .query(LetterRepository::letter)
                .list();
    }

    long count(CaseScope scope, LocalDate overdueOn) {
        CaseScope.SqlCondition visible = scope.toSql("l", "id");
        return jdbc.sql("SELECT COUNT(*) FROM letter l WHERE " + visible.sql() + overdue(overdueOn))
                .params(visible.parameters())
                .params(overdueOn == null ? Map.of() : Map.of("overdueOn", overdueOn))
                .query(Long.class)
                .single();
    }

    private static String overdue(LocalDate overdueOn) {
        return overdueOn == null ? "" : " AND l.answer_due < :overdueOn AND l.answered_on IS NULL";
    }

    /** Every letter of the scope, for reports and exports (a centre's letters, not millions). */
    List<Letter> findAll(CaseScope scope) {
        CaseScope.SqlCondition visible = scope.toSql("l", "id");
        return jdbc.sql("SELECT " + qualified() + " FROM letter l WHERE " + visible.sql() + " ORDER BY l.created_at, l.id")
                .params(visible.parameters())
                .query(LetterRepository::letter)
                .list();
    }

    private static String qualified() {
        return "l." + COLUMNS.replace(", ", ", l.");
    }

    void recordDispatch(UUID id, LetterTiming.Channel channel, LocalDate sentOn, String tracking) {
        jdbc.sql("UPDATE letter SET channel = ?, sent_on = ?, tracking = ? WHERE id = ?")
                .params(channel.name(), sentOn, tracking, id).update();
    }

    void recordRegistration(UUID id, String number, LocalDate registeredOn, LocalDate answerDue) {
        jdbc.sql("UPDATE letter SET registration_number = ?, registered_on = ?, answer_due = ? WHERE id = ?")
                .params(number, registeredOn, answerDue, id).update();
    }

    void extend(UUID id, LocalDate answerDue) {
        jdbc.sql("UPDATE letter SET extended = TRUE, answer_due = ? WHERE id = ?").params(answerDue, id).update();
    }

    void recordAnswer(UUID id, LocalDate answeredOn, Letter.Rating rating, String summary) {
        jdbc.sql("UPDATE letter SET answered_on = ?, answer_rating = ?, answer_summary = ? WHERE id = ?")
                .params(answeredOn, rating == null ? null : rating.name(), summary, id).update();
    }

    /** A forwarded letter is registered anew at the new body, and its answer clock starts again. */
    void forward(UUID id, UUID fromBodyId, UUID toBodyId, LocalDate forwardedOn, String registrationNumber,
            LocalDate registeredOn, LocalDate answerDue) {
        jdbc.sql("INSERT INTO letter_forwarding (id, letter_id, from_body_id, to_body_id, forwarded_on) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), id, fromBodyId, toBodyId, forwardedOn).update();
        jdbc.sql("UPDATE letter SET body_id = ?, registration_number = ?, registered_on = ?, answer_due = ?, extended = FALSE "
                        + "WHERE id = ?")
                .params(toBodyId, registrationNumber, registeredOn, answerDue, id).update();
    }

    record Forwarding(UUID fromBodyId, UUID toBodyId, LocalDate forwardedOn) {
    }

    /** One body's figures over the letters of a scope, counted by the database, never loaded letter by letter (docs/performance.md). */
    record BodyCounts(UUID bodyId, int letters, int answered, int answeredOnTime, Double averageAnswerDays, int overdue) {
    }

    /**
     * Per body, in the order of each body's first letter: counts and the average days from registration
     * to answer. A centre's letters are one range of {@code letter_statistics_idx}, which holds every
     * column counted here, so PostgreSQL reads the index alone, not the letters (ADR 26).
     */
    List<BodyCounts> countsPerBody(CaseScope scope, LocalDate today) {
        CaseScope.SqlCondition visible = scope.toSql("l", "id");
        String days = postgres ? "(l.answered_on - l.registered_on)" : "DATEDIFF(DAY, l.registered_on, l.answered_on)";
        return jdbc.sql("SELECT l.body_id, COUNT(*) AS letters, COUNT(l.answered_on) AS answered,"
                        + " SUM(CASE WHEN l.answered_on IS NOT NULL AND l.answer_due IS NOT NULL AND l.answered_on <= l.answer_due"
                        + " THEN 1 ELSE 0 END) AS on_time,"
                        + " AVG(CASE WHEN l.answered_on IS NOT NULL AND l.registered_on IS NOT NULL THEN CAST(" + days
                        + " AS DOUBLE PRECISION) END) AS average_days,"
                        + " SUM(CASE WHEN l.answered_on IS NULL AND l.answer_due < :today THEN 1 ELSE 0 END) AS overdue"
                        + " FROM letter l WHERE " + visible.sql()
                        + " GROUP BY l.body_id ORDER BY MIN(l.created_at)")
                .params(visible.parameters())
                .param("today", today, Types.DATE)
                .query((rs, row) -> new BodyCounts(rs.getObject("body_id", UUID.class), rs.getInt("letters"), rs.getInt("answered"),
                        rs.getInt("on_time"), (Double) rs.getObject("average_days", Double.class), rs.getInt("overdue")))
                .list();
    }

    /** How many organisations of the scope wrote to each body, in one query. */
    Map<UUID, Integer> organisationsPerBody(CaseScope scope) {
        CaseScope.SqlCondition visible = scope.toSql("l", "id");
        Map<UUID, Integer> counts = new HashMap<>();
        jdbc.sql("SELECT l.body_id, COUNT(DISTINCT l.organisation_id) AS organisations FROM letter l WHERE " + visible.sql()
                        + " GROUP BY l.body_id")
                .params(visible.parameters())
                .query((rs, row) -> counts.put(rs.getObject("body_id", UUID.class), rs.getInt("organisations")))
                .list();
        return counts;
    }

    /** How often each body forwarded letters of the scope away, in one query. */
    Map<UUID, Integer> forwardedAwayCounts(CaseScope scope) {
        CaseScope.SqlCondition visible = scope.toSql("c");
        Map<UUID, Integer> counts = new HashMap<>();
        jdbc.sql("SELECT f.from_body_id, COUNT(*) AS times FROM letter_forwarding f JOIN opora_case c ON c.id = f.letter_id "
                        + "WHERE " + visible.sql() + " GROUP BY f.from_body_id")
                .params(visible.parameters())
                .query((rs, row) -> counts.put(rs.getObject("from_body_id", UUID.class), rs.getInt("times")))
                .list();
        return counts;
    }

    List<Forwarding> forwardings(UUID id) {
        return jdbc.sql("SELECT from_body_id, to_body_id, forwarded_on FROM letter_forwarding WHERE letter_id = ? "
                        + "ORDER BY forwarded_on, id")
                .param(id)
                .query((rs, row) -> new Forwarding(rs.getObject("from_body_id", UUID.class), rs.getObject("to_body_id", UUID.class),
                        rs.getObject("forwarded_on", LocalDate.class)))
                .list();
    }

    /** Counts that letters about a topic went from one body to another. */
    void observeRoute(String topic, UUID fromBodyId, UUID toBodyId) {
        int updated = jdbc.sql("UPDATE route_observation SET times = times + 1 WHERE topic = ? AND from_body_id = ? AND to_body_id = ?")
                .params(topic, fromBodyId, toBodyId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO route_observation (topic, from_body_id, to_body_id, times) VALUES (?, ?, ?, 1)")
                    .params(topic, fromBodyId, toBodyId).update();
        }
    }

    record Route(UUID toBodyId, int times) {
    }

    /** Where letters about this topic sent to this body went in the end, most often first. */
    List<Route> observedRoutes(String topic, UUID fromBodyId) {
        return jdbc.sql("SELECT to_body_id, times FROM route_observation WHERE topic = ? AND from_body_id = ? ORDER BY times DESC")
                .params(topic, fromBodyId)
                .query((rs, row) -> new Route(rs.getObject("to_body_id", UUID.class), rs.getInt("times")))
                .list();
    }

    /** Calendar days from registration to answer of each answered letter to the body. */
    List<Long> answerDays(UUID bodyId) {
        return jdbc.sql("SELECT registered_on, answered_on FROM letter WHERE body_id = ? AND registered_on IS NOT NULL "
                        + "AND answered_on IS NOT NULL")
                .param(bodyId)
                .query((rs, row) -> java.time.temporal.ChronoUnit.DAYS.between(rs.getObject("registered_on", LocalDate.class),
                        rs.getObject("answered_on", LocalDate.class)))
                .list();
    }

    void updateText(UUID id, String text) {
        jdbc.sql("UPDATE letter SET text = ? WHERE id = ?").params(text, id).update();
    }

    void requestDocuments(UUID id, String what, LocalDate dueBy) {
        jdbc.sql("UPDATE letter SET documents_requested = ?, documents_due = ? WHERE id = ?").params(what, dueBy, id).update();
    }

    Optional<LocalDate> documentsDue(UUID id) {
        return jdbc.sql("SELECT documents_due FROM letter WHERE id = ?").param(id).query(LocalDate.class).optional();
    }

    Optional<UUID> childOf(UUID parentId, Letter.Kind kind) {
        return jdbc.sql("SELECT id FROM letter WHERE parent_letter_id = ? AND letter_kind = ?")
                .params(parentId, kind.name()).query(UUID.class).optional();
    }

    boolean hasChild(UUID parentId, Letter.Kind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM letter WHERE parent_letter_id = ? AND letter_kind = ?")
                .params(parentId, kind.name()).query(Long.class).single() > 0;
    }

    void saveComplaintDraft(UUID id, String draft) {
        jdbc.sql("UPDATE letter SET complaint_draft = ? WHERE id = ?").params(draft, id).update();
    }

    /** Co-signers are a JSON array (migration V41): a name with a line break stays one name. */
    /** Lists (co-signers, attachments) are JSON arrays (V41, V97); an empty one is NULL. */
    private static String jsonList(List<String> items) {
        try {
            return items == null || items.isEmpty() ? null : JSON.writeValueAsString(items);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<String> listOf(String json) {
        try {
            return json == null || json.isBlank() ? List.of() : List.copyOf(JSON.readValue(json, STRINGS));
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("Not a JSON list: " + json, corrupt);
        }
    }

    private static Letter letter(ResultSet rs, int row) throws SQLException {
        String channel = rs.getString("channel");
        String rating = rs.getString("answer_rating");
        return new Letter(
                rs.getObject("id", UUID.class),
                rs.getObject("body_id", UUID.class),
                rs.getString("subject"),
                rs.getString("topic"),
                rs.getString("text"),
                LetterTiming.RequestKind.valueOf(rs.getString("request_kind")),
                rs.getObject("needed_by", LocalDate.class),
                channel == null ? null : LetterTiming.Channel.valueOf(channel),
                rs.getObject("sent_on", LocalDate.class),
                rs.getString("tracking"),
                rs.getString("registration_number"),
                rs.getObject("registered_on", LocalDate.class),
                rs.getObject("answer_due", LocalDate.class),
                rs.getBoolean("extended"),
                rs.getObject("answered_on", LocalDate.class),
                rating == null ? null : Letter.Rating.valueOf(rating),
                rs.getString("complaint_draft"),
                rs.getObject("parent_letter_id", UUID.class),
                Letter.Kind.valueOf(rs.getString("letter_kind")),
                rs.getString("region"),
                listOf(rs.getString("cosigners")),
                listOf(rs.getString("attachments")),
                rs.getString("answer_summary"));
    }
}
