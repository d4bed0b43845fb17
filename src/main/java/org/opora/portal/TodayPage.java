package org.opora.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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
        if (!CurrentUser.get().isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "The day's queues are the centre's staff's");
        }
        List<TaskItem> mine = tasks.list(new TaskListQuery(null, null, null, false, 0, MOST)).items();
        Map<String, List<TaskItem>> queues = new LinkedHashMap<>();
        for (String queue : QUEUES) {
            queues.put(queue, mine.stream().filter(task -> queue.equals(task.taskKey())).toList());
        }
        LetterService.LetterPage overdue = letters.page(access.currentScope(), time.today(), 0, MOST);
        model.addAttribute("queues", queues);
        model.addAttribute("overdueLetters", overdue.items());
        model.addAttribute("overdueLetterCount", overdue.total());
        model.addAttribute("truncated", mine.size() >= MOST);
        return "portal/today";
    }
}
