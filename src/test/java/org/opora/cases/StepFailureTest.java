package org.opora.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.FlakyNotification;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A step that throws is never lost: its writes roll back (no e-mail in the outbox), it retries on its
 * schedule, then stops as an incident that Cockpit and Opora's admin view both show; once the cause is
 * fixed, a retry completes it, with exactly one e-mail.
 */
@OporaIntegrationTest
class StepFailureTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    CaseService cases;
    @Autowired
    FlakyNotification notification;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void mend() {
        notification.mend();
    }

    @Test
    void aFailingStepRollsBackRetriesOnItsScheduleBecomesAnIncidentAndCompletesOnceFixed() {
        notification.breakIt();
        CaseRecord record = cases.open("step-failure-check", fixtures.centre().id(), fixtures.organisationA().id(),
                "Notification that fails", "cso-a");
        String instance = record.processInstanceId();

        Job job = job(instance);
        assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("misconfigured");
        assertThat(emails(record)).as("the failed step's e-mail rolled back").isZero();
        Job retried = job(instance);
        assertThat(retried.getRetries()).isEqualTo(1);
        assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), retried.getDuedate().toInstant()))
                .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));

        ClockUtil.setCurrentTime(Date.from(retried.getDuedate().toInstant().plusSeconds(1)));
        assertThatThrownBy(() -> managementService.executeJob(retried.getId())).hasMessageContaining("misconfigured");
        assertThat(job(instance).getRetries()).isZero();
        assertThat(emails(record)).isZero();

        // Cockpit's incident, and Opora's view of it with the case it holds up.
        assertThat(api.get("staff", "/engine-rest/incident?maxResults=10&processInstanceId=" + instance).json()).hasSize(1);
        Api.Response incidents = api.get("admin", "/api/admin/incidents");
        JsonNode incident = null;
        for (JsonNode item : incidents.json()) {
            if (record.id().toString().equals(item.path("caseId").asText())) {
                incident = item;
            }
        }
        assertThat(incident).as(incidents.raw()).isNotNull();
        assertThat(incident.path("stepName").asText()).isEqualTo("Notify the organisation");
        assertThat(incident.path("message").asText()).contains("misconfigured");
        assertThat(incident.path("caseTitle").asText()).isEqualTo("Notification that fails");
        assertThat(api.get("staff", "/api/admin/incidents").status()).isEqualTo(403);

        notification.mend();
        assertThat(api.post("admin", "/api/admin/incidents/" + incident.path("id").asText() + "/retry", null).status()).isEqualTo(204);
        managementService.executeJob(job(instance).getId());

        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getEndActivityId())
                .isEqualTo("OrganisationNotified");
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(emails(record)).isEqualTo(1);
        assertThat(api.post("admin", "/api/admin/incidents/" + incident.path("id").asText() + "/retry", null).status()).isEqualTo(404);
    }

    private Job job(String instance) {
        return managementService.createJobQuery().processInstanceId(instance).singleResult();
    }

    private long emails(CaseRecord record) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE idempotency_key = ?").param("notified:" + record.id())
                .query(Long.class).single();
    }
}
