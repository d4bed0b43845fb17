package org.opora.grants.application;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.TaskService;
import org.opora.calendar.DeadlineRule;
import org.opora.calendar.DeadlineService;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseEventTexts;
import org.opora.cases.CaseService;
import org.opora.documents.DocumentService;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.system.ApiException.FieldProblem;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.SystemAccess;
import org.opora.tasks.FormInput;
import org.opora.tasks.JsonVariables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An application from the draft to formal admission. The process ({@code processes/grant-application.bpmn})
 * decides what happens next; its delegates and listeners call this, and so does the API.
 */
@Service("grantApplications")
public class ApplicationService {

    public static final String PROCESS_KEY = "grant-application";
    static final String DECISION_KEY = "grant-admission";
    /** The tasks in which the applicant fills in the application. */
    static final String[] SUBMISSION_TASKS = {"SubmitApplication", "ClarifyApplication"};

    private final ApplicationRepository applications;
    private final CompetitionService competitions;
    private final OrganisationRepository organisations;
    private final CaseService cases;
    private final DecisionService decisionService;
    private final DeadlineService deadlines;
    private final GrantMails mails;
    private final OporaTime time;
    private final SystemAccess system;
    private final TaskService taskService;
    private final DocumentService documents;

    ApplicationService(ApplicationRepository applications, CompetitionService competitions,
            OrganisationRepository organisations, CaseService cases, DecisionService decisionService,
            DeadlineService deadlines, GrantMails mails, OporaTime time, SystemAccess system, TaskService taskService,
            DocumentService documents) {
        this.applications = applications;
        this.competitions = competitions;
        this.organisations = organisations;
        this.cases = cases;
        this.decisionService = decisionService;
        this.deadlines = deadlines;
        this.mails = mails;
        this.time = time;
        this.system = system;
        this.taskService = taskService;
        this.documents = documents;
    }

    /**
     * Opens a draft application of an organisation; the competition must be taking applications. The
     * draft starts with the organisation's registry data, which the applicant may correct.
     */
    @Transactional
    public GrantApplication start(UUID competitionId, UUID organisationId, String applicant, String projectTitle) {
        Competition competition = competitions.get(competitionId);
        requireIntakeOpen(competition);
        Organisation organisation = organisations.find(organisationId)
                .orElseThrow(() -> new IllegalStateException("No organisation " + organisationId));
        if (!organisation.centreId().equals(competition.centreId())) {
            throw ApiException.notFound("Competition");
        }
        List<FieldProblem> problems = ApplicationFields.check(new GrantApplication.Details(null, null, null, projectTitle, null,
                null, null, null, null, null, null, List.of(), List.of()), time.today());
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String title = projectTitle == null ? competition.title() : projectTitle;
        GrantApplication.Details prefilled = new GrantApplication.Details(organisation.inn(), organisation.ogrn(),
                organisation.registeredOn(), projectTitle, null, organisation.region(), null, null, null, null, null, List.of(),
                List.of());
        CaseRecord record = cases.open(PROCESS_KEY, competition.centreId(), organisationId, title, applicant,
                caseId -> applications.insert(caseId, competitionId, organisationId, prefilled));
        cases.recordEvent(record.id(), "grant-draft", applicant, competition.title());
        return get(record.id());
    }

    public List<GrantApplication> visible(org.opora.cases.CaseScope scope, UUID competitionId) {
        return applications.findVisible(scope, competitionId);
    }

    public List<GrantApplication> ofCompetition(UUID competitionId) {
        return applications.findByCompetition(competitionId);
    }

    /** The competition dashboard's counts by state (ADR 33: its projections are read in SQL, not from the applications). */
    public Map<GrantApplication.State, Long> countsByState(UUID competitionId) {
        return applications.countsByState(competitionId);
    }

    /** A page of the admission results, in order of submission. */
    public List<ApplicationRepository.Admission> admissionPage(UUID competitionId, int offset, int limit) {
        return applications.admissionPage(competitionId, offset, limit);
    }

    /** A page of the applications in review, in order of submission: the competition's page links each to its panel. */
    public List<ApplicationRepository.InReview> inReviewPage(UUID competitionId, int offset, int limit) {
        return applications.inReviewPage(competitionId, offset, limit);
    }

