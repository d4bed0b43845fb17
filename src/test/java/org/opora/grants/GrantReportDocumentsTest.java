package org.opora.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestDocuments;
import org.opora.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * A grant's reports hold their receipts and photos: each report is a part of the application's case
 * ({@code report-1}), in the API and on the application's page, through the same DocumentService and
 * CaseAccess as every document.
 */
@OporaIntegrationTest
class GrantReportDocumentsTest {

    @RegisterExtension
    static GreenMailExtension smtp = TestSmtp.server();

    @Autowired
    ApplicationContext context;

    GrantScenario grants;
    Api api;

    @BeforeEach
    void aCommitteeAndTwoExperts() {
        grants = new GrantScenario(context);
        api = grants.api;
        grants.staffOnCommittee();
        GrantScenario.setClock(LocalDate.of(2026, 3, 2));
    }

    @Test
    void aReportsReceiptsAndPhotosAreKeptOnTheReportInTheApiAndOnThePage() {
        List<String> pool = List.of(grants.expert("CSO", GrantScenario.TVER), grants.expert("GOVERNMENT", null));
        String competition = grants.createCompetition(grants.competition(pool, Map.of()));
        String id = grants.submit(competition, grants.application("Receipts kept", 400_000));
        for (String expert : grants.admitWithProposedPanel(id)) {
            grants.review(expert, id, 9, 8);
        }
        grants.endReviewPeriod(competition, LocalDate.of(2026, 4, 21));
        grants.complete("staff", competition, "DecideGrants", Map.of("decisions", GrantScenario.decisions("APPROVE")));
        grants.runDueJobs(List.of(id));
        grants.complete("cso-a", id, "SignAgreement", Map.of("bankAccount", "40703810900000000001", "bankBik", "044525225",
                "signatory", "Anna Petrova, director", "signed", true));
        int number = api.get("cso-a", "/api/grants/applications/" + id + "/funding").json().path("reports").get(0)
                .path("number").asInt();
        String part = "report-" + number;
        String documents = "/api/cases/" + id + "/documents";

        assertThat(api.get("cso-a", documents + "/kinds?part=" + part).json()).extracting(Object::toString)
                .containsExactly("\"receipt\"", "\"photo\"");
        Api.Response receipt = api.upload("cso-a", documents, "чек.pdf", TestDocuments.pdf("Receipt 1500 roubles"),
                Map.of("kind", "receipt", "part", part));
        assertThat(receipt.status()).as(receipt.raw()).isEqualTo(201);
        assertThat(receipt.json().path("part").asText()).isEqualTo(part);
        Api.Response noSuchReport = api.upload("cso-a", documents, "чек.pdf", TestDocuments.pdf("x"),
                Map.of("kind", "receipt", "part", "report-9"));
        assertThat(noSuchReport.status()).isEqualTo(400);
        assertThat(noSuchReport.json().path("errors").get(0).path("field").asText()).isEqualTo("part");
        Api.Response wrongKind = api.upload("cso-a", documents, "устав.pdf", TestDocuments.pdf("x"),
                Map.of("kind", "charter", "part", part));
        assertThat(wrongKind.status()).isEqualTo(400);
        assertThat(wrongKind.json().path("errors").get(0).path("field").asText()).isEqualTo("kind");
        assertThat(api.get("cso-a", documents + "?part=" + part).json()).hasSize(1);
        assertThat(api.get("cso-b", documents + "?part=" + part).status()).isEqualTo(404);
        assertThat(api.upload("cso-b", documents, "чужой.pdf", TestDocuments.pdf("x"), Map.of("kind", "receipt", "part", part))
                .status()).isEqualTo(404);

        String page = "/grants/applications/" + id;
        Api.Response photo = api.upload("cso-a", "/cases/" + id + "/documents", "отчёт-фото.pdf", TestDocuments.pdf("Photo"),
                Map.of("kind", "photo", "part", part, "back", page));
        assertThat(photo.status()).isEqualTo(302);
        String html = api.get("cso-a", page).raw();
        assertThat(html).contains("id=\"documents-" + part + "\"", "чек.pdf", "отчёт-фото.pdf");
        assertThat(api.get("cso-a", documents + "?part=" + part).json()).hasSize(2);

        Api.Response refused = api.upload("cso-a", "/cases/" + id + "/documents", "scan.pdf", TestDocuments.executable(),
                Map.of("kind", "receipt", "part", part, "back", page));
        String location = refused.headers().getLocation().toString();
        assertThat(location).contains("documentError=wrong-type", "documentPart=" + part).endsWith("#documents-" + part);
        String refusedPage = api.get("cso-a", page + "?documentError=wrong-type&documentPart=" + part).raw();
        assertThat(refusedPage).contains("id=\"document-error-" + part + "\"").doesNotContain("id=\"document-error\"");
    }
}
