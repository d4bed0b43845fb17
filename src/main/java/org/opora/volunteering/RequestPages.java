package org.opora.volunteering;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.opora.cases.CaseAccess;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
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
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The volunteering pages of CSO members and staff, over the API's services ({@link RequestDesk},
 * {@link MatchingService}): the organisation's (for staff, the centre's) requests, posting one, a
 * request's page with its vetting state, the volunteers coming, the attendance form and its documents,
 * and for staff the ranking with its explanations and the overview of the pool and the hours.
 */
@Controller
@PortalPage
class RequestPages {

    /** The fields of the request form, in the API's names ({@link VolunteeringController.NewRequest}). */
    static final List<String> FIELDS = List.of("title", "what", "why", "place", "district", "city", "latitude", "longitude",
            "cause", "firstDate", "startTime", "endTime", "repeatWeeks", "needed", "requiredSkills", "niceSkills", "minAge",
            "involvesChildren", "contactName", "contactEmail", "contactPhone");
    /** The request's lists of tags: boxes of the vocabulary ticked plus free tags, one a field, all under the field's name. */
    static final List<String> TAG_FIELDS = List.of("requiredSkills", "niceSkills");
    private static final int BLANK_TAG_FIELDS = 2;

    private final RequestRepository requests;
    private final VolunteerService volunteers;
    private final MatchingService matching;
    private final RequestDesk desk;
    private final CaseAccess access;
    private final Validator validator;
    private final ProblemTexts problemTexts;
    private final TagNames tagNames;

    RequestPages(RequestRepository requests, VolunteerService volunteers, MatchingService matching, RequestDesk desk,
            CaseAccess access, Validator validator, ProblemTexts problemTexts, TagNames tagNames) {
        this.tagNames = tagNames;
        this.requests = requests;
        this.volunteers = volunteers;
        this.matching = matching;
        this.desk = desk;
        this.access = access;
        this.validator = validator;
        this.problemTexts = problemTexts;
    }

    /** A request with the names of the volunteers who accepted and the hours confirmed. */
    record Row(VolunteerRequest request, List<String> coming, BigDecimal hours) {
    }

    /** A volunteer coming to the current date, with the hours recorded for it (null until recorded). */
    record Coming(UUID volunteerId, String name, String email, String phone, BigDecimal hours) {
    }

    @GetMapping("/volunteering")
    String list(Model model) {
        OporaUser user = memberOrStaff();
        model.addAttribute("rows", requests.findAll(access.currentScope(), null, false).stream()
                .map(request -> new Row(request, requests.offers(request.id(), Offer.Status.ACCEPTED).stream()
                        .map(offer -> volunteers.find(offer.volunteerId()).map(Volunteer::name).orElse("—")).toList(),
                        requests.hoursForRequest(request.id())))
                .toList());
        model.addAttribute("canPost", RequestDesk.maySubmit(user));
        return "volunteering/requests";
    }

    @GetMapping("/volunteering/requests/new")
    String newRequest(Model model) {
        poster();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("repeatWeeks", "0");
        form.put("needed", "1");
        form.put("minAge", "0");
        form.put("contactName", CurrentUser.get().displayName() == null ? "" : CurrentUser.get().displayName());
        Map<String, List<String>> tags = new LinkedHashMap<>();
        TAG_FIELDS.forEach(field -> tags.put(field, List.of()));
        return form(form, tags, Map.of(), model);
    }

