package org.opora.volunteering;

import static org.opora.volunteering.VolunteerRepository.instant;
import static org.opora.volunteering.VolunteerRepository.ts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opora.cases.CaseScope;
import org.opora.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RequestRepository {

    private static final String COLUMNS = "id, organisation_id, title, what, why, place, district, city, latitude, longitude, "
            + "cause, first_date, start_time, end_time, repeat_weeks, occurrence, needed, filled, required_skills, nice_skills, "
            + "min_age, involves_children, contact_name, contact_email, contact_phone, state, refusal_reason, close_requested";
    private static final String OFFER_COLUMNS = "id, request_id, volunteer_id, status, score, explanation, offered_at, "
            + "expires_at, answered_at, decline_reason";

    private final JdbcClient jdbc;

    RequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(VolunteerRequest r) {
        jdbc.sql("INSERT INTO volunteer_request (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.organisationId(), r.title(), r.what(), r.why(), r.place(), r.district(), r.city(),
                        r.latitude(), r.longitude(), r.cause(), r.firstDate(), r.startTime(), r.endTime(), r.repeatWeeks(),
                        r.occurrence(), r.needed(), r.filled(), Tags.toColumn(r.requiredSkills()), Tags.toColumn(r.niceSkills()),
                        r.minAge(), r.involvesChildren(), r.contactName(), r.contactEmail(), r.contactPhone(), r.state().name(),
                        r.refusalReason(), r.closeRequested())
                .update();
    }

    Optional<VolunteerRequest> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM volunteer_request WHERE id = ?").param(id).query(RequestRepository::request)
                .optional();
    }

    List<VolunteerRequest> findAll(CaseScope scope, VolunteerRequest.State state, boolean shortOnly) {
        CaseScope.SqlCondition visible = scope.toSql("c");
        return jdbc.sql("SELECT " + qualified() + " FROM volunteer_request r JOIN opora_case c ON c.id = r.id WHERE "
                        + visible.sql() + " AND (:state IS NULL OR r.state = :state)"
                        + (shortOnly ? " AND r.filled < r.needed AND r.state IN ('MATCHING', 'NO_MATCH')" : "")
                        + " ORDER BY r.occurrence, c.created_at LIMIT 500")
                .params(visible.parameters())
                .param("state", state == null ? null : state.name(), java.sql.Types.VARCHAR)
                .query(RequestRepository::request).list();
    }

    void setState(UUID id, VolunteerRequest.State state) {
        jdbc.sql("UPDATE volunteer_request SET state = ? WHERE id = ?").params(state.name(), id).update();
    }

    void refuse(UUID id, String reason) {
        jdbc.sql("UPDATE volunteer_request SET state = 'REFUSED', refusal_reason = ? WHERE id = ?").params(reason, id).update();
    }

    void revise(UUID id, String what, String why, int needed) {
        jdbc.sql("UPDATE volunteer_request SET what = ?, why = ?, needed = ?, state = 'VETTING' WHERE id = ?")
                .params(what, why, needed, id).update();
    }

    /**
     * Locks the request's row until the transaction ends. Everything that changes a request's offers
     * or places takes this lock first, so concurrent answers and timers queue in one order instead of
     * deadlocking over offer and link rows.
     */
    void lock(UUID id) {
        jdbc.sql("SELECT id FROM volunteer_request WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
    }

    /**
     * Takes a place if one is open: the database decides, so of concurrent accepts for the last
     * place exactly one gets it (the row lock serialises them and the condition is checked again).
     */
    boolean takePlace(UUID id) {
        return jdbc.sql("UPDATE volunteer_request SET filled = filled + 1 WHERE id = ? AND filled < needed "
                        + "AND state IN ('MATCHING', 'NO_MATCH', 'FILLED')")
                .param(id).update() == 1;
    }

    void releasePlace(UUID id) {
        jdbc.sql("UPDATE volunteer_request SET filled = filled - 1 WHERE id = ? AND filled > 0").param(id).update();
    }

    void nextOccurrence(UUID id, LocalDate occurrence) {
        jdbc.sql("UPDATE volunteer_request SET occurrence = ? WHERE id = ?").params(occurrence, id).update();
    }

    void requestClose(UUID id) {
        jdbc.sql("UPDATE volunteer_request SET close_requested = TRUE WHERE id = ?").param(id).update();
    }

    // Offers

    void insertOffer(Offer o) {
        jdbc.sql("INSERT INTO volunteer_offer (" + OFFER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(o.id(), o.requestId(), o.volunteerId(), o.status().name(), o.score(), o.explanation(),
                        ts(o.offeredAt()), ts(o.expiresAt()), ts(o.answeredAt()), o.declineReason())
                .update();
    }

    Optional<Offer> findOffer(UUID id) {
        return jdbc.sql("SELECT " + OFFER_COLUMNS + " FROM volunteer_offer WHERE id = ?").param(id)
                .query(RequestRepository::offer).optional();
    }

    List<Offer> offers(UUID requestId) {
        return jdbc.sql("SELECT " + OFFER_COLUMNS + " FROM volunteer_offer WHERE request_id = ? ORDER BY score DESC, offered_at")
                .param(requestId).query(RequestRepository::offer).list();
    }

    List<Offer> offers(UUID requestId, Offer.Status status) {
        return jdbc.sql("SELECT " + OFFER_COLUMNS + " FROM volunteer_offer WHERE request_id = ? AND status = ? "
                        + "ORDER BY score DESC, offered_at")
                .params(requestId, status.name()).query(RequestRepository::offer).list();
    }

    List<Offer> offersOf(UUID volunteerId, Offer.Status status) {
        return jdbc.sql("SELECT " + OFFER_COLUMNS + " FROM volunteer_offer WHERE volunteer_id = ? AND status = ?")
                .params(volunteerId, status.name()).query(RequestRepository::offer).list();
    }

    /** Moves an offer on only from the state the caller saw, so a replayed or late answer changes nothing. */
    boolean answer(UUID offerId, Offer.Status from, Offer.Status to, Instant at, String declineReason) {
        return jdbc.sql("UPDATE volunteer_offer SET status = ?, answered_at = ?, decline_reason = ? WHERE id = ? AND status = ?")
                .params(to.name(), ts(at), declineReason, offerId, from.name()).update() == 1;
    }

    /** Offers still open whose window closed by {@code now}. */
    List<Offer> expired(UUID requestId, Instant now) {
        return jdbc.sql("SELECT " + OFFER_COLUMNS + " FROM volunteer_offer WHERE request_id = ? AND status = 'OFFERED' "
                        + "AND expires_at <= ?")
                .params(requestId, ts(now)).query(RequestRepository::offer).list();
    }

    Optional<Instant> earliestOpenExpiry(UUID requestId) {
        return jdbc.sql("SELECT MIN(expires_at) FROM volunteer_offer WHERE request_id = ? AND status = 'OFFERED'")
                .param(requestId).query((rs, row) -> Optional.ofNullable(Timestamps.fromDb(rs.getObject(1, OffsetDateTime.class))))
                .single();
    }

    // Hours and feedback

    void recordHours(UUID requestId, UUID volunteerId, LocalDate occurrence, boolean attended, BigDecimal hours, Instant at) {
        int updated = jdbc.sql("UPDATE volunteer_hours SET attended = ?, hours = ?, recorded_at = ? "
                        + "WHERE request_id = ? AND volunteer_id = ? AND occurrence = ?")
                .params(attended, hours, ts(at), requestId, volunteerId, occurrence).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO volunteer_hours (request_id, volunteer_id, occurrence, attended, hours, recorded_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(requestId, volunteerId, occurrence, attended, hours, ts(at)).update();
        }
    }

    record HoursRow(UUID requestId, String requestTitle, UUID organisationId, String organisationName, UUID volunteerId,
            LocalDate occurrence, boolean attended, BigDecimal hours) {
    }

    List<HoursRow> hours(CaseScope scope) {
        CaseScope.SqlCondition visible = scope.toSql("c");
        return jdbc.sql("SELECT h.request_id, r.title, r.organisation_id, o.name, h.volunteer_id, h.occurrence, h.attended, h.hours "
                        + "FROM volunteer_hours h JOIN volunteer_request r ON r.id = h.request_id "
                        + "JOIN organisation o ON o.id = r.organisation_id JOIN opora_case c ON c.id = r.id WHERE "
                        + visible.sql() + " ORDER BY h.occurrence, r.title")
                .params(visible.parameters()).query(RequestRepository::hoursRow).list();
    }

    List<HoursRow> hoursOf(UUID volunteerId) {
        return jdbc.sql("SELECT h.request_id, r.title, r.organisation_id, o.name, h.volunteer_id, h.occurrence, h.attended, h.hours "
                        + "FROM volunteer_hours h JOIN volunteer_request r ON r.id = h.request_id "
                        + "JOIN organisation o ON o.id = r.organisation_id WHERE h.volunteer_id = ? ORDER BY h.occurrence")
                .param(volunteerId).query(RequestRepository::hoursRow).list();
    }

    List<HoursRow> hoursFor(UUID requestId, LocalDate occurrence) {
        return jdbc.sql("SELECT h.request_id, r.title, r.organisation_id, o.name, h.volunteer_id, h.occurrence, h.attended, h.hours "
                        + "FROM volunteer_hours h JOIN volunteer_request r ON r.id = h.request_id "
                        + "JOIN organisation o ON o.id = r.organisation_id WHERE h.request_id = ? AND h.occurrence = ?")
                .params(requestId, occurrence).query(RequestRepository::hoursRow).list();
    }

    BigDecimal hoursForRequest(UUID requestId) {
        return jdbc.sql("SELECT COALESCE(SUM(hours), 0) FROM volunteer_hours WHERE request_id = ?").param(requestId)
                .query(BigDecimal.class).single();
    }

    void insertFeedback(UUID requestId, UUID volunteerId, int rating, String comment, Instant at) {
        jdbc.sql("INSERT INTO volunteer_feedback (id, request_id, volunteer_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), requestId, volunteerId, rating, comment, ts(at)).update();
    }

    record FeedbackRow(UUID organisationId, String organisationName, UUID requestId, String requestTitle, int rating,
            String comment, Instant at) {
    }

    /** Volunteers' feedback on the scope's organisations, newest first; who gave it is not shown. */
    List<FeedbackRow> feedback(CaseScope scope) {
        CaseScope.SqlCondition visible = scope.toSql("c");
        return jdbc.sql("SELECT r.organisation_id, o.name, r.id, r.title, f.rating, f.comment, f.created_at FROM volunteer_feedback f "
                        + "JOIN volunteer_request r ON r.id = f.request_id JOIN organisation o ON o.id = r.organisation_id "
                        + "JOIN opora_case c ON c.id = r.id WHERE " + visible.sql() + " ORDER BY f.created_at DESC LIMIT 1000")
                .params(visible.parameters())
                .query((rs, row) -> new FeedbackRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getInt(5), rs.getString(6), instant(rs, "created_at")))
                .list();
    }

    private static String qualified() {
        return "r." + COLUMNS.replace(", ", ", r.");
    }

    private static HoursRow hoursRow(ResultSet rs, int row) throws SQLException {
        return new HoursRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getObject(5, UUID.class), rs.getObject(6, LocalDate.class), rs.getBoolean(7), rs.getBigDecimal(8));
    }

    static VolunteerRequest request(ResultSet rs, int row) throws SQLException {
        return new VolunteerRequest(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getString("title"), rs.getString("what"), rs.getString("why"), rs.getString("place"), rs.getString("district"),
                rs.getString("city"), (Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"), rs.getString("cause"),
                rs.getObject("first_date", LocalDate.class), rs.getObject("start_time", LocalTime.class),
                rs.getObject("end_time", LocalTime.class), rs.getInt("repeat_weeks"), rs.getObject("occurrence", LocalDate.class),
                rs.getInt("needed"), rs.getInt("filled"), Tags.fromColumn(rs.getString("required_skills")),
                Tags.fromColumn(rs.getString("nice_skills")), rs.getInt("min_age"), rs.getBoolean("involves_children"),
                rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone"),
                VolunteerRequest.State.valueOf(rs.getString("state")), rs.getString("refusal_reason"),
                rs.getBoolean("close_requested"));
    }

    static Offer offer(ResultSet rs, int row) throws SQLException {
        return new Offer(rs.getObject("id", UUID.class), rs.getObject("request_id", UUID.class),
                rs.getObject("volunteer_id", UUID.class), Offer.Status.valueOf(rs.getString("status")), rs.getDouble("score"),
                rs.getString("explanation"), instant(rs, "offered_at"), instant(rs, "expires_at"), instant(rs, "answered_at"),
                rs.getString("decline_reason"));
    }
}
