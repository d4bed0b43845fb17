package org.opora.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseScope;
import org.opora.organisations.OrganisationRepository;
import org.opora.security.Role;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import db.migration.V80__Running_instances_join_their_centre;

/**
 * A task belongs to its case's centre (ADR 23): the instance carries the centre as its engine tenant,
 * staff of another centre see neither the task nor a count of it, a suspended task is in nobody's list,
 * and instances started before the tenant existed join their case's centre through migration V80.
 */
@OporaIntegrationTest
class CentreTasksTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    OpenTasks openTasks;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void anInstanceItsTasksAndItsHistoryCarryTheCasesCentreAsTenant() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Tenant of the centre");
        String centre = fixtures.centre().tenantId();

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(record.processInstanceId()).singleResult()
                .getTenantId()).isEqualTo(centre);
        assertThat(taskService.createTaskQuery().processInstanceId(record.processInstanceId()).list())
                .isNotEmpty().allSatisfy(task -> assertThat(task.getTenantId()).isEqualTo(centre));
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(record.processInstanceId())
                .singleResult().getTenantId()).isEqualTo(centre);
    }

    @Test
    void staffOfAnotherCentreSeeNeitherTheTaskNorItsCountWhileTheCentresStaffDo() {
        String elsewhere = fixtures.newUserOfOtherCentre(Role.STAFF, "staff-elsewhere");
        int before = api.get(elsewhere, "/api/tasks?count=true").json().path("total").asInt();
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Only for the centre's staff");

        assertThat(api.get("staff", "/api/tasks?count=true&caseId=" + record.id()).json().path("total").asInt()).isEqualTo(1);
        assertThat(api.get(elsewhere, "/api/tasks?count=true&caseId=" + record.id()).json().path("total").asInt()).isZero();
        assertThat(api.get(elsewhere, "/api/tasks?count=true").json().path("total").asInt()).isEqualTo(before);
        assertThat(api.get(elsewhere, "/engine-rest/task?maxResults=10&processInstanceId=" + record.processInstanceId()).json()).isEmpty();
        assertThat(api.get("staff", "/engine-rest/task?maxResults=10&processInstanceId=" + record.processInstanceId()).json()).hasSize(1);
    }

    @Test
    void aSuspendedTaskLeavesTheListUntilItsInstanceIsActivatedAgain() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Suspended for a while");
        assertThat(api.get("staff", "/api/tasks?count=true&caseId=" + record.id()).json().path("total").asInt()).isEqualTo(1);

        runtimeService.suspendProcessInstanceById(record.processInstanceId());
        assertThat(api.get("staff", "/api/tasks?count=true&caseId=" + record.id()).json().path("total").asInt()).isZero();

        runtimeService.activateProcessInstanceById(record.processInstanceId());
        assertThat(api.get("staff", "/api/tasks?count=true&caseId=" + record.id()).json().path("total").asInt()).isEqualTo(1);
    }

    /** A process outside Opora's cases (a model deployed by hand) has no centre: its staff tasks are all staff's, and only staff's. */
    @Test
    void aTaskOfNoCaseIsListedForTheStaffOfEveryCentreAndForNobodyElse() {
        String businessKey = "no-case-" + UUID.randomUUID();
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(TestFixtures.PROCESS, businessKey);
        assertThat(instance.getTenantId()).isNull();
        UUID otherCentre = centreOf(fixtures.newUserOfOtherCentre(Role.STAFF, "staff-elsewhere"));
        CaseScope otherCentresStaff = new CaseScope(false, List.of(otherCentre), null, null, null);

        assertThat(listed("someone-of-staff", otherCentresStaff, true, businessKey)).isEqualTo(1);
        assertThat(listed("someone-of-staff", otherCentresStaff, false, businessKey)).isZero();
        runtimeService.deleteProcessInstance(instance.getId(), "test over");
    }

    @Test
    void instancesStartedBeforeTenantsJoinTheirCasesCentreThroughTheMigration() throws Exception {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Started before the tenants");
        String instance = record.processInstanceId();
        // As an installation of an earlier release left it: no tenant anywhere.
        for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_HI_PROCINST", "ACT_HI_TASKINST",
                "ACT_HI_ACTINST", "ACT_HI_VARINST")) {
            jdbc.sql("UPDATE " + table + " SET TENANT_ID_ = NULL WHERE PROC_INST_ID_ = ?").param(instance).update();
        }
        String elsewhere = fixtures.newUserOfOtherCentre(Role.STAFF, "staff-elsewhere");
        assertThat(api.get(elsewhere, "/engine-rest/task?maxResults=10&processInstanceId=" + instance).json()).hasSize(1);

        try (Connection connection = dataSource.getConnection()) {
            new V80__Running_instances_join_their_centre().migrate(contextOf(connection));
        }

        String centre = fixtures.centre().tenantId();
        for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_HI_PROCINST", "ACT_HI_TASKINST",
                "ACT_HI_ACTINST", "ACT_HI_VARINST")) {
            assertThat(jdbc.sql("SELECT DISTINCT TENANT_ID_ FROM " + table + " WHERE PROC_INST_ID_ = ?").param(instance)
                    .query(String.class).list()).as(table).allMatch(centre::equals);
        }
        for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_HI_PROCINST", "ACT_HI_TASKINST")) {
            assertThat(jdbc.sql("SELECT DISTINCT TENANT_ID_ FROM " + table + " WHERE PROC_INST_ID_ = ?").param(instance)
                    .query(String.class).list()).as(table).containsExactly(centre);
        }
        assertThat(api.get(elsewhere, "/engine-rest/task?maxResults=10&processInstanceId=" + instance).json()).isEmpty();
        assertThat(api.get("staff", "/engine-rest/task?maxResults=10&processInstanceId=" + instance).json()).hasSize(1);
    }

    private long listed(String userId, CaseScope scope, boolean staff, String businessKey) {
        return openTasks.page(new OpenTasks.Filter(userId, List.of(Role.STAFF.groupId()), scope, staff, null, businessKey, null),
                null, 0, 10, true).total();
    }

    private UUID centreOf(String userId) {
        return organisations.findCentreByName(TestFixtures.OTHER_CENTRE).orElseThrow().id();
    }

    private static Context contextOf(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
