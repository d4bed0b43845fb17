package org.opora.volunteering;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.opora.organisations.Organisation;
import org.opora.system.OporaTime;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.ViewResolver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The only pages open without a login: the public sign-up, and the pages behind volunteers' links
 * ({@code /v/{token}}, docs/adr/0007-volunteer-links.md). A GET only shows and asks to confirm
 * (mail scanners fetch links); only the confirming POST, which carries the CSRF token, changes
 * anything. No page sends a referrer or may be cached, and no token is ever logged.
 */
@Controller
class VolunteerPages {

    private static final int ATTEMPTS = 5;
    private static final String LOCALE = VolunteerPages.class.getName() + ".locale";

    private final VolunteerLinks links;
    private final VolunteerService volunteers;
    private final MatchingService matching;
    private final RequestRepository requests;
    private final VolunteeringMapper mapper;
    private final TransactionTemplate transactions;
    private final OporaTime time;
    private final ViewResolver viewResolver;
    private final TagNames tagNames;
    private final MessageSource messages;

    VolunteerPages(VolunteerLinks links, VolunteerService volunteers, MatchingService matching, RequestRepository requests,
            VolunteeringMapper mapper, TransactionTemplate transactions, OporaTime time,
            @Qualifier("thymeleafViewResolver") ViewResolver viewResolver, TagNames tagNames, MessageSource messages) {
        this.tagNames = tagNames;
        this.messages = messages;
        this.viewResolver = viewResolver;
        this.links = links;
        this.volunteers = volunteers;
        this.matching = matching;
        this.requests = requests;
        this.mapper = mapper;
        this.transactions = transactions;
        this.time = time;
    }

