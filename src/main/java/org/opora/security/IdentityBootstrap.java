package org.opora.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure, at every start and idempotently, that the role groups exist and carry the engine
 * authorizations their roles need, and that Tasklist has a filter everyone may use. What each
 * user then sees in it is decided by authorizations: candidates and assignees get them per task.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IdentityBootstrap implements ApplicationRunner {

    static final String TASKLIST_FILTER_NAME = "Tasks";
    private static final String ALL = Authorization.ANY;

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;

    public IdentityBootstrap(IdentityService identityService, AuthorizationService authorizationService,
            FilterService filterService, TaskService taskService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Role role : Role.values()) {
            ensureGroup(role);
        }
        for (Role role : List.of(Role.STAFF, Role.EXPERT, Role.CSO)) {
            grant(role, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        }
        grant(Role.STAFF, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Role.STAFF, Resources.PROCESS_DEFINITION, ALL, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK,
                ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.TASK_ASSIGN);
        grant(Role.STAFF, Resources.PROCESS_INSTANCE, ALL, Permissions.READ, Permissions.UPDATE, Permissions.CREATE);
        grant(Role.STAFF, Resources.TASK, ALL, Permissions.READ, Permissions.UPDATE, Permissions.TASK_WORK, Permissions.TASK_ASSIGN);
        grant(Role.STAFF, Resources.DECISION_DEFINITION, ALL, Permissions.READ, Permissions.READ_HISTORY);
        grant(Role.STAFF, Resources.DEPLOYMENT, ALL, Permissions.READ);
        grant(Role.STAFF, Resources.USER, ALL, Permissions.READ);
        grant(Role.STAFF, Resources.GROUP, ALL, Permissions.READ);
        ensureTasklistFilter();
    }

    private void ensureGroup(Role role) {
        if (identityService.createGroupQuery().groupId(role.groupId()).count() == 0) {
            Group group = identityService.newGroup(role.groupId());
            group.setName(role.groupName());
            group.setType(Role.GROUP_TYPE);
            identityService.saveGroup(group);
        }
    }

    private void grant(Role role, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizationService.createAuthorizationQuery().groupIdIn(role.groupId())
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (!exists) {
            Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(role.groupId());
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
            for (Permission permission : permissions) {
                authorization.addPermission(permission);
            }
            authorizationService.saveAuthorization(authorization);
        }
    }

    private void ensureTasklistFilter() {
        if (filterService.createFilterQuery().filterName(TASKLIST_FILTER_NAME).count() > 0) {
            return;
        }
        Filter filter = filterService.newTaskFilter(TASKLIST_FILTER_NAME);
        filter.setQuery(taskService.createTaskQuery());
        filter.setProperties(new HashMap<>(Map.of(
                "description", "Every task you may see: yours, your groups' and your organisation's",
                "priority", -10,
                "refresh", true)));
        filterService.saveFilter(filter);
        Authorization everyone = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        everyone.setUserId(ALL);
        everyone.setResource(Resources.FILTER);
        everyone.setResourceId(filter.getId());
        everyone.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(everyone);
    }
}
