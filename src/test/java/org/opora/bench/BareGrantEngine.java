package org.opora.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The reference for grant applications' throughput: a plain Camunda engine (same version, history level and
 * PostgreSQL, its own empty database, no Opora plugins or listeners) running bench/bare-grant-application.bpmn,
 * grant-application.bpmn's happy path without Opora, and bench/bare-grant-competition.bpmn for the committee.
 * Its job executor is configured as Opora's (4 threads, 10 jobs per acquisition, a queue of 20): the result
 * is told asynchronously in both.
 */
final class BareGrantEngine implements AutoCloseable {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static final String APPLICATION = "bare-grant-application";
    static final String COMPETITION = "bare-grant-competition";

    final ProcessEngine engine;
    private final TaskService tasks;
    private final RuntimeService runtime;

    BareGrantEngine(String jdbcUrl, String user, String password, int poolSize) {
        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        jobExecutor.setCorePoolSize(4);
        jobExecutor.setMaxPoolSize(4);
        jobExecutor.setQueueSize(20);
        jobExecutor.setMaxJobsPerAcquisition(10);
        jobExecutor.setMaxWait(10_000);
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration()
                .setJdbcUrl(jdbcUrl).setJdbcUsername(user).setJdbcPassword(password).setJdbcDriver("org.postgresql.Driver")
                .setJdbcMaxActiveConnections(poolSize)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(true)
                .setProcessEngineName("bare-grants-" + System.nanoTime());
        configuration.setJobExecutor(jobExecutor);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .addClasspathResource("bench/bare-grant-application.bpmn")
                .addClasspathResource("bench/bare-grant-competition.bpmn")
                // the real admission table, as the business-rule task's decision
                .addClasspathResource("processes/grant-admission.dmn")
                .deploy();
        tasks = engine.getTaskService();
        runtime = engine.getRuntimeService();
    }

    /** A competition waiting for its review period to end; its business key is what its applications carry. */
    String competition(String key) {
        runtime.startProcessInstanceByKey(COMPETITION, key);
        return key;
    }

    /**
     * One application up to its scores, with the same completions and form fields as through Opora: submitted,
     * admitted by the table and by staff, the panel confirmed, two experts' declarations and reviews.
     */
    void oneApplication(String competition, String businessKey) {
        String instance = runtime.startProcessInstanceByKey(APPLICATION, businessKey,
                Map.of("competition", competition)).getId();
        // The admission table's inputs, computed by Opora from its tables on submission and never stored in the process.
        VariableMap submitted = Variables.fromMap(asFormVariables(GrantThroughput.applicationFields(businessKey)))
                .putValueTyped("registeredMonths", Variables.integerValue(120, true))
                .putValueTyped("minRegistrationMonths", Variables.integerValue(12, true))
                .putValueTyped("minGrant", Variables.longValue(100_000L, true))
                .putValueTyped("maxGrant", Variables.longValue(600_000L, true))
                .putValueTyped("maxMonths", Variables.integerValue(12, true))
                .putValueTyped("budgetTotal", Variables.longValue(300_000L, true))
                .putValueTyped("missingDocuments", Variables.integerValue(0, true));
        complete(instance, "SubmitApplication", null, submitted);
        complete(instance, "CheckAdmission", null, Map.of("verdict", "admit"));
        // Opora's panel is in its tables; here the multi-instance collection comes with the confirmation, unstored.
        List<String> experts = List.of("expert-1", "expert-2");
        complete(instance, "ConfirmPanel", null, Variables.createVariables()
                .putValueTyped("experts", Variables.objectValue(new ArrayList<>(experts), true).create()));
        for (String expert : experts) {
            complete(instance, "DeclareConflicts", expert, Map.of("conflict", "no"));
            complete(instance, "ReviewApplication", expert, GrantThroughput.reviewFields());
        }
    }

    /** The form's lists (budget lines, attachments) as the JSON text that Opora's form contract reads them from. */
    private static Map<String, Object> asFormVariables(Map<String, Object> fields) {
        Map<String, Object> variables = new java.util.HashMap<>();
        fields.forEach((name, value) -> {
            try {
                variables.put(name, value instanceof List<?> ? JSON.writeValueAsString(value) : value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalArgumentException(ex);
            }
        });
        return variables;
    }

    private void complete(String instance, String key, String assignee, Map<String, Object> fields) {
        var query = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key);
        Task task = (assignee == null ? query : query.taskAssignee(assignee)).singleResult();
        tasks.complete(task.getId(), fields);
    }

    /** The review period ends (its timer, run now), the committee decides every application, the results are told. */
    void decide(String competition, int applications) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(competition)
                .processDefinitionKey(COMPETITION).singleResult().getId();
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance).timers().singleResult();
        engine.getManagementService().executeJob(timer.getId());
        Task decide = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("DecideGrants").singleResult();
        // As bytes, as Opora keeps the committee's rows (a JSON value): a string variable holds 4,000 characters only.
        tasks.complete(decide.getId(), Map.of("decisions", org.camunda.bpm.engine.variable.Variables.byteArrayValue(
                GrantThroughput.rejectAll(applications).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** Applications of the competition not finished yet (waiting for the decision, or for their result job). */
    long unfinished(String competition) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(APPLICATION)
                .variableValueEquals("competition", competition).count();
    }

    /** "Announce the decisions": each application waiting for it hears it, one correlation each, as in Opora. */
    public static final class AnnounceDecisions implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
            List<Execution> waiting = runtime.createExecutionQuery().messageEventSubscriptionName("GrantDecided")
                    .processVariableValueEquals("competition", execution.getProcessBusinessKey()).list();
            for (Execution waiter : waiting) {
                runtime.createMessageCorrelation("GrantDecided").processInstanceId(waiter.getProcessInstanceId()).correlateAll();
            }
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
