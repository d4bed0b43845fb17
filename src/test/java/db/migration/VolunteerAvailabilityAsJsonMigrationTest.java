package db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A volunteer's week written as lines before V98 comes out as a JSON array of slots, and only arrays go in after it:
 * on H2, and on PostgreSQL (in a schema of its own) when the tests run there ({@code OPORA_DB_URL}).
 */
@ExtendWith(OutputCaptureExtension.class)
class VolunteerAvailabilityAsJsonMigrationTest {

    @Test
    void availabilityLinesBecomeSlotsAndAnUnreadableLineIsLeftOutAndLoggedOnH2(CapturedOutput log) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:availability-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
        convert(database, null, log);
    }

    @Test
    void availabilityLinesBecomeSlotsAndAnUnreadableLineIsLeftOutAndLoggedOnPostgres(CapturedOutput log) {
        String url = System.getenv("OPORA_DB_URL");
        Assumptions.assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "the tests run on H2");
        String schema = "v98_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(url);
        database.setUser(System.getenv().getOrDefault("OPORA_DB_USER", "postgres"));
        database.setPassword(System.getenv().getOrDefault("OPORA_DB_PASSWORD", ""));
        database.setCurrentSchema(schema);
        try {
            convert(database, schema, log);
        } finally {
            JdbcClient.create(database).sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        }
    }

    private static void convert(DataSource database, String schema, CapturedOutput log) {
        JdbcClient jdbc = JdbcClient.create(database);
        flyway(database, schema).target("96").load().migrate();
        UUID weekly = UUID.randomUUID();
        UUID partlyBroken = UUID.randomUUID();
        UUID never = UUID.randomUUID();
        insert(jdbc, weekly, "SAT 10:00-14:00\nsun\nwed 9:30 - 18:00;fri 18:00-00:00\nSAT 10:00-14:00");
        insert(jdbc, partlyBroken, "every other Monday\nMON 12:00-10:00\nTUE 25:00-26:00\nTHU 08:00-12:00");
        insert(jdbc, never, "");

        flyway(database, schema).load().migrate();

        assertThat(availability(jdbc, weekly)).isEqualTo("[{\"day\":\"SAT\",\"from\":\"10:00\",\"to\":\"14:00\"},{\"day\":\"SUN\"},"
                + "{\"day\":\"WED\",\"from\":\"09:30\",\"to\":\"18:00\"},{\"day\":\"FRI\",\"from\":\"18:00\",\"to\":\"00:00\"}]");
        assertThat(availability(jdbc, partlyBroken)).as("the readable line is kept")
                .isEqualTo("[{\"day\":\"THU\",\"from\":\"08:00\",\"to\":\"12:00\"}]");
        assertThat(availability(jdbc, never)).isEqualTo("[]");
        assertThat(log.getOut()).contains("Volunteer " + partlyBroken + ": availability line 1 is not like",
                "Volunteer " + partlyBroken + ": availability line 2", "Volunteer " + partlyBroken + ": availability line 3")
                .doesNotContain("every other Monday").doesNotContain("Volunteer " + weekly);
        assertThatThrownBy(() -> jdbc.sql("UPDATE volunteer SET availability = 'SAT 10:00-14:00'").update())
                .as("a line list is refused now")
                .satisfies(refused -> assertThat(refused.getMessage()).containsIgnoringCase("volunteer_availability_json"));
        UUID later = UUID.randomUUID();
        jdbc.sql("INSERT INTO volunteer (id, status, language, max_per_month, created_at) VALUES (?, 'ACTIVE', 'ru', 4, "
                + "CURRENT_TIMESTAMP)").param(later).update();
        assertThat(availability(jdbc, later)).isEqualTo("[]");
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource database, String schema) {
        var configuration = Flyway.configure().dataSource(database).locations("classpath:db/migration");
        return schema == null ? configuration : configuration.schemas(schema);
    }

    private static void insert(JdbcClient jdbc, UUID id, String availability) {
        jdbc.sql("INSERT INTO volunteer (id, status, language, availability, max_per_month, created_at) VALUES (?, 'ACTIVE', 'ru', ?, 4, "
                + "CURRENT_TIMESTAMP)").params(id, availability).update();
    }

    private static String availability(JdbcClient jdbc, UUID id) {
        return jdbc.sql("SELECT availability FROM volunteer WHERE id = ?").param(id).query(String.class).single();
    }
}
