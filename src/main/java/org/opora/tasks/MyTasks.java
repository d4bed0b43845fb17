package org.opora.tasks;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;

/** What "my tasks" means, in the task list and in the daily digest alike. */
final class MyTasks {

    /** A group id no group has: the engine refuses an empty candidate-group list. */
    private static final List<String> NO_GROUP = List.of("-");

    private MyTasks() {
    }

    /** Open tasks assigned to the user, or unassigned and claimable by them or through their groups. */
    static TaskQuery of(TaskService taskService, String userId, List<String> groupIds) {
        return taskService.createTaskQuery().active()
                .or().taskAssignee(userId).taskCandidateUser(userId)
                .taskCandidateGroupIn(groupIds.isEmpty() ? NO_GROUP : groupIds)
                .endOr();
    }
}
