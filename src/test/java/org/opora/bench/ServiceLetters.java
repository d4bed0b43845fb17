package org.opora.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.opora.correspondence.Letter;
import org.opora.correspondence.LetterService;
import org.opora.correspondence.LetterTiming;
import org.opora.correspondence.PublicBody;
import org.opora.correspondence.PublicBodyRegistry;
import org.opora.security.OporaUser;
import org.opora.security.OporaUserLoader;
import org.opora.tasks.TaskItem;
import org.opora.tasks.TaskListQuery;
import org.opora.tasks.UserTaskService;
import org.springframework.context.ApplicationContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Section 1's target figure: a letter completed end to end through Opora's services in-process, as
 * the issue puts it, against the bare engine completing through {@code TaskService} in-process. The
 * calls are those of {@code LetterController.draft} and the task API's list and complete, as the
 * signed-in CSO member, with the same visibility checks ({@code CaseAccess}), form contract, engine
 * authorizations and transactions; what is left out is HTTP: the Basic-credential check per request,
 * Spring MVC, JSON. The writer signs in once per worker, as a browser's session does.
 */
final class ServiceLetters {

    private final LetterService letters;
    private final PublicBodyRegistry registry;
    private final LetterTiming timing;
    private final UserTaskService tasks;
    private final OporaUserLoader users;
    private final IdentityService identityService;
    private final TransactionTemplate transaction;
    private final UUID bodyId;

    ServiceLetters(ApplicationContext app, UUID bodyId) {
        this.letters = app.getBean(LetterService.class);
        this.registry = app.getBean(PublicBodyRegistry.class);
        this.timing = app.getBean(LetterTiming.class);
        this.tasks = app.getBean(UserTaskService.class);
        this.users = app.getBean(OporaUserLoader.class);
        this.identityService = app.getBean(IdentityService.class);
        this.transaction = app.getBean(TransactionTemplate.class);
        this.bodyId = bodyId;
    }

    /** The writer's principal, as the sign-in builds it. */
    OporaUser signIn(String writer) {
        return users.load(writer);
    }

    /** Draft, then each task found in the writer's list of the case and completed with its form's fields. */
    void letter(OporaUser writer) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(writer, null, List.of()));
        identityService.setAuthentication(writer.id(), writer.groupIds(), writer.tenantIds());
        try {
            UUID id = draft(writer);
            String today = LocalDate.now().toString();
            complete(id, Map.of("channel", "ONLINE", "sentOn", today));
            complete(id, Map.of("registrationNumber", "Вх-1", "registeredOn", today));
            complete(id, Map.of("outcome", "answered", "answeredOn", today, "rating", "PARTIAL", "summary", "Частично"));
        } finally {
            identityService.clearAuthentication();
            SecurityContextHolder.clearContext();
        }
    }

    /** What {@code POST /api/letters} does inside its one transaction: the draft, its timing advice and its view's reads. */
    private UUID draft(OporaUser writer) {
        return transaction.execute(status -> {
            Letter letter = letters.draft(writer.organisationId(), writer.id(), new LetterService.NewLetter(bodyId,
                    "Автобус для экскурсии", "социальная защита", "Просим выделить автобус.", LetterTiming.RequestKind.IN_KIND,
                    null, null, null, null));
            PublicBody body = registry.find(letter.bodyId()).orElseThrow();
            timing.advise(body, letter.requestKind(), LetterTiming.Channel.POST, LocalDate.now(), letter.neededBy());
            Locale locale = LocaleContextHolder.getLocale();
            letters.complaintDraft(letter, locale);
            registry.find(letter.bodyId()).orElseThrow();
            return letter.id();
        });
    }

    /** {@code GET /api/tasks?caseId=}, then {@code POST /api/tasks/{id}/complete}. */
    private void complete(UUID caseId, Map<String, Object> fields) {
        List<TaskItem> items = tasks.list(new TaskListQuery(null, caseId, null, false, 0, 20)).items();
        if (items.size() != 1) {
            throw new IllegalStateException("expected one task of " + caseId + ", found " + items);
        }
        tasks.complete(items.get(0).id(), fields);
    }
}
