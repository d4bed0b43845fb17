package org.opora.grants.funding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.opora.grants.application.ApplicationSubmission;
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
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A funded application's reports and money: the API beside the report's user task. */
@RestController
@Validated
@RequestMapping("/api/grants/applications")
@Tag(name = "Grant applications")
class FundingController {

    private final FundingService funding;
    private final ApplicationSubmission submission;
    private final ReportSubmission reports;

    FundingController(FundingService funding, ApplicationSubmission submission, ReportSubmission reports) {
        this.funding = funding;
        this.submission = submission;
        this.reports = reports;
    }

    /**
     * A report: what was done, whom it reached, and the amount spent on each budget line, in the budget's order.
     * The amounts' rule is the report's own (FundingService), the same for the task's form and the funding page.
     */
    record ReportRequest(@NotBlank @Size(max = 20000) String narrative, @NotNull @Min(0) Integer beneficiariesReached,
            List<BigDecimal> spending) {
    }

    @PostMapping("/{id}/report")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Submit the report that is due (the applying organisation's members)",
            description = "Completes 'Submit the report', with the same checks as the form in Tasklist. spending lists "
                    + "the amount spent on each budget line, in the order of the application's budget.")
    void submitReport(@PathVariable UUID id, @Valid @RequestBody ReportRequest request) {
        reports.submit(id, request.narrative(), request.beneficiariesReached().longValue(), request.spending());
    }

    record FundingView(List<Report.Tranche> tranches, List<Report> reports) {
    }

    @GetMapping("/{id}/funding")
    @Operation(summary = "A grant's tranches and reports")
    FundingView funding(@PathVariable UUID id) {
        submission.readable(id);
        return new FundingView(funding.tranches(id), funding.reports(id));
    }
}
