package org.opora.correspondence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PublicBodyRepository {

    private static final String COLUMNS = "id, parent_id, name, kind, level, region, topics, address, website, "
            + "online_form_url, accepts_in_person, budget_requests_until";
    /** Topics are kept as one text column, separated like this. */
    private static final String TOPIC_SEPARATOR = "; ";

    private final JdbcClient jdbc;

    PublicBodyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PublicBody body) {
        jdbc.sql("INSERT INTO public_body (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(body.id(), body.parentId(), body.name(), body.kind().name(), body.level().name(), body.region(),
                        String.join(TOPIC_SEPARATOR, body.topics()), body.address(), body.website(), body.onlineFormUrl(),
                        body.acceptsInPerson(), body.budgetRequestsUntil())
                .update();
    }

    void update(PublicBody body) {
        jdbc.sql("UPDATE public_body SET parent_id = ?, name = ?, kind = ?, level = ?, region = ?, topics = ?, address = ?, "
                        + "website = ?, online_form_url = ?, accepts_in_person = ?, budget_requests_until = ? WHERE id = ?")
                .params(body.parentId(), body.name(), body.kind().name(), body.level().name(), body.region(),
                        String.join(TOPIC_SEPARATOR, body.topics()), body.address(), body.website(), body.onlineFormUrl(),
                        body.acceptsInPerson(), body.budgetRequestsUntil(), body.id())
                .update();
    }

    Optional<PublicBody> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM public_body WHERE id = ?").param(id).query(PublicBodyRepository::body).optional();
    }

    Optional<PublicBody> findByName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM public_body WHERE name = ?").param(name).query(PublicBodyRepository::body).optional();
    }

    /**
     * A body with the bodies a complaint about it may go to, in one statement: its superior body if it
     * has one, else the prosecutor's offices of its region (of every region if it has none), by name.
     */
    List<PublicBody> withComplaintAddressees(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM public_body WHERE id = :id OR id = (SELECT parent_id FROM public_body WHERE id = :id)"
                        + " OR (kind = 'PROSECUTOR' AND EXISTS (SELECT 1 FROM public_body b WHERE b.id = :id AND b.parent_id IS NULL"
                        + " AND (b.region IS NULL OR b.region = public_body.region))) ORDER BY name")
                .param("id", id)
                .query(PublicBodyRepository::body)
                .list();
    }

    /** Bodies of a region (or all), whose name or topics contain the text (or all), by name. */
    List<PublicBody> search(String region, String text, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM public_body WHERE (:region IS NULL OR region = :region) "
                        + "AND (:text IS NULL OR LOWER(name) LIKE :pattern OR LOWER(topics) LIKE :pattern) ORDER BY name LIMIT :limit")
                .param("region", region, Types.VARCHAR)
                .param("text", text, Types.VARCHAR)
                .param("pattern", text == null ? null : "%" + text.toLowerCase(Locale.ROOT) + "%", Types.VARCHAR)
                .param("limit", limit)
                .query(PublicBodyRepository::body)
                .list();
    }

    List<PublicBody> children(UUID parentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM public_body WHERE parent_id = ? ORDER BY name")
                .param(parentId).query(PublicBodyRepository::body).list();
    }

    void insert(PublicOfficial official) {
        jdbc.sql("INSERT INTO public_official (id, body_id, full_name, position, held_from, held_until) VALUES (?, ?, ?, ?, ?, ?)")
                .params(official.id(), official.bodyId(), official.fullName(), official.position(), official.heldFrom(),
                        official.heldUntil())
                .update();
    }

    Optional<PublicOfficial> findOfficial(UUID id) {
        return jdbc.sql("SELECT id, body_id, full_name, position, held_from, held_until FROM public_official WHERE id = ?")
                .param(id).query(PublicBodyRepository::official).optional();
    }

    void endOfficial(UUID id, LocalDate heldUntil) {
        jdbc.sql("UPDATE public_official SET held_until = ? WHERE id = ?").params(heldUntil, id).update();
    }

    List<PublicOfficial> officials(UUID bodyId) {
        return jdbc.sql("SELECT id, body_id, full_name, position, held_from, held_until FROM public_official "
                        + "WHERE body_id = ? ORDER BY held_from DESC, full_name")
                .param(bodyId).query(PublicBodyRepository::official).list();
    }

    private static PublicBody body(ResultSet rs, int row) throws SQLException {
        String topics = rs.getString("topics");
        return new PublicBody(
                rs.getObject("id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                rs.getString("name"),
                PublicBody.Kind.valueOf(rs.getString("kind")),
                PublicBody.Level.valueOf(rs.getString("level")),
                rs.getString("region"),
                topics == null || topics.isBlank() ? List.of() : Arrays.stream(topics.split(";")).map(String::trim).toList(),
                rs.getString("address"),
                rs.getString("website"),
                rs.getString("online_form_url"),
                rs.getBoolean("accepts_in_person"),
                rs.getString("budget_requests_until"));
    }

    private static PublicOfficial official(ResultSet rs, int row) throws SQLException {
        return new PublicOfficial(rs.getObject("id", UUID.class), rs.getObject("body_id", UUID.class), rs.getString("full_name"),
                rs.getString("position"), rs.getObject("held_from", LocalDate.class), rs.getObject("held_until", LocalDate.class));
    }
}
