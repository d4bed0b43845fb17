package org.opora.grants.committee;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.opora.cases.CaseService;
import org.opora.grants.application.ApplicationSheet;
import org.opora.grants.application.ApplicationRepository;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.grants.review.ApplicationScored;
import org.opora.system.ApiException;
import org.opora.system.SystemAccess;
import org.opora.tasks.JsonVariables;
import org.opora.users.UserDirectory;
import org.springframework.context.event.EventListener;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The committee: the ranked list when the review period ends, its decisions within the budget pool,
 * and the waitlist moving up when a grant lapses.
 */
@Service("grantCommittee")
public class CommitteeService {

    /** The message an application waits for after its scores (see grant-application.bpmn). */
    static final String DECIDED_MESSAGE = "GrantDecided";
    /** The message a waitlisted application waits for when money is freed. */
    static final String OFFERED_MESSAGE = "GrantOffered";

    private static final Set<GrantApplication.State> STILL_IN_PROGRESS = Set.of(GrantApplication.State.SUBMITTED,
            GrantApplication.State.CLARIFICATION, GrantApplication.State.IN_REVIEW);
    private static final Set<GrantApplication.State> COMMITTED = Set.of(GrantApplication.State.APPROVED,
            GrantApplication.State.FUNDED, GrantApplication.State.CLOSED);

    private final ApplicationRepository applications;
    private final CompetitionService competitions;
    private final CaseService cases;
    private final CommitteeMails mails;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final UserDirectory directory;
    private final SystemAccess system;
    private final MessageSource messages;

    CommitteeService(ApplicationRepository applications, CompetitionService competitions, CaseService cases,
            CommitteeMails mails, RuntimeService runtimeService, TaskService taskService, IdentityService identityService,
            UserDirectory directory, SystemAccess system, MessageSource messages) {
        this.applications = applications;
        this.competitions = competitions;
        this.cases = cases;
        this.mails = mails;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.directory = directory;
        this.system = system;
        this.messages = messages;
    }

    /** An application above the pass mark, in ranking order (1 = best). */
    public record Ranked(int rank, GrantApplication application) {
    }

