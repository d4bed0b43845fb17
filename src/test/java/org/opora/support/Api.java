package org.opora.support;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls the running application over HTTP as a given user (HTTP Basic, password "demo"), or as
 * nobody, in English unless the headers ask for another language. Redirects are not followed, so
 * a test sees the login redirect itself.
 */
public class Api {

    private final RestClient client;
    private final ObjectMapper objectMapper = new ObjectMapper();

    public Api(Environment environment) {
        String baseUrl = "http://localhost:" + environment.getRequiredProperty("local.server.port");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        this.client = RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(new JdkClientHttpRequestFactory(http))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    public record Response(int status, HttpHeaders headers, String raw, JsonNode json) {

        public boolean is2xx() {
            return status >= 200 && status < 300;
        }

        public List<String> cookies() {
            return headers.getOrEmpty(HttpHeaders.SET_COOKIE);
        }
    }

    public Response get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null, Map.of());
    }

    public Response post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body, Map.of());
    }

    public Response put(String user, String path, Object body) {
        return exchange(user, HttpMethod.PUT, path, body, Map.of());
    }

    public Response exchange(String user, HttpMethod method, String path, Object body, Map<String, String> headers) {
        var request = client.method(method).uri(path);
        if (user != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + TestFixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        // Most tests read English texts; the Russian default is asserted where it matters (with "ru").
        if (headers.keySet().stream().noneMatch(HttpHeaders.ACCEPT_LANGUAGE::equalsIgnoreCase)) {
            request = request.header(HttpHeaders.ACCEPT_LANGUAGE, "en");
        }
        for (var header : headers.entrySet()) {
            request = request.header(header.getKey(), header.getValue());
        }
        if (body instanceof String text) {
            if (!headers.containsKey(HttpHeaders.CONTENT_TYPE)) {
                request = request.contentType(MediaType.APPLICATION_FORM_URLENCODED);
            }
            request = request.body(text);
        } else if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            String raw = new String(bytes, StandardCharsets.UTF_8);
            JsonNode json = null;
            MediaType type = response.getHeaders().getContentType();
            if (type != null && type.getSubtype().contains("json") && bytes.length > 0) {
                json = objectMapper.readTree(bytes);
            }
            return new Response(response.getStatusCode().value(), response.getHeaders(), raw, json);
        });
    }
}
