package org.opora.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pages of the people who keep Opora running: the registry of public bodies with its editor
 * and CSV import (staff), the day's exports (staff), the organisation's profile (members read it),
 * and administration (failed steps, the mail outbox). Each renders for its role and refuses the
 * others; a refused input comes back beside its field with what was typed.
 */
@OporaIntegrationTest
class StaffAndAdminPagesTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void staffKeepTheRegistryOfPublicBodiesInItsEditor() {
        assertThat(api.get("staff", "/public-bodies").status()).isEqualTo(200);
        assertThat(api.get("staff", "/public-bodies/new").raw()).contains("<label class=\"form-label\" for=\"name\">Название</label>",
                "<label class=\"form-label\" for=\"parentId\">Вышестоящий орган</label>");
        for (String user : List.of("cso-a", "expert")) {
            assertThat(api.get(user, "/public-bodies").status()).as(user).isEqualTo(403);
            assertThat(api.post(user, "/public-bodies", form(Map.of("name", "X", "kind", "OTHER", "level", "REGIONAL"))).status())
                    .as(user).isEqualTo(403);
        }

        String region = "Region " + UUID.randomUUID();
        Api.Response refused = api.post("staff", "/public-bodies", form(Map.of("name", " ", "kind", "MINISTRY", "level", "REGIONAL",
                "region", region, "topics", "schools\ntransport", "budgetRequestsUntil", "13-40")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"error-name\"", "id=\"error-budgetRequestsUntil\"", "value=\"" + region + "\"",
                "schools\ntransport");

        String name = "Ministry of education " + UUID.randomUUID();
        Api.Response created = api.post("staff", "/public-bodies", form(Map.of("name", name, "kind", "MINISTRY", "level", "REGIONAL",
                "region", region, "topics", "schools\ntransport", "budgetRequestsUntil", "06-01", "acceptsInPerson", "true")));
        assertThat(created.status()).as(created.raw()).isEqualTo(302);
        String path = created.headers().getLocation().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        var body = api.get("cso-a", "/api/public-bodies/" + id).json().path("body");
        assertThat(body.path("topics").toString()).isEqualTo("[\"schools\",\"transport\"]");
        assertThat(body.path("acceptsInPerson").asBoolean()).isTrue();
        assertThat(api.get("staff", "/public-bodies?text=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).raw())
                .contains(name, "министерство", "региональный");

        // A second body of the same name is the API's refusal, beside the name.
        Api.Response twin = api.post("staff", "/public-bodies", form(Map.of("name", name, "kind", "MINISTRY", "level", "REGIONAL")));
        assertThat(twin.status()).isEqualTo(400);
        assertThat(twin.raw()).contains("id=\"error-name\"");

        Api.Response edited = api.post("staff", "/public-bodies/" + id, form(Map.of("name", name, "kind", "MINISTRY",
                "level", "FEDERAL", "region", region, "topics", "schools")));
        assertThat(edited.status()).isEqualTo(302);
        assertThat(api.get("cso-a", "/api/public-bodies/" + id).json().path("body").path("level").asText()).isEqualTo("FEDERAL");

        Api.Response noDate = api.post("staff", "/public-bodies/" + id + "/officials",
                form(Map.of("fullName", "Иванова Анна Петровна", "position", "министр", "from", "")));
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.raw()).contains("id=\"error-official-from\"", "value=\"Иванова Анна Петровна\"");
        assertThat(api.post("staff", "/public-bodies/" + id + "/officials",
                form(Map.of("fullName", "Иванова Анна Петровна", "position", "министр", "from", "2025-01-10"))).status()).isEqualTo(302);
        String official = api.get("staff", "/api/public-bodies/" + id).json().path("officials").get(0).path("id").asText();
        Api.Response early = api.post("staff", "/public-bodies/" + id + "/officials/" + official + "/departure",
                form(Map.of("until", "2024-12-31")));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.raw()).contains("id=\"error-until-" + official + "\"", "value=\"2024-12-31\"");
        assertThat(api.post("staff", "/public-bodies/" + id + "/officials/" + official + "/departure",
                form(Map.of("until", "2026-02-01"))).status()).isEqualTo(302);
        assertThat(api.get("staff", "/api/public-bodies/" + id).json().path("officials").get(0).path("heldUntil").asText())
                .isEqualTo("2026-02-01");
    }

