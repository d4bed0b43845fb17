package org.opora.portal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opora.cases.CaseAccess;
import org.opora.correspondence.LetterService;
import org.opora.security.CurrentUser;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.PortalPage;
import org.opora.system.ProblemType;
import org.opora.tasks.TaskItem;
import org.opora.tasks.TaskListQuery;
import org.opora.tasks.UserTaskService;
import org.opora.system.CsvCells;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Staff's day at a glance: each queue with its count. The queues are the tasks the processes give
 * staff for exactly these situations (a request to vet, an admission to check, a review past its
 * date, a report overdue), so the page decides nothing the processes have not decided; overdue
 * letters come from the letters' own clock.
 */
@Controller
@PortalPage
class TodayPage {

    /** The queues, in the order of the page: the task kind (BPMN id) that stands for each. */
    static final List<String> QUEUES = List.of("VetRequest", "CheckAdmission", "ReassignReview", "ChaseReport");
    private static final int MOST = 100;

    private final UserTaskService tasks;
    private final LetterService letters;
    private final CaseAccess access;
    private final OporaTime time;

    TodayPage(UserTaskService tasks, LetterService letters, CaseAccess access, OporaTime time) {
        this.tasks = tasks;
        this.letters = letters;
        this.access = access;
        this.time = time;
    }

    @GetMapping("/today")
    String today(Model model) {
        staff();
        List<TaskItem> mine = tasks.list(new TaskListQuery(null, null, null, false, 0, MOST)).items();
        Map<String, List<TaskItem>> queues = new LinkedHashMap<>();
        for (String queue : QUEUES) {
            queues.put(queue, queue(mine, queue));
        }
        LetterService.LetterPage overdue = letters.page(access.currentScope(), time.today(), 0, MOST);
        model.addAttribute("queues", queues);
        model.addAttribute("overdueLetters", overdue.items());
        model.addAttribute("overdueLetterCount", overdue.total());
        model.addAttribute("truncated", mine.size() >= MOST);
        return "portal/today";
    }

    /** One queue of the day as CSV: the same tasks the page lists, with their case, organisation and due date. */
    @GetMapping(value = "/today/{queue}.csv", produces = "text/csv")
    ResponseEntity<String> export(@PathVariable String queue) throws IOException {
        staff();
        if (!QUEUES.contains(queue)) {
            throw ApiException.notFound("Queue");
        }
        List<TaskItem> rows = queue(tasks.list(new TaskListQuery(null, null, null, false, 0, MOST)).items(), queue);
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder()
                .setHeader("task_id", "task", "case_id", "case", "organisation", "created", "due", "assignee").get())) {
            for (TaskItem task : rows) {
                printer.printRecord(CsvCells.inert(task.id(), task.name(), task.caseId(), task.caseTitle(),
                        task.organisation() == null ? "" : task.organisation().name(), task.created(), task.due(), task.assignee()));
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + queue + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    private static List<TaskItem> queue(List<TaskItem> tasks, String queue) {
        return tasks.stream().filter(task -> queue.equals(task.taskKey())).toList();
    }

    private static void staff() {
        if (!CurrentUser.get().isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "The day's queues are the centre's staff's");
        }
    }
}