    @PostMapping("/volunteering/requests")
    String post(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        poster();
        Map<String, String> form = new LinkedHashMap<>();
        FIELDS.stream().filter(field -> !TAG_FIELDS.contains(field))
                .forEach(field -> form.put(field, params.getFirst(field) == null ? "" : params.getFirst(field).strip()));
        Map<String, List<String>> tags = new LinkedHashMap<>();
        TAG_FIELDS.forEach(field -> tags.put(field, params.getOrDefault(field, List.of()).stream().map(String::strip)
                .filter(tag -> !tag.isEmpty()).distinct().toList()));
        Map<String, String> errors = new LinkedHashMap<>();
        VolunteeringController.NewRequest request = toRequest(form, tags, errors);
        for (ConstraintViolation<VolunteeringController.NewRequest> violation : validator.validate(request)) {
            errors.putIfAbsent(violation.getPropertyPath().iterator().next().getName(), violation.getMessage());
        }
        if (errors.isEmpty()) {
            try {
                VolunteerRequest posted = desk.post(request);
                return "redirect:/volunteering/requests/" + posted.id() + "?posted";
            } catch (ApiException refused) {
                if (refused.type() != ProblemType.VALIDATION) {
                    throw refused;
                }
                refused.fields().forEach(problem -> errors.putIfAbsent(problem.field(), problem.message()));
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return form(form, tags, errors, model);
    }

    @GetMapping("/volunteering/requests/{id}")
    String request(@PathVariable UUID id, Model model) {
        memberOrStaff();
        access.require(id);
        return requestPage(matching.get(id), Map.of(), Map.of(), model);
    }

    /** The attendance of the current date: a field {@code hours-<volunteer id>} per volunteer coming, 0 for one who did not come. */
    @PostMapping("/volunteering/requests/{id}/attendance")
    String attendance(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Model model,
            HttpServletResponse response) {
        memberOrStaff();
        VolunteerRequest request = desk.requireOwnOrStaff(id, "Only the request's organisation or staff confirm attendance");
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<MatchingService.Attendance> entries = new ArrayList<>();
        for (Offer offer : requests.offers(id, Offer.Status.ACCEPTED)) {
            String field = "hours-" + offer.volunteerId();
            String text = params.getFirst(field) == null ? "" : params.getFirst(field).strip().replace(',', '.');
            typed.put(field, text);
            try {
                BigDecimal hours = new BigDecimal(text);
                if (hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(24)) > 0) {
                    errors.put(field, "must be from 0 to 24");
                } else {
                    entries.add(new MatchingService.Attendance(offer.volunteerId(), hours));
                }
            } catch (NumberFormatException notANumber) {
                errors.put(field, text.isEmpty() ? "must not be blank" : "must be a number");
            }
        }
        boolean close = params.containsKey("close");
        if (errors.isEmpty()) {
            try {
                desk.recordAttendance(id, entries, close);
                return "redirect:/volunteering/requests/" + id + "?attendanceRecorded";
            } catch (ApiException refused) {
                if (refused.type() != ProblemType.VALIDATION) {
                    throw refused;
                }
                refused.fields().forEach(problem -> errors.putIfAbsent(problem.field(), problem.message()));
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return requestPage(request, typed, errors, model);
    }

    @GetMapping("/volunteering/requests/{id}/ranking")
    String ranking(@PathVariable UUID id, Model model) {
        model.addAttribute("candidates", desk.ranking(id, 50, LocaleContextHolder.getLocale()));
        model.addAttribute("request", matching.get(id));
        return "volunteering/ranking";
    }

    @GetMapping("/volunteering/overview")
    String overview(Model model) {
        if (!CurrentUser.get().isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only staff see this");
        }
        model.addAttribute("statuses", Arrays.asList(Volunteer.Status.values()));
        return "volunteering/overview";
    }

    private String requestPage(VolunteerRequest request, Map<String, String> typed, Map<String, String> errors, Model model) {
        OporaUser user = CurrentUser.get();
        boolean actor = user.isStaffOrAdmin() || request.organisationId().equals(user.organisationId());
        Map<UUID, BigDecimal> recorded = new LinkedHashMap<>();
        requests.hoursFor(request.id(), request.occurrence()).forEach(row -> recorded.put(row.volunteerId(), row.hours()));
        List<Coming> coming = requests.offers(request.id(), Offer.Status.ACCEPTED).stream()
                .map(offer -> volunteers.find(offer.volunteerId())
                        .map(v -> new Coming(v.id(), v.name(), v.email(), v.phone(), recorded.get(v.id())))
                        .orElse(new Coming(offer.volunteerId(), "—", null, null, recorded.get(offer.volunteerId()))))
                .toList();
        model.addAttribute("request", request);
        model.addAttribute("requiredSkills", tagNames.skillNames(request.requiredSkills(), LocaleContextHolder.getLocale()));
        model.addAttribute("niceSkills", tagNames.skillNames(request.niceSkills(), LocaleContextHolder.getLocale()));
        model.addAttribute("cause", request.cause() == null ? null : tagNames.cause(request.cause(), LocaleContextHolder.getLocale()));
        model.addAttribute("coming", coming);
        model.addAttribute("hours", requests.hoursForRequest(request.id()));
        model.addAttribute("canRecord", actor && !coming.isEmpty() && desk.attendanceTask(request.id()) != null);
        model.addAttribute("staff", user.isStaffOrAdmin());
        model.addAttribute("typed", typed);
        model.addAttribute("errors", said(errors));
        return "volunteering/request";
    }

    private String form(Map<String, String> form, Map<String, List<String>> tags, Map<String, String> errors, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("form", form);
        model.addAttribute("errors", said(errors));
        model.addAttribute("causes", tagNames.causes(locale));
        model.addAttribute("skills", tagNames.skills(locale));
        model.addAttribute("chosen", tags);
        Map<String, List<String>> free = new LinkedHashMap<>();
        tags.forEach((field, chosen) -> {
            List<String> fields = new ArrayList<>(Tags.free(chosen, Tags.SKILLS));
            for (int i = 0; i < BLANK_TAG_FIELDS; i++) {
                fields.add("");
            }
            free.put(field, fields);
        });
        model.addAttribute("freeTags", free);
        return "volunteering/request-new";
    }

    /** The form's text as the API's request; what does not parse is an error beside its field (and left out). */
    private static VolunteeringController.NewRequest toRequest(Map<String, String> form, Map<String, List<String>> tags,
            Map<String, String> errors) {
        return new VolunteeringController.NewRequest(blankToNull(form.get("title")), blankToNull(form.get("what")),
                blankToNull(form.get("why")), blankToNull(form.get("place")), blankToNull(form.get("district")),
                blankToNull(form.get("city")), decimal(form, "latitude", errors), decimal(form, "longitude", errors),
                blankToNull(form.get("cause")), date(form, "firstDate", errors), time(form, "startTime", errors),
                time(form, "endTime", errors), integer(form, "repeatWeeks", 0, errors), integer(form, "needed", 0, errors),
                tags.get("requiredSkills"), tags.get("niceSkills"), integer(form, "minAge", 0, errors),
                "on".equals(form.get("involvesChildren")) || "true".equals(form.get("involvesChildren")),
                blankToNull(form.get("contactName")), blankToNull(form.get("contactEmail")), blankToNull(form.get("contactPhone")));
    }

    private Map<String, String> said(Map<String, String> errors) {
        Map<String, String> said = new LinkedHashMap<>();
        errors.forEach((field, message) -> said.put(field, problemTexts.onPage(message)));
        return said;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static LocalDate date(Map<String, String> form, String field, Map<String, String> errors) {
        String text = blankToNull(form.get(field));
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException invalid) {
            errors.put(field, "must be a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static LocalTime time(Map<String, String> form, String field, Map<String, String> errors) {
        String text = blankToNull(form.get(field));
        try {
            return text == null ? null : LocalTime.parse(text);
        } catch (DateTimeParseException invalid) {
            errors.put(field, "does not have the expected format");
            return null;
        }
    }

    private static Double decimal(Map<String, String> form, String field, Map<String, String> errors) {
        String text = blankToNull(form.get(field));
        try {
            return text == null ? null : Double.valueOf(text.replace(',', '.'));
        } catch (NumberFormatException invalid) {
            errors.put(field, "must be a number");
            return null;
        }
    }

    private static int integer(Map<String, String> form, String field, int blank, Map<String, String> errors) {
        String text = blankToNull(form.get(field));
        try {
            return text == null ? blank : Integer.parseInt(text);
        } catch (NumberFormatException invalid) {
            errors.put(field, "must be a number");
            return blank;
        }
    }

    private static OporaUser memberOrStaff() {
        OporaUser user = CurrentUser.get();
        if (!user.has(Role.CSO) && !user.isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Volunteer requests are the organisations' and the centre's");
        }
        return user;
    }

    private static void poster() {
        if (!RequestDesk.maySubmit(CurrentUser.get())) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only a member of an organisation posts its requests");
        }
    }
}