    @Test
    void aCsvImportShowsItsRefusalsLineByLineAndChangesNothingUntilAllAreRight() {
        String parent = "Import ministry " + UUID.randomUUID();
        String child = "Import department " + UUID.randomUUID();
        String faulty = "name,parent,kind,level,region,topics\n"
                + parent + ",,MINISTRY,REGIONAL,Tver,schools\n"
                + child + ",Nowhere,DEPARTMENT,PLANETARY,Tver,schools;roads\n";
        Api.Response refused = api.upload("staff", "/public-bodies/import", "bodies.csv", faulty.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("id=\"import-problems\"", "Ничего не загружено", "Строка 3,", "<code>parent</code>",
                "<code>level</code>").doesNotContain("Строка 2,");
        assertThat(api.get("staff", "/api/public-bodies?text=" + URLEncoder.encode(parent, StandardCharsets.UTF_8)).raw())
                .as("all or nothing").doesNotContain(parent);
        assertThat(api.upload("staff", "/public-bodies/import", "bodies.csv", faulty.getBytes(StandardCharsets.UTF_8),
                Map.of("lang", "en")).raw()).contains("Line 3,");

        String right = faulty.replace("Nowhere", parent).replace("PLANETARY", "REGIONAL");
        Api.Response done = api.post("staff", "/public-bodies/import", form(Map.of("csv", right)));
        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(done.raw()).contains("id=\"import-result\"", "добавлено 2, обновлено 0");
        assertThat(api.post("staff", "/public-bodies/import", form(Map.of("csv", " "))).raw()).contains("id=\"error-csv\"");
        assertThat(api.get("cso-a", "/public-bodies/import").status()).isEqualTo(403);
    }

    @Test
    void everyListOfTheDayHasItsCsv() {
        String today = api.get("staff", "/today").raw();
        for (String queue : TodayPage.QUEUES) {
            assertThat(today).contains("id=\"csv-" + queue + "\" href=\"/today/" + queue + ".csv\"");
            Api.Response csv = api.get("staff", "/today/" + queue + ".csv");
            assertThat(csv.status()).as(queue).isEqualTo(200);
            assertThat(csv.raw()).startsWith("task_id,task,case_id,case,organisation,created,due,assignee");
        }
        assertThat(today).contains("id=\"csv-overdue-letters\" href=\"/api/letters/export.csv?overdue=true\"");
        assertThat(api.get("staff", "/api/letters/export.csv?overdue=true").status()).isEqualTo(200);
        assertThat(api.get("staff", "/today/Nothing.csv").status()).isEqualTo(404);
        assertThat(api.get("cso-a", "/today/VetRequest.csv").status()).isEqualTo(403);
    }

    @Test
    void membersReadTheirOrganisationsProfileAndNoOneElses() {
        var a = fixtures.organisationA();
        Api.Response mine = api.get("cso-a", "/organisation");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.raw()).contains(a.name(), "ИНН", a.inn(), TestFixtures.CENTRE).doesNotContain("<form method=\"post\" action=\"/organisation");
        assertThat(api.get("cso-a", "/").raw()).contains("id=\"profile-link\" href=\"/organisation\"");
        assertThat(api.get("cso-a", "/organisations/" + a.id()).status()).isEqualTo(200);
        assertThat(api.get("cso-b", "/organisations/" + a.id()).status()).isEqualTo(404);
        assertThat(api.get("cso-b", "/organisations/" + a.id()).raw()).doesNotContain(a.inn());
        assertThat(api.get("staff", "/organisations/" + a.id()).raw()).contains(a.inn());
        assertThat(api.get("expert", "/organisation").status()).isEqualTo(403);
        assertThat(api.get("cso-a", "/organisation?lang=en").raw()).contains("INN", "Resource centre");
    }

    @Test
    void administratorsSeeFailedStepsAndTheOutboxAndRetryAFailedMessage() {
        for (String path : List.of("/admin/incidents", "/admin/outbox", "/admin/outbox?status=ALL")) {
            Api.Response page = api.get("admin", path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.raw()).as(path).contains("<html lang=\"ru\"", "href=\"/admin/incidents\"", "href=\"/admin/outbox\"");
            for (String user : List.of("staff", "cso-a", "expert")) {
                assertThat(api.get(user, path).status()).as(user + " " + path).isEqualTo(403);
            }
        }
        assertThat(api.get("admin", "/admin/incidents").raw()).contains("Сбои шагов", "href=\"/camunda/app/cockpit/\"");
        assertThat(api.get("admin", "/").raw()).contains("href=\"/admin/outbox\"");
        assertThat(api.get("staff", "/").raw()).doesNotContain("href=\"/admin/outbox\"");

        // A message that failed every attempt shows under "failed" with a retry button, which queues it again.
        UUID message = UUID.randomUUID();
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        jdbc.sql("INSERT INTO mail_outbox (id, idempotency_key, recipient, language, template, subject, body_html, status, "
                        + "attempts, next_attempt_at, last_error, created_at) VALUES (?, ?, ?, 'ru', 'task-new', ?, '<p>x</p>', "
                        + "'FAILED', 5, ?, 'Connection refused', ?)")
                .params(message, "page-test:" + message, "failed-" + message + "@opora.test", "Новая задача " + message, now, now)
                .update();
        Api.Response failed = api.get("admin", "/admin/outbox?status=FAILED");
        assertThat(failed.raw()).contains("id=\"retry-" + message + "\"", "Connection refused", "не отправлено");
        Api.Response retried = api.post("admin", "/admin/outbox/" + message + "/retry", "");
        assertThat(retried.status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT status FROM mail_outbox WHERE id = ?").param(message).query(String.class).single())
                .isIn("PENDING", "SENDING", "SENT");
        assertThat(api.post("admin", "/admin/outbox/" + message + "/retry", "").status()).as("only a failed one").isEqualTo(409);
        assertThat(api.post("staff", "/admin/outbox/" + message + "/retry", "").status()).isEqualTo(403);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
