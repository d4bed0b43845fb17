package org.opora.security;

import jakarta.servlet.Filter;

/**
 * A feature's rule for requests to the engine's own APIs ({@code /engine-rest}, Tasklist's
 * {@code /camunda/api}), run after the user is known and the request guard has passed it. Features
 * provide them as beans (the task feature holds tasks to their form contract), so that security does
 * not need to know the features.
 */
public interface EngineApiGuard {

    Filter filter();
}
