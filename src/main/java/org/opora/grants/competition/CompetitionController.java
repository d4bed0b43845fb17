package org.opora.grants.competition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.opora.cases.CaseAccess;
import org.opora.grants.GrantSteps;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@RequestMapping("/api/grants/competitions")
@Tag(name = "Grant competitions", description = "Competitions: the call, its rules and money (staff create them)")
class CompetitionController {

    private final CompetitionService competitions;
    private final OrganisationRepository organisations;
    private final CaseAccess access;
    private final CompetitionMapper mapper;
    private final OporaTime time;

    CompetitionController(CompetitionService competitions, OrganisationRepository organisations, CaseAccess access,
            CompetitionMapper mapper, OporaTime time) {
        this.competitions = competitions;
        this.organisations = organisations;
        this.access = access;
        this.mapper = mapper;
        this.time = time;
    }

    record CriterionRequest(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
            @NotNull @DecimalMin("0.01") @DecimalMax("100") BigDecimal weight, @NotNull @Min(1) @Max(100) Integer maxScore) {
    }

    record PassMarkRequest(@NotNull @DecimalMin("0") @Digits(integer = 13, fraction = 2) BigDecimal amountFrom, @NotNull @DecimalMin("0") @DecimalMax("100")
            BigDecimal passMark) {
    }

    record SectorMixRequest(@Min(0) @Max(10) int cso, @Min(0) @Max(10) int government, @Min(0) @Max(10) int business) {
    }

    /** Only the call's essentials are required; the rest has the defaults of a typical competition. */
    record NewCompetition(UUID centreId, @NotBlank @Size(max = 300) String title, @Size(max = 20000) String description,
            @NotNull Instant opensAt, @NotNull Instant closesAt, @NotNull LocalDate reviewDue,
            @NotNull @Positive @Digits(integer = 13, fraction = 2) BigDecimal budgetPool,
            @NotNull @Positive @Digits(integer = 13, fraction = 2) BigDecimal minGrant,
            @NotNull @Positive @Digits(integer = 13, fraction = 2) BigDecimal maxGrant,
            @NotNull @Min(1) @Max(120) Integer maxMonths, @Min(2) @Max(10) Integer expertsPerApplication,
            @Valid SectorMixRequest sectorMix, @Min(0) @Max(120) Integer minRegistrationMonths,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> requiredDocuments,
            @Min(1) @Max(100) Integer scoreSpreadPercent, @Min(1) @Max(60) Integer clarificationDays,
            @Min(0) @Max(30) Integer reviewReminderDays, @Min(1) @Max(60) Integer agreementDays,
            @Min(0) @Max(60) Integer reportReminderDays, @Min(1) @Max(365) Integer waitlistDays,
            @Size(min = 1, max = 12) List<@NotNull @Min(1) @Max(100) Integer> trancheShares,
            @Size(max = 500) List<@NotBlank String> expertPool,
            @NotEmpty @Size(max = 10) List<@Valid CriterionRequest> criteria,
            @Size(max = 20) List<@Valid PassMarkRequest> passMarks) {
    }

    record CompetitionView(UUID id, UUID centreId, String title, String description, Instant opensAt, Instant closesAt,
            LocalDate reviewDue, BigDecimal budgetPool, BigDecimal minGrant, BigDecimal maxGrant, int maxMonths,
            int expertsPerApplication, Competition.SectorMix sectorMix, int minRegistrationMonths,
            List<String> requiredDocuments, int scoreSpreadPercent, int clarificationDays, int reviewReminderDays,
            int agreementDays, int reportReminderDays, int waitlistDays, List<Integer> trancheShares,
            List<Competition.Criterion> criteria, List<Competition.PassMark> passMarks, Instant decidedAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Announce a competition (staff)",
            description = "Defaults: 2 experts per application; panels mix CSO, government and business experts as far as "
                    + "places and the pool allow; organisations registered at least 12 months; a third expert when two "
                    + "totals differ by more than 30 points; 5 working days to clarify; 10 to sign; two tranches of 50%.")
    CompetitionView create(@Valid @RequestBody NewCompetition request) {
        OporaUser user = GrantSteps.requireStaff();
        UUID centreId = request.centreId() != null ? request.centreId() : user.tenantIds().stream().findFirst()
                .map(UUID::fromString).orElseThrow(() -> ApiException.invalid("centreId", "is required"));
        if (!access.scopeOf(user).everything() && !access.scopeOf(user).centreIds().contains(centreId)) {
            throw ApiException.invalid("centreId", "is not a centre of yours");
        }
        List<Competition.Criterion> criteria = new java.util.ArrayList<>();
        for (int i = 0; i < request.criteria().size(); i++) {
            CriterionRequest c = request.criteria().get(i);
            criteria.add(new Competition.Criterion(i + 1, c.name(), c.description(), c.weight(), c.maxScore()));
        }
        SectorMixRequest mix = Objects.requireNonNullElse(request.sectorMix(), new SectorMixRequest(1, 1, 1));
        Competition competition = new Competition(UUID.randomUUID(), centreId, request.title(), request.description(),
                request.opensAt(), request.closesAt(), request.reviewDue(), request.budgetPool(), request.minGrant(),
                request.maxGrant(), request.maxMonths(), Objects.requireNonNullElse(request.expertsPerApplication(), 2),
                new Competition.SectorMix(mix.cso(), mix.government(), mix.business()),
                Objects.requireNonNullElse(request.minRegistrationMonths(), 12),
                Objects.requireNonNullElse(request.requiredDocuments(), List.of()),
                Objects.requireNonNullElse(request.scoreSpreadPercent(), 30),
                Objects.requireNonNullElse(request.clarificationDays(), 5),
                Objects.requireNonNullElse(request.reviewReminderDays(), 2),
                Objects.requireNonNullElse(request.agreementDays(), 10),
                Objects.requireNonNullElse(request.reportReminderDays(), 7),
                Objects.requireNonNullElse(request.waitlistDays(), 60),
                Objects.requireNonNullElse(request.trancheShares(), List.of(50, 50)),
                Objects.requireNonNullElse(request.expertPool(), List.of()), criteria,
                Objects.requireNonNullElse(request.passMarks(), List.<PassMarkRequest>of()).stream()
                        .map(mark -> new Competition.PassMark(mark.amountFrom(), mark.passMark())).toList(),
                null, user.id(), time.now());
        return mapper.toView(competitions.create(competition));
    }

    @GetMapping
    @Operation(summary = "Competitions of my centre (staff), or that my organisation may apply to (CSO members)")
    List<CompetitionView> list() {
        return competitions.list(access.currentScope(), memberCentre()).stream().map(mapper::toView).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One competition with its criteria and pass marks")
    CompetitionView get(@PathVariable UUID id) {
        return mapper.toView(competitions.visible(id, access.currentScope(), memberCentre()));
    }

    private UUID memberCentre() {
        OporaUser user = CurrentUser.get();
        return user.organisationId() == null ? null
                : organisations.find(user.organisationId()).map(Organisation::centreId).orElse(null);
    }
}
