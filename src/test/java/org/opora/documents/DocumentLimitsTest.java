package org.opora.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opora.cases.CaseAccess;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseService;
import org.opora.security.OporaUserLoader;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestDocuments;
import org.opora.support.TestFixtures;
import org.opora.system.ApiException;
import org.opora.system.ProblemType;
import org.opora.volunteering.VolunteerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

/**
 * The per-case limit (with limits small enough to reach in a test, on the same beans), and erasure:
 * a volunteer's documents go when the volunteer leaves, a case's when its data is deleted.
 */
@OporaIntegrationTest
class DocumentLimitsTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DocumentRepository repository;
    @Autowired
    DocumentStore store;
    @Autowired
    DocumentInspector inspector;
    @Autowired
    List<DocumentKinds> kinds;
    @Autowired
    CaseAccess access;
    @Autowired
    CaseService cases;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    OporaUserLoader users;
    @Autowired
    VolunteerService volunteers;
    @Autowired
    DocumentService documents;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCaseTakesDocumentsUpToItsLimitAndRefusesTheOneBeyondWith413() {
        DocumentProperties small = new DocumentProperties(DataSize.ofKilobytes(10), DataSize.ofKilobytes(25),
                DataSize.ofKilobytes(11), "database", List.of("text/plain"), 1000);
        DocumentService limited = new DocumentService(repository, store, inspector, small, kinds, access, cases, transactions, clock);
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Limits");
        signIn("cso-a");

        limited.addToCase(record.id(), "other", text("first.txt", 10 * 1024));
        limited.addToCase(record.id(), "other", text("second.txt", 10 * 1024));

        assertThatThrownBy(() -> limited.addToCase(record.id(), "other", text("third.txt", 6 * 1024)))
                .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
        assertThatThrownBy(() -> limited.addToCase(record.id(), "other", text("big.txt", 11 * 1024)))
                .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
        limited.addToCase(record.id(), "other", text("fits.txt", 5 * 1024));
        assertThat(limited.ofCase(record.id())).extracting(Document::name).containsExactly("first.txt", "second.txt", "fits.txt");
    }

    @Test
    void aVolunteersDocumentsAreForStaffAndAreErasedWhenTheyLeave() {
        Api.Response entered = api.post("staff", "/api/volunteering/volunteers", Map.of("name", "Vera Leaving",
                "email", "vera." + UUID.randomUUID() + "@volunteers.test", "language", "ru", "district", "Central",
                "city", "Moscow", "skills", List.of("first aid"), "maxPerMonth", 4));
        assertThat(entered.status()).as(entered.raw()).isEqualTo(201);
        String volunteer = entered.json().path("id").asText();
        String path = "/api/volunteering/volunteers/" + volunteer + "/documents";

        Api.Response certificate = api.upload("staff", path, "справка.pdf", TestDocuments.pdf("No criminal record"),
                Map.of("kind", "clearance-certificate"));
        assertThat(certificate.status()).as(certificate.raw()).isEqualTo(201);
        String id = certificate.json().path("id").asText();
        assertThat(api.get("staff", path).json()).hasSize(1);
        assertThat(api.get("cso-a", path).status()).isEqualTo(404);
        assertThat(api.get("cso-a", "/api/documents/" + id + "/content").status()).isEqualTo(404);
        assertThat(api.upload("cso-a", path, "x.pdf", TestDocuments.pdf("x"), Map.of("kind", "other")).status()).isEqualTo(404);
        String key = jdbc.sql("SELECT storage_key FROM document WHERE id = ?").param(UUID.fromString(id)).query(String.class).single();

        volunteers.leave(UUID.fromString(volunteer));

        assertThat(api.get("staff", "/api/documents/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_content WHERE storage_key = ?").param(key).query(Long.class).single())
                .isZero();
        assertThat(api.upload("staff", path, "late.pdf", TestDocuments.pdf("late"), Map.of("kind", "other")).status())
                .isEqualTo(404);
    }

    /** What a retention job calls when a case's time is up (Opora has none yet; ADR 10). */
    @Test
    void erasingACasesDocumentsLeavesNeitherRowsNorBytes() {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "At the end of its retention");
        String id = api.upload("cso-a", "/api/cases/" + record.id() + "/documents", "minutes.txt",
                TestDocuments.text("Minutes of the meeting"), Map.of("kind", "other")).json().path("id").asText();
        String key = jdbc.sql("SELECT storage_key FROM document WHERE id = ?").param(UUID.fromString(id)).query(String.class).single();

        documents.deleteOfCase(record.id());

        assertThat(api.get("cso-a", "/api/documents/" + id).status()).isEqualTo(404);
        assertThat(api.get("cso-a", "/api/cases/" + record.id() + "/documents").json()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_content WHERE storage_key = ?").param(key).query(Long.class).single())
                .isZero();
    }

    private void signIn(String userId) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(users.load(userId), null));
    }

    private static DocumentService.Upload text(String name, int size) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 'a');
        return new DocumentService.Upload(name, size, new ByteArrayResource(content));
    }
}
