package org.opora.tasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.opora.system.SystemAccess;
import org.opora.users.Recipient;
import org.opora.users.UserDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who is told about a task: its assignee, or, while nobody has it, its candidate users and groups. */
@Component
class TaskRecipients {

    private final TaskService taskService;
    private final UserDirectory directory;
    private final SystemAccess system;
    private final JdbcClient jdbc;

    TaskRecipients(TaskService taskService, UserDirectory directory, SystemAccess system, JdbcClient jdbc) {
        this.taskService = taskService;
        this.directory = directory;
        this.system = system;
        this.jdbc = jdbc;
    }

    List<Recipient> of(Task task) {
        if (task.getAssignee() != null) {
            return directory.recipient(task.getAssignee()).map(List::of).orElse(List.of());
        }
        List<IdentityLink> links = system.call(() -> taskService.getIdentityLinksForTask(task.getId()));
        return candidates(links, task.getTenantId());
    }

    /**
     * Who is told about each of many tasks (a page of the reminder scan): the candidates of the
     * unassigned ones in one statement, then everyone concerned in {@link UserDirectory#lookUp}, so a
     * page costs the same few statements whatever its number of tasks; a group's members only if they
     * belong to the task's centre, as for a single task.
     */
    Map<String, List<Recipient>> ofTasks(List<OpenTasks.DueTask> tasks) {
        List<String> unassigned = tasks.stream().filter(task -> task.assignee() == null).map(OpenTasks.DueTask::taskId).toList();
        Map<String, List<String>> users = new HashMap<>();
        Map<String, List<String>> groups = new HashMap<>();
        if (!unassigned.isEmpty()) {
            jdbc.sql("SELECT TASK_ID_, USER_ID_, GROUP_ID_ FROM ACT_RU_IDENTITYLINK WHERE TYPE_ = :type AND TASK_ID_ IN (:tasks)"
                            + " ORDER BY ID_")
                    .param("type", IdentityLinkType.CANDIDATE)
                    .param("tasks", unassigned)
                    .query((rs, row) -> {
                        if (rs.getString("USER_ID_") != null) {
                            users.computeIfAbsent(rs.getString("TASK_ID_"), task -> new ArrayList<>()).add(rs.getString("USER_ID_"));
                        }
                        if (rs.getString("GROUP_ID_") != null) {
                            groups.computeIfAbsent(rs.getString("TASK_ID_"), task -> new ArrayList<>()).add(rs.getString("GROUP_ID_"));
                        }
                        return null;
                    }).list();
        }
        List<String> allUsers = new ArrayList<>();
        tasks.stream().map(OpenTasks.DueTask::assignee).filter(Objects::nonNull).forEach(allUsers::add);
        users.values().forEach(allUsers::addAll);
        List<String> allGroups = groups.values().stream().flatMap(List::stream).distinct().toList();
        UserDirectory.Directory found = directory.lookUp(allUsers, allGroups);
        Map<String, List<Recipient>> byTask = new HashMap<>();
        for (OpenTasks.DueTask task : tasks) {
            byTask.put(task.taskId(), task.assignee() != null ? found.recipients(List.of(task.assignee()), List.of())
                    : found.recipients(users.getOrDefault(task.taskId(), List.of()), groups.getOrDefault(task.taskId(), List.of()),
                            task.tenantId()));
        }
        return byTask;
    }

    /** The candidate users, and the members of the candidate groups who belong to the task's centre (its tenant). */
    List<Recipient> candidates(Iterable<? extends IdentityLink> links, String tenantId) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : links) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (link.getUserId() != null) {
                    users.add(link.getUserId());
                }
                if (link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                }
            }
        }
        return directory.recipients(users, groups, tenantId);
    }
}
