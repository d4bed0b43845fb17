package org.opora.volunteering;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opora.cases.CaseAccess;
import org.opora.security.CurrentUser;
import org.opora.system.ApiException;
import org.opora.system.ProblemType;
import org.opora.system.CsvCells;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@RequestMapping("/api/volunteering")
@Tag(name = "Volunteering", description = "CSOs' requests for volunteers, vetting, ranked matches and hours")
class VolunteeringController {

    private final MatchingService matching;
    private final VolunteerService volunteers;
    private final RequestRepository requests;
    private final VolunteerRepository pool;
    private final CaseAccess access;
    private final VolunteeringMapper mapper;
    private final RequestDesk desk;
    private final MessageSource messages;
    private final TagNames tagNames;

    VolunteeringController(MatchingService matching, VolunteerService volunteers, RequestRepository requests,
            VolunteerRepository pool, CaseAccess access, VolunteeringMapper mapper, RequestDesk desk, MessageSource messages,
            TagNames tagNames) {
        this.tagNames = tagNames;
        this.messages = messages;
        this.matching = matching;
        this.volunteers = volunteers;
        this.requests = requests;
        this.pool = pool;
        this.access = access;
        this.mapper = mapper;
        this.desk = desk;
    }

    record NewRequest(@NotBlank @Size(max = 300) String title, @NotBlank @Size(max = 4000) String what,
            @NotBlank @Size(max = 4000) String why, @NotBlank @Size(max = 500) String place, @Size(max = 200) String district,
            @Size(max = 200) String city, @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude, @Size(max = 100) String cause,
            @NotNull LocalDate firstDate, @NotNull LocalTime startTime, @NotNull LocalTime endTime,
            @Min(0) @Max(8) int repeatWeeks, @Min(1) @Max(500) int needed,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> requiredSkills,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> niceSkills, @Min(0) @Max(99) int minAge,
            boolean involvesChildren, @NotBlank @Size(max = 200) String contactName,
            @NotBlank @Email @Size(max = 320) String contactEmail, @Size(max = 50) String contactPhone) {
    }

    record ConfirmedVolunteer(UUID id, String name, String email, String phone) {
    }

    record RequestView(UUID id, String title, VolunteerRequest.State state, String stateName, String what, String why, String place,
            String district, String city, String cause, LocalDate firstDate, LocalDate occurrence, LocalTime startTime,
            LocalTime endTime, int repeatWeeks, int needed, int filled, List<String> requiredSkills, List<String> niceSkills,
            int minAge, boolean involvesChildren, String contactName, String contactEmail, String contactPhone,
            String refusalReason, List<ConfirmedVolunteer> volunteers, BigDecimal hours) {
    }

    record MatchView(UUID volunteerId, double score, List<String> explanation) {
    }

    record AttendanceEntry(@NotNull UUID volunteerId, @NotNull @DecimalMin("0") @DecimalMax("24") BigDecimal hours) {
    }

    record AttendanceRequest(@NotNull @Size(max = 500) List<@Valid AttendanceEntry> entries, boolean close) {
    }

