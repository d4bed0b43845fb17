package org.opora.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls the running application over HTTP as a given user (HTTP Basic, the fixtures' password), or as
 * nobody, in English unless the headers ask for another language. Redirects are not followed, so
 * a test sees the login redirect itself.
 */
public class Api {

    private final RestClient client;
    private final String baseUrl;
    private final String password;
    private final ObjectMapper objectMapper = new ObjectMapper();

    public Api(Environment environment) {
        this.baseUrl = "http://localhost:" + environment.getRequiredProperty("local.server.port");
        // The demo's users share the password "demo" (DemoDataTest); the fixtures' users have a strong one.
        this.password = environment.getProperty("opora.test.password", TestFixtures.PASSWORD);
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

    /**
     * A signed-in session of the webapps (Tasklist's API), with the webapp's CSRF token, as a browser holds
     * it: send {@link WebappSession#headers()} with every request.
     */
    public WebappSession webappSession(String user) {
        Response first = get(user, "/camunda/api/admin/auth/user/default");
        String cookies = String.join("; ", first.cookies().stream().map(cookie -> cookie.split(";", 2)[0]).toList());
        String token = first.headers().getFirst("X-XSRF-TOKEN");
        // A user the webapps turn away gets neither: then there is no session to send.
        Map<String, String> headers = new HashMap<>();
        if (!cookies.isEmpty()) {
            headers.put(HttpHeaders.COOKIE, cookies);
        }
        if (token != null) {
            headers.put("X-XSRF-TOKEN", token);
        }
        return new WebappSession(Map.copyOf(headers));
    }

    public record WebappSession(Map<String, String> headers) {

        /** The same session without its CSRF token, as a forged cross-site request would arrive. */
        public Map<String, String> withoutCsrfToken() {
            return headers.containsKey(HttpHeaders.COOKIE) ? Map.of(HttpHeaders.COOKIE, headers.get(HttpHeaders.COOKIE)) : Map.of();
        }
    }

    /** A PUT of a path sent exactly as given, already percent-encoded. */
    public Response putEncoded(String user, String encodedPath, Object body) {
        return send(user, client.method(HttpMethod.PUT).uri(URI.create(baseUrl + encodedPath)), body, Map.of());
    }

    /** A response whose body is bytes (a download). */
    public record Binary(int status, HttpHeaders headers, byte[] body) {
    }

    /** Uploads a file as a browser's form does: multipart, the file under "file", the other fields beside it. */
    public Response upload(String user, String path, String fileName, byte[] content, Map<String, String> fields) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        fields.forEach(parts::add);
        var request = client.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA);
        if (user != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, basic(user));
        }
        return request.body(parts).exchange((req, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            MediaType type = response.getHeaders().getContentType();
            JsonNode json = type != null && type.getSubtype().contains("json") && bytes.length > 0 ? objectMapper.readTree(bytes) : null;
            return new Response(response.getStatusCode().value(), response.getHeaders(), new String(bytes, StandardCharsets.UTF_8), json);
        });
    }

    /** A browser's signed-in session: its cookie, for pages' forms with their CSRF tokens (no Basic credentials). */
    public record PageSession(String cookie) {
    }

    /** Signs in through the login form, as a browser does. */
    public PageSession signIn(String user) {
        Response loginPage = get(null, "/login");
        String session = loginPage.cookies().stream().filter(cookie -> cookie.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow().split(";")[0];
        Response login = exchange(null, HttpMethod.POST, "/login", "username=" + user + "&password=" + password + "&_csrf="
                + csrfToken(loginPage.raw()), Map.of(HttpHeaders.COOKIE, session));
        return new PageSession(login.cookies().stream().filter(cookie -> cookie.startsWith("JSESSIONID=")).findFirst()
                .map(cookie -> cookie.split(";")[0]).orElse(session));
    }

    /** A page read in the session. */
    public Response page(PageSession session, String path) {
        return exchange(null, HttpMethod.GET, path, null, Map.of(HttpHeaders.COOKIE, session.cookie()));
    }

    /** The CSRF token of the first form on a page. */
    public static String csrfToken(String page) {
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("No CSRF token on the page");
        }
        return token.group(1);
    }

    /**
     * Uploads a file from a page's form in the session: the form's fields first, in their order (the
     * CSRF token among them), then the file, as a browser sends them.
     */
    public Response upload(PageSession session, URI encodedAction, Map<String, String> fieldsInOrder, String fileName,
            byte[] content) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        fieldsInOrder.forEach(parts::add);
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        return client.post().uri(URI.create(baseUrl + encodedAction)).contentType(MediaType.MULTIPART_FORM_DATA)
                .header(HttpHeaders.COOKIE, session.cookie())
                .body(parts).exchange((req, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8), null));
    }

    public Binary download(String user, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, basic(user))
                .exchange((req, response) -> new Binary(response.getStatusCode().value(), response.getHeaders(),
                        response.getBody().readAllBytes()));
    }

    private String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null, Map.of());
    }

    /** A GET of a path sent exactly as given, already percent-encoded (other calls encode the path themselves). */
    public Response getEncoded(String user, String encodedPath, Map<String, String> headers) {
        return send(user, client.method(HttpMethod.GET).uri(URI.create(baseUrl + encodedPath)), null, headers);
    }

    public Response post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body, Map.of());
    }

    public Response put(String user, String path, Object body) {
        return exchange(user, HttpMethod.PUT, path, body, Map.of());
    }

    public Response exchange(String user, HttpMethod method, String path, Object body, Map<String, String> headers) {
        return send(user, client.method(method).uri(path), body, headers);
    }

    private Response send(String user, RestClient.RequestBodySpec request, Object body, Map<String, String> headers) {
        if (user != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, basic(user));
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