    /** The sign-up form; also the profile form's fields. */
    record SignUpForm(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 50) String phone, @Pattern(regexp = "ru|en") String language, @Size(max = 200) String district,
            @Size(max = 200) String city, @Min(1900) @Max(2100) Integer birthYear, Boolean clearance,
            @Size(max = 40) List<@Size(max = 100) String> skills, @Size(max = 30) List<@Size(max = 100) String> interests,
            @Size(max = 7) List<WeekdayForm> week,
            LocalDate availableFrom, LocalDate availableUntil, @Min(1) @Max(60) int maxPerMonth, @Size(max = 4000) String about,
            @NotNull @AssertTrue Boolean consent) {
    }

    /**
     * One weekday's row of the form ({@code week[5]} is Saturday): the box says the volunteer is free that day,
     * the hours are optional (both empty: the whole day).
     */
    record WeekdayForm(Boolean available, LocalTime from, LocalTime to) {
    }

    /** A weekday as a page shows it: its name's key, what was ticked or typed, and what is wrong beside it. */
    record WeekdayRow(int index, String day, boolean available, LocalTime from, LocalTime to, String error) {
    }

    @ModelAttribute
    void privateAndUncached(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Robots-Tag", "noindex");
    }

    @GetMapping("/volunteer/signup")
    ModelAndView signUpPage(@RequestParam(required = false) String lang, HttpServletRequest request, Model model) {
        language(request, lang);
        vocabulary(request, model, List.of(), List.of());
        model.addAttribute("week", rows(List.of(), Map.of()));
        model.addAttribute("lang", lang);
        model.addAttribute("signup", null);
        return view(request, "volunteering/signup", model);
    }

    @PostMapping("/volunteer/signup")
    ModelAndView signUp(@Validated @ModelAttribute SignUpForm form, BindingResult errors, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        language(request, form.language());
        Map<Integer, String> weekErrors = weekErrors(form.week(), locale(request));
        if (errors.hasErrors() || !weekErrors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            // Everything typed comes back with the refusal: nobody types their sign-up twice.
            vocabulary(request, model, form.skills() == null ? List.of() : form.skills(),
                    form.interests() == null ? List.of() : form.interests());
            model.addAttribute("signup", form);
            List<String> refused = new java.util.ArrayList<>(errors.getFieldErrors().stream()
                    .map(error -> label(request, error.getField().replaceAll("^week.*", "availability"))).distinct().toList());
            if (!weekErrors.isEmpty() && !refused.contains(label(request, "availability"))) {
                refused.add(label(request, "availability"));
            }
            model.addAttribute("errors", refused);
            model.addAttribute("week", formRows(form.week(), weekErrors));
            return view(request, "volunteering/signup", model);
        }
        volunteers.signUp(mapper.toVolunteer(withLanguage(form)));
        return message(request, model, "signed-up");
    }

    @GetMapping("/v/{token}")
    ModelAndView show(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        VolunteerLinks.Checked checked = links.check(token, time.now());
        if (checked.verdict() != VolunteerLinks.Verdict.VALID) {
            return refused(checked, request, response, model);
        }
        VolunteerLinks.Link link = checked.link();
        Volunteer volunteer = volunteers.find(link.volunteerId()).orElseThrow();
        language(request, volunteer.language());
        model.addAttribute("token", token);
        model.addAttribute("volunteer", volunteer);
        model.addAttribute("purpose", link.purpose().name());
        return view(request, switch (link.purpose()) {
            case CONFIRM_EMAIL -> "volunteering/confirm";
            case ACCEPT, DECLINE, CANCEL, FEEDBACK -> offerPage(link, volunteer, model);
            case PROFILE -> {
                vocabulary(request, model, volunteer.skills(), volunteer.interests());
                model.addAttribute("week", rows(volunteer.availability(), Map.of()));
                yield "volunteering/profile";
            }
            case HOURS -> hoursPage(volunteer, model);
        }, model);
    }

    @PostMapping("/v/{token}")
    ModelAndView act(@PathVariable String token, @RequestParam(defaultValue = "") String action,
            @RequestParam(required = false) String offer, @RequestParam(required = false) String reason,
            @RequestParam(required = false) Integer rating, @RequestParam(required = false) String comment,
            @Validated @ModelAttribute SignUpForm profile, BindingResult profileErrors,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        VolunteerLinks.Checked first = links.check(token, time.now());
        if (first.verdict() != VolunteerLinks.Verdict.VALID) {
            return refused(first, request, response, model);
        }
        VolunteerLinks.Link link = first.link();
        // The form names the offer it was shown for: a link acts only on its own volunteer's own offer.
        if (link.offerId() != null && !link.offerId().toString().equals(offer)) {
            return refused(new VolunteerLinks.Checked(VolunteerLinks.Verdict.UNKNOWN, null), request, response, model);
        }
        Volunteer volunteer = volunteers.find(link.volunteerId()).orElseThrow();
        language(request, volunteer.language());
        if (link.purpose() == VolunteerLinks.Purpose.PROFILE && "save".equals(action)) {
            // Refused hours are shown beside their day on the profile again; the link stays unspent.
            Map<Integer, String> weekErrors = weekErrors(profile.week(), locale(request));
            if (!weekErrors.isEmpty()) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("token", token);
                model.addAttribute("volunteer", volunteer);
                model.addAttribute("purpose", link.purpose().name());
                vocabulary(request, model, volunteer.skills(), volunteer.interests());
                model.addAttribute("week", formRows(profile.week(), weekErrors));
                return view(request, "volunteering/profile", model);
            }
        }
        String outcome = retrying(() -> transactions.execute(status -> {
            if (link.offerId() != null) {
                // The request's row first, as everything that changes its places does (see RequestRepository.lock).
                requests.findOffer(link.offerId()).ifPresent(linked -> requests.lock(linked.requestId()));
            }
            Instant now = time.now();
            VolunteerLinks.Checked again = links.check(token, now);
            if (again.verdict() != VolunteerLinks.Verdict.VALID || !links.spend(again.link(), now)) {
                return "used";
            }
            return perform(link, volunteer, action, reason, rating, comment, profile, profileErrors);
        }));
        if ("used".equals(outcome)) {
            response.setStatus(HttpStatus.GONE.value());
            if (link.purpose() == VolunteerLinks.Purpose.ACCEPT
                    && requests.findOffer(link.offerId()).map(Offer::status).orElse(null) == Offer.Status.WITHDRAWN) {
                outcome = "filled";
            }
        } else if ("invalid".equals(outcome)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return message(request, model, outcome);
    }

    /** Runs in the transaction that spent the link; the returned key names the page that says what happened. */
    private String perform(VolunteerLinks.Link link, Volunteer volunteer, String action, String reason, Integer rating,
            String comment, SignUpForm profile, BindingResult profileErrors) {
        switch (link.purpose()) {
            case CONFIRM_EMAIL:
                return volunteers.confirmEmail(volunteer.id()) ? "email-confirmed" : "used";
            case ACCEPT: {
                Offer offer = ownOffer(link);
                return switch (matching.accept(offer)) {
                    case ACCEPTED -> "accepted";
                    case FILLED -> "filled";
                    case CLOSED -> "used";
                };
            }
            case DECLINE: {
                Offer.DeclineReason why = "DATE".equals(reason) ? Offer.DeclineReason.DATE
                        : "CAUSE".equals(reason) ? Offer.DeclineReason.CAUSE : Offer.DeclineReason.OTHER;
                return matching.decline(ownOffer(link), why) ? "declined" : "used";
            }
            case CANCEL:
                return matching.cancel(ownOffer(link), false) ? "cancelled" : "used";
            case FEEDBACK: {
                if (rating == null || rating < 1 || rating > 5) {
                    throw new InvalidInput();
                }
                matching.feedback(ownOffer(link).requestId(), volunteer.id(), rating,
                        comment == null || comment.isBlank() ? null : comment.substring(0, Math.min(4000, comment.length())));
                return "feedback-thanks";
            }
            case PROFILE:
                return profileAction(volunteer, action, profile, profileErrors);
            default:
                return "used";
        }
    }

    private String profileAction(Volunteer volunteer, String action, SignUpForm form, BindingResult errors) {
        switch (action) {
            case "pause":
                volunteers.pause(volunteer.id());
                return "paused";
            case "resume":
                volunteers.resume(volunteer.id());
                return "resumed";
            case "leave":
                volunteers.leave(volunteer.id());
                return "left";
            case "save":
                if (errors.getFieldErrors().stream().anyMatch(error -> !"consent".equals(error.getField())
                        && !"email".equals(error.getField()))) {
                    throw new InvalidInput();
                }
                Volunteer edited = mapper.toVolunteer(withLanguage(form));
                volunteers.update(new Volunteer(volunteer.id(), volunteer.status(), edited.name(), volunteer.email(),
                        edited.phone(), edited.language(), edited.district(), edited.city(), volunteer.latitude(),
                        volunteer.longitude(), volunteer.birthYear(), edited.clearance(), edited.skills(), edited.interests(),
                        keepingUnshown(volunteer.availability(), form.week()), edited.availableFrom(), edited.availableUntil(),
                        edited.maxPerMonth(), edited.about(), volunteer.consentAt(), volunteer.emailConfirmedAt(),
                        volunteer.noShows(), volunteer.lastNoShowOn(), volunteer.createdAt()));
                return "saved";
            default:
                throw new InvalidInput();
        }
    }

    /** Bad input rolls the transaction back, so the link is not spent. */
    private static final class InvalidInput extends RuntimeException {
        InvalidInput() {
            super(null, null, false, false);
        }
    }

    private Offer ownOffer(VolunteerLinks.Link link) {
        Offer offer = requests.findOffer(link.offerId()).orElseThrow();
        if (!offer.volunteerId().equals(link.volunteerId())) {
            throw new IllegalStateException("A link and its offer disagree on the volunteer");
        }
        return offer;
    }

    private String offerPage(VolunteerLinks.Link link, Volunteer volunteer, Model model) {
        Offer offer = ownOffer(link);
        VolunteerRequest request = matching.get(offer.requestId());
        Organisation organisation = matching.organisation(request);
        model.addAttribute("offer", offer);
        model.addAttribute("details", matching.details(request, organisation, volunteer.locale()));
        model.addAttribute("openPlaces", request.openPlaces());
        return "volunteering/offer";
    }

    private String hoursPage(Volunteer volunteer, Model model) {
        List<RequestRepository.HoursRow> rows = requests.hoursOf(volunteer.id()).stream().filter(RequestRepository.HoursRow::attended)
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("total", rows.stream().map(RequestRepository.HoursRow::hours).reduce(BigDecimal.ZERO, BigDecimal::add)
                .stripTrailingZeros().toPlainString());
        model.addAttribute("today", time.today());
        return "volunteering/hours";
    }

    private ModelAndView refused(VolunteerLinks.Checked checked, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Optional.ofNullable(checked.link()).flatMap(link -> volunteers.find(link.volunteerId()))
                .ifPresent(volunteer -> language(request, volunteer.language()));
        boolean known = checked.verdict() == VolunteerLinks.Verdict.EXPIRED || checked.verdict() == VolunteerLinks.Verdict.USED;
        response.setStatus(known ? HttpStatus.GONE.value() : HttpStatus.NOT_FOUND.value());
        // An accept that comes after the places were filled says so, not merely "no longer valid".
        if (checked.verdict() == VolunteerLinks.Verdict.USED && checked.link().purpose() == VolunteerLinks.Purpose.ACCEPT
                && requests.findOffer(checked.link().offerId()).map(Offer::status).orElse(null) == Offer.Status.WITHDRAWN) {
            return message(request, model, "filled");
        }
        return message(request, model, checked.verdict() == VolunteerLinks.Verdict.EXPIRED ? "expired"
                : checked.verdict() == VolunteerLinks.Verdict.USED ? "used" : "unknown");
    }

    private ModelAndView message(HttpServletRequest request, Model model, String key) {
        model.addAttribute("key", key);
        return view(request, "volunteering/message", model);
    }

    /**
     * The page in the language chosen for this request (the volunteer's), not the browser's: the view
     * is resolved for that locale here, since the dispatcher would resolve it for the Accept-Language.
     */
    private ModelAndView view(HttpServletRequest request, String name, Model model) {
        // Otherwise the reader's language as Opora resolves it (Russian unless the browser asks for English).
        Locale locale = locale(request);
        try {
            return new ModelAndView(viewResolver.resolveViewName(name, locale), model.asMap());
        } catch (Exception unresolvable) {
            throw new IllegalStateException("No view " + name, unresolvable);
        }
    }

    /** Concurrent answers meet on the engine's optimistic lock or the database's row locks: the loser tries again. */
    private static String retrying(Supplier<String> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (InvalidInput invalid) {
                return "invalid";
            } catch (RuntimeException failure) {
                if (attempt >= ATTEMPTS || !isConflict(failure)) {
                    throw failure;
                }
            }
        }
    }

    /** The engine may wrap what the database said; a conflict is a conflict at any depth. */
    private static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException) {
                return true;
            }
        }
        return false;
    }

    /** Free-tag fields a form offers beyond those already filled. */
    private static final int BLANK_TAG_FIELDS = 3;

    /**
     * The vocabulary as boxes to tick, with their names in the page's language, and one field per free tag
     * the volunteer has (typed, so shown as typed) plus a few empty ones.
     */
    private void vocabulary(HttpServletRequest request, Model model, java.util.Collection<String> skills,
            java.util.Collection<String> interests) {
        Locale locale = locale(request);
        model.addAttribute("skills", tagNames.skills(locale));
        model.addAttribute("causes", tagNames.causes(locale));
        model.addAttribute("freeSkills", withBlanks(Tags.free(skills, Tags.SKILLS)));
        model.addAttribute("freeInterests", withBlanks(Tags.free(interests, Tags.CAUSES)));
    }

    private static List<String> withBlanks(List<String> free) {
        List<String> fields = new java.util.ArrayList<>(free);
        for (int i = 0; i < BLANK_TAG_FIELDS; i++) {
            fields.add("");
        }
        return fields;
    }

    /** A refused field as the page names it ({@code birthYear}: "Year of birth"), in the page's language. */
    private String label(HttpServletRequest request, String field) {
        String name = field.replaceAll("\\[\\d+]$", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return messages.getMessage("volunteering.field." + name, null, field, locale(request));
    }

    private static Locale locale(HttpServletRequest request) {
        return request.getAttribute(LOCALE) instanceof Locale chosen ? chosen : LocaleContextHolder.getLocale();
    }

    /** Pages speak the volunteer's language, whatever the browser asks for. */
    private static void language(HttpServletRequest request, String language) {
        if (language != null && (language.equals("ru") || language.equals("en"))) {
            request.setAttribute(LOCALE, Locale.forLanguageTag(language));
        }
    }

    /** An unticked box sends nothing: no certificate; no language: Russian. */
    private static SignUpForm withLanguage(SignUpForm form) {
        return new SignUpForm(form.name(), form.email(), form.phone(), form.language() == null ? "ru" : form.language(),
                form.district(), form.city(), form.birthYear(), Boolean.TRUE.equals(form.clearance()), form.skills(),
                form.interests(), form.week(), form.availableFrom(), form.availableUntil(), form.maxPerMonth(),
                form.about(), form.consent());
    }

    /** The ticked days as slots, Monday first; the hours of a day left unticked are refused by {@link #weekErrors}. */
    static List<Availability.Slot> slots(List<WeekdayForm> week) {
        List<Availability.Slot> slots = new java.util.ArrayList<>();
        for (int i = 0; week != null && i < Math.min(7, week.size()); i++) {
            WeekdayForm row = week.get(i);
            if (row != null && Boolean.TRUE.equals(row.available())) {
                slots.add(new Availability.Slot(Availability.Day.values()[i], row.from(), row.to()));
            }
        }
        return slots;
    }

    /** What is wrong with each weekday's row, in the page's language: the slot's own rule ({@link Availability#problem}). */
    private Map<Integer, String> weekErrors(List<WeekdayForm> week, Locale locale) {
        Map<Integer, String> errors = new java.util.TreeMap<>();
        for (int i = 0; week != null && i < Math.min(7, week.size()); i++) {
            WeekdayForm row = week.get(i);
            if (row == null) {
                continue;
            }
            if (!Boolean.TRUE.equals(row.available())) {
                if (row.from() != null || row.to() != null) {
                    errors.put(i, messages.getMessage("volunteering.field.availability.unticked", null, locale));
                }
                continue;
            }
            int day = i;
            Availability.problem(new Availability.Slot(Availability.Day.values()[i], row.from(), row.to()))
                    .ifPresent(problem -> errors.put(day,
                            messages.getMessage("volunteering.field.availability." + problem.code(), null, locale)));
        }
        return errors;
    }

    /** The week as the volunteer keeps it: a day's first slot (a whole-day one before any hours). */
    private static List<WeekdayRow> rows(List<Availability.Slot> slots, Map<Integer, String> errors) {
        List<WeekdayRow> rows = new java.util.ArrayList<>();
        for (Availability.Day day : Availability.Day.values()) {
            List<Availability.Slot> ofDay = slots == null ? List.of() : slots.stream().filter(slot -> slot.day() == day).toList();
            Availability.Slot shown = ofDay.stream().filter(slot -> slot.from() == null).findFirst()
                    .orElse(ofDay.isEmpty() ? null : ofDay.get(0));
            rows.add(new WeekdayRow(day.ordinal(), day.dayOfWeek().name(), shown != null, shown == null ? null : shown.from(),
                    shown == null ? null : shown.to(), errors.get(day.ordinal())));
        }
        return rows;
    }

    /**
     * The week from the profile's form; a day left as the page showed it keeps all its slots, so a second slot
     * of a day (possible through the API, not shown by the page) is not lost by saving other fields.
     */
    static List<Availability.Slot> keepingUnshown(List<Availability.Slot> kept, List<WeekdayForm> week) {
        List<WeekdayRow> shown = rows(kept, Map.of());
        List<WeekdayRow> sent = formRows(week, Map.of());
        List<Availability.Slot> slots = new java.util.ArrayList<>();
        for (Availability.Day day : Availability.Day.values()) {
            if (shown.get(day.ordinal()).equals(sent.get(day.ordinal()))) {
                kept.stream().filter(slot -> slot.day() == day).forEach(slots::add);
            } else {
                slots.addAll(slots(week).stream().filter(slot -> slot.day() == day).toList());
            }
        }
        return slots;
    }

    /** The week as it was sent, with what is wrong beside each day. */
    private static List<WeekdayRow> formRows(List<WeekdayForm> week, Map<Integer, String> errors) {
        List<WeekdayRow> rows = new java.util.ArrayList<>();
        for (Availability.Day day : Availability.Day.values()) {
            WeekdayForm row = week != null && day.ordinal() < week.size() ? week.get(day.ordinal()) : null;
            rows.add(new WeekdayRow(day.ordinal(), day.dayOfWeek().name(), row != null && Boolean.TRUE.equals(row.available()),
                    row == null ? null : row.from(), row == null ? null : row.to(), errors.get(day.ordinal())));
        }
        return rows;
    }
}
