package db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A volunteer's tags written one per line before V55 come out as JSON arrays, and only arrays go in after it. */
class VolunteerTagsAsJsonMigrationTest {

    @Test
    void newlineTagsBecomeJsonArraysAndTheColumnsAcceptOnlyArrays() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:tags-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
        JdbcClient jdbc = JdbcClient.create(database);
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("41").load().migrate();
        UUID tagged = UUID.randomUUID();
        UUID untagged = UUID.randomUUID();
        jdbc.sql("INSERT INTO volunteer (id, status, language, skills, interests, max_per_month, created_at) VALUES (?, 'ACTIVE', 'ru', "
                + "'first aid\nsign language, ru', 'elderly\nanimals', 4, CURRENT_TIMESTAMP)").param(tagged).update();
        jdbc.sql("INSERT INTO volunteer (id, status, language, max_per_month, created_at) VALUES (?, 'LEFT', 'ru', 4, "
                + "CURRENT_TIMESTAMP)").param(untagged).update();

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.sql("SELECT skills FROM volunteer WHERE id = ?").param(tagged).query(String.class).single())
                .isEqualTo("[\"first aid\",\"sign language, ru\"]");
        assertThat(jdbc.sql("SELECT interests FROM volunteer WHERE id = ?").param(tagged).query(String.class).single())
                .isEqualTo("[\"elderly\",\"animals\"]");
        assertThat(jdbc.sql("SELECT skills || interests FROM volunteer WHERE id = ?").param(untagged).query(String.class).single())
                .isEqualTo("[][]");
        assertThatThrownBy(() -> jdbc.sql("UPDATE volunteer SET skills = 'one\ntwo'").update())
                .as("a line list is refused now").hasMessageContaining("VOLUNTEER_SKILLS_JSON");
        UUID later = UUID.randomUUID();
        jdbc.sql("INSERT INTO volunteer (id, status, language, max_per_month, created_at) VALUES (?, 'ACTIVE', 'ru', 4, "
                + "CURRENT_TIMESTAMP)").param(later).update();
        assertThat(jdbc.sql("SELECT skills FROM volunteer WHERE id = ?").param(later).query(String.class).single()).isEqualTo("[]");
        for (String constraint : new String[] {"VOLUNTEER_INTERESTS_JSON", "VOLUNTEER_REQUEST_REQUIRED_SKILLS_JSON",
                "VOLUNTEER_REQUEST_NICE_SKILLS_JSON"}) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE CONSTRAINT_NAME = ?")
                    .param(constraint).query(Long.class).single()).as(constraint).isEqualTo(1);
        }
    }
}
