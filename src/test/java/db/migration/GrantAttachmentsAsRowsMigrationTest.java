package db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An application's attachments written one per line ("kind: file name") before V85 come out as rows, in their
 * order: on H2, and on PostgreSQL (in a schema of its own) when the tests run there ({@code OPORA_DB_URL}).
 */
class GrantAttachmentsAsRowsMigrationTest {

    @Test
    void attachmentLinesBecomeRowsAndTheColumnIsGoneOnH2() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:attachments-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
        convert(database, null);
    }

    @Test
    void attachmentLinesBecomeRowsAndTheColumnIsGoneOnPostgres() {
        String url = System.getenv("OPORA_DB_URL");
        Assumptions.assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "the tests run on H2");
        String schema = "v85_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(url);
        database.setUser(System.getenv().getOrDefault("OPORA_DB_USER", "postgres"));
        database.setPassword(System.getenv().getOrDefault("OPORA_DB_PASSWORD", ""));
        database.setCurrentSchema(schema);
        try {
            convert(database, schema);
        } finally {
            JdbcClient.create(database).sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        }
    }

    private static void convert(DataSource database, String schema) {
        JdbcClient jdbc = JdbcClient.create(database);
        flyway(database, schema).target("75").load().migrate();
        UUID centre = UUID.randomUUID();
        UUID organisation = UUID.randomUUID();
        UUID competition = UUID.randomUUID();
        jdbc.sql("INSERT INTO resource_centre (id, name, region, created_at) VALUES (?, 'Centre', 'Region', CURRENT_TIMESTAMP)")
                .param(centre).update();
        jdbc.sql("INSERT INTO organisation (id, centre_id, name, short_name, kind, region, group_id, created_at) "
                + "VALUES (?, ?, 'НКО', 'НКО', 'REGISTERED', 'Region', 'org-1', CURRENT_TIMESTAMP)").params(organisation, centre).update();
        jdbc.sql("INSERT INTO grant_competition (id, centre_id, title, opens_at, closes_at, review_due, budget_pool, min_grant, "
                        + "max_grant, max_months, created_by, created_at) VALUES (?, ?, 'Grants', CURRENT_TIMESTAMP, ?, "
                        + "CURRENT_DATE, 1000, 100, 500, 12, 'staff', CURRENT_TIMESTAMP)")
                .params(competition, centre, OffsetDateTime.now().plusDays(30)).update();
        UUID listed = application(jdbc, centre, organisation, competition, "устав: ustav.pdf\n\n  budget: смета: v2.xlsx \nписьмо.pdf");
        UUID none = application(jdbc, centre, organisation, competition, null);

        flyway(database, schema).load().migrate();

        assertThat(jdbc.sql("SELECT position || '|' || kind || '|' || name FROM grant_application_attachment WHERE application_id = ? "
                + "ORDER BY position").param(listed).query(String.class).list())
                .containsExactly("1|устав|ustav.pdf", "2|budget|смета: v2.xlsx", "3|other|письмо.pdf");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM grant_application_attachment WHERE application_id = ?").param(none)
                .query(Long.class).single()).isZero();
        assertThatThrownBy(() -> jdbc.sql("SELECT attachments FROM grant_application").query(String.class).list())
                .as("the line list is gone").isInstanceOf(BadSqlGrammarException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM grant_application").query(Long.class).single()).isEqualTo(2);
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource database, String schema) {
        var configuration = Flyway.configure().dataSource(database).locations("classpath:db/migration");
        return schema == null ? configuration : configuration.schemas(schema);
    }

    private static UUID application(JdbcClient jdbc, UUID centre, UUID organisation, UUID competition, String attachments) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO opora_case (id, process_key, centre_id, organisation_id, title, created_by, created_at) "
                + "VALUES (?, 'grant-application', ?, ?, 'Проект', 'cso', CURRENT_TIMESTAMP)").params(id, centre, organisation).update();
        jdbc.sql("INSERT INTO grant_application (id, competition_id, organisation_id, state, attachments) VALUES (?, ?, ?, 'DRAFT', ?)")
                .params(id, competition, organisation, attachments).update();
        return id;
    }
}
