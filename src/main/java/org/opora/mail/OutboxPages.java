package org.opora.mail;

import java.util.Arrays;
import java.util.UUID;

import org.opora.security.CurrentUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.PortalPage;
import org.opora.system.ProblemType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Administrators' view of the mail outbox, failed messages first by default, with the retry the
 * API has ({@code POST /api/admin/outbox/{id}/retry}: only a FAILED message is queued again).
 */
@Controller
@PortalPage
@RequestMapping("/admin/outbox")
class OutboxPages {

    private static final int PAGE = 50;

    private final OutboxRepository outbox;
    private final MailOutbox mailOutbox;

    OutboxPages(OutboxRepository outbox, MailOutbox mailOutbox) {
        this.outbox = outbox;
        this.mailOutbox = mailOutbox;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "FAILED") String status, @RequestParam(defaultValue = "0") int page, Model model) {
        admin();
        OutboxMessage.Status chosen = Arrays.stream(OutboxMessage.Status.values())
                .filter(value -> value.name().equals(status)).findFirst().orElse(null);
        int from = Math.max(page, 0);
        model.addAttribute("status", chosen == null ? "ALL" : chosen.name());
        model.addAttribute("statuses", OutboxMessage.Status.values());
        model.addAttribute("messages", outbox.findPage(chosen, from * PAGE, PAGE));
        model.addAttribute("total", outbox.count(chosen));
        model.addAttribute("page", from);
        model.addAttribute("pageSize", PAGE);
        return "admin/outbox";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable UUID id) {
        admin();
        mailOutbox.retry(id);
        return "redirect:/admin/outbox?retried";
    }

    private static void admin() {
        if (!CurrentUser.get().has(Role.ADMIN)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Administration is for administrators");
        }
    }
}
