package org.opora.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRef;
import org.opora.organisations.OrganisationRepository;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/cases")
@Validated
@Tag(name = "Cases", description = "Cases of every process that the signed-in user may see")
class CaseController {

    private final CaseAccess access;
    private final CaseService service;
    private final OrganisationRepository organisations;
    private final CaseMapper mapper;

    CaseController(CaseAccess access, CaseService service, OrganisationRepository organisations, CaseMapper mapper) {
        this.access = access;
        this.service = service;
        this.organisations = organisations;
        this.mapper = mapper;
    }

    record CaseSummary(UUID id, String process, String title, OrganisationRef organisation, Instant createdAt) {
    }

    /** {@code total} only when asked for ({@code count=true}); {@code hasMore} says whether cases follow (ADR 26). */
    record CasePage(List<CaseSummary> items, int page, int size, @JsonInclude(JsonInclude.Include.NON_NULL) Long total,
            boolean hasMore) {
    }

    record CaseView(UUID id, String process, String title, OrganisationRef organisation, String createdBy,
            Instant createdAt, CaseDetails.State state, List<String> currentSteps, List<CaseDetails.OpenTask> openTasks,
            List<CaseDetails.Deadline> deadlines, List<CaseDetails.TimelineEntry> timeline) {
    }

    @GetMapping
    @Operation(summary = "The cases the caller may see, newest first")
    CasePage list(@RequestParam(required = false) String process,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @Parameter(description = "Also count the whole list (total); pages alone say only hasMore")
            @RequestParam(defaultValue = "false") boolean count) {
        List<String> processKeys = process == null ? null : CaseProcess.processKeysNamed(process)
                .orElseThrow(() -> ApiException.invalid("process", "must be one of " + CaseProcess.NAMES));
        CaseService.CasePage found = service.page(access.currentScope(), processKeys, page, size, count);
        Map<UUID, Organisation> byId = organisations.findAllById(found.items().stream().map(CaseRecord::organisationId).toList());
        List<CaseSummary> items = found.items().stream()
                .map(record -> mapper.toSummary(record, OrganisationRef.of(byId.get(record.organisationId()))))
                .toList();
        return new CasePage(items, found.page(), found.size(), found.total(), found.hasMore());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One case: data, state, open tasks, deadlines and timeline")
    CaseView get(@PathVariable UUID id) {
        CaseRecord record = access.require(id);
        OrganisationRef organisation = record.organisationId() == null ? null
                : organisations.find(record.organisationId()).map(OrganisationRef::of).orElse(null);
        CaseDetails details = service.details(record);
        OporaUser user = CurrentUser.get();
        return mapper.toView(user.isStaffOrAdmin() ? details : details.namingOnly(user.id()), organisation);
    }
}
