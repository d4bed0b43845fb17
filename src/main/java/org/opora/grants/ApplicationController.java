package org.opora.grants;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.opora.cases.CaseAccess;
import org.opora.cases.CaseRepository;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.ProblemType;
import org.opora.system.SystemAccess;
import org.opora.system.TaskNames;
import org.opora.system.Timestamps;
import org.springframework.context.MessageSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.context.i18n.LocaleContextHolder;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@RequestMapping("/api/grants/applications")
@Tag(name = "Grant applications", description = "Applications from the draft to the final report")
class ApplicationController {

    /** The tasks in which the applicant is expected to do something. */
    private static final Set<String> APPLICANT_TASKS = Set.of("SubmitApplication", "ClarifyApplication", "SignAgreement",
            "SubmitReport");

    private final ApplicationService applications;
    private final ReviewService reviews;
    private final CompetitionService competitions;
    private final FundingService funding;
    private final OrganisationRepository organisations;
    private final CaseAccess access;
    private final CaseRepository cases;
    private final GrantMapper mapper;
    private final TaskService taskService;
    private final SystemAccess system;
    private final ApplicationSubmission submission;
    private final FormService formService;
    private final TransactionTemplate transaction;
    private final TaskNames taskNames;
    private final MessageSource messages;

    ApplicationController(ApplicationService applications, ReviewService reviews, CompetitionService competitions,
            FundingService funding, OrganisationRepository organisations, CaseAccess access, CaseRepository cases, GrantMapper mapper,
            TaskService taskService, FormService formService, SystemAccess system, TransactionTemplate transaction,
            TaskNames taskNames, MessageSource messages, ApplicationSubmission submission) {
        this.formService = formService;
        this.transaction = transaction;
        this.taskNames = taskNames;
        this.messages = messages;
        this.applications = applications;
        this.reviews = reviews;
        this.competitions = competitions;
        this.funding = funding;
        this.organisations = organisations;
        this.access = access;
        this.cases = cases;
        this.mapper = mapper;
        this.taskService = taskService;
        this.system = system;
        this.submission = submission;
    }

    record NewApplication(@NotNull UUID competitionId, @Size(max = 300) String projectTitle) {
    }

    record BudgetLineRequest(@NotBlank @Size(max = 300) @Pattern(regexp = "[^\\r\\n]*") String item,
            @NotNull @Digits(integer = 13, fraction = 2) BigDecimal amount) {
    }

