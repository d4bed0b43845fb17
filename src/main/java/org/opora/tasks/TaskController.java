package org.opora.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opora.cases.CaseProcess;
import org.opora.system.ApiException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/tasks")
@Validated
@Tag(name = "Tasks", description = "The signed-in user's task list, across every process")
class TaskController {

    private final UserTaskService tasks;

    TaskController(UserTaskService tasks) {
        this.tasks = tasks;
    }

    @GetMapping
    @Operation(summary = "My tasks: assigned to me, or claimable through my groups; earliest due first")
    UserTaskService.TaskPage list(
            @RequestParam(required = false) String process,
            @RequestParam(required = false) UUID caseId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueBefore,
            @RequestParam(defaultValue = "false") boolean overdue,
            // Far enough for any list a person pages through; page * size must not overflow.
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @Parameter(description = "The previous page's next: the page after it (instead of page)")
            @RequestParam(required = false) @Size(max = 200) String after,
            @Parameter(description = "Also count the whole list (total); pages alone say only hasMore")
            @RequestParam(defaultValue = "false") boolean count) {
        List<String> processKeys = process == null ? null : CaseProcess.processKeysNamed(process)
                .orElseThrow(() -> ApiException.invalid("process", "must be one of " + CaseProcess.NAMES));
        return tasks.list(new TaskListQuery(processKeys, caseId, dueBefore, overdue, page, size, after, count));
    }

    @PostMapping("/{id}/claim")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take a task: it becomes mine and leaves my colleagues' lists")
    void claim(@PathVariable String id) {
        tasks.claim(id);
    }

    @PostMapping("/{id}/unclaim")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Give a claimed task back to its candidates")
    void unclaim(@PathVariable String id) {
        tasks.unclaim(id);
    }

    @PostMapping("/{id}/complete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Complete a task with the fields of its form",
            description = "The body holds the editable fields of the task's Camunda Form, with their types; "
                    + "an unknown, read-only or wrongly typed field is rejected and nothing is stored. A checklist or "
                    + "tag list is a JSON array of texts; a dynamic list is an array of rows, each an object of the list's "
                    + "own fields checked by their rules, a refused one named by its place (decisions[2].amount).")
    void complete(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
        tasks.complete(id, body == null ? Map.of() : body);
    }
}
