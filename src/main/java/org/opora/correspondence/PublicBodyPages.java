package org.opora.correspondence;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opora.security.CurrentUser;
import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemTexts;
import org.opora.system.ProblemType;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The registry of public bodies for the staff who keep it: the list, a body's editor with its
 * officials, and the CSV import with its refusals line by line. Every change goes through the same
 * {@link PublicBodyRegistry} and request records as {@code /api/public-bodies}, so a refusal here is the API's.
 */
@Controller
@PortalPage
@RequestMapping("/public-bodies")
class PublicBodyPages {

    private static final int MOST = 500;
    private static final Pattern ROW = Pattern.compile("rows\\[(\\d+)]\\.(.+)");

    private final PublicBodyRegistry registry;
    private final PublicBodyMapper mapper;
    private final Validator validator;
    private final ProblemTexts problemTexts;

    PublicBodyPages(PublicBodyRegistry registry, PublicBodyMapper mapper, Validator validator, ProblemTexts problemTexts) {
        this.registry = registry;
        this.mapper = mapper;
        this.validator = validator;
        this.problemTexts = problemTexts;
    }

    /** A refused line of an import: the file's line (the header is line 1), the column and what is wrong. */
    record LineProblem(Integer line, String column, String message) {
    }

    @GetMapping
    String list(@RequestParam(required = false) String text, Model model) {
        keeper();
        model.addAttribute("bodies", registry.search(null, blankToNull(text), MOST));
        model.addAttribute("text", text);
        model.addAttribute("names", names());
        return "bodies/list";
    }

    @GetMapping("/new")
    String newBody(Model model) {
        keeper();
        return editor(null, Map.of("kind", "DEPARTMENT", "level", "REGIONAL"), Map.of(), model);
    }

