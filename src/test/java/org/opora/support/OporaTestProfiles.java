package org.opora.support;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Tests run on H2, or on PostgreSQL when Maven's postgres profile (or OPORA_TEST_DATABASE=postgres)
 * asks for it: the same tests, another database.
 */
public class OporaTestProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        String database = System.getProperty("opora.test.database", System.getenv().getOrDefault("OPORA_TEST_DATABASE", "h2"));
        return "postgres".equals(database) ? new String[] {"test", "postgres"} : new String[] {"test"};
    }
}
