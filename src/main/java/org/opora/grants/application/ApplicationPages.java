package org.opora.grants.application;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.opora.cases.CaseAccess;
import org.opora.grants.competition.CompetitionService;
import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.PortalPage;
import org.opora.system.ProblemTexts;
import org.opora.system.ProblemType;
import org.opora.tasks.TaskItem;
import org.opora.tasks.TaskListQuery;
import org.opora.tasks.UserTaskService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A CSO's grant pages: the competitions it may apply to, its applications with what is expected of
 * it and by when, and the application draft with its budget lines as rows. A draft is saved by
 * {@link ApplicationService#saveDraft}, whose field rules ({@link ApplicationFields}) are the API's, their
 * problems shown beside the fields they name; submitting goes through {@link ApplicationSubmission}, as the
 * API's submit does, so the process's listener judges it.
 */
@Controller
@PortalPage
@RequestMapping("/grants")
class ApplicationPages {

    /** Rows the draft page offers beyond those filled in. */
    private static final int SPARE_ROWS = 1;

    private final ApplicationService applications;
    private final ApplicationSubmission submission;
    private final CompetitionService competitions;
    private final OrganisationRepository organisations;
    private final CaseAccess access;
    private final ApplicationMapper mapper;
    private final UserTaskService tasks;
    private final ProblemTexts problemTexts;
    private final OporaTime time;

    ApplicationPages(ApplicationService applications, ApplicationSubmission submission, CompetitionService competitions,
            OrganisationRepository organisations, CaseAccess access, ApplicationMapper mapper, UserTaskService tasks,
            ProblemTexts problemTexts, OporaTime time) {
        this.applications = applications;
        this.submission = submission;
        this.competitions = competitions;
        this.organisations = organisations;
        this.access = access;
        this.mapper = mapper;
        this.tasks = tasks;
        this.problemTexts = problemTexts;
        this.time = time;
    }

    /** One budget line or attachment as typed, with the errors beside its two cells. */
    record Row(String first, String second, String firstError, String secondError) {
    }

    @GetMapping
    String list(Model model) {
        OporaUser user = member();
        UUID centre = organisations.find(user.organisationId()).map(Organisation::centreId).orElse(null);
        model.addAttribute("competitions", competitions.list(access.currentScope(), centre).stream()
                .filter(competition -> competition.acceptsApplicationsAt(time.now())).toList());
        List<GrantApplication> mine = applications.visible(access.currentScope(), null);
        Map<UUID, String> titles = new LinkedHashMap<>();
        mine.forEach(application -> titles.put(application.id(), competitions.get(application.competitionId()).title()));
        model.addAttribute("applications", mine);
        model.addAttribute("competitionTitles", titles);
        model.addAttribute("expected", expected());
        return "grants/list";
    }

    @PostMapping("/applications")
    String start(@RequestParam UUID competitionId) {
        OporaUser user = member();
        GrantApplication started = applications.start(competitionId, user.organisationId(), user.id(), null);
        return "redirect:/grants/applications/" + started.id() + "/edit";
    }

    @GetMapping("/applications/{id}")
    String show(@PathVariable UUID id, Model model) {
        member();
        submission.requireApplicant(id);
        GrantApplication application = applications.get(id);
        model.addAttribute("grant", application);
        model.addAttribute("competition", competitions.get(application.competitionId()));
        model.addAttribute("expected", expected().getOrDefault(id, List.of()));
        model.addAttribute("editable", submission.submissionTask(id) != null);
        return "grants/application";
    }

    @GetMapping("/applications/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        member();
        submission.requireApplicant(id);
        GrantApplication application = applications.get(id);
        if (submission.submissionTask(id) == null) {
            return "redirect:/grants/applications/" + id;
        }
        GrantApplication.Details d = application.details();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("projectTitle", d.projectTitle());
        fields.put("summary", d.summary());
        fields.put("region", d.region());
        fields.put("topic", d.topic());
        fields.put("targetGroup", d.targetGroup());
        fields.put("beneficiaries", d.beneficiaries() == null ? null : d.beneficiaries().toString());
        fields.put("requestedAmount", d.requestedAmount() == null ? null : d.requestedAmount().stripTrailingZeros().toPlainString());
        fields.put("durationMonths", d.durationMonths() == null ? null : d.durationMonths().toString());
        List<Row> lines = new ArrayList<>();
        (d.budgetLines() == null ? List.<GrantApplication.BudgetLine>of() : d.budgetLines()).forEach(line ->
                lines.add(new Row(line.item(), line.amount() == null ? null : line.amount().stripTrailingZeros().toPlainString(), null, null)));
        List<Row> attachments = new ArrayList<>();
        (d.attachments() == null ? List.<GrantApplication.Attachment>of() : d.attachments()).forEach(attachment ->
                attachments.add(new Row(attachment.kind(), attachment.name(), null, null)));
        return draftPage(application, fields, withSpare(lines, 2), withSpare(attachments, SPARE_ROWS), Map.of(), null, model);
    }

    @PostMapping("/applications/{id}/edit")
    String save(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params,
            @RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        member();
        submission.requireApplicant(id);
        GrantApplication application = applications.get(id);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : List.of("projectTitle", "summary", "region", "topic", "targetGroup", "beneficiaries",
                "requestedAmount", "durationMonths", "clarificationAnswer")) {
            fields.put(name, blankToNull(params.getFirst(name)));
        }
        List<String[]> lineCells = cells(params, "lineItem", "lineAmount");
        List<String[]> attachmentCells = cells(params, "attachmentKind", "attachmentName");
        if ("add-line".equals(action) || "add-attachment".equals(action)) {
            List<Row> lines = rows(lineCells, "budgetLines", Map.of());
            List<Row> attachments = rows(attachmentCells, "attachments", Map.of());
            return draftPage(application, fields, "add-line".equals(action) ? withSpare(lines, 1) : lines,
                    "add-attachment".equals(action) ? withSpare(attachments, 1) : attachments, Map.of(), null, model);
        }

        Map<String, String> errors = new LinkedHashMap<>();
        ApplicationController.DraftRequest request = new ApplicationController.DraftRequest(fields.get("projectTitle"),
                fields.get("summary"), fields.get("region"), fields.get("topic"), fields.get("targetGroup"),
                whole(fields, "beneficiaries", errors), money(fields.get("requestedAmount"), "requestedAmount", errors),
                whole(fields, "durationMonths", errors),
                filled(lineCells).stream().map(cell -> new ApplicationController.BudgetLineRequest(cell[0],
                        money(cell[1], "budgetLines[" + cell[2] + "].amount", errors))).toList(),
                filled(attachmentCells).stream().map(cell -> new ApplicationController.AttachmentRequest(cell[0], cell[1])).toList());
        if (errors.isEmpty()) {
            try {
                applications.saveDraft(id, mapper.toDetails(request));
                if ("submit".equals(action)) {
                    submission.submit(id, fields.get("clarificationAnswer"));
                    redirect.addFlashAttribute("submitted", true);
                } else {
                    redirect.addFlashAttribute("saved", true);
                }
                return "redirect:/grants/applications/" + id;
            } catch (RuntimeException ex) {
                ApiException refused = refusal(ex);
                if (refused == null || refused.type() != ProblemType.VALIDATION) {
                    throw ex;
                }
                refused.fields().forEach(problem -> errors.putIfAbsent(
                        displayed(problem.field(), lineCells, attachmentCells), problem.message()));
                if (refused.fields().isEmpty()) {
                    errors.put("general", refused.getMessage());
                }
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        Map<String, String> said = new LinkedHashMap<>();
        errors.forEach((field, message) -> said.put(field, problemTexts.onPage(message)));
        return draftPage(application, fields, rows(lineCells, "budgetLines", said), rows(attachmentCells, "attachments", said),
                said, said.get("general"), model);
    }

    private String draftPage(GrantApplication application, Map<String, String> fields, List<Row> lines, List<Row> attachments,
            Map<String, String> errors, String general, Model model) {
        model.addAttribute("grant", application);
        model.addAttribute("competition", competitions.get(application.competitionId()));
        model.addAttribute("draft", fields);
        model.addAttribute("lines", lines);
        model.addAttribute("attachments", attachments);
        model.addAttribute("errors", errors);
        model.addAttribute("general", general);
        model.addAttribute("clarifying", application.state() == GrantApplication.State.CLARIFICATION);
        return "grants/edit";
    }

    /** The applicant's open tasks of grant applications, by application. */
    private Map<UUID, List<TaskItem>> expected() {
        return tasks.list(new TaskListQuery(List.of(ApplicationService.PROCESS_KEY), null, null, false, 0, 100)).items().stream()
                .filter(task -> task.caseId() != null)
                .collect(Collectors.groupingBy(TaskItem::caseId, LinkedHashMap::new, Collectors.toList()));
    }

    /** Every row as typed, the blank ones too, so that the page shows what was sent where it was sent. */
    private static List<String[]> cells(MultiValueMap<String, String> params, String first, String second) {
        List<String> firsts = params.getOrDefault(first, List.of());
        List<String> seconds = params.getOrDefault(second, List.of());
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < Math.max(firsts.size(), seconds.size()); i++) {
            cells.add(new String[] {i < firsts.size() ? blankToNull(firsts.get(i)) : null,
                    i < seconds.size() ? blankToNull(seconds.get(i)) : null, String.valueOf(i)});
        }
        return cells;
    }

    /** The rows with anything in them; each keeps its place on the page (its third cell). */
    private static List<String[]> filled(List<String[]> cells) {
        return cells.stream().filter(cell -> cell[0] != null || cell[1] != null).toList();
    }

    /** "budgetLines[1].amount" of the request is the row where that line stood on the page. */
    private static String displayed(String path, List<String[]> lineCells, List<String[]> attachmentCells) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(budgetLines|attachments)\\[(\\d+)](.*)").matcher(path);
        if (!matcher.matches()) {
            return path;
        }
        List<String[]> rows = filled("budgetLines".equals(matcher.group(1)) ? lineCells : attachmentCells);
        int index = Integer.parseInt(matcher.group(2));
        return index < rows.size() ? matcher.group(1) + "[" + rows.get(index)[2] + "]" + matcher.group(3) : path;
    }

    private static List<Row> rows(List<String[]> cells, String list, Map<String, String> errors) {
        List<Row> rows = new ArrayList<>();
        String[] names = "budgetLines".equals(list) ? new String[] {"item", "amount"} : new String[] {"kind", "name"};
        for (String[] cell : cells) {
            String prefix = list + "[" + cell[2] + "].";
            rows.add(new Row(cell[0], cell[1], errors.get(prefix + names[0]), errors.get(prefix + names[1])));
        }
        return rows.isEmpty() ? withSpare(rows, 1) : rows;
    }

    private static List<Row> withSpare(List<Row> rows, int spare) {
        List<Row> more = new ArrayList<>(rows);
        for (int i = 0; i < spare; i++) {
            more.add(new Row(null, null, null, null));
        }
        return more;
    }

    private static Integer whole(Map<String, String> fields, String name, Map<String, String> errors) {
        String text = fields.get(name);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.replace(" ", "").replace("\u00a0", ""));
        } catch (NumberFormatException notANumber) {
            errors.put(name, "must be a number");
            return null;
        }
    }

    private static BigDecimal money(String text, String field, Map<String, String> errors) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.replace(" ", "").replace("\u00a0", "").replace(',', '.'));
        } catch (NumberFormatException notANumber) {
            errors.put(field, "must be a number");
            return null;
        }
    }

    private static ApiException refusal(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return refused;
            }
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The grant pages are the applicant organisations' (the API's rule: members of an organisation apply). */
    private static OporaUser member() {
        OporaUser user = CurrentUser.get();
        if (!user.has(Role.CSO) || user.organisationId() == null) {
            throw new ApiException(ProblemType.FORBIDDEN, "Applications are made by members of an organisation");
        }
        return user;
    }
}
