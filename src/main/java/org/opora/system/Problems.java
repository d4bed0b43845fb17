package org.opora.system;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Builds and writes problem details: the one error shape of Opora's API. */
@Component
public class Problems {

    private final ObjectMapper objectMapper;
    private final ProblemTexts texts;
    private final LocaleResolver locales;

    public Problems(ObjectMapper objectMapper, ProblemTexts texts, LocaleResolver locales) {
        this.objectMapper = objectMapper;
        this.texts = texts;
        this.locales = locales;
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    public static ProblemDetail of(ProblemType type, String detail, List<ApiException.FieldProblem> fields) {
        ProblemDetail problem = of(type, detail);
        if (!fields.isEmpty()) {
            problem.setProperty("errors", fields);
        }
        return problem;
    }

    /** For places outside Spring MVC (security filters) that must answer with a problem too. */
    public void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        write(response, type, detail, List.of());
    }

    /** For a filter that runs before Spring has bound the request: the reader's language from this request. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
            throws IOException {
        write(response, of(type, detail, List.of()), false, locales.resolveLocale(request));
    }

    public void write(HttpServletResponse response, ProblemType type, String detail, List<ApiException.FieldProblem> fields)
            throws IOException {
        write(response, of(type, detail, fields));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        write(response, problem, false);
    }

    /** A problem with the engine API's {@code message} beside its detail, in the same language: what Tasklist shows. */
    public void writeForEngineApi(HttpServletResponse response, ProblemDetail problem) throws IOException {
        write(response, problem, true);
    }

    /** As {@link #writeForEngineApi(HttpServletResponse, ProblemDetail)}, in the language of this request's reader. */
    public void writeForEngineApi(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
            ProblemDetail problem) throws IOException {
        write(response, problem, true, locales.resolveLocale(request));
    }

    private void write(HttpServletResponse response, ProblemDetail problem, boolean withEngineMessage) throws IOException {
        // Outside Spring MVC the reader's language is resolved here, as the dispatcher would.
        Locale locale = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? locales.resolveLocale(request.getRequest()) : LocaleContextHolder.getLocale();
        write(response, problem, withEngineMessage, locale);
    }

    private void write(HttpServletResponse response, ProblemDetail problem, boolean withEngineMessage, Locale locale)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        ProblemDetail localised = texts.localise(problem, locale);
        if (withEngineMessage) {
            localised.setProperty("message", localised.getDetail());
        }
        objectMapper.writeValue(response.getOutputStream(), localised);
    }
}