    /** Scored applications that passed, best first; equal scores: the earlier submission first (the order is the repository's one rule). */
    public List<Ranked> ranking(UUID competitionId) {
        List<GrantApplication> passed = applications.findPassedInRankOrder(competitionId);
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < passed.size(); i++) {
            ranked.add(new Ranked(i + 1, passed.get(i)));
        }
        return ranked;
    }

    /** Money approved (and not lapsed) in the competition. */
    public BigDecimal committed(UUID competitionId) {
        return applications.approvedAmount(competitionId, COMMITTED);
    }

    /** The ranked list as the committee's task shows it. */
    public String describeRanking(String businessKey) {
        UUID competitionId = UUID.fromString(businessKey);
        Competition competition = competitions.get(competitionId);
        List<String> lines = new ArrayList<>();
        lines.add(ApplicationSheet.text(messages, "grant.sheet.ranking.pool", competition.budgetPool().toPlainString()));
        for (Ranked ranked : ranking(competitionId)) {
            GrantApplication a = ranked.application();
            lines.add(ApplicationSheet.text(messages, "grant.sheet.ranking.line", String.valueOf(ranked.rank()), a.details().projectTitle(),
                    String.valueOf(a.finalScore()), String.valueOf(a.passMark()), a.details().requestedAmount().toPlainString()));
        }
        long pending = applications.findByCompetition(competitionId).stream()
                .filter(a -> STILL_IN_PROGRESS.contains(a.state())).count();
        if (pending > 0) {
            lines.add(ApplicationSheet.text(messages, "grant.sheet.ranking.pending", String.valueOf(pending)));
        }
        return String.join("\n", lines);
    }

    /** The committee's decision on the application at a rank; an approval may name a reduced amount. */
    public record Decision(@NotNull @Min(1) Integer rank, @NotNull GrantApplication.Decision decision,
            @Positive BigDecimal amount) {
    }

    /**
     * The rows of the committee's form ({@code rank}, {@code decision}, {@code amount}), which the form
     * contract has checked field by field, as the typed list the API takes. What they decide is checked by
     * {@link #decide(UUID, List, String)}, for both.
     */
    static List<Decision> fromRows(List<Map<String, Object>> rows) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            String at = "decisions[" + i + "].";
            Integer rank = row.get("rank") instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                    ? number.intValue() : null;
            if (rank == null) {
                throw ApiException.invalid(at + "rank", "must be a whole number");
            }
            GrantApplication.Decision decision = Arrays.stream(GrantApplication.Decision.values())
                    .filter(value -> value.name().equals(row.get("decision"))).findFirst()
                    .orElseThrow(() -> ApiException.invalid(at + "decision", "must be one of "
                            + Arrays.toString(GrantApplication.Decision.values())));
            Object amount = row.get("amount");
            if (amount != null && !(amount instanceof Number)) {
                throw ApiException.invalid(at + "amount", "must be a number");
            }
            decisions.add(new Decision(rank, decision, amount == null ? null : new BigDecimal(amount.toString())));
        }
        return decisions;
    }

    /** The form's rows as the committee's task starts them: one per ranked application, to be decided. */
    List<Map<String, Object>> undecidedRows(UUID competitionId) {
        return ranking(competitionId).stream().map(ranked -> Map.<String, Object>of("rank", ranked.rank())).toList();
    }

    /**
     * Records the committee's decision on every ranked application. Approvals may reduce the amount
     * and together must stay within the budget pool. Applications below the pass mark are rejected.
     */
    @Transactional
    public void decide(UUID competitionId, List<Decision> decided, String by) {
        Competition competition = competitions.get(competitionId);
        requireCommitteeMember(competition, by);
        List<GrantApplication> all = applications.findByCompetition(competitionId);
        long pending = all.stream().filter(a -> STILL_IN_PROGRESS.contains(a.state())).count();
        if (pending > 0) {
            throw ApiException.conflict(pending + " application(s) are still in admission or review; decide when all are scored");
        }
        List<Ranked> ranking = ranking(competitionId);
        Map<Integer, Ranked> byRank = new HashMap<>();
        ranking.forEach(ranked -> byRank.put(ranked.rank(), ranked));
        Map<UUID, GrantApplication.Decision> decisions = new HashMap<>();
        Map<UUID, BigDecimal> amounts = new HashMap<>();
        for (int i = 0; i < decided.size(); i++) {
            Decision line = decided.get(i);
            String at = "decisions[" + i + "].";
            Ranked ranked = byRank.get(line.rank());
            if (ranked == null) {
                throw ApiException.invalid(at + "rank", "there is no application ranked " + line.rank());
            }
            GrantApplication application = ranked.application();
            if (decisions.containsKey(application.id())) {
                throw ApiException.invalid(at + "rank", "rank " + ranked.rank() + " is decided twice");
            }
            GrantApplication.Decision decision = line.decision();
            decisions.put(application.id(), decision);
            if (decision == GrantApplication.Decision.APPROVE) {
                BigDecimal amount = line.amount() == null ? application.details().requestedAmount() : line.amount();
                // Kopecks at most, checked before any arithmetic: 1E-600000000 would make a sum take minutes.
                if (amount.stripTrailingZeros().scale() > 2) {
                    throw ApiException.invalid(at + "amount", "must be in roubles and kopecks");
                }
                if (amount.signum() <= 0 || amount.compareTo(application.details().requestedAmount()) > 0) {
                    throw ApiException.invalid(at + "amount", "rank " + ranked.rank() + ": the amount must be more than 0 and "
                            + "at most the " + application.details().requestedAmount() + " requested");
                }
                amounts.put(application.id(), amount);
            }
        }
        List<Integer> undecided = ranking.stream().filter(r -> !decisions.containsKey(r.application().id()))
                .map(Ranked::rank).toList();
        if (!undecided.isEmpty()) {
            throw ApiException.invalid("decisions", "decide on every ranked application; undecided: " + undecided);
        }
        BigDecimal total = amounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(competition.budgetPool()) > 0) {
            throw ApiException.invalid("decisions", "the approvals total " + total + ", more than the budget pool of "
                    + competition.budgetPool());
        }
        if (!competitions.markDecided(competitionId)) {
            throw ApiException.conflict("The committee has already decided this competition");
        }
        for (GrantApplication application : all) {
            if (application.state() != GrantApplication.State.SCORED) {
                continue;
            }
            GrantApplication.Decision decision = decisions.getOrDefault(application.id(), GrantApplication.Decision.REJECT);
            GrantApplication.State state = switch (decision) {
                case APPROVE -> GrantApplication.State.APPROVED;
                case WAITLIST -> GrantApplication.State.WAITLISTED;
                case REJECT -> GrantApplication.State.REJECTED;
            };
            applications.recordDecision(application.id(), state, decision, amounts.get(application.id()));
            cases.recordEvent(application.id(), "grant-decided", by, decision + (amounts.containsKey(application.id())
                    ? " " + amounts.get(application.id()) : ""));
        }
    }

    boolean isDecided(UUID competitionId) {
        return competitions.get(competitionId).decidedAt() != null;
    }

    /**
     * Decides as {@link #decide(UUID, List, String)} and completes the committee's task with it: the
     * API's and the committee page's way; Tasklist's form sends the same list as rows.
     */
    @Transactional
    public void decideAndComplete(UUID competitionId, List<Decision> decided, String by) {
        Task task = system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(competitionId.toString())
                .taskDefinitionKey("DecideGrants").singleResult());
        if (task == null) {
            throw ApiException.conflict("The committee's task is not open: the review period has not ended, or it is decided");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(by)) {
            throw ApiException.conflict("The task is assigned to someone else; claim it first");
        }
        decide(competitionId, decided, by);
        system.run(() -> taskService.complete(task.getId()));
    }

    /**
     * Only a member of the committee who works for the competition's centre decides (staff in general
     * may see the task; the engine lets any of them work on it).
     */
    private void requireCommitteeMember(Competition competition, String userId) {
        boolean member = userId != null && directory.groupsOf(userId).contains(CommitteeGroup.GROUP_ID);
        boolean ofTheCentre = userId != null && system.call(() -> identityService.createTenantQuery().userMember(userId)
                .tenantId(competition.centreId().toString()).count()) > 0;
        if (!member || !ofTheCentre) {
            throw new ApiException(org.opora.system.ProblemType.FORBIDDEN,
                    "Only the grant committee of the competition's resource centre decides the grants");
        }
    }

    /** Shows the committee's open task the ranking as it is now (an application was just scored). */
    @EventListener
    public void refreshRanking(ApplicationScored scored) {
        UUID competitionId = scored.competitionId();
        List<Task> open = system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(competitionId.toString())
                .taskDefinitionKey("DecideGrants").list());
        // During the review period the committee's task does not exist yet: the ranking (every application of the
        // competition, read twice) was built on every score for nobody, and a competition's scoring grew as n².
        if (open.isEmpty()) {
            return;
        }
        var ranking = JsonVariables.text(describeRanking(competitionId.toString()));
        var rows = JsonVariables.json(undecidedRows(competitionId));
        system.run(() -> open.forEach(task -> {
            taskService.setVariableLocal(task.getId(), "ranking", ranking);
            taskService.setVariableLocal(task.getId(), "decisions", rows);
        }));
    }

    /** "Announce the decisions": every scored application's process moves on to its result. */
    @Transactional
    public void announce(UUID competitionId) {
        for (GrantApplication application : applications.findByCompetition(competitionId)) {
            if (application.decision() != null) {
                system.run(() -> runtimeService.createMessageCorrelation(DECIDED_MESSAGE)
                        .processInstanceBusinessKey(application.id().toString()).correlateAll());
            }
        }
    }

    /** "Tell the applicant the result", in the application's own process. */
    @Transactional
    public void tellResult(UUID applicationId) {
        mails.result(applications.find(applicationId).orElseThrow());
    }

    public boolean isApproved(String businessKey) {
        return applications.find(UUID.fromString(businessKey)).orElseThrow().state() == GrantApplication.State.APPROVED;
    }

    public boolean isWaitlisted(String businessKey) {
        return applications.find(UUID.fromString(businessKey)).orElseThrow().state() == GrantApplication.State.WAITLISTED;
    }

    /**
     * A grant lapsed: its money goes to the best waitlisted application whose request fits what is
     * left of the pool; that application is approved and its process offered the grant.
     */
    @Transactional
    public List<UUID> offerToWaitlist(UUID competitionId) {
        Competition competition = competitions.get(competitionId);
        List<UUID> offered = new ArrayList<>();
        // Best score first, as long as the money left covers a waitlisted request.
        while (true) {
            BigDecimal left = competition.budgetPool().subtract(committed(competitionId));
            Optional<GrantApplication> next = applications.findByCompetition(competitionId).stream()
                    .filter(a -> a.state() == GrantApplication.State.WAITLISTED)
                    .filter(a -> a.details().requestedAmount().compareTo(left) <= 0)
                    .max(Comparator.comparing(GrantApplication::finalScore).thenComparing(GrantApplication::submittedAt,
                            Comparator.reverseOrder()));
            if (next.isEmpty()) {
                return offered;
            }
            GrantApplication application = next.get();
            applications.recordDecision(application.id(), GrantApplication.State.APPROVED, GrantApplication.Decision.APPROVE,
                    application.details().requestedAmount());
            cases.recordEvent(application.id(), "grant-offered-from-waitlist", null,
                    application.details().requestedAmount().toString());
            mails.result(applications.find(application.id()).orElseThrow());
            system.run(() -> runtimeService.createMessageCorrelation(OFFERED_MESSAGE)
                    .processInstanceBusinessKey(application.id().toString()).correlate());
            offered.add(application.id());
        }
    }

    /** The waitlist closed without an offer. */
    @Transactional
    public void closeWaitlisted(UUID applicationId) {
        applications.setState(applicationId, GrantApplication.State.REJECTED);
        cases.recordEvent(applicationId, "grant-waitlist-closed", null, null);
        mails.waitlistClosed(applications.find(applicationId).orElseThrow());
    }

    /** When the waitlist closes: the competition's waitlist days after its decision. */
    public java.util.Date waitlistEndsAt(String businessKey) {
        GrantApplication application = applications.find(UUID.fromString(businessKey)).orElseThrow();
        Competition competition = competitions.get(application.competitionId());
        return java.util.Date.from(competition.decidedAt().plus(java.time.Duration.ofDays(competition.waitlistDays())));
    }
}
