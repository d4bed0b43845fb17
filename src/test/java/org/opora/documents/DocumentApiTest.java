package org.opora.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestDocuments;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/** Documents through the API as people use it: upload, list, download, and every refusal. */
@OporaIntegrationTest
class DocumentApiTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    CaseRecord caseOfA;
    CaseRecord caseOfB;

    @BeforeEach
    void aCaseOfEachOrganisation() {
        caseOfA = fixtures.openCase(fixtures.organisationA(), "Documents of A");
        caseOfB = fixtures.openCase(fixtures.organisationB(), "Documents of B");
    }

    @Test
    void anUploadedDocumentIsListedAndDownloadedAsAnAttachmentOfItsDetectedType() throws Exception {
        byte[] pdf = TestDocuments.pdf("Charter of the organisation");

        Api.Response uploaded = upload("cso-a", caseOfA, "Устав организации.pdf", pdf, "other");

        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        JsonNode document = uploaded.json();
        assertThat(uploaded.headers().getLocation()).hasToString("/api/documents/" + document.path("id").asText());
        assertThat(document.path("name").asText()).isEqualTo("Устав организации.pdf");
        assertThat(document.path("kind").asText()).isEqualTo("other");
        assertThat(document.path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(document.path("size").asLong()).isEqualTo(pdf.length);
        assertThat(document.path("sha256").asText()).isEqualTo(sha256(pdf));
        assertThat(document.path("uploadedBy").asText()).isEqualTo("cso-a");
        assertThat(document.path("uploadedAt").asText()).isNotBlank();
        assertThat(api.get("cso-a", "/api/cases/" + caseOfA.id() + "/documents").json()).hasSize(1);

        for (String reader : List.of("cso-a", "staff")) {
            Api.Binary download = api.download(reader, "/api/documents/" + document.path("id").asText() + "/content");
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(pdf);
            assertThat(download.headers().getContentType()).hasToString("application/pdf");
            assertThat(download.headers().getContentDisposition().getType()).isEqualTo("attachment");
            assertThat(download.headers().getContentDisposition().getFilename()).isEqualTo("Устав организации.pdf");
            assertThat(download.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        // The case's timeline says who added what.
        assertThat(api.get("staff", "/api/cases/" + caseOfA.id()).raw()).contains("document-added", "Устав организации.pdf");
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413AndNothingIsStored() {
        byte[] large = new byte[21 * 1024 * 1024];
        System.arraycopy(TestDocuments.pdf("large"), 0, large, 0, 100);

        Api.Response refused = upload("cso-a", caseOfA, "scan.pdf", large, "other");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:opora:problem:payload-too-large");
        assertNothingStoredOn(caseOfA);
    }

    @Test
    void anExecutableNamedLikeAPdfIsRefusedWith415ByItsContent() {
        Api.Response refused = upload("cso-a", caseOfA, "invoice.pdf", TestDocuments.executable(), "other");

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:opora:problem:unsupported-media-type");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("file");
        assertNothingStoredOn(caseOfA);
    }

    @Test
    void aPathInTheFileNameIsDroppedAndNeverReachesTheStore() {
        JsonNode unix = upload("cso-a", caseOfA, "../../../etc/passwd.txt", TestDocuments.text("root:x:0:0"), "other").json();
        JsonNode windows = upload("cso-a", caseOfA, "C:\\Users\\Мария\\Desktop\\..\\отчёт.txt", TestDocuments.text("Отчёт"),
                "other").json();
        JsonNode controls = upload("cso-a", caseOfA, "\u202Egpj.exe\u0007.txt", TestDocuments.text("text"), "other").json();

        assertThat(unix.path("name").asText()).isEqualTo("passwd.txt");
        assertThat(windows.path("name").asText()).isEqualTo("отчёт.txt");
        assertThat(controls.path("name").asText()).isEqualTo("_gpj.exe_.txt");
        assertThat(unix.path("contentType").asText()).isEqualTo("text/plain");
        String key = jdbc.sql("SELECT storage_key FROM document WHERE id = ?").param(UUID.fromString(unix.path("id").asText()))
                .query(String.class).single();
        assertThat(key).startsWith("db:").doesNotContain("passwd").doesNotContain("..");
    }

    @Test
    void anotherOrganisationsDocumentIsNotFoundInEveryWay() {
        JsonNode ofB = upload("cso-b", caseOfB, "budget of B.txt", TestDocuments.text("B's budget"), "other").json();
        String id = ofB.path("id").asText();

        for (Api.Response response : List.of(api.get("cso-a", "/api/documents/" + id),
                api.get("cso-a", "/api/documents/" + id + "/content"),
                api.exchange("cso-a", HttpMethod.DELETE, "/api/documents/" + id, null, Map.of()),
                api.get("cso-a", "/api/cases/" + caseOfB.id() + "/documents"),
                upload("cso-a", caseOfB, "mine.txt", TestDocuments.text("intruder"), "other"))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().path("type").asText()).isEqualTo("urn:opora:problem:not-found");
            assertThat(response.raw()).doesNotContain("budget of B");
        }
        assertThat(api.get("cso-b", "/api/cases/" + caseOfB.id() + "/documents").json()).hasSize(1);
        assertThat(api.get("nobody-at-all", "/api/documents/" + id).status()).isEqualTo(401);
    }

    @Test
    void aKindTheCaseDoesNotHoldIsRefusedByName() {
        Api.Response refused = upload("cso-a", caseOfA, "charter.pdf", TestDocuments.pdf("charter"), "charter");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("kind");
        assertThat(api.get("cso-a", "/api/cases/" + caseOfA.id() + "/documents/kinds").json().toString()).isEqualTo("[\"other\"]");
        assertNothingStoredOn(caseOfA);
    }

    @Test
    void theUploaderOrStaffRemoveADocumentAndItsBytes() {
        String mine = upload("cso-a", caseOfA, "draft.txt", TestDocuments.text("draft"), "other").json().path("id").asText();
        String staffs = upload("staff", caseOfA, "note.txt", TestDocuments.text("note"), "other").json().path("id").asText();

        Api.Response colleague = api.exchange("cso-a", HttpMethod.DELETE, "/api/documents/" + staffs, null, Map.of());
        assertThat(colleague.status()).isEqualTo(403);
        assertThat(api.exchange("cso-a", HttpMethod.DELETE, "/api/documents/" + mine, null, Map.of()).status()).isEqualTo(204);
        assertThat(api.exchange("staff", HttpMethod.DELETE, "/api/documents/" + staffs, null, Map.of()).status()).isEqualTo(204);

        assertNothingStoredOn(caseOfA);
    }

    @Test
    void aCsoMemberIsNotToldWhichStaffMemberAddedADocument() {
        String id = upload("staff", caseOfA, "note.txt", TestDocuments.text("note"), "other").json().path("id").asText();

        assertThat(api.get("cso-a", "/api/documents/" + id).json().path("uploadedBy").isMissingNode()).isTrue();
        assertThat(api.get("staff", "/api/documents/" + id).json().path("uploadedBy").asText()).isEqualTo("staff");
    }

    private Api.Response upload(String user, CaseRecord record, String name, byte[] content, String kind) {
        return api.upload(user, "/api/cases/" + record.id() + "/documents", name, content, Map.of("kind", kind));
    }

    private void assertNothingStoredOn(CaseRecord record) {
        assertThat(api.get("cso-a", "/api/cases/" + record.id() + "/documents").json()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE case_id = ?").param(record.id()).query(Long.class).single())
                .isZero();
        // No chunk is left without its document.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_content WHERE storage_key NOT IN (SELECT storage_key FROM document)")
                .query(Long.class).single()).isZero();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
