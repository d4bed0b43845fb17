package org.opora.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The part of the webapps a CSO member or an expert may reach: Tasklist, and of the engine's API only
 * what Tasklist needs to list their tasks, show a task's form and complete it (through the form contract,
 * {@code EngineTaskApiGuard}). No variables, history, users, groups, deployments or anything else: their
 * work goes through Opora's API and pages (docs/adr/0009-no-expressions-from-queries.md).
 */
final class TasklistForMembers {

    private static final String ENGINE = "/camunda/api/engine/engine/{engine}";
    /** The engine's ids are UUIDs: {@code /task/count} or {@code /task/report} are not a task. */
    private static final String ID = "{id:[0-9a-fA-F-]{36}}";
    /** {@code key:version:uuid}, so that {@code /process-definition/count} is not one. */
    private static final String DEFINITION_ID = "{id:[^:]+:[0-9]+:[0-9a-fA-F-]{36}}";

    private TasklistForMembers() {
    }

    static RequestMatcher requests() {
        List<RequestMatcher> allowed = List.of(
                get("/camunda/app/tasklist/**"),
                // The webapps' shared scripts, fonts and icon.
                get("/camunda/lib/**"),
                get("/camunda/assets/**"),
                get("/camunda/favicon.ico"),
                get("/camunda/api/tasklist/plugin/{plugin}/static/**"),
                get("/camunda/api/admin/auth/user/{engine}"),
                post("/camunda/api/admin/auth/user/{engine}/logout"),
                get("/camunda/api/engine/engine"),
                get("/camunda/api/engine/engine/"),
                get(ENGINE + "/filter"),
                get(ENGINE + "/filter/count"),
                // Tasklist asks whether the user may create filters (members may not).
                withDefaults().matcher(HttpMethod.OPTIONS, ENGINE + "/filter"),
                get(ENGINE + "/filter/" + ID),
                get(ENGINE + "/filter/" + ID + "/list"),
                post(ENGINE + "/filter/" + ID + "/list"),
                get(ENGINE + "/filter/" + ID + "/count"),
                post(ENGINE + "/filter/" + ID + "/count"),
                get(ENGINE + "/task/" + ID),
                get(ENGINE + "/task/" + ID + "/form"),
                get(ENGINE + "/task/" + ID + "/deployed-form"),
                get(ENGINE + "/task/" + ID + "/form-variables"),
                get(ENGINE + "/task/" + ID + "/identity-links"),
                get(ENGINE + "/task/" + ID + "/comment"),
                post(ENGINE + "/task/" + ID + "/claim"),
                post(ENGINE + "/task/" + ID + "/unclaim"),
                post(ENGINE + "/task/" + ID + "/submit-form"),
                get(ENGINE + "/process-definition/" + DEFINITION_ID),
                get(ENGINE + "/process-definition/" + DEFINITION_ID + "/xml"),
                // Tasklist shows the signed-in user's name; nobody else's profile.
                request -> {
                    var user = CurrentUser.find();
                    return user.isPresent() && get(ENGINE + "/user/" + user.get().id() + "/profile").matches(request);
                });
        return new OrRequestMatcher(allowed);
    }

    private static RequestMatcher get(String pattern) {
        return withDefaults().matcher(HttpMethod.GET, pattern);
    }

    private static RequestMatcher post(String pattern) {
        return withDefaults().matcher(HttpMethod.POST, pattern);
    }
}
