package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An application's attachments written one per line ("kind: file name") before V85 come out as rows, in their order. */
class GrantAttachmentsAsRowsMigrationTest {

    @Test
    void attachmentLinesBecomeRowsAndTheColumnIsGone() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:attachments-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
        JdbcClient jdbc = JdbcClient.create(database);
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("75").load().migrate();
        UUID centre = UUID.randomUUID();
        UUID organisation = UUID.randomUUID();
        UUID competition = UUID.randomUUID();
        jdbc.sql("INSERT INTO resource_centre (id, name, region, created_at) VALUES (?, 'Centre', 'Region', CURRENT_TIMESTAMP)")
                .param(centre).update();
        jdbc.sql("INSERT INTO organisation (id, centre_id, name, short_name, kind, region, group_id, created_at) "
                + "VALUES (?, ?, 'НКО', 'НКО', 'REGISTERED', 'Region', 'org-1', CURRENT_TIMESTAMP)").params(organisation, centre).update();
        jdbc.sql("INSERT INTO grant_competition (id, centre_id, title, opens_at, closes_at, review_due, budget_pool, min_grant, "
                        + "max_grant, max_months, created_by, created_at) VALUES (?, ?, 'Grants', CURRENT_TIMESTAMP, "
                        + "DATEADD('DAY', 30, CURRENT_TIMESTAMP), CURRENT_DATE, 1000, 100, 500, 12, 'staff', CURRENT_TIMESTAMP)")
                .params(competition, centre).update();
        UUID listed = application(jdbc, centre, organisation, competition, "устав: ustav.pdf\n\n  budget: смета: v2.xlsx \nписьмо.pdf");
        UUID none = application(jdbc, centre, organisation, competition, null);

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.sql("SELECT position || '|' || kind || '|' || name FROM grant_application_attachment WHERE application_id = ? "
                + "ORDER BY position").param(listed).query(String.class).list())
                .containsExactly("1|устав|ustav.pdf", "2|budget|смета: v2.xlsx", "3|other|письмо.pdf");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM grant_application_attachment WHERE application_id = ?").param(none)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'GRANT_APPLICATION' "
                + "AND COLUMN_NAME = 'ATTACHMENTS'").query(Long.class).single()).as("the line list is gone").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM grant_application").query(Long.class).single()).isEqualTo(2);
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
