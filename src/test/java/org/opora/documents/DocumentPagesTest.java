package org.opora.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestDocuments;
import org.springframework.beans.factory.annotation.Autowired;

/** A case's page lists its documents with their downloads and adds one through the same service as the API. */
@OporaIntegrationTest
class DocumentPagesTest {

    @Autowired
    Api api;

    String letterId;

    @BeforeEach
    void aLetterOfOrganisationA() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Департамент ЖКХ " + UUID.randomUUID());
        body.put("kind", "DEPARTMENT");
        body.put("level", "REGIONAL");
        body.put("region", "Тверская область");
        body.put("topics", List.of("благоустройство"));
        String bodyId = api.post("staff", "/api/public-bodies", body).json().path("id").asText();
        Map<String, Object> letter = new HashMap<>();
        letter.put("bodyId", bodyId);
        letter.put("subject", "Освещение во дворе");
        letter.put("topic", "благоустройство");
        letter.put("text", "Просим установить фонари");
        letter.put("requestKind", "IN_KIND");
        letterId = api.post("cso-a", "/api/letters", letter).json().path("letter").path("id").asText();
    }

    /** Where a redirect leads on this site: path, query and fragment. */
    private static String local(Api.Response redirect) {
        java.net.URI location = redirect.headers().getLocation();
        assertThat(location.getHost()).isIn(null, "localhost");
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery())
                + (location.getRawFragment() == null ? "" : "#" + location.getRawFragment());
    }

    @Test
    void aMemberAddsTheLetterAsSentAndFindsItOnTheLettersPage() {
        Api.Response added = api.upload("cso-a", "/cases/" + letterId + "/documents", "Письмо в департамент.pdf",
                TestDocuments.pdf("Please install street lights"), Map.of("kind", "letter", "back", "/letters/" + letterId));

        assertThat(added.status()).isEqualTo(302);
        String location = local(added);
        assertThat(location).startsWith("/letters/" + letterId + "?documentAdded=").endsWith("#documents");

        // As a browser follows the redirect: its address is already encoded.
        Api.Response page = api.getEncoded("cso-a", location.substring(0, location.indexOf('#')), Map.of());
        assertThat(page.raw()).contains("Добавлен документ: Письмо в департамент.pdf", "обращение в отправленном виде",
                "/api/documents/");
        assertThat(api.get("staff", "/letters/" + letterId).raw()).contains("Письмо в департамент.pdf");
    }

    @Test
    void aRefusedFileIsSaidBesideTheFieldAndNothingIsStored() {
        Api.Response refused = api.upload("cso-a", "/cases/" + letterId + "/documents", "scan.pdf",
                TestDocuments.executable(), Map.of("kind", "letter", "back", "/letters/" + letterId));

        String location = local(refused);
        assertThat(location).isEqualTo("/letters/" + letterId + "?documentError=wrong-type#documents");
        assertThat(api.get("cso-a", "/letters/" + letterId + "?documentError=wrong-type").raw())
                .contains("Такие файлы не принимаются", "Документов пока нет.");
        assertThat(api.get("cso-a", "/api/cases/" + letterId + "/documents").json()).isEmpty();
    }

    @Test
    void anotherOrganisationsCaseIsNotFoundAndTheFormNeverLeavesTheSite() {
        Api.Response foreign = api.upload("cso-b", "/cases/" + letterId + "/documents", "mine.txt",
                TestDocuments.text("hello"), Map.of("kind", "other", "back", "/letters/" + letterId));
        assertThat(foreign.status()).isEqualTo(404);

        Api.Response elsewhere = api.upload("cso-a", "/cases/" + letterId + "/documents", "note.txt",
                TestDocuments.text("hello"), Map.of("kind", "other", "back", "//evil.example/steal"));
        assertThat(local(elsewhere)).startsWith("/?documentAdded=");
        assertThat(api.get("cso-b", "/api/cases/" + letterId + "/documents").status()).isEqualTo(404);
    }

    /**
     * A file over the container's limit, sent from the page as a browser sends it (signed in, the CSRF
     * token first among the form's fields): the page again with the error beside the file field, in the
     * reader's language; nothing stored. The API keeps its 413 problem (DocumentApiTest).
     */
    @Test
    void aFileOverTheContainersLimitSentFromAPageGetsThePageWithTheErrorBesideTheField() {
        Api.PageSession browser = api.signIn("cso-a");
        String letterPage = api.page(browser, "/letters/" + letterId).raw();
        java.util.regex.Matcher form = java.util.regex.Pattern.compile("<form[^>]*enctype=\"multipart/form-data\"[^>]*action=\"([^\"]+)\"")
                .matcher(letterPage);
        assertThat(form.find()).isTrue();
        String action = form.group(1).replace("&amp;", "&");
        byte[] tooLarge = new byte[21 * 1024 * 1024];
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, tooLarge, 0, 9);
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("_csrf", Api.csrfToken(letterPage));
        fields.put("back", "/letters/" + letterId);
        fields.put("kind", "letter");

        Api.Response refused = api.upload(browser, java.net.URI.create(action), fields, "скан.pdf", tooLarge);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(302);
        assertThat(local(refused)).isEqualTo("/letters/" + letterId + "?documentError=too-large#documents");
        String page = api.page(browser, "/letters/" + letterId + "?documentError=too-large").raw();
        assertThat(page).contains("Файл слишком велик", "id=\"document-error\"");
        assertThat(api.get("cso-a", "/api/cases/" + letterId + "/documents").json()).isEmpty();
    }
}
