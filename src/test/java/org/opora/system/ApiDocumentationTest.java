package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opora.support.Api;
import org.opora.support.OporaIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@OporaIntegrationTest
class ApiDocumentationTest {

    @Autowired
    Api api;

    @Test
    void theOpenApiDocumentDescribesOporasApiAndNotTheEngines() {
        Api.Response docs = api.get("staff", "/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/tasks")).isTrue();
        assertThat(docs.json().path("paths").has("/api/tasks/{id}/complete")).isTrue();
        assertThat(docs.json().path("paths").has("/api/cases/{id}")).isTrue();
        assertThat(docs.raw()).doesNotContain("/engine-rest");
        assertThat(api.get("staff", "/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void anUnknownApiPathIsAProblem() {
        Api.Response response = api.get("staff", "/api/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("type").asText()).isEqualTo("urn:opora:problem:not-found");
    }
}
