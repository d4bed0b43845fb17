package org.opora.grants.review;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.opora.cases.CaseAccess;
import org.opora.grants.GrantSteps;
import org.opora.grants.application.ApplicationSubmission;
import org.opora.grants.application.GrantApplication;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.opora.system.SystemAccess;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An application's expert panel and its reviews: the API beside the panel's and the reviews' user tasks. */
@RestController
@Validated
@RequestMapping("/api/grants/applications")
@Tag(name = "Grant applications")
class ReviewController {

    private final ReviewService reviews;
    private final ApplicationSubmission submission;
    private final PanelConfirmation confirmation;

    ReviewController(ReviewService reviews, ApplicationSubmission submission, PanelConfirmation confirmation) {
        this.reviews = reviews;
        this.submission = submission;
        this.confirmation = confirmation;
    }

    /** The experts staff name for the panel, by user id; none confirms the proposal. */
    record PanelRequest(@Size(max = 20) List<@NotBlank @Pattern(regexp = "[a-zA-Z0-9_.@-]{1,64}") String> experts) {
    }

    @PostMapping("/{id}/panel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Confirm the proposed expert panel, or name it (staff)",
            description = "Completes 'Confirm the expert panel'. An empty or missing list, or the proposed experts, confirms "
                    + "the proposal; otherwise the experts named, by user id, with the same checks as the form's checklist.")
    void confirmPanel(@PathVariable UUID id, @Valid @RequestBody(required = false) PanelRequest request) {
        confirmation.confirm(id, request == null || request.experts() == null ? List.of() : request.experts());
    }

    /** A review as the reader may see it: experts' names only for staff; other experts' scores only after one's own. */
    record ReviewView(UUID id, String expert, Review.State state, LocalDate dueOn, BigDecimal total, List<Review.Score> scores) {
    }

    @GetMapping("/{id}/reviews")
    @Operation(summary = "The reviews of an application",
            description = "Staff see all with the experts' names. An expert sees their own, and the others' (unnamed) only "
                    + "after submitting their own. Applicants see the scores and comments, unnamed, once the committee decided.")
    List<ReviewView> reviews(@PathVariable UUID id) {
        OporaUser user = CurrentUser.get();
        GrantApplication application = submission.readable(id);
        List<Review> all = reviews.ofApplication(id);
        if (user.isStaffOrAdmin()) {
            return all.stream().map(r -> new ReviewView(r.id(), r.expertId(), r.state(), r.dueOn(), r.total(), r.scores())).toList();
        }
        boolean ownSubmitted = all.stream().anyMatch(r -> r.expertId().equals(user.id()) && r.state() == Review.State.SUBMITTED);
        boolean decided = application.decision() != null;
        List<ReviewView> visible = new ArrayList<>();
        int number = 0;
        for (Review review : all) {
            if (review.state() == Review.State.SUBMITTED) {
                number++;
            }
            if (review.expertId().equals(user.id())) {
                visible.add(new ReviewView(review.id(), review.expertId(), review.state(), review.dueOn(), review.total(),
                        review.scores()));
            } else if (review.state() == Review.State.SUBMITTED && (ownSubmitted || decided)) {
                visible.add(new ReviewView(review.id(), "Expert " + number, review.state(), null, review.total(), review.scores()));
            }
        }
        return visible;
    }
}
