package org.opora.security;

import java.util.regex.Pattern;

import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The engine API's operations that only administrators may call (ADR 9, ADR 23). The engine's tenant
 * check guards one instance, task or job at a time; these act on many at once by a process or job
 * definition, which every centre shares, or start work the engine cannot tie to a case:
 * <ul>
 * <li>starting a process (Opora's processes start with their case, {@code CaseService.open}, so that the
 * instance carries its centre), and messages, signals and conditions, which may start or move any
 * centre's instances;</li>
 * <li>suspending, activating, retrying, deleting, migrating, modifying or restarting by definition, by
 * query or in a batch.</li>
 * </ul>
 * Staff keep what the tenant check guards: their centre's single instances, tasks and incidents.
 */
final class AdministratorsEngineOperations implements RequestMatcher {

    /** Where the engine's API lives: its REST API, with or without an engine's name, and the webapps' copy. */
    private static final String ENGINE = "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)";

    private static final Pattern OPERATION = Pattern.compile(ENGINE + "(?:"
            + "/process-definition/(?:key/[^/]+(?:/tenant-id/[^/]+)?|[^/]+)/(?:start|submit-form|suspended|restart|restart-async"
            + "|modification|modification-async)"
            + "|/process-definition/suspended"
            + "|/process-instance/(?:suspended|suspended-async|delete|delete-historic-query-based|job-retries"
            + "|job-retries-historic-query-based|variables-async|correlate-message-async|message-async|set-removal-time)"
            + "|/(?:job|job-definition)/(?:suspended|retries)"
            + "|/job-definition/[^/]+/(?:suspended|retries)"
            + "|/external-task/(?:retries|retries-async)"
            + "|/(?:message|signal|condition|migration|modification|batch)(?:/.*)?"
            + "|/deployment/create|/deployment/[^/]+/redeploy"
            + ")/?$");

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return OPERATION.matcher(path).matches();
    }
}
