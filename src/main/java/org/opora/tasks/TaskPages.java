package org.opora.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.task.Task;
import org.opora.cases.CaseRecord;
import org.opora.cases.CaseRepository;
import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemTexts;
import org.opora.system.ProblemType;
import org.opora.system.ReturnPaths;
import org.opora.system.TaskNames;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The task pages of every role: my open tasks with their due dates, and one task with its form.
 * Completing goes through {@link UserTaskService#complete}, the same call as
 * {@code POST /api/tasks/{id}/complete}, so the form's contract and the processes' listeners judge
 * a page's input exactly as they judge the API's.
 */
@Controller
@PortalPage
@RequestMapping("/tasks")
class TaskPages {

    /** The portal page of a case, by process, where one exists. */
    private static final Map<String, String> CASE_PAGES = Map.of("correspondence", "/letters/");

    /**
     * Tasks whose form needs more than this generic page shows (a dynamic list, options from the case) have
     * a page of their own, found by the case's business key: the generic page sends staff there.
     */
    private static final Map<String, String> OWN_PAGES = Map.of(
            "ConfirmPanel", "/grants/applications/{key}/panel",
            "DecideGrants", "/grants/competitions/{key}/committee");

    private final UserTaskService tasks;
    private final TaskForms forms;
    private final CaseRepository cases;
    private final ProblemTexts problemTexts;
    private final TaskNames taskNames;

    TaskPages(UserTaskService tasks, TaskForms forms, CaseRepository cases, ProblemTexts problemTexts,
            TaskNames taskNames) {
        this.tasks = tasks;
        this.forms = forms;
        this.cases = cases;
        this.problemTexts = problemTexts;
        this.taskNames = taskNames;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("tasks", tasks.list(new TaskListQuery(null, null, null, false, 0, 100)).items());
        return "tasks/list";
    }

    @GetMapping("/{id}")
    String show(@PathVariable String id, @RequestParam(required = false) String back, Model model) {
        Task task = tasks.visibleOpenTask(id);
        Optional<String> ownPage = ownPage(task);
        if (ownPage.isPresent()) {
            return "redirect:" + ownPage.get();
        }
        return page(task, forms.render(task, null, Map.of()), null, back, model);
    }

    @PostMapping("/{id}")
    String complete(@PathVariable String id, @RequestParam MultiValueMap<String, String> params,
            @RequestParam(required = false) String back, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        Task task = tasks.visibleOpenTask(id);
        TaskForms.View form = forms.render(task, null, Map.of());
        Map<String, List<String>> submitted = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        for (TaskForms.Field field : form.fields()) {
            if (!field.editable()) {
                continue;
            }
            List<String> values = params.getOrDefault(field.key(), List.of()).stream().filter(v -> !v.isBlank()).toList();
            submitted.put(field.key(), values);
            typed(field, values).ifPresent(value -> body.put(field.key(), value));
        }
        try {
            tasks.complete(id, body);
        } catch (RuntimeException ex) {
            ApiException refused = refusal(ex);
            if (refused == null || refused.type() != ProblemType.VALIDATION) {
                throw ex;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            List<String> general = new ArrayList<>();
            for (ApiException.FieldProblem problem : refused.fields()) {
                if (submitted.containsKey(problem.field())) {
                    errors.merge(problem.field(), problemTexts.onPage(problem.message()), (a, b) -> a + "; " + b);
                } else {
                    general.add(problemTexts.onPage(problem.message()));
                }
            }
            if (refused.fields().isEmpty()) {
                general.add(problemTexts.onPage(refused.getMessage()));
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(task, forms.render(task, submitted, errors), general, back, model);
        }
        redirect.addFlashAttribute("done", task.getName());
        return "redirect:" + safe(back, "/tasks");
    }

    private Optional<String> ownPage(Task task) {
        String template = OWN_PAGES.get(task.getTaskDefinitionKey());
        if (template == null || task.getProcessInstanceId() == null) {
            return Optional.empty();
        }
        return cases.findByProcessInstance(task.getProcessInstanceId())
                .map(record -> UriComponentsBuilder.fromPath(template).buildAndExpand(record.businessKey()).encode().toUriString());
    }

    private String page(Task task, TaskForms.View form, List<String> general, String back, Model model) {
        Optional<CaseRecord> record = task.getProcessInstanceId() == null ? Optional.empty()
                : cases.findByProcessInstance(task.getProcessInstanceId());
        model.addAttribute("task", task);
        model.addAttribute("taskName", taskNames.of(task.getTaskDefinitionKey(), task.getName(), LocaleContextHolder.getLocale()));
        model.addAttribute("form", form);
        model.addAttribute("general", general == null ? List.of() : general);
        model.addAttribute("caseRecord", record.orElse(null));
        model.addAttribute("casePage", record.map(r -> CASE_PAGES.get(org.opora.cases.CaseProcess.apiNameOf(r.processKey())))
                .map(path -> path + record.get().id()).orElse(null));
        model.addAttribute("back", back == null ? null : safe(back, null));
        return "tasks/task";
    }

    /** The submitted text as the API would send it: numbers as numbers, boxes as booleans, lists as lists. */
    private static Optional<Object> typed(TaskForms.Field field, List<String> values) {
        switch (field.kind()) {
            case "checkbox":
                return values.contains("true") ? Optional.of(Boolean.TRUE) : Optional.empty();
            case "checklist":
            case "taglist":
                return values.isEmpty() ? Optional.empty() : Optional.of(values);
            case "number": {
                if (values.isEmpty()) {
                    return Optional.empty();
                }
                String text = values.get(0).trim().replace(',', '.').replace(" ", "").replace("\u00a0", "");
                try {
                    return Optional.of(Long.parseLong(text));
                } catch (NumberFormatException notWhole) {
                    try {
                        return Optional.of(Double.parseDouble(text));
                    } catch (NumberFormatException notANumber) {
                        // The contract refuses it, beside the field, in the user's language.
                        return Optional.of(values.get(0));
                    }
                }
            }
            default:
                return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
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

    /** Only a path of this site: never a redirect elsewhere ("//host", "https://..."). */
    static String safe(String back, String fallback) {
        return ReturnPaths.local(back).orElse(fallback);
    }
}