    record NewVolunteer(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 50) String phone, @NotBlank @jakarta.validation.constraints.Pattern(regexp = "ru|en") String language,
            @Size(max = 200) String district, @Size(max = 200) String city,
            @DecimalMin("-90") @DecimalMax("90") Double latitude, @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Min(1900) @Max(2100) Integer birthYear, boolean clearance,
            @Size(max = 40) List<@NotBlank @Size(max = 100) String> skills,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> interests,
            @Size(max = 28) List<Availability.@NotNull @Valid Slot> availability,
            LocalDate availableFrom, LocalDate availableUntil, @Min(1) @Max(60) int maxPerMonth, @Size(max = 4000) String about) {
    }

    record VolunteerView(UUID id, Volunteer.Status status, String name, String email, String district, String city,
            List<String> skills, List<String> interests, List<Availability.Slot> availability, int maxPerMonth) {
    }

    @PostMapping("/requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Post a request for volunteers (CSO members)",
            description = "Opens the request's case; staff vet it before anything reaches a volunteer.")
    RequestView post(@Valid @RequestBody NewRequest body) {
        return view(desk.post(body));
    }

    @GetMapping("/requests")
    @Operation(summary = "Requests I may see (my organisation's; for staff, the centre's), by date",
            description = "state=VETTING lists those awaiting vetting; short=true those without enough volunteers.")
    List<RequestView> list(@RequestParam(required = false) VolunteerRequest.State state,
            @RequestParam(defaultValue = "false") boolean shortOfVolunteers) {
        return requests.findAll(access.currentScope(), state, shortOfVolunteers).stream().map(this::view).toList();
    }

    @GetMapping("/requests/{id}")
    @Operation(summary = "One request with its state, places, confirmed volunteers and hours")
    RequestView get(@PathVariable UUID id) {
        access.require(id);
        return view(matching.get(id));
    }

    @GetMapping("/requests/{id}/matches")
    @Operation(summary = "The ranked candidates for a request, with why each (staff)")
    List<MatchView> matches(@PathVariable UUID id, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int top) {
        return desk.ranking(id, top, LocaleContextHolder.getLocale()).stream()
                .map(candidate -> new MatchView(candidate.volunteerId(), candidate.score(), candidate.explanation())).toList();
    }

    @GetMapping(value = "/requests/{id}/matches.csv", produces = "text/csv")
    @Operation(summary = "The ranked candidates as CSV, with the explanation in the reader's language (staff)")
    ResponseEntity<String> matchesCsv(@PathVariable UUID id, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int top)
            throws IOException {
        List<RequestDesk.Candidate> ranking = desk.ranking(id, top, LocaleContextHolder.getLocale());
        return csv("volunteer-ranking.csv", List.of("rank", "volunteer_id", "volunteer", "district", "score", "explanation"),
                java.util.stream.IntStream.range(0, ranking.size()).mapToObj(i -> List.<Object>of(i + 1,
                        ranking.get(i).volunteerId(), nullToEmpty(ranking.get(i).name()), nullToEmpty(ranking.get(i).district()),
                        String.format(java.util.Locale.ROOT, "%.2f", ranking.get(i).score()),
                        String.join("; ", ranking.get(i).explanation()))).toList());
    }

    @PostMapping("/requests/{id}/attendance")
    @Operation(summary = "Confirm who came and their hours after the date (the organisation or staff)",
            description = "Hours 0 records a no-show, which lowers the volunteer's reliability. close=true makes this the "
                    + "last date of a recurring request. Completes the task 'Confirm attendance and hours'.")
    RequestView attendance(@PathVariable UUID id, @Valid @RequestBody AttendanceRequest body) {
        return view(desk.recordAttendance(id, body.entries().stream()
                .map(entry -> new MatchingService.Attendance(entry.volunteerId(), entry.hours())).toList(), body.close()));
    }

    @PostMapping("/requests/{id}/close")
    @Operation(summary = "Make the current date of a recurring request its last (the organisation or staff)",
            description = "The request ends after this date's attendance is confirmed; no later dates are staffed.")
    RequestView close(@PathVariable UUID id) {
        desk.requireOwnOrStaff(id, "Only the request's organisation or staff close it");
        matching.closeAfterThisDate(id);
        return view(matching.get(id));
    }

    @PostMapping("/volunteers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Enter a volunteer met in person or by phone (staff); they get an e-mail to manage their profile")
    VolunteerView enter(@Valid @RequestBody NewVolunteer body) {
        requireStaff();
        return mapper.toView(volunteers.enter(mapper.toVolunteer(body)));
    }

    /** @param name what a reader sees for the key: a vocabulary skill's name in their language, else the key as typed */
    record Count(String key, String name, long count) {
    }

    record HoursTotal(String key, String name, BigDecimal hours, long dates) {
    }

    record Statistics(Map<String, Long> volunteersByStatus, List<Count> activeByDistrict, List<Count> activeBySkill,
            List<HoursTotal> hoursByOrganisation, List<HoursTotal> hoursByVolunteer) {
    }

    @GetMapping("/statistics")
    @Operation(summary = "The volunteer pool by district and skill, and hours by CSO and by volunteer (staff)")
    Statistics statistics() {
        requireStaff();
        List<RequestRepository.HoursRow> hours = requests.hours(access.currentScope());
        return new Statistics(pool.countByStatus(),
                pool.activeByDistrict().stream().map(c -> new Count(c.key(), c.key(), c.volunteers())).toList(),
                pool.activeBySkill().stream()
                        .map(c -> new Count(c.key(), tagNames.skill(c.key(), LocaleContextHolder.getLocale()), c.volunteers()))
                        .toList(),
                totals(hours, row -> row.organisationId().toString(), RequestRepository.HoursRow::organisationName),
                totals(hours, row -> row.volunteerId().toString(),
                        row -> volunteers.find(row.volunteerId()).map(Volunteer::name).orElse(null)));
    }

    @GetMapping(value = "/statistics/{list}.csv", produces = "text/csv")
    @Operation(summary = "One list of the statistics as CSV (staff): by-status, by-district, by-skill or hours-by-organisation")
    ResponseEntity<String> statisticsCsv(@PathVariable String list) throws IOException {
        Statistics statistics = statistics();
        return switch (list) {
            case "by-status" -> csv("volunteers-by-status.csv", List.of("status", "volunteers"), statistics.volunteersByStatus()
                    .entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(entry -> List.<Object>of(entry.getKey(), entry.getValue())).toList());
            case "by-district" -> csv("volunteers-by-district.csv", List.of("district", "active_volunteers"),
                    statistics.activeByDistrict().stream().map(count -> List.<Object>of(count.key(), count.count())).toList());
            // Column names stay stable for the programs that read the file; the skill's name is in the reader's language.
            case "by-skill" -> csv("volunteers-by-skill.csv", List.of("skill", "skill_name", "active_volunteers"),
                    statistics.activeBySkill().stream().map(count -> List.<Object>of(count.key(), count.name(), count.count()))
                            .toList());
            case "hours-by-organisation" -> csv("hours-by-organisation.csv", List.of("organisation_id", "organisation", "hours",
                    "dates_attended"), statistics.hoursByOrganisation().stream().map(total -> List.<Object>of(total.key(),
                            nullToEmpty(total.name()), total.hours(), total.dates())).toList());
            default -> throw ApiException.notFound("List");
        };
    }

    @GetMapping("/feedback")
    @Operation(summary = "Volunteers' feedback on the organisations, newest first, without who gave it (staff)")
    List<RequestRepository.FeedbackRow> feedback() {
        requireStaff();
        return requests.feedback(access.currentScope());
    }

    @GetMapping(value = "/hours.csv", produces = "text/csv")
    @Operation(summary = "Confirmed hours as CSV, one row per volunteer and date (staff)")
    ResponseEntity<String> hoursCsv() throws IOException {
        requireStaff();
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setHeader("date", "organisation", "request",
                "volunteer_id", "volunteer", "attended", "hours").get())) {
            for (RequestRepository.HoursRow row : requests.hours(access.currentScope())) {
                printer.printRecord(CsvCells.inert(row.occurrence(), row.organisationName(), row.requestTitle(), row.volunteerId(),
                        volunteers.find(row.volunteerId()).map(Volunteer::name).orElse(""), row.attended(), row.hours()));
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"volunteer-hours.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    private static ResponseEntity<String> csv(String fileName, List<String> header, List<List<Object>> rows) throws IOException {
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<Object> row : rows) {
                printer.printRecord(CsvCells.inert(row));
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static List<HoursTotal> totals(List<RequestRepository.HoursRow> rows,
            java.util.function.Function<RequestRepository.HoursRow, String> key,
            java.util.function.Function<RequestRepository.HoursRow, String> name) {
        Map<String, List<RequestRepository.HoursRow>> grouped = rows.stream()
                .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
        return grouped.entrySet().stream()
                .map(entry -> new HoursTotal(entry.getKey(), name.apply(entry.getValue().get(0)),
                        entry.getValue().stream().map(RequestRepository.HoursRow::hours).reduce(BigDecimal.ZERO, BigDecimal::add),
                        entry.getValue().stream().filter(RequestRepository.HoursRow::attended).count()))
                .sorted(Comparator.comparing(HoursTotal::hours).reversed())
                .toList();
    }

    private static void requireStaff() {
        if (!CurrentUser.get().isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only staff see this");
        }
    }

    private RequestView view(VolunteerRequest request) {
        List<ConfirmedVolunteer> confirmed = requests.offers(request.id(), Offer.Status.ACCEPTED).stream()
                .map(offer -> volunteers.find(offer.volunteerId()).orElseThrow())
                .map(v -> new ConfirmedVolunteer(v.id(), v.name(), v.email(), v.phone())).toList();
        BigDecimal hours = requests.hoursForRequest(request.id());
        return mapper.toView(request, messages.getMessage("volunteering.state." + request.state().name(), null,
                LocaleContextHolder.getLocale()), confirmed, hours);
    }
}
