package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The PostgreSQL suite really runs on PostgreSQL (and the default one on H2): a profile mix-up would pass silently. */
@OporaIntegrationTest
class TestDatabaseTest {

    @Test
    void theSuiteRunsOnTheDatabaseItWasAskedFor(@Autowired DataSource dataSource) throws Exception {
        String asked = System.getProperty("opora.test.database", System.getenv().getOrDefault("OPORA_TEST_DATABASE", "h2"));
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            assertThat(product).isEqualToIgnoringCase(asked.equals("postgres") ? "PostgreSQL" : "H2");
        }
    }
}
