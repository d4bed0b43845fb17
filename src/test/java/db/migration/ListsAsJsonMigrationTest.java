package db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows written one item per line before V40, V41 and V97 come out as JSON arrays, and only arrays go in after them. */
class ListsAsJsonMigrationTest {

    @Test
    void newlineListsBecomeJsonArraysAndTheColumnsAcceptOnlyArrays() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:lists-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
        JdbcClient jdbc = JdbcClient.create(database);
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("20").load().migrate();
        UUID centre = UUID.randomUUID();
        UUID competition = UUID.randomUUID();
        jdbc.sql("INSERT INTO resource_centre (id, name, region, created_at) VALUES (?, 'Centre', 'Region', CURRENT_TIMESTAMP)")
                .param(centre).update();
        jdbc.sql("INSERT INTO grant_competition (id, centre_id, title, opens_at, closes_at, review_due, budget_pool, min_grant, "
                        + "max_grant, max_months, required_documents, tranche_shares, expert_pool, created_by, created_at) "
                        + "VALUES (?, ?, 'Grants', CURRENT_TIMESTAMP, DATEADD('DAY', 30, CURRENT_TIMESTAMP), CURRENT_DATE, 1000, "
                        + "100, 500, 12, 'устав\nбюджет, смета', '50\n30\n20', NULL, 'staff', CURRENT_TIMESTAMP)")
                .params(competition, centre).update();
        jdbc.sql("INSERT INTO grant_expert (user_id, centre_id, sector, regions, topics, tied_organisations) "
                + "VALUES ('expert-1', ?, 'CSO', 'Тверская область', '', NULL)").param(centre).update();

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.sql("SELECT required_documents FROM grant_competition").query(String.class).single())
                .isEqualTo("[\"устав\",\"бюджет, смета\"]");
        assertThat(jdbc.sql("SELECT tranche_shares FROM grant_competition").query(String.class).single()).isEqualTo("[50,30,20]");
        assertThat(jdbc.sql("SELECT expert_pool FROM grant_competition").query(String.class).optional()).isEmpty();
        assertThat(jdbc.sql("SELECT regions FROM grant_expert").query(String.class).single()).isEqualTo("[\"Тверская область\"]");
        assertThat(jdbc.sql("SELECT topics FROM grant_expert").query(String.class).optional()).isEmpty();
        assertThatThrownBy(() -> jdbc.sql("UPDATE grant_expert SET topics = 'one\ntwo'").update())
                .as("a line list is refused now").hasMessageContaining("GRANT_EXPERT_TOPICS_JSON");
        for (String constraint : java.util.List.of("LETTER_COSIGNERS_JSON", "LETTER_ATTACHMENTS_JSON")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE CONSTRAINT_NAME = ?")
                    .param(constraint).query(Long.class).single()).as(constraint).isEqualTo(1);
        }
    }
}
