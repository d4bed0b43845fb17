package org.opora.support;

import org.opora.OporaApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Opora as a JVM of its own, with the test's step beans, for tests that kill a node with {@code kill -9}
 * ({@link Process#destroyForcibly()}): nothing of it runs after the signal, no shutdown hook, no rollback.
 */
public final class ForkedNode {

    private ForkedNode() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(OporaApplication.class, FlakyNotification.class).profiles("test", "postgres").run(args);
    }
}
