package org.opora.grants.review;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.opora.grants.GrantSteps;
import org.opora.grants.application.ApplicationService;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.ProblemType;
import org.opora.users.UserDirectory;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@Tag(name = "Grant experts", description = "The expert pool (staff) and an expert's own assignments")
class ExpertController {

    private final ExpertPanel panel;
    private final ReviewService reviews;
    private final ApplicationService applications;
    private final UserDirectory directory;
    private final ExpertMapper mapper;

    ExpertController(ExpertPanel panel, ReviewService reviews, ApplicationService applications,
            UserDirectory directory, ExpertMapper mapper) {
        this.panel = panel;
        this.reviews = reviews;
        this.applications = applications;
        this.directory = directory;
        this.mapper = mapper;
    }

    /**
     * @param tiedOrganisations organisations the expert works for, advises or is related to, by id or INN
     */
    record ExpertRequest(@NotNull Expert.Sector sector, @Size(max = 50) List<@NotBlank @Size(max = 200) String> regions,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> topics,
            @Size(max = 200) List<@NotBlank @Size(max = 100) String> tiedOrganisations, boolean active) {
    }

    @PutMapping("/api/grants/experts/{userId}")
    @Operation(summary = "Put an expert into the pool of my centre, or change their profile (staff)")
    Expert save(@PathVariable String userId, @Valid @RequestBody ExpertRequest request) {
        OporaUser user = GrantSteps.requireStaff();
        if (!directory.groupsOf(userId).contains(Role.EXPERT.groupId())) {
            throw ApiException.invalid("userId", "is not a user in the experts group");
        }
        UUID centreId = user.tenantIds().stream().findFirst().map(UUID::fromString)
                .orElseThrow(() -> ApiException.conflict("You belong to no resource centre"));
        // An expert of another centre (its tenant's member) is not one of mine to put into my pool (ADR 23).
        if (!directory.tenantsOf(userId).contains(centreId.toString())) {
            throw ApiException.invalid("userId", "is not an expert of your resource centre");
        }
        if (panel.expert(userId).filter(existing -> !existing.centreId().equals(centreId)).isPresent()) {
            throw ApiException.conflict(userId + " is in the expert pool of another resource centre");
        }
        Expert expert = mapper.toExpert(request, userId, centreId);
        return panel.saveExpert(expert);
    }

    @GetMapping("/api/grants/experts")
    @Operation(summary = "The expert pool of my centre (staff)")
    List<Expert> pool() {
        OporaUser user = GrantSteps.requireStaff();
        return user.tenantIds().stream().map(UUID::fromString).flatMap(centre -> panel.pool(centre).stream()).toList();
    }

    /** An assignment as its expert sees it: before declaring no conflict, only the project's title. */
    record Assignment(UUID reviewId, UUID applicationId, String projectTitle, Review.State state, LocalDate dueOn) {
    }

    @GetMapping("/api/grants/reviews")
    @Operation(summary = "My review assignments and their deadlines (experts)")
    List<Assignment> assignments() {
        OporaUser user = CurrentUser.get();
        if (!user.has(Role.EXPERT)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Review assignments are for experts");
        }
        return reviews.ofExpert(user.id()).stream()
                .filter(review -> review.state() != Review.State.CONFLICT && review.state() != Review.State.REASSIGNED)
                .map(review -> new Assignment(review.id(), review.applicationId(),
                        applications.get(review.applicationId()).details().projectTitle(), review.state(), review.dueOn()))
                .toList();
    }
}
