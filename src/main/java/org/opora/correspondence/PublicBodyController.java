package org.opora.correspondence;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The registry of public bodies: everyone signed in reads it; staff edit it (see SecurityConfiguration). */
@RestController
@RequestMapping("/api/public-bodies")
@Validated
@Tag(name = "Public bodies", description = "The registry of public bodies, their competences, channels and officials")
class PublicBodyController {

    private final PublicBodyRegistry registry;
    private final PublicBodyMapper mapper;
    private final LetterTiming timing;
    private final OporaTime time;

    PublicBodyController(PublicBodyRegistry registry, PublicBodyMapper mapper, LetterTiming timing, OporaTime time) {
        this.registry = registry;
        this.mapper = mapper;
        this.timing = timing;
        this.time = time;
    }

    record BodyInput(
            UUID parentId,
            @NotBlank @Size(max = 500) String name,
            @NotNull PublicBody.Kind kind,
            @NotNull PublicBody.Level level,
            @Size(max = 200) String region,
            @NotNull List<@NotBlank @Size(max = 100) String> topics,
            @Size(max = 500) String address,
            @Size(max = 300) String website,
            @Size(max = 300) String onlineFormUrl,
            boolean acceptsInPerson,
            @Pattern(regexp = "(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])", message = "must be MM-DD") String budgetRequestsUntil) {
    }

    record BodyDetails(PublicBody body, List<PublicBody> children, List<PublicOfficial> officials) {
    }

    record Appointment(@NotBlank @Size(max = 300) String fullName, @NotBlank @Size(max = 300) String position,
            @NotNull LocalDate from) {
    }

    record Departure(@NotNull LocalDate until) {
    }

    @GetMapping
    @Operation(summary = "Search the registry by region and by text in the name or topics")
    List<PublicBody> search(@RequestParam(required = false) String region, @RequestParam(required = false) String text,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return registry.search(region, text, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One body with its subordinate bodies and its officials, past and present")
    BodyDetails get(@PathVariable UUID id) {
        PublicBody body = registry.find(id).orElseThrow(() -> ApiException.notFound("Public body"));
        return new BodyDetails(body, registry.children(id), registry.officials(id));
    }

    @GetMapping("/{id}/letter-timing")
    @Operation(summary = "When a letter to this body can expect an answer by law, and whether that is too late",
            description = "Counts delivery by the channel, registration (3 days) and the answer (30 days; 30 for an "
                    + "information request) on the working-day calendar, and warns when the answer may come after "
                    + "`neededBy`, or when a request for money misses the body's budget cycle.")
    LetterTiming.Advice letterTiming(@PathVariable UUID id, @RequestParam LetterTiming.RequestKind requestKind,
            @RequestParam(defaultValue = "POST") LetterTiming.Channel channel,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate sendOn,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate neededBy) {
        PublicBody body = registry.find(id).orElseThrow(() -> ApiException.notFound("Public body"));
        LocalDate today = time.today();
        return timing.advise(body, requestKind, channel, sendOn == null ? today : sendOn, neededBy);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a body (staff)")
    PublicBody create(@Valid @RequestBody BodyInput input) {
        return registry.save(mapper.toBody(UUID.randomUUID(), input));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Correct a body (staff)")
    PublicBody update(@PathVariable UUID id, @Valid @RequestBody BodyInput input) {
        registry.find(id).orElseThrow(() -> ApiException.notFound("Public body"));
        return registry.save(mapper.toBody(id, input));
    }

    @PostMapping("/{id}/officials")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record who took a position at the body (staff)")
    PublicOfficial appoint(@PathVariable UUID id, @Valid @RequestBody Appointment appointment) {
        return registry.appoint(id, appointment.fullName(), appointment.position(), appointment.from());
    }

    @PostMapping("/officials/{officialId}/departure")
    @Operation(summary = "Record that an official left; their history stays (staff)")
    PublicOfficial leave(@PathVariable UUID officialId, @Valid @RequestBody Departure departure) {
        return registry.leave(officialId, departure.until());
    }

    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain"})
    @Operation(summary = "Load bodies from CSV, all or nothing (staff)",
            description = "The first row names the columns: name, parent, kind, level, region, topics (separated by ';'), "
                    + "address, website, online_form_url, accepts_in_person, budget_requests_until (MM-DD). A body is "
                    + "matched by name and updated if it exists; its parent is named, and must be in the registry or an "
                    + "earlier row.")
    PublicBodyRegistry.ImportResult importCsv(HttpServletRequest request) throws IOException {
        try (Reader csv = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
            return registry.importCsv(csv);
        }
    }
}
