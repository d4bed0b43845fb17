package org.opora.organisations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.opora.system.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OrganisationRepository {

    private static final String ORGANISATION_COLUMNS =
            "id, centre_id, name, short_name, kind, inn, ogrn, registered_on, region, email, group_id";

    private final JdbcClient jdbc;

    public OrganisationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ResourceCentre centre, Instant now) {
        jdbc.sql("INSERT INTO resource_centre (id, name, region, created_at) VALUES (?, ?, ?, ?)")
                .params(centre.id(), centre.name(), centre.region(), Timestamps.toDb(now))
                .update();
    }

    public void insert(Organisation organisation, Instant now) {
        jdbc.sql("INSERT INTO organisation (" + ORGANISATION_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(organisation.id(), organisation.centreId(), organisation.name(), organisation.shortName(),
                        organisation.kind().name(), organisation.inn(), organisation.ogrn(), organisation.registeredOn(),
                        organisation.region(), organisation.email(), organisation.groupId(), Timestamps.toDb(now))
                .update();
    }

    public Optional<ResourceCentre> findCentre(UUID id) {
        return jdbc.sql("SELECT id, name, region FROM resource_centre WHERE id = ?")
                .param(id)
                .query(OrganisationRepository::centre)
                .optional();
    }

    /** Whether the centre's staff review each letter before a CSO sends it. */
    public boolean lettersNeedReview(UUID centreId) {
        return jdbc.sql("SELECT letters_need_review FROM resource_centre WHERE id = ?").param(centreId)
                .query(Boolean.class).optional().orElse(false);
    }

    public boolean setLettersNeedReview(UUID centreId, boolean required) {
        return jdbc.sql("UPDATE resource_centre SET letters_need_review = ? WHERE id = ?").params(required, centreId).update() == 1;
    }

    /** What a centre publishes on its public page; nothing until it chooses (migration V75). */
    public record Publication(boolean grantResults, boolean letterRecord) {

        public boolean anything() {
            return grantResults || letterRecord;
        }
    }

    public Optional<Publication> publication(UUID centreId) {
        return jdbc.sql("SELECT publishes_grant_results, publishes_letter_record FROM resource_centre WHERE id = ?")
                .param(centreId)
                .query((rs, row) -> new Publication(rs.getBoolean(1), rs.getBoolean(2)))
                .optional();
    }

    public boolean setPublication(UUID centreId, Publication publication) {
        return jdbc.sql("UPDATE resource_centre SET publishes_grant_results = ?, publishes_letter_record = ? WHERE id = ?")
                .params(publication.grantResults(), publication.letterRecord(), centreId).update() == 1;
    }

    public List<ResourceCentre> findAllCentres() {
        return jdbc.sql("SELECT id, name, region FROM resource_centre ORDER BY name")
                .query(OrganisationRepository::centre)
                .list();
    }

    public Optional<ResourceCentre> findCentreByName(String name) {
        return jdbc.sql("SELECT id, name, region FROM resource_centre WHERE name = ?")
                .param(name)
                .query(OrganisationRepository::centre)
                .optional();
    }

    public Optional<Organisation> find(UUID id) {
        return jdbc.sql("SELECT " + ORGANISATION_COLUMNS + " FROM organisation WHERE id = ?")
                .param(id)
                .query(OrganisationRepository::organisation)
                .optional();
    }

    public Optional<Organisation> findByShortName(String shortName) {
        return jdbc.sql("SELECT " + ORGANISATION_COLUMNS + " FROM organisation WHERE short_name = ?")
                .param(shortName)
                .query(OrganisationRepository::organisation)
                .optional();
    }

    private List<Organisation> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + ORGANISATION_COLUMNS + " FROM organisation WHERE id IN (:ids)")
                .param("ids", ids)
                .query(OrganisationRepository::organisation)
                .list();
    }

    /** The organisations of the given ids, by id, for labelling lists in one query. */
    public Map<UUID, Organisation> findAllById(Collection<UUID> ids) {
        return findAll(ids.stream().filter(Objects::nonNull).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(Organisation::id, o -> o));
    }

    public List<Organisation> findByGroupIds(Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + ORGANISATION_COLUMNS + " FROM organisation WHERE group_id IN (:groupIds)")
                .param("groupIds", groupIds)
                .query(OrganisationRepository::organisation)
                .list();
    }

    private static ResourceCentre centre(ResultSet rs, int row) throws SQLException {
        return new ResourceCentre(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("region"));
    }

    private static Organisation organisation(ResultSet rs, int row) throws SQLException {
        return new Organisation(
                rs.getObject("id", UUID.class),
                rs.getObject("centre_id", UUID.class),
                rs.getString("name"),
                rs.getString("short_name"),
                Organisation.Kind.valueOf(rs.getString("kind")),
                rs.getString("inn"),
                rs.getString("ogrn"),
                rs.getObject("registered_on", LocalDate.class),
                rs.getString("region"),
                rs.getString("email"),
                rs.getString("group_id"));
    }
}
