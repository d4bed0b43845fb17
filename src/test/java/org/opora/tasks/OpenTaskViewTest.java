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
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtimeService;
    @Autowired
    org.opora.cases.CaseRepository cases;

    @Test
    void aCsoMemberNeverSeesAnotherOrganisationsTaskNotEvenInTheCountEvenAsItsCandidate() {
        CaseRecord ours = answerTaskOf(fixtures.openCase(fixtures.organisationA(), "Ours"));
        CaseRecord theirs = answerTaskOf(fixtures.openCase(fixtures.organisationB(), "Theirs"));
        Task theirTask = taskService.createTaskQuery().processInstanceId(theirs.processInstanceId()).singleResult();
        // A wrong candidate link (the engine would now show the task to cso-a) must not open another organisation's case.
        taskService.addCandidateUser(theirTask.getId(), "cso-a");

        JsonNode mine = api.get("cso-a", "/api/tasks?size=100").json();
        assertThat(mine.path("items").toString()).contains(ours.id().toString()).doesNotContain(theirs.id().toString());
        assertThat(api.get("cso-a", "/api/tasks?count=true&caseId=" + theirs.id()).json().path("total").asInt()).isZero();
        assertThat(api.get("cso-a", "/api/tasks?count=true&caseId=" + ours.id()).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.get("cso-b", "/api/tasks?count=true&caseId=" + theirs.id()).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.get("cso-b", "/api/tasks?count=true&caseId=" + ours.id()).json().path("total").asInt()).isZero();
    }

    @Test
    void aClaimedTaskIsOnlyItsAssigneesAndComesBackToTheCandidatesWhenGivenBack() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Claimed");
        String taskId = taskService.createTaskQuery().processInstanceId(record.processInstanceId()).singleResult().getId();
        String colleague = fixtures.newUser(org.opora.security.Role.STAFF, "colleague", org.opora.users.NotificationMode.NONE, null);

        assertThat(api.post("staff", "/api/tasks/" + taskId + "/claim", null).status()).isEqualTo(204);
        assertThat(api.get("staff", "/api/tasks?count=true&caseId=" + record.id()).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.get(colleague, "/api/tasks?count=true&caseId=" + record.id()).json().path("total").asInt()).isZero();

        assertThat(api.post("staff", "/api/tasks/" + taskId + "/unclaim", null).status()).isEqualTo(204);
        assertThat(api.get(colleague, "/api/tasks?count=true&caseId=" + record.id()).json().path("total").asInt()).isEqualTo(1);
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
        List<Map<String, Object>> order = ordered();
        assertThat(order).anySatisfy(row -> assertThat(row.get("organisation_id")).isEqualTo(fixtures.organisationB().id()));
        List<Map<String, Object>> candidates = candidates();

        openTasks.rebuild();

        assertThat(view()).isEqualTo(kept);
        assertThat(ordered()).isEqualTo(order);
        assertThat(candidates()).isEqualTo(candidates);
    }

    @Test
    void pagesByCursorAreThePagesByNumberInTheListsOrderAndOnlyACountedListHasATotal() {
        String staff = fixtures.newUser(org.opora.security.Role.STAFF, "pager", org.opora.users.NotificationMode.NONE, null);
        for (int i = 0; i < 5; i++) {
            fixtures.openCase(fixtures.organisationA(), "Paged " + i);
        }
        String withoutDue = taskService.createTaskQuery().processInstanceId(
                fixtures.openCase(fixtures.organisationB(), "No due date").processInstanceId()).singleResult().getId();
        Task undated = taskService.createTaskQuery().taskId(withoutDue).singleResult();
        undated.setDueDate(null);
        taskService.saveTask(undated);

        List<String> byCursor = new java.util.ArrayList<>();
        String after = null;
        JsonNode page;
        do {
            page = api.get(staff, "/api/tasks?size=2" + (after == null ? "" : "&after=" + after)).json();
            page.path("items").forEach(item -> byCursor.add(item.path("id").asText()));
            assertThat(page.has("total")).as("no count unless asked for").isFalse();
            after = page.path("next").asText(null);
            assertThat(after == null).isEqualTo(!page.path("hasMore").asBoolean());
        } while (after != null);
        List<String> byNumber = new java.util.ArrayList<>();
        for (int number = 0; ; number++) {
            page = api.get(staff, "/api/tasks?size=2&page=" + number).json();
            page.path("items").forEach(item -> byNumber.add(item.path("id").asText()));
            if (!page.path("hasMore").asBoolean()) {
                break;
            }
        }

        assertThat(byCursor).hasSizeGreaterThanOrEqualTo(6).doesNotHaveDuplicates().isEqualTo(byNumber);
        assertThat(api.get(staff, "/api/tasks?size=2&count=true").json().path("total").asLong()).isEqualTo(byCursor.size());
        // Earliest due first, no due date last, as the engine's own order says.
        List<Task> listed = taskService.createTaskQuery().taskIdIn(byCursor.toArray(String[]::new)).list();
        List<String> engineOrder = listed.stream()
                .sorted(java.util.Comparator.comparing((Task task) -> task.getDueDate() == null ? new java.util.Date(Long.MAX_VALUE)
                        : task.getDueDate()).thenComparing(Task::getCreateTime).thenComparing(Task::getId))
                .map(Task::getId).toList();
        assertThat(byCursor).isEqualTo(engineOrder);
        // Other classes' undated tasks may share the list (and were created at other engine times): after ours, only undated ones.
        java.util.Set<String> undatedIds = listed.stream().filter(task -> task.getDueDate() == null).map(Task::getId)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(undatedIds).contains(withoutDue);
        assertThat(byCursor.subList(byCursor.indexOf(withoutDue), byCursor.size())).allMatch(undatedIds::contains);
        assertThat(byCursor.subList(0, byCursor.size() - undatedIds.size())).noneMatch(undatedIds::contains);
    }

    @Test
    void eachListedTaskIsTheEnginesTaskWithItsCaseOrganisationAndFormAndASuspendedOneIsNotListed() {
        CaseRecord first = fixtures.openCase(fixtures.organisationA(), "Read in one statement");
        CaseRecord second = answerTaskOf(fixtures.openCase(fixtures.organisationB(), "Also read in one statement"));
        CaseRecord suspended = fixtures.openCase(fixtures.organisationA(), "Suspended");
        runtimeService.suspendProcessInstanceById(suspended.processInstanceId());

        List<JsonNode> items = new java.util.ArrayList<>();
        api.get("staff", "/api/tasks?size=100").json().path("items").forEach(items::add);
        api.get("cso-b", "/api/tasks?size=100").json().path("items").forEach(items::add);
        assertThat(items.toString()).contains(first.id().toString(), second.id().toString()).doesNotContain(suspended.id().toString());
        for (JsonNode item : items) {
            // What the list showed before ADR 31: the engine's task by id with its form key, its case and organisation.
            Task task = taskService.createTaskQuery().taskId(item.path("id").asText()).initializeFormKeys().singleResult();
            assertThat(item.path("taskKey").asText()).isEqualTo(task.getTaskDefinitionKey());
            assertThat(item.path("formRef").asText(null))
                    .isEqualTo(task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey());
            assertThat(java.time.Instant.parse(item.path("created").asText())).isEqualTo(task.getCreateTime().toInstant());
            assertThat(item.hasNonNull("due") ? java.time.Instant.parse(item.path("due").asText()) : null)
                    .isEqualTo(task.getDueDate() == null ? null : task.getDueDate().toInstant());
            assertThat(item.path("assignee").asText(null)).isEqualTo(task.getAssignee());
            java.util.Optional<CaseRecord> itsCase = cases.findByProcessInstance(task.getProcessInstanceId());
            assertThat(item.path("caseId").asText(null)).isEqualTo(itsCase.map(c -> c.id().toString()).orElse(null));
            assertThat(item.path("caseTitle").asText(null)).isEqualTo(itsCase.map(CaseRecord::title).orElse(null));
            assertThat(item.path("organisation").path("id").asText(null))
                    .isEqualTo(itsCase.map(c -> c.organisationId() == null ? null : c.organisationId().toString()).orElse(null));
        }
        assertThat(items).extracting(item -> item.path("formRef").asText()).contains("review-case", "answer-organisation");
    }

    @Test
    void aCursorThatTheListDidNotGiveOutIsAProblemNamingIt() {
        Api.Response forged = api.get("staff", "/api/tasks?after=bm90LWEtY3Vyc29y");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().path("errors").get(0).path("field").asText()).isEqualTo("after");
        Api.Response both = api.get("staff", "/api/tasks?page=2&after=" + "x");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("errors").get(0).path("field").asText()).isEqualTo("after");
    }

    @Test
    void theReminderScanReadsEveryDueTaskOncePageAfterPageInDueOrder() {
        java.time.Instant now = java.time.Instant.now();
        List<String> due = new java.util.ArrayList<>();
        for (int hours = 3; hours >= 1; hours--) {
            String taskId = taskService.createTaskQuery().processInstanceId(
                    fixtures.openCase(fixtures.organisationA(), "Due in " + hours + " h").processInstanceId()).singleResult().getId();
            Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
            task.setDueDate(java.util.Date.from(now.plus(java.time.Duration.ofDays(400)).plus(java.time.Duration.ofHours(hours))));
            taskService.saveTask(task);
            due.add(0, taskId);
        }
        java.time.Instant from = now.plus(java.time.Duration.ofDays(400));
        java.time.Instant to = from.plus(java.time.Duration.ofHours(4));

        List<String> read = new java.util.ArrayList<>();
        OpenTasks.Cursor after = null;
        List<OpenTasks.DueTask> page;
        do {
            page = openTasks.due(from, to, after, 2);
            page.forEach(task -> read.add(task.taskId()));
            after = page.isEmpty() ? null : page.get(page.size() - 1).position();
        } while (page.size() == 2 && read.size() < 10);

        assertThat(read).isEqualTo(due);
        assertThat(openTasks.due(from, to, null, 10)).extracting(OpenTasks.DueTask::caseTitle)
                .containsExactly("Due in 1 h", "Due in 2 h", "Due in 3 h");
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

    /** What the events wrote beyond the engine's columns: the order key and the case's centre and organisation. */
    private List<Map<String, Object>> ordered() {
        return jdbc.sql("SELECT task_id, sort_due, centre_id, organisation_id FROM opora_open_task ORDER BY task_id").query().listOfRows();
    }

    private List<Map<String, Object>> engine() {
        return jdbc.sql("SELECT t.ID_ AS task_id, t.PROC_INST_ID_ AS process_instance_id, e.BUSINESS_KEY_ AS business_key,"
                + " d.KEY_ AS process_key, t.ASSIGNEE_ AS assignee, t.DUE_DATE_ AS due_at, t.CREATE_TIME_ AS created_at"
                + " FROM ACT_RU_TASK t LEFT JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_"
                + " LEFT JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_ ORDER BY t.ID_").query().listOfRows();
    }

    private List<Map<String, Object>> candidates() {
        return jdbc.sql("SELECT party, task_id, sort_due, created_at FROM opora_open_task_candidate ORDER BY party, task_id")
                .query().listOfRows();
    }
}
