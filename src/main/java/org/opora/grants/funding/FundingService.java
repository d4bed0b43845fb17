package org.opora.grants.funding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.opora.calendar.DeadlineRule;
import org.opora.calendar.DeadlineService;
import org.opora.cases.CaseEventTexts;
import org.opora.cases.CaseService;
import org.opora.grants.application.ApplicationRepository;
import org.opora.grants.application.GrantApplication;
import org.opora.grants.application.GrantMails;
import org.opora.grants.committee.CommitteeService;
import org.opora.grants.competition.Competition;
import org.opora.grants.competition.CompetitionService;
import org.opora.system.ApiException.FieldProblem;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An approved grant: the agreement, the tranches and the reports. Each tranche after the first is
 * paid on an accepted interim report; the final report, due a month after the project ends, closes it.
 */
@Service("grantFunding")
public class FundingService {

    /** A returned report is due again this many days later, if its own due date is nearer. */
    static final int DAYS_TO_REWORK = 10;

    /** Spending more than this share over a budget line needs staff approval. */
    static final BigDecimal OVERSPEND_TOLERANCE = new BigDecimal("1.10");

    private final ApplicationRepository applications;
    private final FundingRepository funding;
    private final CompetitionService competitions;
    private final CommitteeService committee;
    private final DeadlineService deadlines;
    private final CaseService cases;
    private final GrantMails mails;
    private final OporaTime time;

    FundingService(ApplicationRepository applications, FundingRepository funding, CompetitionService competitions,
            CommitteeService committee, DeadlineService deadlines, CaseService cases, GrantMails mails, OporaTime time) {
        this.applications = applications;
        this.funding = funding;
        this.competitions = competitions;
        this.committee = committee;
        this.deadlines = deadlines;
        this.cases = cases;
        this.mails = mails;
        this.time = time;
    }

    /** "Prepare the agreement": its signing deadline, in working days, and the tranches of the approved amount. */
    @Transactional
    public void prepareAgreement(UUID applicationId) {
        GrantApplication application = application(applicationId);
        Competition competition = competitions.get(application.competitionId());
        LocalDate due = deadlines.compute(time.today(), competition.agreementDays(), DeadlineRule.DayKind.WORKING, true).due();
        applications.setAgreementDue(applicationId, due);
        if (funding.tranches(applicationId).isEmpty()) {
            BigDecimal amount = application.approvedAmount();
            BigDecimal paid = BigDecimal.ZERO;
            List<Integer> shares = competition.trancheShares();
            for (int i = 0; i < shares.size(); i++) {
                BigDecimal tranche = i == shares.size() - 1 ? amount.subtract(paid)
                        : amount.multiply(BigDecimal.valueOf(shares.get(i))).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
                funding.insertTranche(applicationId, i + 1, tranche);
                paid = paid.add(tranche);
            }
        }
        cases.recordEvent(applicationId, "grant-agreement-prepared", null, null, due);
    }

    public Date agreementDueAt(String businessKey) {
        return time.startOf(application(UUID.fromString(businessKey)).agreementDue().plusDays(1));
    }

