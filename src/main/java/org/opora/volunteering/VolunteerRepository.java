package org.opora.volunteering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.opora.system.Timestamps;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class VolunteerRepository {

    private static final String COLUMNS = "id, status, name, email, phone, language, district, city, latitude, longitude, "
            + "birth_year, clearance, skills, interests, availability, available_from, available_until, max_per_month, about, "
            + "consent_at, email_confirmed_at, no_shows, last_no_show_on, created_at";

    /** Rows fetched at a time when the whole pool is read: PostgreSQL's driver then reads through a cursor. */
    static final int POOL_FETCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    /** For the whole pool: the same database, with a fetch size. */
    private final JdbcClient fetching;
    /** A read-only transaction for the whole pool's read: PostgreSQL's driver uses a cursor only inside one. */
    private final TransactionTemplate readOnly;

    VolunteerRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(POOL_FETCH_SIZE);
        this.fetching = JdbcClient.create(template);
        this.readOnly = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.readOnly.setReadOnly(true);
    }

    void insert(Volunteer v) {
        jdbc.sql("INSERT INTO volunteer (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(v.id(), v.status().name(), v.name(), v.email(), v.phone(), v.language(), v.district(), v.city(),
                        v.latitude(), v.longitude(), v.birthYear(), v.clearance(), Tags.toColumn(v.skills()),
                        Tags.toColumn(v.interests()), Availability.toColumn(v.availability()), v.availableFrom(), v.availableUntil(),
                        v.maxPerMonth(),
                        v.about(), ts(v.consentAt()), ts(v.emailConfirmedAt()), v.noShows(), v.lastNoShowOn(), ts(v.createdAt()))
                .update();
    }

    /** The parts of a profile the volunteer edits through their link. */
    void updateProfile(Volunteer v) {
        jdbc.sql("UPDATE volunteer SET name = ?, phone = ?, language = ?, district = ?, city = ?, latitude = ?, longitude = ?, "
                        + "clearance = ?, skills = ?, interests = ?, availability = ?, available_from = ?, available_until = ?, "
                        + "max_per_month = ?, about = ? WHERE id = ? AND status <> 'LEFT'")
                .params(v.name(), v.phone(), v.language(), v.district(), v.city(), v.latitude(), v.longitude(), v.clearance(),
                        Tags.toColumn(v.skills()), Tags.toColumn(v.interests()), Availability.toColumn(v.availability()), v.availableFrom(),
                        v.availableUntil(), v.maxPerMonth(), v.about(), v.id())
                .update();
    }

    Optional<Volunteer> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM volunteer WHERE id = ?").param(id).query(VolunteerRepository::volunteer).optional();
    }

    /** Several volunteers in one query (a ranking's top 50), by id; the ones not found are left out. */
    Map<UUID, Volunteer> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Volunteer> found = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM volunteer WHERE id IN (:ids)").param("ids", ids)
                .query(VolunteerRepository::volunteer).list().forEach(volunteer -> found.put(volunteer.id(), volunteer));
        return found;
    }

    Optional<Volunteer> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM volunteer WHERE email = ?").param(email).query(VolunteerRepository::volunteer)
                .optional();
    }

    boolean confirmEmail(UUID id, Instant at) {
        return jdbc.sql("UPDATE volunteer SET status = 'ACTIVE', email_confirmed_at = ? WHERE id = ? AND status = 'PENDING'")
                .params(ts(at), id).update() == 1;
    }

    boolean setStatus(UUID id, Volunteer.Status from, Volunteer.Status to) {
        return jdbc.sql("UPDATE volunteer SET status = ? WHERE id = ? AND status = ?").params(to.name(), id, from.name())
                .update() == 1;
    }

    /** Leaving: personal data and free text go; district, city, skills, interests and hours stay, anonymous. */
    boolean erase(UUID id, Instant at) {
        jdbc.sql("UPDATE volunteer_feedback SET comment = NULL WHERE volunteer_id = ?").param(id).update();
        return jdbc.sql("UPDATE volunteer SET status = 'LEFT', name = NULL, email = NULL, phone = NULL, latitude = NULL, "
                        + "longitude = NULL, about = NULL, birth_year = NULL, availability = '[]', left_at = ? "
                        + "WHERE id = ? AND status <> 'LEFT'")
                .params(ts(at), id).update() == 1;
    }

    /**
     * The outbox keeps rendered e-mails (with the volunteer's name, address and links) after sending.
     * Leaving must erase them too, and the mail package has no way to ask for it yet, so the rows of
     * this address, or naming it, are emptied here; unsent ones to the leaver are dropped.
     */
    void markOffered(Set<UUID> ids, Instant at) {
        for (UUID id : ids) {
            jdbc.sql("UPDATE volunteer SET last_offered_at = ? WHERE id = ?").params(ts(at), id).update();
        }
    }

    void recordNoShow(UUID id, LocalDate on) {
        jdbc.sql("UPDATE volunteer SET no_shows = no_shows + 1, last_no_show_on = ? WHERE id = ?").params(on, id).update();
    }

    private static final String PROFILE = "SELECT id, district, city, latitude, longitude, birth_year, clearance, skills, interests, "
            + "availability, available_from, available_until, max_per_month FROM volunteer WHERE status = 'ACTIVE'";

    /**
     * Every active volunteer, for the ranking's snapshot, handed over row by row as the rows arrive: read
     * {@value #POOL_FETCH_SIZE} at a time inside a read-only transaction (the caller's, if one is open), so
     * neither the driver's result nor a list of 100,000 profiles is held beside the snapshot being built.
     */
    void activeProfiles(Consumer<CandidateSnapshot.Profile> each) {
        try {
            readOnly.executeWithoutResult(status -> fetching.sql(PROFILE).query(rs -> {
                each.accept(profile(rs, 0));
            }));
        } catch (CannotCreateTransactionException noConnection) {
            // As every other read here says it: no connection is a data access failure.
            throw new DataAccessResourceFailureException("The volunteer pool could not be read", noConnection);
        }
    }

    /** Those of the given volunteers who are active, for a snapshot that reads only the changed ones again. */
    List<CandidateSnapshot.Profile> activeProfiles(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(PROFILE + " AND id IN (:ids)").param("ids", ids).query(VolunteerRepository::profile).list();
    }

    private static CandidateSnapshot.Profile profile(ResultSet rs, int row) throws SQLException {
        return new CandidateSnapshot.Profile(rs.getObject("id", UUID.class), rs.getString("district"),
                rs.getString("city"), (Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"),
                (Integer) rs.getObject("birth_year"), rs.getBoolean("clearance"), Tags.fromColumn(rs.getString("skills")),
                Tags.fromColumn(rs.getString("interests")), Availability.week(Availability.fromColumn(rs.getString("availability"))),
                rs.getObject("available_from", LocalDate.class), rs.getObject("available_until", LocalDate.class),
                rs.getInt("max_per_month"));
    }

    Map<UUID, LocalDate> offeredSince(Instant since, ZoneId zone) {
        Map<UUID, LocalDate> last = new HashMap<>();
        jdbc.sql("SELECT id, last_offered_at FROM volunteer WHERE last_offered_at >= ?").param(ts(since))
                .query(rs -> {
                    last.put(rs.getObject("id", UUID.class), LocalDate.ofInstant(instant(rs, "last_offered_at"), zone));
                });
        return last;
    }

    Map<UUID, VolunteerRanking.NoShows> noShows() {
        Map<UUID, VolunteerRanking.NoShows> result = new HashMap<>();
        jdbc.sql("SELECT id, no_shows, last_no_show_on FROM volunteer WHERE no_shows > 0 AND status = 'ACTIVE'")
                .query(rs -> {
                    result.put(rs.getObject("id", UUID.class), new VolunteerRanking.NoShows(rs.getInt("no_shows"),
                            rs.getObject("last_no_show_on", LocalDate.class)));
                });
        return result;
    }

    /** Accepted commitments whose current date falls in the month (a weekly request counts its dates in it). */
    Map<UUID, Integer> load(LocalDate month) {
        LocalDate first = month.withDayOfMonth(1);
        Map<UUID, Integer> load = new HashMap<>();
        jdbc.sql("SELECT o.volunteer_id, r.repeat_weeks FROM volunteer_offer o JOIN volunteer_request r ON r.id = o.request_id "
                        + "WHERE o.status = 'ACCEPTED' AND r.state <> 'CLOSED' AND r.occurrence >= ? AND r.occurrence < ?")
                .params(first, first.plusMonths(1))
                .query(rs -> {
                    int weeks = rs.getInt("repeat_weeks");
                    load.merge(rs.getObject("volunteer_id", UUID.class), weeks == 0 ? 1 : (4 + weeks - 1) / weeks, Integer::sum);
                });
        return load;
    }

    Map<UUID, List<VolunteerRanking.Decline>> declinesSince(Instant since) {
        Map<UUID, List<VolunteerRanking.Decline>> result = new HashMap<>();
        jdbc.sql("SELECT o.volunteer_id, o.decline_reason, r.cause, r.occurrence FROM volunteer_offer o "
                        + "JOIN volunteer_request r ON r.id = o.request_id "
                        + "WHERE o.status = 'DECLINED' AND o.decline_reason IN ('DATE', 'CAUSE') AND o.answered_at >= ?")
                .param(ts(since))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("volunteer_id", UUID.class), key -> new ArrayList<>())
                            .add(new VolunteerRanking.Decline(rs.getString("decline_reason"), rs.getString("cause"),
                                    rs.getObject("occurrence", LocalDate.class)));
                });
        return result;
    }

    Set<UUID> offeredFor(UUID requestId) {
        return new HashSet<>(jdbc.sql("SELECT volunteer_id FROM volunteer_offer WHERE request_id = ?").param(requestId)
                .query(UUID.class).list());
    }

    record PoolCount(String key, long volunteers) {
    }

    List<PoolCount> activeByDistrict() {
        return jdbc.sql("SELECT COALESCE(district, city, '-') AS place, COUNT(*) AS n FROM volunteer WHERE status = 'ACTIVE' "
                        + "GROUP BY COALESCE(district, city, '-') ORDER BY n DESC, place")
                .query((rs, row) -> new PoolCount(rs.getString("place"), rs.getLong("n"))).list();
    }

    /** Skills of active volunteers, counted in Java: they are stored one per line. */
    List<PoolCount> activeBySkill() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT skills FROM volunteer WHERE status = 'ACTIVE'").query(String.class).list()
                .forEach(text -> Tags.fromColumn(text).forEach(skill -> counts.merge(skill, 1L, Long::sum)));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> new PoolCount(entry.getKey(), entry.getValue())).toList();
    }

    Map<String, Long> countByStatus() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT status, COUNT(*) AS n FROM volunteer GROUP BY status")
                .query(rs -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return counts;
    }

    static OffsetDateTime ts(Instant instant) {
        return Timestamps.toDb(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }

    static Volunteer volunteer(ResultSet rs, int row) throws SQLException {
        return new Volunteer(rs.getObject("id", UUID.class), Volunteer.Status.valueOf(rs.getString("status")),
                rs.getString("name"), rs.getString("email"), rs.getString("phone"), rs.getString("language"),
                rs.getString("district"), rs.getString("city"), (Double) rs.getObject("latitude"),
                (Double) rs.getObject("longitude"), (Integer) rs.getObject("birth_year"), rs.getBoolean("clearance"),
                Tags.fromColumn(rs.getString("skills")), Tags.fromColumn(rs.getString("interests")),
                Availability.fromColumn(rs.getString("availability")),
                rs.getObject("available_from", LocalDate.class), rs.getObject("available_until", LocalDate.class),
                rs.getInt("max_per_month"), rs.getString("about"), instant(rs, "consent_at"), instant(rs, "email_confirmed_at"),
                rs.getInt("no_shows"), rs.getObject("last_no_show_on", LocalDate.class), instant(rs, "created_at"));
    }
}
