package org.opora.bench;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The reference for process throughput: a plain Camunda engine (same version, same history level,
 * same PostgreSQL, its own empty database, no Opora plugins or listeners) running a BPMN with the
 * letter's shape: three user tasks and three service tasks on the happy path, a registration timer
 * and an answer timer on the waiting tasks, candidate groups on every user task.
 */
final class BareEngine implements AutoCloseable {

    static final String KEY = "bare-letter";

    final ProcessEngine engine;

    BareEngine(String jdbcUrl, String user, String password, int poolSize) {
        ProcessEngineConfiguration configuration = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setJdbcUrl(jdbcUrl).setJdbcUsername(user).setJdbcPassword(password).setJdbcDriver("org.postgresql.Driver")
                .setJdbcMaxActiveConnections(poolSize)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false)
                .setProcessEngineName("bare-" + System.nanoTime());
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn", letterShape()).deploy();
    }

    static BpmnModelInstance letterShape() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(365)
                .startEvent("Drafted")
                .exclusiveGateway("NeedsReview")
                .userTask("SendLetter").camundaCandidateGroups("org")
                .serviceTask("RecordDispatch").camundaExpression("${true}")
                .userTask("RecordRegistration").camundaCandidateGroups("org")
                .boundaryEvent("RegistrationLate").cancelActivity(false).timerWithDuration("P10D")
                .userTask("CheckRegistration").camundaCandidateGroups("staff").endEvent("Checked")
                .moveToActivity("RecordRegistration")
                .serviceTask("StartAnswerClock").camundaExpression("${true}")
                .userTask("RecordAnswer").camundaCandidateGroups("org")
                .boundaryEvent("AnswerOverdue").cancelActivity(false).timerWithDuration("P30D")
                .userTask("ReviewComplaint").camundaCandidateGroups("org").endEvent("Complained")
                .moveToActivity("RecordAnswer")
                .serviceTask("RecordOutcome").camundaExpression("${true}")
                .endEvent("Answered")
                .done();
        return model;
    }

    /** One letter from start to end: the same three completions, with a few form fields each, as through Opora. */
    void oneLetter(String businessKey) {
        String instance = engine.getRuntimeService().startProcessInstanceByKey(KEY, businessKey).getId();
        complete(instance, Map.of("channel", "ONLINE", "sentOn", "2026-12-01"));
        complete(instance, Map.of("registrationNumber", "Вх-1", "registeredOn", "2026-12-02"));
        complete(instance, Map.of("outcome", "answered", "answeredOn", "2026-12-03", "rating", "PARTIAL"));
    }

    private void complete(String instance, Map<String, Object> fields) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).active().singleResult();
        engine.getTaskService().complete(task.getId(), fields);
    }

    @Override
    public void close() {
        engine.close();
    }
}