    record AttachmentRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[^:\\r\\n]*") String kind,
            @NotBlank @Size(max = 300) @Pattern(regexp = "[^\\r\\n]*") String name) {
    }

    /**
     * A draft may be incomplete; what is there must be well-formed. The organisation's INN, OGRN and
     * registration date come from its record, not from the applicant.
     */
    record DraftRequest(@Size(max = 300) String projectTitle, @Size(max = 4000) String summary, @Size(max = 200) String region,
            @Size(max = 200) String topic, @Size(max = 300) String targetGroup, @Min(1) Integer beneficiaries,
            @Digits(integer = 13, fraction = 2) BigDecimal requestedAmount, @Min(1) @Max(120) Integer durationMonths,
            @Size(max = 100) List<@Valid BudgetLineRequest> budgetLines,
            @Size(max = 50) List<@Valid AttachmentRequest> attachments) {
    }

    /** Something the applicant is expected to do, and by when. */
    record Expected(String taskId, String task, Instant due) {
    }

    record ApplicationView(UUID id, UUID competitionId, UUID organisationId, String organisationName,
            GrantApplication.State state, String stateName, GrantApplication.Details details, Instant submittedAt,
            List<String> admissionReasons,
            List<AdmissionReasons.Finding> admissionFindings, String clarificationRequest, LocalDate clarificationDue, BigDecimal finalScore, BigDecimal passMark,
            GrantApplication.Decision decision, BigDecimal approvedAmount, LocalDate agreementDue, Instant signedAt,
            List<Expected> expected) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a draft application for my organisation (CSO members)",
            description = "Only while the competition takes applications. The draft starts with the organisation's "
                    + "registry data; save it with PUT and submit it with POST .../submit before the intake closes.")
    ApplicationView start(@Valid @RequestBody NewApplication request) {
        OporaUser user = CurrentUser.get();
        if (!user.has(Role.CSO) || user.organisationId() == null) {
            throw new ApiException(ProblemType.FORBIDDEN, "Applications are made by members of an organisation");
        }
        return view(applications.start(request.competitionId(), user.organisationId(), user.id(), request.projectTitle()));
    }

    @GetMapping
    @Operation(summary = "The applications I may see, each with what its applicant is expected to do and by when",
            description = "CSO members see their organisation's; staff their centre's; experts those they review.")
    List<ApplicationView> list(@RequestParam(required = false) UUID competitionId) {
        OporaUser user = CurrentUser.get();
        List<GrantApplication> found = applicationsVisibleTo(user, competitionId);
        Map<String, List<Expected>> expected = expectedByApplication(found.stream().map(a -> a.id().toString()).toList());
        return found.stream().map(a -> view(a, expected.getOrDefault(a.id().toString(), List.of()))).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One application; an expert sees it only after declaring no conflict of interest")
    ApplicationView get(@PathVariable UUID id) {
        return view(readable(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Save the draft (or the application returned for clarification)")
    ApplicationView saveDraft(@PathVariable UUID id, @Valid @RequestBody DraftRequest request) {
        requireApplicant(id);
        return view(applications.saveDraft(id, mapper.toDetails(request)));
    }

    @PostMapping("/{id}/submit")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Submit the saved application",
            description = "Completes 'Submit the application' (or 'Clarify the application') with what was saved, with "
                    + "the same checks as the form in Tasklist. A body may carry the answer to a request for clarification.")
    void submit(@PathVariable UUID id, @RequestBody(required = false) Map<String, String> body) {
        submission.submit(id, body == null ? null : body.get("clarificationAnswer"));
    }

    /** A report: what was done, whom it reached, and the amount spent on each budget line, in the budget's order. */
    record ReportRequest(@NotBlank @Size(max = 20000) String narrative, @NotNull @Min(0) Integer beneficiariesReached,
            @NotNull @Size(min = 1, max = 100) List<@NotNull @DecimalMin("0") @Digits(integer = 13, fraction = 2) BigDecimal> spending) {
    }

    @PostMapping("/{id}/report")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Submit the report that is due (the applying organisation's members)",
            description = "Completes 'Submit the report', with the same checks as the form in Tasklist. spending lists "
                    + "the amount spent on each budget line, in the order of the application's budget.")
    void submitReport(@PathVariable UUID id, @Valid @RequestBody ReportRequest request) {
        OporaUser user = requireApplicant(id);
        Task task = system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey("SubmitReport").singleResult());
        if (task == null) {
            throw ApiException.conflict("No report is due");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
            throw ApiException.conflict("A colleague (" + task.getAssignee() + ") is working on this application's task");
        }
        // Tasklist's form takes the amounts as lines ("1: 12000"); the list travels that way to the task's
        // listener, the one place that checks a report.
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < request.spending().size(); i++) {
            lines.add((i + 1) + ": " + request.spending().get(i).toPlainString());
        }
        Map<String, Object> fields = Map.of("narrative", request.narrative(),
                "beneficiariesReached", request.beneficiariesReached().longValue(), "spending", String.join("\n", lines));
        try {
            transaction.executeWithoutResult(status -> {
                taskService.claim(task.getId(), user.id());
                formService.submitTaskForm(task.getId(), fields);
            });
        } catch (TaskAlreadyClaimedException | OptimisticLockingException concurrently) {
            throw ApiException.conflict("A colleague submitted the report at the same moment");
        }
    }

    /** The experts staff name for the panel, by user id; none confirms the proposal. */
    record PanelRequest(@Size(max = 20) List<@NotBlank @Pattern(regexp = "[a-zA-Z0-9_.@-]{1,64}") String> experts) {
    }

    @PostMapping("/{id}/panel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Confirm the proposed expert panel, or name it (staff)",
            description = "Completes 'Confirm the expert panel'. An empty or missing list confirms the proposal; otherwise "
                    + "the experts named, by user id, with the same checks as the form in Tasklist.")
    void confirmPanel(@PathVariable UUID id, @Valid @RequestBody(required = false) PanelRequest request) {
        OporaUser user = CompetitionController.requireStaff();
        access.require(id);
        Task task = system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey("ConfirmPanel").singleResult());
        if (task == null) {
            throw ApiException.conflict("The application's panel is not waiting to be confirmed");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
            throw ApiException.conflict("A colleague (" + task.getAssignee() + ") is working on this application's task");
        }
        // Tasklist's form names the panel as text; user ids hold no comma, so the list travels that way to the
        // task's listener, the one place that checks a panel.
        List<String> experts = request == null || request.experts() == null ? List.of() : request.experts();
        try {
            transaction.executeWithoutResult(status -> {
                taskService.claim(task.getId(), user.id());
                formService.submitTaskForm(task.getId(), Map.of("experts", String.join(", ", experts)));
            });
        } catch (TaskAlreadyClaimedException | OptimisticLockingException concurrently) {
            throw ApiException.conflict("A colleague confirmed the panel at the same moment");
        }
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
        GrantApplication application = readable(id);
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

    record FundingView(List<Report.Tranche> tranches, List<Report> reports) {
    }

    @GetMapping("/{id}/funding")
    @Operation(summary = "A grant's tranches and reports")
    FundingView funding(@PathVariable UUID id) {
        readable(id);
        return new FundingView(funding.tranches(id), funding.reports(id));
    }

    private List<GrantApplication> applicationsVisibleTo(OporaUser user, UUID competitionId) {
        List<GrantApplication> found = applications.visible(access.scopeOf(user), competitionId);
        if (user.isStaffOrAdmin() || user.has(Role.CSO)) {
            return found;
        }
        return found.stream().filter(a -> expertMayRead(user, a.id())).toList();
    }

    /** The application if the user may read it; an expert only after declaring no conflict. */
    private GrantApplication readable(UUID id) {
        access.require(id);
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin() && !isMember(user, id) && !expertMayRead(user, id)) {
            throw ApiException.notFound("Application");
        }
        return applications.get(id);
    }

    private boolean expertMayRead(OporaUser user, UUID applicationId) {
        return user.has(Role.EXPERT) && reviews.ofApplication(applicationId).stream()
                .anyMatch(r -> r.expertId().equals(user.id())
                        && (r.state() == Review.State.DECLARED || r.state() == Review.State.SUBMITTED));
    }

    private boolean isMember(OporaUser user, UUID applicationId) {
        return submission.isMember(user, applicationId);
    }

    private OporaUser requireApplicant(UUID id) {
        return submission.requireApplicant(id);
    }

    private Map<String, List<Expected>> expectedByApplication(Collection<String> businessKeys) {
        Map<String, List<Expected>> expected = new HashMap<>();
        if (businessKeys.isEmpty()) {
            return expected;
        }
        List<Task> tasks = system.call(() -> taskService.createTaskQuery()
                .processInstanceBusinessKeyIn(businessKeys.toArray(String[]::new))
                .taskDefinitionKeyIn(APPLICANT_TASKS.toArray(String[]::new)).list());
        Map<String, UUID> caseByInstance = new HashMap<>();
        cases.findByProcessInstances(tasks.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet()))
                .forEach(record -> caseByInstance.put(record.processInstanceId(), record.id()));
        for (Task task : tasks) {
            UUID caseId = caseByInstance.get(task.getProcessInstanceId());
            if (caseId != null) {
                expected.computeIfAbsent(caseId.toString(), k -> new ArrayList<>())
                        .add(new Expected(task.getId(), taskNames.of(task.getTaskDefinitionKey(), task.getName(),
                                LocaleContextHolder.getLocale()), Timestamps.fromEngine(task.getDueDate())));
            }
        }
        return expected;
    }

    private ApplicationView view(GrantApplication application) {
        return view(application, expectedByApplication(List.of(application.id().toString()))
                .getOrDefault(application.id().toString(), List.of()));
    }

    private ApplicationView view(GrantApplication application, List<Expected> expected) {
        String organisation = organisations.find(application.organisationId()).map(Organisation::name).orElse(null);
        ApplicationView view = mapper.toView(application, messages.getMessage("grant.state." + application.state().name(), null,
                LocaleContextHolder.getLocale()), organisation, expected, application.admissionReasons().stream()
                .map(reason -> AdmissionReasons.finding(reason, messages, LocaleContextHolder.getLocale())).toList());
        OporaUser user = CurrentUser.get();
        if (user.isStaffOrAdmin() || isMember(user, application.id()) || application.decision() != null) {
            return view;
        }
        // An expert scores on their own: the panel's score and the staff's notes are not theirs to see.
        return new ApplicationView(view.id(), view.competitionId(), view.organisationId(), view.organisationName(),
                view.state(), view.stateName(), view.details(), view.submittedAt(), view.admissionReasons(), view.admissionFindings(), null, null, null,
                null, null, null,
                null, null, List.of());
    }
}
