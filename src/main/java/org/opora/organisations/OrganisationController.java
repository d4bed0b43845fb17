package org.opora.organisations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.opora.system.ApiException;
import org.opora.system.ApiException.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** Registers resource centres and the organisations they support (administrators). */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Organisations", description = "Resource centres and CSOs, for administrators")
class OrganisationController {

    private final OrganisationService service;
    private final OrganisationRepository organisations;
    private final OrganisationMapper mapper;

    OrganisationController(OrganisationService service, OrganisationRepository organisations, OrganisationMapper mapper) {
        this.service = service;
        this.organisations = organisations;
        this.mapper = mapper;
    }

    record NewCentre(@NotBlank @Size(max = 300) String name, @NotBlank @Size(max = 200) String region) {
    }

    record CentreView(UUID id, String name, String region) {
    }

    record NewOrganisation(
            @NotNull UUID centreId,
            @NotBlank @Size(max = 500) String name,
            @NotBlank @Size(max = 200) String shortName,
            @NotNull Organisation.Kind kind,
            String inn,
            String ogrn,
            @PastOrPresent LocalDate registeredOn,
            @NotBlank @Size(max = 200) String region,
            @Email @Size(max = 320) String email) {
    }

    record OrganisationView(UUID id, UUID centreId, String name, String shortName, Organisation.Kind kind, String inn,
            String ogrn, LocalDate registeredOn, String region, String email, String groupId) {
    }

    @GetMapping("/centres")
    @Operation(summary = "All resource centres")
    List<CentreView> centres() {
        return mapper.toCentreViews(organisations.findAllCentres());
    }

    @PostMapping("/centres")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a resource centre (also an engine tenant)")
    CentreView registerCentre(@Valid @RequestBody NewCentre centre) {
        return mapper.toCentreView(service.registerCentre(centre.name(), centre.region()));
    }

    record LetterReview(@NotNull Boolean required) {
    }

    @PutMapping("/centres/{id}/letter-review")
    @Operation(summary = "Whether the centre's staff review each letter before a CSO sends it")
    LetterReview letterReview(@PathVariable UUID id, @Valid @RequestBody LetterReview review) {
        if (!organisations.setLettersNeedReview(id, review.required())) {
            throw ApiException.notFound("Resource centre");
        }
        return review;
    }

    record Publication(@NotNull Boolean grantResults, @NotNull Boolean letterRecord) {
    }

    @PutMapping("/centres/{id}/publication")
    @Operation(summary = "What the centre publishes on its public page /public/{centreId} (nothing by default)",
            description = "grantResults: each decided competition's funded organisations, projects, amounts and scores "
                    + "(never experts' names or the applicants not funded); letterRecord: per public body, letters received, "
                    + "answered on time, the average answer time and letters forwarded away. Both false: the page is not found.")
    Publication publication(@PathVariable UUID id, @Valid @RequestBody Publication publication) {
        if (!organisations.setPublication(id, new OrganisationRepository.Publication(publication.grantResults(),
                publication.letterRecord()))) {
            throw ApiException.notFound("Resource centre");
        }
        return publication;
    }

    @PostMapping("/organisations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a CSO (also an engine group for its members)",
            description = "A registered organisation needs a valid INN (10 digits) and OGRN (13 digits) with their "
                    + "check digits and its registration date; an initiative group has none of them.")
    OrganisationView register(@Valid @RequestBody NewOrganisation organisation) {
        checkRegistration(organisation);
        if (organisations.findCentre(organisation.centreId()).isEmpty()) {
            throw ApiException.invalid("centreId", "is not a known resource centre");
        }
        return mapper.toView(service.register(organisation.centreId(), organisation.name(), organisation.shortName(),
                organisation.kind(), organisation.inn(), organisation.ogrn(), organisation.registeredOn(),
                organisation.region(), organisation.email()));
    }

    private static void checkRegistration(NewOrganisation organisation) {
        List<FieldProblem> problems = new ArrayList<>();
        if (organisation.kind() == Organisation.Kind.REGISTERED) {
            if (!RegistryNumbers.isValidInn(organisation.inn())) {
                problems.add(new FieldProblem("inn", "must be 10 digits with a valid check digit"));
            }
            if (!RegistryNumbers.isValidOgrn(organisation.ogrn())) {
                problems.add(new FieldProblem("ogrn", "must be 13 digits with a valid check digit"));
            }
            if (organisation.registeredOn() == null) {
                problems.add(new FieldProblem("registeredOn", "is required for a registered organisation"));
            }
        } else {
            for (var field : List.of(new String[] {"inn", organisation.inn()}, new String[] {"ogrn", organisation.ogrn()})) {
                if (field[1] != null) {
                    problems.add(new FieldProblem(field[0], "an initiative group is not registered and has none"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }
}
