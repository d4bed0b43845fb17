package org.opora.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/** The task list reads Opora's open-task view (ADR 0020): it holds what the engine holds, and no more than the user's scope. */
@OporaIntegrationTest
class OpenTaskViewTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @Autowired
    OpenTasks openTasks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCsoMemberNeverSeesAnotherOrganisationsTaskNotEvenInTheCountEvenAsItsCandidate() {
        CaseRecord ours = answerTaskOf(fixtures.openCase(fixtures.organisationA(), "Ours"));
        CaseRecord theirs = answerTaskOf(fixtures.openCase(fixtures.organisationB(), "Theirs"));
        Task theirTask = taskService.createTaskQuery().processInstanceId(theirs.processInstanceId()).singleResult();
        // A wrong candidate link (the engine would now show the task to cso-a) must not open another organisation's case.
        taskService.addCandidateUser(theirTask.getId(), "cso-a");

        JsonNode mine = api.get("cso-a", "/api/tasks?size=100").json();
        assertThat(mine.path("items").toString()).contains(ours.id().toString()).doesNotContain(theirs.id().toString());
        assertThat(api.get("cso-a", "/api/tasks?caseId=" + theirs.id()).json().path("total").asInt()).isZero();
        assertThat(api.get("cso-a", "/api/tasks?caseId=" + ours.id()).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.get("cso-b", "/api/tasks?caseId=" + theirs.id()).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.get("cso-b", "/api/tasks?caseId=" + ours.id()).json().path("total").asInt()).isZero();
    }

    @Test
    void aClaimedTaskIsOnlyItsAssigneesAndComesBackToTheCandidatesWhenGivenBack() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Claimed");
        String taskId = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult().getId();
        String colleague = fixtures.newUser(org.opora.security.Role.STAFF, "colleague", org.opora.users.NotificationMode.NONE, null);

        assertThat(api.post("staff", "/api/tasks/" + taskId + "/claim", null).status()).isEqualTo(204);
        assertThat(api.get("staff", "/api/tasks?caseId=" + record.id()).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.get(colleague, "/api/tasks?caseId=" + record.id()).json().path("total").asInt()).isZero();

        assertThat(api.post("staff", "/api/tasks/" + taskId + "/unclaim", null).status()).isEqualTo(204);
        assertThat(api.get(colleague, "/api/tasks?caseId=" + record.id()).json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void theViewHoldsExactlyTheEnginesOpenTasksAndARebuildGivesTheSame() {
        answerTaskOf(fixtures.openCase(fixtures.organisationA(), "Answered"));
        CaseRecord claimed = fixtures.openCase(fixtures.organisationB(), "Claimed and due");
        String taskId = taskService.createTaskQuery().processInstanceId(claimed.processInstanceId()).singleResult().getId();
        taskService.claim(taskId, "staff");
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        task.setDueDate(new java.util.Date(task.getDueDate().getTime() + 3_600_000));
        taskService.saveTask(task);

        List<Map<String, Object>> kept = view();
        assertThat(kept).isEqualTo(engine());
        List<Map<String, Object>> candidates = candidates();

        openTasks.rebuild();

        assertThat(view()).isEqualTo(kept);
        assertThat(candidates()).isEqualTo(candidates);
    }

    private CaseRecord answerTaskOf(CaseRecord record) {
        Task review = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult();
        assertThat(api.post("staff", "/api/tasks/" + review.getId() + "/complete", Map.of("approved", true, "comment", "Go on"))
                .status()).isEqualTo(204);
        return record;
    }

    private List<Map<String, Object>> view() {
        return jdbc.sql("SELECT task_id, process_instance_id, business_key, process_key, assignee, due_at, created_at"
                + " FROM opora_open_task ORDER BY task_id").query().listOfRows();
    }

    private List<Map<String, Object>> engine() {
        return jdbc.sql("SELECT t.ID_ AS task_id, t.PROC_INST_ID_ AS process_instance_id, e.BUSINESS_KEY_ AS business_key,"
                + " d.KEY_ AS process_key, t.ASSIGNEE_ AS assignee, t.DUE_DATE_ AS due_at, t.CREATE_TIME_ AS created_at"
                + " FROM ACT_RU_TASK t LEFT JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_"
                + " LEFT JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_ ORDER BY t.ID_").query().listOfRows();
    }

    private List<Map<String, Object>> candidates() {
        return jdbc.sql("SELECT party, task_id FROM opora_open_task_candidate ORDER BY party, task_id").query().listOfRows();
    }
}
