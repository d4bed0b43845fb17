package org.opora.grants.application;

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

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.opora.cases.CaseAccess;
import org.opora.cases.CaseRepository;
import org.opora.grants.competition.CompetitionService;
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
import jakarta.validation.constraints.NotNull;

@RestController
@Validated
@RequestMapping("/api/grants/applications")
@Tag(name = "Grant applications", description = "Applications from the draft to the final report")
class ApplicationController {

    /** The tasks in which the applicant is expected to do something. */
    private static final Set<String> APPLICANT_TASKS = Set.of("SubmitApplication", "ClarifyApplication", "SignAgreement",
            "SubmitReport");

    private final ApplicationService applications;
    private final CompetitionService competitions;
    private final OrganisationRepository organisations;
    private final CaseAccess access;
    private final CaseRepository cases;
    private final ApplicationMapper mapper;
    private final TaskService taskService;
    private final SystemAccess system;
    private final ApplicationSubmission submission;
    private final TaskNames taskNames;
    private final MessageSource messages;

    ApplicationController(ApplicationService applications, CompetitionService competitions,
            OrganisationRepository organisations, CaseAccess access, CaseRepository cases, ApplicationMapper mapper,
            TaskService taskService, SystemAccess system,
            TaskNames taskNames, MessageSource messages, ApplicationSubmission submission) {
        this.taskNames = taskNames;
        this.messages = messages;
        this.applications = applications;
        this.competitions = competitions;
        this.organisations = organisations;
        this.access = access;
        this.cases = cases;
        this.mapper = mapper;
        this.taskService = taskService;
        this.system = system;
        this.submission = submission;
    }

    record NewApplication(@NotNull UUID competitionId, String projectTitle) {
    }

    record BudgetLineRequest(String item, BigDecimal amount) {
    }

    record AttachmentRequest(String kind, String name) {
    }

    /**
     * A draft may be incomplete; what is there must be well-formed, by the rules of {@link ApplicationFields}
     * (the one place that checks an application's fields, for the API, the portal and the task form alike).
     * The organisation's INN, OGRN and registration date come from its record, not from the applicant.
     */
    record DraftRequest(String projectTitle, String summary, String region, String topic, String targetGroup,
            Integer beneficiaries, BigDecimal requestedAmount, Integer durationMonths, List<BudgetLineRequest> budgetLines,
            List<AttachmentRequest> attachments) {
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
        return view(submission.readable(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Save the draft (or the application returned for clarification)")
    ApplicationView saveDraft(@PathVariable UUID id, @RequestBody DraftRequest request) {
        return view(submission.saveDraft(id, mapper.toDetails(request)));
    }

    @PostMapping("/{id}/submit")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Submit the saved application",
            description = "Completes 'Submit the application' (or 'Clarify the application') with what was saved, with "
                    + "the same checks as the form in Tasklist. A body may carry the answer to a request for clarification.")
    void submit(@PathVariable UUID id, @RequestBody(required = false) Map<String, String> body) {
        submission.submit(id, body == null ? null : body.get("clarificationAnswer"));
    }

    private List<GrantApplication> applicationsVisibleTo(OporaUser user, UUID competitionId) {
        List<GrantApplication> found = applications.visible(access.scopeOf(user), competitionId);
        if (user.isStaffOrAdmin()) {
            return found;
        }
        // As a single read decides (ApplicationSubmission.readable): the scope also holds what a person's expert
        // involvement reaches, so a CSO member who is an expert too must not list other organisations' applications whole.
        return found.stream().filter(a -> a.organisationId().equals(user.organisationId()) || submission.mayRead(user, a.id()))
                .toList();
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
        if (user.isStaffOrAdmin() || submission.isMember(user, application.id()) || application.decision() != null) {
            return view;
        }
        // An expert scores on their own: the panel's score and the staff's notes are not theirs to see.
        return new ApplicationView(view.id(), view.competitionId(), view.organisationId(), view.organisationName(),
                view.state(), view.stateName(), view.details(), view.submittedAt(), view.admissionReasons(), view.admissionFindings(), null, null, null,
                null, null, null,
                null, null, List.of());
    }
}
