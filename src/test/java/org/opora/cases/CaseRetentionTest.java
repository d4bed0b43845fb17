package org.opora.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestDocuments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The end of a case's retention (ADR 16), on the engine's clock: a volunteer request refused at
 * vetting keeps its documents and contact for three years after its process ended, then loses them,
 * and the names in its timeline; a request still open keeps everything.
 */
@OporaIntegrationTest
class CaseRetentionTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Autowired
    Api api;
    @Autowired
    CaseRetention retention;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void aMondayIn2027() {
        at(LocalDateTime.of(2027, 3, 1, 10, 0));
    }

    @Test
    void aRequestRefusedLosesItsDocumentsAndContactThreeYearsAfterItsProcessEndedAndAnOpenOneKeepsThem() {
        String refused = request("Refused at vetting");
        String open = request("Still being vetted");
        String refusedDocument = upload(refused, "акт.pdf");
        String openDocument = upload(open, "фото.pdf");
        String key = jdbc.sql("SELECT storage_key FROM document WHERE id = ?").param(UUID.fromString(refusedDocument))
                .query(String.class).single();

        at(LocalDateTime.of(2027, 3, 2, 9, 0));
        Task vetting = taskService.createTaskQuery().processInstanceBusinessKey(refused).taskDefinitionKey("VetRequest").singleResult();
        Api.Response decided = api.post("staff", "/api/tasks/" + vetting.getId() + "/complete",
                Map.of("decision", "refuse", "reason", "Not lawful"));
        assertThat(decided.status()).as(decided.raw()).isEqualTo(204);
        for (Job job : managementService.createJobQuery().processInstanceId(vetting.getProcessInstanceId()).executable().list()) {
            managementService.executeJob(job.getId());
        }
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(refused).singleResult()
                .getEndTime()).isNotNull();

        at(LocalDateTime.of(2030, 3, 1, 9, 0));
        // (The suite's other cases share the database: only this test's cases are asserted.)
        retention.endDueRetentions();
        assertThat(api.get("cso-a", "/api/documents/" + refusedDocument).status()).as("three years are not over yet").isEqualTo(200);
        assertThat(retention.endedAt(UUID.fromString(refused))).isEmpty();

        at(LocalDateTime.of(2030, 3, 3, 9, 0));
        assertThat(retention.endDueRetentions()).isPositive();

        assertThat(api.get("cso-a", "/api/documents/" + refusedDocument).status()).isEqualTo(404);
        assertThat(api.get("staff", "/api/cases/" + refused + "/documents").json()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_content WHERE storage_key = ?").param(key).query(Long.class).single())
                .isZero();
        Map<String, Object> contact = jdbc.sql("SELECT contact_name, contact_email, contact_phone FROM volunteer_request WHERE id = ?")
                .param(UUID.fromString(refused)).query().singleRow();
        assertThat(contact.values()).containsExactlyInAnyOrder("—", "—", null);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_event WHERE case_id = ? AND (actor IS NOT NULL OR detail IS NOT NULL)")
                .param(UUID.fromString(refused)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT kind FROM case_event WHERE case_id = ?").param(UUID.fromString(refused)).query(String.class)
                .list()).contains("retention-ended", "document-added");
        java.time.Instant endedAt = retention.endedAt(UUID.fromString(refused)).orElseThrow();
        // The case itself stays for the statistics: its type, organisation and title.
        assertThat(api.get("staff", "/api/volunteering/requests/" + refused).json().path("title").asText())
                .isEqualTo("Refused at vetting");

        // The open request keeps its document and contact; a second run erases nothing twice.
        assertThat(api.get("cso-a", "/api/documents/" + openDocument).status()).isEqualTo(200);
        assertThat(api.get("cso-a", "/api/volunteering/requests/" + open).json().path("contactName").asText()).isEqualTo("Анна");
        at(LocalDateTime.of(2030, 3, 4, 9, 0));
        retention.endDueRetentions();
        assertThat(retention.endedAt(UUID.fromString(refused))).contains(endedAt);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_event WHERE case_id = ? AND kind = 'retention-ended'")
                .param(UUID.fromString(refused)).query(Long.class).single()).isEqualTo(1);
        assertThat(retention.endedAt(UUID.fromString(open))).isEmpty();
    }

    private String request(String title) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "what", "Разобрать склад", "why", "Нужна помощь",
                "place", "Ленина 1", "firstDate", "2027-03-06", "startTime", "10:00", "endTime", "14:00", "needed", 1));
        body.put("requiredSkills", List.of("retention-" + UUID.randomUUID().toString().substring(0, 8)));
        body.put("contactName", "Анна");
        body.put("contactEmail", "anna@cso.test");
        body.put("contactPhone", "+7 900 000-00-00");
        Api.Response response = api.post("cso-a", "/api/volunteering/requests", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    private String upload(String caseId, String name) {
        Api.Response uploaded = api.upload("cso-a", "/api/cases/" + caseId + "/documents", name, TestDocuments.pdf("Act of work"),
                Map.of("kind", "photo"));
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        return uploaded.json().path("id").asText();
    }

    private static void at(LocalDateTime moment) {
        ClockUtil.setCurrentTime(Date.from(moment.atZone(MOSCOW).toInstant()));
    }
}
