package org.opora.correspondence;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opora.cases.CaseAccess;
import org.opora.cases.CaseDetails;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseService;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.PortalPage;
import org.opora.system.ProblemTexts;
import org.opora.system.ProblemType;
import org.opora.system.SystemConfiguration;
import org.opora.tasks.TaskListQuery;
import org.opora.tasks.UserTaskService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The letters pages: the list by urgency, the new letter with its routing and lead-time advice
 * before it is written, and one letter with its clock, forwarding chain, open tasks and timeline.
 * A new letter is checked by the API's own constraints ({@link LetterController.NewLetterRequest})
 * and written by the same {@link LetterService#draft}; sending, registration and the answer are the
 * letter's tasks, completed on the task pages through the task service.
 */
@Controller
@PortalPage
@RequestMapping("/letters")
class LetterPages {

    /** Overdue first, then what waits on the body, then what waits on us, then the finished. */
    private static final List<Letter.State> URGENCY = List.of(Letter.State.OVERDUE, Letter.State.AWAITING_ANSWER,
            Letter.State.TO_SEND, Letter.State.AWAITING_REGISTRATION, Letter.State.ANSWERED);
    private static final int BODIES = 500;

    private final LetterService letters;
    private final LetterTiming timing;
    private final LetterRouting routing;
    private final PublicBodyRegistry registry;
    private final CaseAccess access;
    private final CaseService cases;
    private final Validator validator;
    private final ProblemTexts problemTexts;
    private final OporaTime time;
    private final UserTaskService tasks;
    private final LetterAccess letterAccess;

    LetterPages(LetterService letters, LetterTiming timing, LetterRouting routing, PublicBodyRegistry registry,
            CaseAccess access, CaseService cases, Validator validator, ProblemTexts problemTexts, OporaTime time,
            UserTaskService tasks, LetterAccess letterAccess) {
        this.letterAccess = letterAccess;
        this.tasks = tasks;
        this.letters = letters;
        this.timing = timing;
        this.routing = routing;
        this.registry = registry;
        this.access = access;
        this.cases = cases;
        this.validator = validator;
        this.problemTexts = problemTexts;
        this.time = time;
    }

    /** What the new-letter page sends: lists as one line per item. */
    record LetterForm(String bodyId, String subject, String topic, String text, String requestKind, String neededBy,
            String region, String cosigners, String attachments) {

        static LetterForm empty() {
            return new LetterForm(null, null, null, null, "ANSWER", null, null, null, null);
        }
    }

    record Row(Letter letter, String bodyName, Letter.State state, Long daysLeft) {
    }

    @GetMapping
    String list(Model model) {
        requireReader();
        LocalDate today = time.today();
        List<Row> rows = letters.page(access.currentScope(), null, 0, 100, false).items().stream()
                .map(letter -> new Row(letter, bodyName(letter.bodyId()), letter.stateOn(today), letter.daysLeftOn(today)))
                .sorted(Comparator.comparing((Row row) -> URGENCY.indexOf(row.state()))
                        .thenComparing(row -> row.letter().answerDue(), Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("canWrite", isWriter(CurrentUser.get()));
        model.addAttribute("canReport", CurrentUser.get().isStaffOrAdmin());
        return "letters/list";
    }

    /**
     * How the bodies answer the centre's letters: the on-time rate per body as a chart, drawn by
     * {@code /js/letter-statistics.js} from the API's {@code GET /api/letters/statistics} (staff only there too).
     */
    @GetMapping("/statistics")
    String statistics() {
        if (!CurrentUser.get().isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Statistics are for the resource centre's staff");
        }
        return "letters/statistics";
    }

    @GetMapping("/new")
    String newLetter(Model model) {
        writer();
        return form(LetterForm.empty(), Map.of(), false, model);
    }

    /** The routing and lead-time advice for what is typed so far; htmx asks for it as the form changes. */
    @GetMapping("/advice")
    String advice(@ModelAttribute LetterForm form, Model model) {
        writer();
        model.addAttribute("form", form);
        addAdvice(form, model);
        return "letters/new :: advice";
    }

    @PostMapping
    String write(@ModelAttribute LetterForm form, @RequestParam(defaultValue = "write") String action,
            Model model, HttpServletResponse response) {
        OporaUser user = writer();
        Map<String, String> errors = new LinkedHashMap<>();
        LetterController.NewLetterRequest request = toRequest(form, errors);
        for (ConstraintViolation<LetterController.NewLetterRequest> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().iterator().next().getName();
            errors.putIfAbsent(field, violation.getMessage());
        }
        if (!"write".equals(action) || !errors.isEmpty()) {
            if (!errors.isEmpty() && "write".equals(action)) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
            return form(form, "write".equals(action) ? errors : Map.of(), true, model);
        }
        try {
            Letter letter = letters.draft(user.organisationId(), user.id(), new LetterService.NewLetter(request.bodyId(),
                    request.subject(), request.topic(), request.text(), request.requestKind(), request.neededBy(),
                    request.region(), request.cosigners(), request.attachments()));
            return "redirect:/letters/" + letter.id();
        } catch (ApiException refused) {
            if (refused.type() != ProblemType.VALIDATION) {
                throw refused;
            }
            refused.fields().forEach(problem -> errors.putIfAbsent(problem.field(), problemTexts.onPage(problem.message())));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(form, errors, true, model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        return letterPage(id, Map.of(), Map.of(), model);
    }

    /** The body forwarded the letter to another, where it was registered anew. */
    @PostMapping("/{id}/forwarding")
    String forward(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Model model,
            HttpServletResponse response) {
        letterAccess.requireOwnOrStaff(id);
        Map<String, String> errors = new LinkedHashMap<>();
        LetterController.ForwardingRequest request = new LetterController.ForwardingRequest(uuid(params.getFirst("toBodyId")),
                date(params.getFirst("forwardedOn"), "forwardedOn", errors), blankToNull(params.getFirst("registrationNumber")),
                date(params.getFirst("registeredOn"), "registeredOn", errors));
        validate(request, errors, Map.of("bodyId", "toBodyId"));
        if (errors.isEmpty()) {
            try {
                letters.forward(id, request.bodyId(), request.forwardedOn(), request.registrationNumber(), request.registeredOn());
                return "redirect:/letters/" + id;
            } catch (ApiException refused) {
                refusedInto(refused, errors, Map.of("bodyId", "toBodyId"));
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return letterPage(id, params.toSingleValueMap(), said(errors), model);
    }

    /** The body asked for documents or explanations by a date: the organisation gets a task due then. */
    @PostMapping("/{id}/documents-request")
    String requestDocuments(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Model model,
            HttpServletResponse response) {
        letterAccess.requireOwnOrStaff(id);
        Map<String, String> errors = new LinkedHashMap<>();
        LetterController.DocumentsRequest request = new LetterController.DocumentsRequest(blankToNull(params.getFirst("what")),
                date(params.getFirst("dueBy"), "dueBy", errors));
        validate(request, errors, Map.of());
        if (errors.isEmpty()) {
            try {
                letters.requestDocuments(id, request.what(), request.dueBy());
                return "redirect:/letters/" + id;
            } catch (ApiException refused) {
                refusedInto(refused, errors, Map.of());
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return letterPage(id, params.toSingleValueMap(), said(errors), model);
    }

    /**
     * The organisation read the drafted complaint, perhaps edited it, and sends it: it becomes a
     * letter of its own (the API's {@code POST /api/letters/{id}/complaint}), whose page records its sending.
     */
    @PostMapping("/{id}/complaint")
    String complain(@PathVariable UUID id, @RequestParam(required = false) String complaintText, Model model,
            HttpServletResponse response) {
        access.require(id);
        OporaUser user = writer();
        Map<String, String> errors = new LinkedHashMap<>();
        validate(new LetterController.ComplaintRequest(complaintText), errors, Map.of("text", "complaintText"));
        if (errors.isEmpty()) {
            try {
                return "redirect:/letters/" + letters.complaint(id, user.id(), complaintText).id();
            } catch (ApiException refused) {
                refusedInto(refused, errors, Map.of("text", "complaintText"));
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return letterPage(id, complaintText == null ? Map.of() : Map.of("complaintText", complaintText), said(errors), model);
    }

    private String letterPage(UUID id, Map<String, String> typed, Map<String, String> errors, Model model) {
        requireReader();
        CaseRecord record = access.require(id);
        Letter letter = letters.get(id);
        OporaUser user = CurrentUser.get();
        CaseDetails details = cases.details(record);
        LocalDate today = time.today();
        Letter.State state = letter.stateOn(today);
        model.addAttribute("letter", letter);
        model.addAttribute("bodyName", bodyName(letter.bodyId()));
        model.addAttribute("state", state);
        model.addAttribute("daysLeft", letter.daysLeftOn(today));
        model.addAttribute("forwardings", letters.forwardings(id).stream()
                .map(step -> Map.of("from", bodyName(step.fromBodyId()), "to", bodyName(step.toBodyId()),
                        "on", step.forwardedOn()))
                .toList());
        model.addAttribute("details", user.isStaffOrAdmin() ? details : details.namingOnly(user.id()));
        // The letter's tasks this user may do, as their task list has them.
        model.addAttribute("tasks", tasks.list(new TaskListQuery(null, id, null, false, 0, 20)).items());
        boolean recorder = user.isStaffOrAdmin() || record.organisationId().equals(user.organisationId());
        model.addAttribute("canRecord", recorder && (state == Letter.State.AWAITING_ANSWER || state == Letter.State.OVERDUE));
        model.addAttribute("bodies", registry.search(null, null, BODIES));
        // The complaint drafted when the answer became overdue: the organisation edits and sends it here.
        model.addAttribute("complaintDraft", letters.complaintDraft(letter, SystemConfiguration.RUSSIAN));
        model.addAttribute("complaintMade", letters.complaintAbout(id).orElse(null));
        model.addAttribute("canComplain", isWriter(user) && record.organisationId().equals(user.organisationId()));
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "letters/letter";
    }

    private <T> void validate(T request, Map<String, String> errors, Map<String, String> fieldNames) {
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().iterator().next().getName();
            errors.putIfAbsent(fieldNames.getOrDefault(field, field), violation.getMessage());
        }
    }

    private static void refusedInto(ApiException refused, Map<String, String> errors, Map<String, String> fieldNames) {
        if (refused.type() != ProblemType.VALIDATION) {
            throw refused;
        }
        refused.fields().forEach(problem -> errors.putIfAbsent(fieldNames.getOrDefault(problem.field(), problem.field()),
                problem.message()));
    }

    private Map<String, String> said(Map<String, String> errors) {
        Map<String, String> said = new LinkedHashMap<>();
        errors.forEach((field, message) -> said.put(field, problemTexts.onPage(message)));
        return said;
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        LocalDate date = date(text);
        if (date == null && blankToNull(text) != null) {
            errors.put(field, "must be a date (YYYY-MM-DD)");
        }
        return date;
    }

    private String form(LetterForm form, Map<String, String> errors, boolean withAdvice, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.entrySet().stream().collect(LinkedHashMap<String, String>::new,
                (map, entry) -> map.put(entry.getKey(), problemTexts.onPage(entry.getValue())), Map::putAll));
        model.addAttribute("bodies", registry.search(null, null, BODIES));
        model.addAttribute("kinds", Arrays.asList(LetterTiming.RequestKind.values()));
        if (withAdvice) {
            addAdvice(form, model);
        }
        return "letters/new";
    }

    /** The same advice the API gives: which body is competent, and when an answer can come by law. */
    private void addAdvice(LetterForm form, Model model) {
        UUID bodyId = uuid(form.bodyId());
        String topic = blankToNull(form.topic());
        if (topic != null && topic.length() <= 200) {
            model.addAttribute("routing", routing.suggest(topic, blankToNull(form.region()), bodyId));
        }
        PublicBody body = bodyId == null ? null : registry.find(bodyId).orElse(null);
        LetterTiming.RequestKind kind = kind(form.requestKind());
        if (body != null && kind != null) {
            model.addAttribute("body", body);
            model.addAttribute("neededBy", date(form.neededBy()));
            model.addAttribute("timing", timing.advise(body, kind, LetterTiming.Channel.POST, time.today(), date(form.neededBy())));
        }
    }

    /** The form's text as the API's request; a value that cannot even be read is an error of its field. */
    private static LetterController.NewLetterRequest toRequest(LetterForm form, Map<String, String> errors) {
        UUID bodyId = uuid(form.bodyId());
        if (bodyId == null && blankToNull(form.bodyId()) != null) {
            errors.put("bodyId", "has an invalid value");
        }
        LetterTiming.RequestKind kind = kind(form.requestKind());
        LocalDate neededBy = date(form.neededBy());
        if (neededBy == null && blankToNull(form.neededBy()) != null) {
            errors.put("neededBy", "must be a date (YYYY-MM-DD)");
        }
        return new LetterController.NewLetterRequest(bodyId, blankToNull(form.subject()), blankToNull(form.topic()),
                blankToNull(form.text()), kind, neededBy, blankToNull(form.region()), lines(form.cosigners()),
                lines(form.attachments()));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static UUID uuid(String text) {
        try {
            return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException notADate) {
            return null;
        }
    }

    private static LetterTiming.RequestKind kind(String text) {
        return Arrays.stream(LetterTiming.RequestKind.values()).filter(kind -> kind.name().equals(text)).findFirst().orElse(null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private String bodyName(UUID bodyId) {
        return registry.find(bodyId).map(PublicBody::name).orElse(null);
    }

    /** Letters are the organisations' and the centre's: experts have none to read. */
    private static void requireReader() {
        OporaUser user = CurrentUser.get();
        if (!user.has(Role.CSO) && !user.isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Letters are for organisations and staff");
        }
    }

    private static boolean isWriter(OporaUser user) {
        return user.has(Role.CSO) && user.organisationId() != null;
    }

    /** Only a member of an organisation writes its letters (the API's rule, LetterController.writer). */
    private static OporaUser writer() {
        OporaUser user = CurrentUser.get();
        if (!isWriter(user)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only a member of an organisation writes its letters");
        }
        return user;
    }
}
