package org.opora.portal;

import java.util.Comparator;
import java.util.List;

import org.opora.cases.CaseAccess;
import org.opora.correspondence.Letter;
import org.opora.correspondence.LetterService;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.OporaTime;
import org.opora.system.PortalPage;
import org.opora.tasks.TaskItem;
import org.opora.tasks.TaskListQuery;
import org.opora.tasks.UserTaskService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page after sign-in: "what needs us, by when". Everyone sees their open tasks (for a CSO
 * member, every task of the organisation across the processes) earliest due first; CSO members and
 * staff also the next answers due from public bodies.
 */
@Controller
@PortalPage
class HomePage {

    private static final int LETTERS = 10;
    private static final String REPORT = "SubmitReport";

    private final UserTaskService tasks;
    private final LetterService letters;
    private final CaseAccess access;
    private final OporaTime time;

    HomePage(UserTaskService tasks, LetterService letters, CaseAccess access, OporaTime time) {
        this.tasks = tasks;
        this.letters = letters;
        this.access = access;
        this.time = time;
    }

    @GetMapping("/")
    String home(Model model) {
        OporaUser user = CurrentUser.get();
        model.addAttribute("user", user);
        List<TaskItem> open = tasks.list(new TaskListQuery(null, null, null, false, 0, 100)).items();
        model.addAttribute("tasks", open);
        // The next reports due: a grant's report is the organisation's task, due on the agreement's date.
        model.addAttribute("reports", open.stream().filter(task -> REPORT.equals(task.taskKey()) && task.due() != null)
                .sorted(Comparator.comparing(TaskItem::due)).toList());
        if (user.has(Role.CSO) || user.isStaffOrAdmin()) {
            model.addAttribute("letters", letters.page(access.currentScope(), null, 0, 100, false).items().stream()
                    .filter(letter -> letter.daysLeftOn(time.today()) != null)
                    .sorted(Comparator.comparing(Letter::answerDue))
                    .limit(LETTERS)
                    .toList());
        } else {
            model.addAttribute("letters", List.of());
        }
        return "portal/home";
    }
}