    public ApplicationRepository.AdmissionCounts admissionCounts(UUID competitionId) {
        return applications.admissionCounts(competitionId);
    }

    /** The first lines of the ranked list, and how many it has (the dashboard shows the head, the exports all). */
    public List<ApplicationRepository.RankedRow> ranking(UUID competitionId, int limit) {
        return applications.ranking(competitionId, limit);
    }

    public long rankedCount(UUID competitionId) {
        return applications.rankedCount(competitionId);
    }

    /** The ranked list as the dashboard and its exports show it: the committee's applications in the committee's order. */
    public List<ApplicationRepository.RankedRow> ranking(UUID competitionId) {
        return applications.ranking(competitionId);
    }

    public GrantApplication get(UUID id) {
        return applications.find(id).orElseThrow(() -> ApiException.notFound("Application"));
    }

    /** Saves a draft (or an application returned for clarification) without requiring it to be complete. */
    @Transactional
    public GrantApplication saveDraft(UUID id, GrantApplication.Details typed) {
        GrantApplication application = get(id);
        GrantApplication.Details details = withRegistryData(typed, application.organisationId());
        if (application.state() != GrantApplication.State.DRAFT && application.state() != GrantApplication.State.CLARIFICATION) {
            throw ApiException.conflict("The application can no longer be changed: it is " + application.state());
        }
        if (application.state() == GrantApplication.State.DRAFT) {
            requireIntakeOpen(competitions.get(application.competitionId()));
        }
        List<FieldProblem> problems = new ArrayList<>();
        checkFormats(details, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        applications.saveDetails(id, details);
        // The open task shows what was saved, in Tasklist and as the values of fields a completion leaves out.
        system.run(() -> taskService.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKeyIn(SUBMISSION_TASKS).list()
                .forEach(task -> taskService.setVariablesLocal(task.getId(), formValues(details))));
        return get(id);
    }

    /**
     * Submits the application (completing "Submit the application" or "Clarify the application"):
     * everything the decision needs must be there. Whether it meets the competition's rules is
     * decided next, by the admission table.
     */
    @Transactional
    public void submit(UUID id, GrantApplication.Details typed, String by) {
        GrantApplication application = get(id);
        GrantApplication.Details details = withRegistryData(typed, application.organisationId());
        Competition competition = competitions.get(application.competitionId());
        if (application.state() == GrantApplication.State.DRAFT) {
            requireIntakeOpen(competition);
        }
        if (competition.decidedAt() != null) {
            throw ApiException.conflict("The committee has already decided this competition; it takes no more applications");
        }
        List<FieldProblem> problems = new ArrayList<>();
        checkFormats(details, problems);
        // INN, OGRN and the registration date may be missing: an unregistered initiative group may apply,
        // and the admission table then states why it cannot receive the grant.
        require(details.projectTitle(), "projectTitle", problems);
        require(details.summary(), "summary", problems);
        require(details.region(), "region", problems);
        require(details.targetGroup(), "targetGroup", problems);
        require(details.beneficiaries(), "beneficiaries", problems);
        require(details.requestedAmount(), "requestedAmount", problems);
        require(details.durationMonths(), "durationMonths", problems);
        if (details.budgetLines() == null || details.budgetLines().isEmpty()) {
            problems.add(new FieldProblem("budgetLines", "is required: at least one budget line"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        applications.saveDetails(id, details);
        applications.markSubmitted(id, time.now());
        cases.recordEvent(id, "grant-submitted", by, details.projectTitle());
    }

    /** The competition's rules, applied by the decision table grant-admission; each reason is a rule that failed. */
    @Transactional
    public List<String> checkAdmission(UUID id) {
        GrantApplication application = get(id);
        Competition competition = competitions.get(application.competitionId());
        GrantApplication.Details d = application.details();
        Map<String, Object> variables = new HashMap<>();
        variables.put("registeredMonths", d.registeredOn() == null ? null
                : (int) Period.between(d.registeredOn(), time.today()).toTotalMonths());
        variables.put("minRegistrationMonths", competition.minRegistrationMonths());
        variables.put("requestedAmount", d.requestedAmount());
        variables.put("minGrant", competition.minGrant());
        variables.put("maxGrant", competition.maxGrant());
        variables.put("durationMonths", d.durationMonths());
        variables.put("maxMonths", competition.maxMonths());
        variables.put("budgetTotal", d.budgetLines().stream().map(GrantApplication.BudgetLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2));
        List<String> missing = missingDocuments(competition, id);
        variables.put("missingDocuments", missing.size());
        DmnDecisionResult result = system.call(() ->
                decisionService.evaluateDecisionByKey(DECISION_KEY).variables(variables).evaluate());
        List<String> reasons = result.getResultList().stream().map(rule -> {
            String reason = (String) rule.get("reason");
            return "DOCUMENTS_MISSING".equals(reason) ? reason + ": " + String.join(", ", missing) : reason;
        }).toList();
        applications.recordAdmissionCheck(id, reasons);
        cases.recordEvent(id, "grant-admission-checked", null, null, CaseEventTexts.admission(reasons));
        return reasons;
    }

    /** The required kinds of which the case holds no uploaded document (documents package). */
    private List<String> missingDocuments(Competition competition, UUID applicationId) {
        Set<String> present = documents.kindsPresent(applicationId);
        return competition.requiredDocuments().stream()
                .filter(kind -> !present.contains(kind.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** The staff member's verdict on admission: admit, ask the applicant to clarify, or refuse. */
    public enum Verdict { ADMIT, CLARIFY, REJECT }

    @Transactional
    public void recordStaffCheck(UUID id, Verdict verdict, String comment, String by) {
        GrantApplication application = get(id);
        switch (verdict) {
            case ADMIT -> applications.recordStaffDecision(id, GrantApplication.State.IN_REVIEW, comment, null, null);
            case REJECT -> {
                applications.recordStaffDecision(id, GrantApplication.State.INADMISSIBLE, comment, null, null);
                mails.inadmissible(get(id), comment);
            }
            case CLARIFY -> {
                Competition competition = competitions.get(application.competitionId());
                LocalDate due = deadlines.compute(time.today(), competition.clarificationDays(), DeadlineRule.DayKind.WORKING,
                        true).due();
                applications.recordStaffDecision(id, GrantApplication.State.CLARIFICATION, comment, comment, due);
                mails.clarificationRequested(get(id));
            }
        }
        cases.recordEvent(id, "grant-admission-" + verdict.name().toLowerCase(), by, comment);
    }

    @Transactional
    public void recordClarificationAnswer(UUID id, String answer, String by) {
        cases.recordEvent(id, "grant-clarified", by, answer);
    }

    /** The applicant did not clarify in time: the application is inadmissible, and they are told why. */
    @Transactional
    public void lapseClarification(UUID id) {
        String why = "No clarification came by " + get(id).clarificationDue();
        applications.recordStaffDecision(id, GrantApplication.State.INADMISSIBLE, why, get(id).clarificationRequest(),
                get(id).clarificationDue());
        mails.inadmissible(get(id), null);
        cases.recordEvent(id, "grant-clarification-lapsed", null, null, get(id).clarificationDue());
    }

    /** The intake closed before the draft was submitted. */
    @Transactional
    public void closeUnsubmitted(UUID id) {
        applications.setState(id, GrantApplication.State.NOT_SUBMITTED);
        cases.recordEvent(id, "grant-not-submitted", null, null);
    }

    public boolean isAdmitted(String businessKey) {
        return get(UUID.fromString(businessKey)).state() == GrantApplication.State.IN_REVIEW;
    }

    public boolean isInadmissible(String businessKey) {
        return get(UUID.fromString(businessKey)).state() == GrantApplication.State.INADMISSIBLE;
    }

    public boolean isInClarification(String businessKey) {
        return get(UUID.fromString(businessKey)).state() == GrantApplication.State.CLARIFICATION;
    }

    /** When the draft's intake closes (the timer on "Submit the application"). */
    public Date intakeClosesAt(String businessKey) {
        return Date.from(competitions.get(get(UUID.fromString(businessKey)).competitionId()).closesAt());
    }

    /** The end of the clarification day (the timer on "Clarify the application"): the start of the next day. */
    public Date clarificationDueAt(String businessKey) {
        return time.startOf(get(UUID.fromString(businessKey)).clarificationDue().plusDays(1));
    }

    private void requireIntakeOpen(Competition competition) {
        if (competition.decidedAt() != null) {
            throw ApiException.conflict("The committee has already decided this competition; it takes no more applications");
        }
        if (!competition.acceptsApplicationsAt(time.now())) {
            throw ApiException.conflict("The competition takes applications from " + competition.opensAt() + " until "
                    + competition.closesAt() + "; it is not taking applications now");
        }
    }

    /**
     * INN, OGRN and the registration date are the organisation's, as the resource centre recorded them:
     * what admission decides on is never typed in by the applicant.
     */
    private GrantApplication.Details withRegistryData(GrantApplication.Details d, UUID organisationId) {
        Organisation organisation = organisations.find(organisationId).orElseThrow();
        return new GrantApplication.Details(organisation.inn(), organisation.ogrn(), organisation.registeredOn(),
                d.projectTitle(), d.summary(), d.region(), d.topic(), d.targetGroup(), d.beneficiaries(), d.requestedAmount(),
                d.durationMonths(), d.budgetLines(), d.attachments());
    }

    /**
     * Formats only: a draft may be incomplete, but what it holds must be well-formed. Every field's rule
     * is in {@link ApplicationFields}: the API, the portal and the task form all come here.
     */
    private void checkFormats(GrantApplication.Details d, List<FieldProblem> problems) {
        problems.addAll(ApplicationFields.check(d, time.today()));
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static void require(Object value, String field, List<FieldProblem> problems) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }

    /** The saved application as the fields of its Camunda Form (forms/grant-application.form). */
    static Map<String, Object> formValues(GrantApplication.Details d) {
        Map<String, Object> values = new HashMap<>();
        values.put("inn", d.inn());
        values.put("ogrn", d.ogrn());
        values.put("registeredOn", d.registeredOn() == null ? null : d.registeredOn().toString());
        values.put("projectTitle", d.projectTitle());
        values.put("summary", d.summary());
        values.put("region", d.region());
        values.put("topic", d.topic());
        values.put("targetGroup", d.targetGroup());
        values.put("beneficiaries", d.beneficiaries() == null ? null : d.beneficiaries().longValue());
        values.put("requestedAmount", d.requestedAmount() == null ? null : d.requestedAmount().doubleValue());
        values.put("durationMonths", d.durationMonths() == null ? null : d.durationMonths().longValue());
        // Tasklist shows the lists as its form's dynamic lists: JSON values, rows of the form's fields.
        values.put("budgetLines", JsonVariables.json(d.budgetLines().stream().map(line -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("item", line.item());
            row.put("amount", line.amount());
            return row;
        }).toList()));
        values.put("attachments", JsonVariables.json(d.attachments().stream()
                .map(a -> Map.<String, Object>of("kind", a.kind(), "name", a.name())).toList()));
        return values;
    }

    /**
     * Reads the application form: the budget lines and attachments are the rows of its dynamic lists
     * ({@code item}, {@code amount}; {@code kind}, {@code name}). What a valid row is, {@link ApplicationFields} says.
     */
    static GrantApplication.Details fromForm(FormInput form) {
        List<GrantApplication.BudgetLine> lines = new ArrayList<>();
        List<Map<String, Object>> budget = form.rows("budgetLines");
        for (int i = 0; i < budget.size(); i++) {
            Object amount = budget.get(i).get("amount");
            if (amount != null && !(amount instanceof Number)) {
                form.problem("budgetLines[" + i + "].amount", "must be a number");
                continue;
            }
            lines.add(new GrantApplication.BudgetLine(text(budget.get(i).get("item")),
                    amount == null ? null : new BigDecimal(amount.toString())));
        }
        List<GrantApplication.Attachment> attachments = form.rows("attachments").stream()
                .map(row -> new GrantApplication.Attachment(text(row.get("kind")), text(row.get("name")))).toList();
        Long beneficiaries = form.number("beneficiaries");
        Long duration = form.number("durationMonths");
        // The registry data shown in the form are the organisation's and are taken from its record.
        GrantApplication.Details details = new GrantApplication.Details(null, null, null,
                form.text("projectTitle"), form.text("summary"), form.text("region"), form.text("topic"),
                form.text("targetGroup"), beneficiaries == null ? null : beneficiaries.intValue(), form.amount("requestedAmount"),
                duration == null ? null : duration.intValue(), lines, attachments);
        form.requireValid();
        return details;
    }
}