    /** "Sign the agreement": the bank details and the signatory; the signed agreement is recorded. */
    @Transactional
    public void sign(UUID applicationId, String bankAccount, String bik, String signatory, boolean signed, String by) {
        List<FieldProblem> problems = new ArrayList<>();
        if (bankAccount == null || !bankAccount.matches("\\d{20}")) {
            problems.add(new FieldProblem("bankAccount", "must be the 20 digits of the settlement account"));
        }
        if (bik == null || !bik.matches("\\d{9}")) {
            problems.add(new FieldProblem("bankBik", "must be the 9 digits of the bank's BIK"));
        }
        if (signatory == null || signatory.isBlank()) {
            problems.add(new FieldProblem("signatory", "is required"));
        }
        if (!signed) {
            problems.add(new FieldProblem("signed", "the agreement must be signed"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        applications.recordSignature(applicationId, bankAccount, bik, signatory, time.now());
        cases.recordEvent(applicationId, "grant-agreement-signed", by, signatory);
    }

    /** "Let the grant lapse": not signed in time; the money goes down the waitlist. */
    @Transactional
    public void lapse(UUID applicationId) {
        GrantApplication application = application(applicationId);
        applications.setState(applicationId, GrantApplication.State.LAPSED);
        cases.recordEvent(applicationId, "grant-lapsed", null, null, application.agreementDue());
        GrantApplication lapsed = application(applicationId);
        mails.toApplicant(lapsed, "grant-lapsed", "lapsed", locale -> List.of(), null, lapsed.agreementDue());
        committee.offerToWaitlist(application.competitionId());
    }

    /** "Release the next tranche", and open the report that comes after it. */
    @Transactional
    public void releaseTranche(UUID applicationId) {
        GrantApplication application = application(applicationId);
        Report.Tranche tranche = funding.releaseNext(applicationId, time.now())
                .orElseThrow(() -> new IllegalStateException("Every tranche of " + applicationId + " was released"));
        int count = funding.tranches(applicationId).size();
        LocalDate signedOn = application.signedAt().atZone(time.zone()).toLocalDate();
        int months = application.details().durationMonths();
        boolean last = tranche.number() == count;
        LocalDate due = last ? signedOn.plusMonths(months).plusDays(30)
                : signedOn.plusMonths((long) Math.max(1, Math.round((double) months * tranche.number() / count)));
        funding.insertReport(applicationId, tranche.number(), last, due);
        cases.recordEvent(applicationId, "grant-tranche-released", null, null, tranche.number(), tranche.amount(),
                CaseEventTexts.report(last ? "final" : "interim"), due);
    }

    public Date reportDueAt(String businessKey) {
        return time.startOf(currentReport(UUID.fromString(businessKey)).dueOn().plusDays(1));
    }

    public Date reportReminderAt(String businessKey) {
        UUID id = UUID.fromString(businessKey);
        Competition competition = competitions.get(application(id).competitionId());
        return time.startOf(currentReport(id).dueOn().minusDays(competition.reportReminderDays()));
    }

    @Transactional
    public void remindReport(UUID applicationId) {
        Report report = currentReport(applicationId);
        mails.toApplicant(application(applicationId), "grant-report-reminder", "report-reminder:" + report.number(),
                locale -> List.of(), null, report.dueOn());
    }

    /** "Submit the report": narrative, people reached and spending per budget line so far. */
    @Transactional
    public void submitReport(UUID applicationId, String narrative, Long reached, List<BigDecimal> spending, String by) {
        GrantApplication application = application(applicationId);
        List<FieldProblem> problems = new ArrayList<>();
        if (narrative == null) {
            problems.add(new FieldProblem("narrative", "is required"));
        }
        if (reached == null || reached < 0) {
            problems.add(new FieldProblem("beneficiariesReached", "is required and at least 0"));
        }
        problems.addAll(spendingProblems(spending, application.details().budgetLines().size()));
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Report report = currentReport(applicationId);
        funding.submitReport(applicationId, report.number(), narrative, reached.intValue(), spending, time.now());
        cases.recordEvent(applicationId, "grant-report-submitted", by, null,
                CaseEventTexts.report(report.finalReport() ? "final" : "interim"), report.number());
    }

    /** The largest amount Opora stores (NUMERIC(15, 2)). */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999.99");

    /**
     * The rule of a report's spending, checked here and nowhere else (the API, the funding page and the task's
     * form all reach {@link #submitReport}): one amount per budget line, in the budget's order, each 0 or
     * more in roubles and kopecks. An amount is named by its place, {@code spending[1]}.
     */
    static List<FieldProblem> spendingProblems(List<BigDecimal> spending, int budgetLines) {
        List<FieldProblem> problems = new ArrayList<>();
        if (spending == null || spending.size() != budgetLines) {
            problems.add(new FieldProblem("spending", "give the amount spent on each of the " + budgetLines + " budget lines"));
            return problems;
        }
        for (int i = 0; i < spending.size(); i++) {
            BigDecimal amount = spending.get(i);
            if (amount == null) {
                problems.add(new FieldProblem("spending[" + i + "]", "is required"));
            } else if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
                problems.add(new FieldProblem("spending[" + i + "]", "must be 0 or more, in roubles and kopecks, at most "
                        + MAX_AMOUNT));
            }
        }
        return problems;
    }

    /**
     * Budget lines spent more than 10% over their amount, as "item: spent of planned". When the committee
     * reduced the grant, every line is planned at the same share of what was requested.
     */
    public List<String> overspending(UUID applicationId) {
        GrantApplication application = application(applicationId);
        Report report = currentReport(applicationId);
        BigDecimal share = application.approvedAmount().divide(application.details().requestedAmount(), 10, RoundingMode.HALF_UP);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < report.spending().size() && i < application.details().budgetLines().size(); i++) {
            GrantApplication.BudgetLine line = application.details().budgetLines().get(i);
            BigDecimal planned = line.amount().multiply(share).setScale(2, RoundingMode.HALF_UP);
            if (report.spending().get(i).compareTo(planned.multiply(OVERSPEND_TOLERANCE)) > 0) {
                lines.add(line.item() + ": " + report.spending().get(i).toPlainString() + " / " + planned.toPlainString());
            }
        }
        return lines;
    }

    /** "Review the report": staff accept it (approving any overspending) or return it. */
    @Transactional
    public void reviewReport(UUID applicationId, boolean accept, String comment, boolean overspendApproved, String by) {
        Report report = currentReport(applicationId);
        if (report.state() != Report.State.SUBMITTED) {
            throw ApiException.conflict("The report has not been submitted");
        }
        List<String> overspent = overspending(applicationId);
        if (accept && !overspent.isEmpty() && !overspendApproved) {
            throw ApiException.invalid("overspendApproved", "budget lines are overspent by more than 10% ("
                    + String.join("; ", overspent) + "): approve the overspending to accept the report");
        }
        if (!accept && (comment == null || comment.isBlank())) {
            throw ApiException.invalid("comment", "say what the organisation must change");
        }
        funding.reviewReport(applicationId, report.number(), accept ? Report.State.ACCEPTED : Report.State.RETURNED, comment,
                accept && !overspent.isEmpty() ? by : null);
        LocalDate reworkBy = time.today().plusDays(DAYS_TO_REWORK);
        if (!accept && report.dueOn().isBefore(reworkBy)) {
            // Without this, a report returned after its due date would be overdue (and chased) at once.
            funding.moveDue(applicationId, report.number(), reworkBy);
        }
        cases.recordEvent(applicationId, accept ? "grant-report-accepted" : "grant-report-returned", by, comment);
    }

    public boolean lastReportAccepted(String businessKey) {
        return funding.reports(UUID.fromString(businessKey)).stream()
                .reduce((first, second) -> second)
                .map(report -> report.state() == Report.State.ACCEPTED).orElse(false);
    }

    public boolean finalReportAccepted(String businessKey) {
        return funding.reports(UUID.fromString(businessKey)).stream()
                .anyMatch(report -> report.finalReport() && report.state() == Report.State.ACCEPTED);
    }

    /** "Close the grant": the final report was accepted. */
    @Transactional
    public void close(UUID applicationId) {
        applications.setState(applicationId, GrantApplication.State.CLOSED);
        cases.recordEvent(applicationId, "grant-closed", null, null);
    }

    Report currentReport(UUID applicationId) {
        return funding.current(applicationId).orElseThrow(() -> ApiException.conflict("No report is due"));
    }

    public List<Report> reports(UUID applicationId) {
        return funding.reports(applicationId);
    }

    public List<Report.Tranche> tranches(UUID applicationId) {
        return funding.tranches(applicationId);
    }

    /** Reports of a competition's grants past their due date and not accepted (the competition's dashboard). */
    public List<OverdueReport> overdueReports(UUID competitionId) {
        return funding.overdue(competitionId, time.today());
    }

    public record OverdueReport(UUID applicationId, String projectTitle, int number, boolean finalReport, LocalDate dueOn) {
    }

    private GrantApplication application(UUID id) {
        return applications.find(id).orElseThrow(() -> ApiException.notFound("Application"));
    }
}
