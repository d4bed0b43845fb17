package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.opora.cases.CaseRecord;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.opora.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile input to the running application's parsers, through HTTP as attackers send it: the signed
 * volunteer link, a task completion payload, the public-body CSV import. Whatever arrives, the answer
 * is never a 5xx. Every build replays the saved inputs ({@code PublicInputFuzzTestInputs}); fuzzing for
 * longer: docs/reliability.md.
 */
@OporaIntegrationTest
class PublicInputFuzzTest {

    @Autowired
    Api api;
    @Autowired
    TestFixtures fixtures;

    @FuzzTest(maxDuration = "60s")
    void aVolunteerLinkOfAnyShapeIsRefusedOrShownNeverAFailure(FuzzedDataProvider data) {
        String token = URLEncoder.encode(data.consumeRemainingAsString(), StandardCharsets.UTF_8);

        Api.Response response = api.getEncoded(null, "/v/" + token, Map.of());

        assertThat(response.status()).as(response.raw()).isLessThan(500);
    }

    @FuzzTest(maxDuration = "60s")
    void aTaskCompletionPayloadOfAnyShapeIsAProblemNeverAFailure(FuzzedDataProvider data) {
        CaseRecord record = fixtures.openCase(fixtures.organisationA(), "Fuzzed completion");
        String taskId = api.get("staff", "/api/tasks?caseId=" + record.id()).json().path("items").path(0).path("id").asText();
        String body = data.consumeRemainingAsString();

        Api.Response response = api.exchange("staff", HttpMethod.POST, "/api/tasks/" + taskId + "/complete", body,
                Map.of(HttpHeaders.CONTENT_TYPE, "application/json"));

        assertThat(response.status()).as(body + " -> " + response.raw()).isLessThan(500);
    }

    @FuzzTest(maxDuration = "60s")
    void aPublicBodyCsvOfAnyShapeIsRefusedLineByLineNeverAFailure(FuzzedDataProvider data) {
        String csv = data.consumeRemainingAsString();

        Api.Response response = api.exchange("staff", HttpMethod.POST, "/api/public-bodies/import", csv,
                Map.of(HttpHeaders.CONTENT_TYPE, "text/csv"));

        assertThat(response.status()).as(csv + " -> " + response.raw()).isLessThan(500);
    }
}
