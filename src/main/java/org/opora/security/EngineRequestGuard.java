package org.opora.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.opora.system.ApiException.FieldProblem;
import org.opora.system.ProblemType;
import org.opora.system.Problems;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Checks what a request hands the engine's REST APIs ({@code /engine-rest}, and Tasklist's
 * {@code /camunda/api}) before any engine code runs, and answers 400 problem+json naming the field:
 * <ul>
 * <li>an expression for a query: the second lock after the engine's own ({@link QueryExpressionRefusal}).
 * Queries take expressions only through parameters and fields named {@code ...Expression}
 * ({@code assigneeExpression}, {@code dueBeforeExpression} ...), in the query string, in a JSON body,
 * inside {@code orQueries} or inside a filter's stored {@code query}; and a value written with
 * {@code ${...}} or {@code #{...}} is refused in the query string, where no engine parameter needs one;</li>
 * <li>a Java-serialized variable value, which the engine refuses too (Java serialization is off) but
 * reports as its own server error.</li>
 * </ul>
 */
class EngineRequestGuard extends OncePerRequestFilter {

    /** A JSON body larger than this is refused rather than read past unchecked. */
    static final int MAX_JSON_BODY = 10 * 1024 * 1024;

    private static final JsonFactory JSON = new JsonFactory();
    private static final String NOT_AN_EXPRESSION = "must not be an expression";
    private static final String JAVA_SERIALIZATION = "application/x-java-serialized-object";

    private final Problems problems;

    EngineRequestGuard(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<FieldProblem> inQuery = expressionInParameters(request);
        if (inQuery.isPresent()) {
            refuse(response, inQuery.get());
            return;
        }
        if (!mayBeJson(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_JSON_BODY + 1);
        if (body.length > MAX_JSON_BODY) {
            problems.write(response, ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large");
            return;
        }
        Optional<FieldProblem> inBody;
        try {
            inBody = refusedField(body);
        } catch (IOException notJson) {
            problems.write(response, ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON");
            return;
        }
        if (inBody.isPresent()) {
            refuse(response, inBody.get());
            return;
        }
        chain.doFilter(new ReplayedBody(request, body), response);
    }

    private void refuse(HttpServletResponse response, FieldProblem field) throws IOException {
        String detail = field.message().equals(NOT_AN_EXPRESSION) ? QueryExpressionRefusal.REFUSAL
                : "Java-serialized values are not accepted";
        problems.write(response, ProblemType.VALIDATION, detail, List.of(field));
    }

    private static Optional<FieldProblem> expressionInParameters(HttpServletRequest request) {
        // The query string only: reading form parameters here would consume a form body.
        String queryString = request.getQueryString();
        if (queryString == null) {
            return Optional.empty();
        }
        for (String pair : queryString.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (isExpressionName(name) || looksLikeAnExpression(value)) {
                return Optional.of(new FieldProblem(name, NOT_AN_EXPRESSION));
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // Undecodable: judge it as sent.
            return text;
        }
    }

    /**
     * The first field that carries an expression ({@code orQueries[0].assigneeExpression}) or a
     * Java-serialized value ({@code variables.x.valueInfo.serializationDataFormat}), or empty; a body this
     * guard cannot read fails with an {@link IOException} (and is refused, since it could hide either).
     */
    static Optional<FieldProblem> refusedField(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    continue;
                }
                String name = parser.currentName();
                String field = fieldPath(parser.getParsingContext().pathAsPointer().toString());
                JsonToken value = parser.nextToken();
                if (isExpressionName(name) && value != JsonToken.VALUE_NULL) {
                    return Optional.of(new FieldProblem(field, NOT_AN_EXPRESSION));
                }
                if (name.equals("serializationDataFormat") && value == JsonToken.VALUE_STRING
                        && parser.getText().trim().toLowerCase(Locale.ROOT).startsWith(JAVA_SERIALIZATION)) {
                    return Optional.of(new FieldProblem(field, "must not be " + JAVA_SERIALIZATION));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code /orQueries/0/assigneeExpression} as Opora names fields: {@code orQueries[0].assigneeExpression}. */
    private static String fieldPath(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String step : pointer.substring(1).split("/")) {
            if (step.chars().allMatch(Character::isDigit) && !step.isEmpty()) {
                field.append('[').append(step).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(step.replace("~1", "/").replace("~0", "~"));
            }
        }
        return field.toString();
    }

    private static boolean isExpressionName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith("expression");
    }

    static boolean looksLikeAnExpression(String value) {
        return value != null && (value.contains("${") || value.contains("#{"));
    }

    /**
     * A body the engine's API could read as JSON: declared JSON, or not declared at all (no type, a
     * wildcard or an unreadable one), which the engine reads as JSON too. Uploads (multipart) and forms
     * are not JSON and pass.
     */
    private static boolean mayBeJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || type.isBlank()) {
            return request.getContentLengthLong() != 0;
        }
        try {
            MediaType mediaType = MediaType.parseMediaType(type);
            return mediaType.isWildcardType() || mediaType.isWildcardSubtype()
                    || mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }

    /** The request with its already-read body, for the API behind the guard to read again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return body.length == 0 || available() == 0;
                }

                @Override
                public int available() {
                    try {
                        return in.available();
                    } catch (IOException ex) {
                        return 0;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("Synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