    @PostMapping
    String create(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        keeper();
        return save(UUID.randomUUID(), null, params, model, response);
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        keeper();
        PublicBody body = body(id);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("name", body.name());
        typed.put("parentId", body.parentId() == null ? "" : body.parentId().toString());
        typed.put("kind", body.kind().name());
        typed.put("level", body.level().name());
        typed.put("region", body.region());
        typed.put("topics", String.join("\n", body.topics()));
        typed.put("address", body.address());
        typed.put("website", body.website());
        typed.put("onlineFormUrl", body.onlineFormUrl());
        typed.put("acceptsInPerson", body.acceptsInPerson() ? "true" : null);
        typed.put("budgetRequestsUntil", body.budgetRequestsUntil());
        return editor(body, typed, Map.of(), model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Model model,
            HttpServletResponse response) {
        keeper();
        return save(id, body(id), params, model, response);
    }

    @PostMapping("/{id}/officials")
    String appoint(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Model model,
            HttpServletResponse response) {
        keeper();
        PublicBody body = body(id);
        Map<String, String> errors = new LinkedHashMap<>();
        PublicBodyController.Appointment appointment = new PublicBodyController.Appointment(blankToNull(params.getFirst("fullName")),
                blankToNull(params.getFirst("position")), date(params.getFirst("from"), "from", errors));
        validate(appointment, errors);
        if (errors.isEmpty()) {
            try {
                registry.appoint(id, appointment.fullName(), appointment.position(), appointment.from());
                return "redirect:/public-bodies/" + id + "#officials";
            } catch (ApiException refused) {
                refusedInto(refused, errors);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("appointment", params.toSingleValueMap());
        model.addAttribute("appointmentErrors", said(errors));
        return show(id, model);
    }

    @PostMapping("/{id}/officials/{officialId}/departure")
    String leave(@PathVariable UUID id, @PathVariable UUID officialId, @RequestParam(required = false) String until,
            Model model, HttpServletResponse response) {
        keeper();
        body(id);
        Map<String, String> errors = new LinkedHashMap<>();
        PublicBodyController.Departure departure = new PublicBodyController.Departure(date(until, "until", errors));
        validate(departure, errors);
        boolean ofThisBody = registry.officials(id).stream().anyMatch(official -> official.id().equals(officialId));
        if (!ofThisBody) {
            throw ApiException.notFound("Official");
        }
        if (errors.isEmpty()) {
            try {
                registry.leave(officialId, departure.until());
                return "redirect:/public-bodies/" + id + "#officials";
            } catch (ApiException refused) {
                refusedInto(refused, errors);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("departureOf", officialId);
        model.addAttribute("departureUntil", until);
        model.addAttribute("departureErrors", said(errors));
        return show(id, model);
    }

    @GetMapping("/import")
    String importForm(Model model) {
        keeper();
        return "bodies/import";
    }

    /** The CSV as a file or pasted; all or nothing, as the API's import: a refused file changes nothing. */
    @PostMapping("/import")
    String importCsv(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String csv,
            Model model, HttpServletResponse response) throws IOException {
        keeper();
        boolean hasFile = file != null && !file.isEmpty();
        if (!hasFile && (csv == null || csv.isBlank())) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("csv", csv);
            model.addAttribute("fileError", problemTexts.onPage("is required"));
            return "bodies/import";
        }
        try (Reader reader = hasFile ? new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8) : new StringReader(csv)) {
            model.addAttribute("result", registry.importCsv(reader));
        } catch (ApiException refused) {
            if (refused.type() != ProblemType.VALIDATION) {
                throw refused;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problems", refused.fields().stream().map(this::lineProblem).toList());
        }
        model.addAttribute("csv", hasFile ? null : csv);
        return "bodies/import";
    }

    private LineProblem lineProblem(ApiException.FieldProblem problem) {
        Locale locale = LocaleContextHolder.getLocale();
        Matcher row = ROW.matcher(problem.field());
        if (row.matches()) {
            return new LineProblem(Integer.parseInt(row.group(1)) + 1, row.group(2), problemTexts.translate(problem.message(), locale));
        }
        return new LineProblem(null, problem.field(), problemTexts.translate(problem.message(), locale));
    }

    private String save(UUID id, PublicBody existing, MultiValueMap<String, String> params, Model model,
            HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String parent = blankToNull(params.getFirst("parentId"));
        UUID parentId = null;
        if (parent != null) {
            try {
                parentId = UUID.fromString(parent);
            } catch (IllegalArgumentException notAnId) {
                errors.put("parentId", "has an invalid value");
            }
        }
        String topics = params.getFirst("topics");
        PublicBodyController.BodyInput input = new PublicBodyController.BodyInput(parentId, blankToNull(params.getFirst("name")),
                value(PublicBody.Kind.class, params.getFirst("kind")), value(PublicBody.Level.class, params.getFirst("level")),
                blankToNull(params.getFirst("region")),
                topics == null ? List.of() : Arrays.stream(topics.split("[\\n;]")).map(String::strip).filter(t -> !t.isEmpty()).toList(),
                blankToNull(params.getFirst("address")), blankToNull(params.getFirst("website")),
                blankToNull(params.getFirst("onlineFormUrl")), params.containsKey("acceptsInPerson"),
                blankToNull(params.getFirst("budgetRequestsUntil")));
        validate(input, errors);
        if (errors.isEmpty()) {
            try {
                PublicBody saved = registry.save(mapper.toBody(id, input));
                return "redirect:/public-bodies/" + saved.id() + "?saved";
            } catch (ApiException refused) {
                refusedInto(refused, errors);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return editor(existing, params.toSingleValueMap(), said(errors), model);
    }

    private String editor(PublicBody body, Map<String, String> typed, Map<String, String> errors, Model model) {
        model.addAttribute("body", body);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", PublicBody.Kind.values());
        model.addAttribute("levels", PublicBody.Level.values());
        model.addAttribute("parents", registry.search(null, null, MOST).stream()
                .filter(other -> body == null || !other.id().equals(body.id())).toList());
        model.addAttribute("officials", body == null ? List.of() : registry.officials(body.id()));
        model.asMap().putIfAbsent("appointment", Map.of());
        model.asMap().putIfAbsent("appointmentErrors", Map.of());
        model.asMap().putIfAbsent("departureErrors", Map.of());
        return "bodies/edit";
    }

    private Map<UUID, String> names() {
        Map<UUID, String> names = new LinkedHashMap<>();
        registry.search(null, null, MOST).forEach(body -> names.put(body.id(), body.name()));
        return names;
    }

    private PublicBody body(UUID id) {
        return registry.find(id).orElseThrow(() -> ApiException.notFound("Public body"));
    }

    private <T> void validate(T request, Map<String, String> errors) {
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().iterator().next().getName();
            errors.putIfAbsent(field, violation.getMessage());
        }
    }

    private static void refusedInto(ApiException refused, Map<String, String> errors) {
        if (refused.type() != ProblemType.VALIDATION) {
            throw refused;
        }
        refused.fields().forEach(problem -> errors.putIfAbsent(problem.field(), problem.message()));
    }

    /** Beside its field, as the API says it, in the page's language. */
    private Map<String, String> said(Map<String, String> errors) {
        Map<String, String> said = new LinkedHashMap<>();
        errors.forEach((field, message) -> said.put(field, problemTexts.onPage(message)));
        return said;
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException notADate) {
            errors.put(field, "must be a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static <E extends Enum<E>> E value(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(text)).findFirst().orElse(null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The registry is kept by the centre's staff (the API's rule in SecurityConfiguration). */
    private static void keeper() {
        if (!CurrentUser.get().isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "The registry of public bodies is kept by the centre's staff");
        }
    }
}
