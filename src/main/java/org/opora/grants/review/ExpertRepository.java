package org.opora.grants.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.opora.grants.JsonLists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ExpertRepository {

    private static final String COLUMNS = "user_id, centre_id, sector, regions, topics, tied_organisations, active";

    private final JdbcClient jdbc;

    ExpertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(Expert expert) {
        int updated = jdbc.sql("UPDATE grant_expert SET centre_id = ?, sector = ?, regions = ?, topics = ?, tied_organisations = ?, "
                        + "active = ? WHERE user_id = ?")
                .params(expert.centreId(), expert.sector().name(), JsonLists.write(expert.regions()), JsonLists.write(expert.topics()),
                        JsonLists.write(expert.tiedOrganisations()), expert.active(), expert.userId())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO grant_expert (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(expert.userId(), expert.centreId(), expert.sector().name(), JsonLists.write(expert.regions()),
                            JsonLists.write(expert.topics()), JsonLists.write(expert.tiedOrganisations()), expert.active())
                    .update();
        }
    }

    Optional<Expert> find(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_expert WHERE user_id = ?").param(userId)
                .query(ExpertRepository::expert).optional();
    }

    List<Expert> findActive(UUID centreId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_expert WHERE centre_id = ? AND active = TRUE ORDER BY user_id")
                .param(centreId).query(ExpertRepository::expert).list();
    }

    List<Expert> findAll(UUID centreId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM grant_expert WHERE centre_id = ? ORDER BY user_id")
                .param(centreId).query(ExpertRepository::expert).list();
    }

    /** Each expert's current load: reviews assigned and not yet submitted or handed on. */
    Map<String, Integer> openReviewCounts() {
        return jdbc.sql("SELECT expert_id, COUNT(*) AS open_reviews FROM grant_review WHERE state IN ('ASSIGNED', 'DECLARED') "
                        + "GROUP BY expert_id")
                .query((rs, row) -> Map.entry(rs.getString("expert_id"), rs.getInt("open_reviews")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Expert expert(ResultSet rs, int row) throws SQLException {
        return new Expert(rs.getString("user_id"), rs.getObject("centre_id", UUID.class),
                Expert.Sector.valueOf(rs.getString("sector")), JsonLists.strings(rs.getString("regions")),
                JsonLists.strings(rs.getString("topics")), JsonLists.strings(rs.getString("tied_organisations")),
                rs.getBoolean("active"));
    }
}
