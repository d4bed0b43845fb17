package org.opora.grants.competition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opora.cases.CaseScope;
import org.opora.cases.CaseService;
import org.opora.system.ApiException.FieldProblem;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.TransactionReads;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Competitions: created by staff, each with its own process that ends the review period and calls the committee. */
@Service("grantCompetitions")
public class CompetitionService {

    public static final String PROCESS_KEY = "grant-competition";

    /** This transaction's competitions, by id (see {@link #get}). */
    private final TransactionReads<UUID, Competition> read = new TransactionReads<>();

    private final CompetitionRepository competitions;
    private final CaseService cases;
    private final OporaTime time;

    CompetitionService(CompetitionRepository competitions, CaseService cases, OporaTime time) {
        this.competitions = competitions;
        this.cases = cases;
        this.time = time;
    }

    @Transactional
    public Competition create(Competition competition) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!competition.closesAt().isAfter(competition.opensAt())) {
            problems.add(new FieldProblem("closesAt", "must be after opensAt"));
        }
        if (competition.reviewDue().isBefore(competition.closesAt().atZone(time.zone()).toLocalDate())) {
            problems.add(new FieldProblem("reviewDue", "must not be before the intake closes"));
        }
        if (competition.maxGrant().compareTo(competition.minGrant()) < 0) {
            problems.add(new FieldProblem("maxGrant", "must not be less than minGrant"));
        }
        if (competition.budgetPool().compareTo(competition.maxGrant()) < 0) {
            problems.add(new FieldProblem("budgetPool", "must be at least maxGrant"));
        }
        if (competition.trancheShares().stream().mapToInt(Integer::intValue).sum() != 100
                || competition.trancheShares().stream().anyMatch(share -> share <= 0)) {
            problems.add(new FieldProblem("trancheShares", "must be positive percentages adding up to 100"));
        }
        List<Competition.Criterion> criteria = competition.criteria();
        if (criteria.isEmpty()) {
            problems.add(new FieldProblem("criteria", "at least one scoring criterion is required"));
        }
        for (int i = 0; i < criteria.size(); i++) {
            if (criteria.get(i).position() != i + 1) {
                problems.add(new FieldProblem("criteria[" + i + "]", "criteria are numbered 1, 2, 3... in order"));
            }
        }
        if (competition.passMarks().stream().map(mark -> mark.amountFrom().stripTrailingZeros()).distinct().count()
                != competition.passMarks().size()) {
            problems.add(new FieldProblem("passMarks", "each amountFrom may appear once"));
        }
        if (competition.passMarks().stream().anyMatch(mark -> mark.passMark().compareTo(BigDecimal.valueOf(100)) > 0)) {
            problems.add(new FieldProblem("passMarks", "a pass mark is on the 100-point scale"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        // A competition is a case of the centre (no organisation): its committee task belongs to it.
        cases.open(competition.id(), PROCESS_KEY, competition.centreId(), null, competition.title(), competition.createdBy(),
                id -> competitions.insert(competition));
        return get(competition.id());
    }

    /**
     * The competition, read once per transaction: every listener, gateway and timer expression of a step asks for it
     * (about 20 reads of three statements each per application through its scores); it changes only by
     * {@link #markDecided}, which forgets it, and by no other transaction's hand that this one must see at once.
     */
    public Competition get(UUID id) {
        Competition competition = read.get(id, key -> competitions.find(key).orElse(null));
        if (competition == null) {
            throw ApiException.notFound("Competition");
        }
        return competition;
    }

    /** A competition the user may see: staff of its centre, administrators, and members of its centre's organisations. */
    public Competition visible(UUID id, CaseScope scope, UUID memberCentreId) {
        Competition competition = get(id);
        if (scope.everything() || scope.centreIds().contains(competition.centreId())
                || competition.centreId().equals(memberCentreId)) {
            return competition;
        }
        throw ApiException.notFound("Competition");
    }

    public List<Competition> list(CaseScope scope, UUID memberCentreId) {
        List<UUID> centres = new ArrayList<>(scope.centreIds());
        if (memberCentreId != null) {
            centres.add(memberCentreId);
        }
        return competitions.findByCentres(centres, scope.everything());
    }

    /** The documents required by the competition of this application; empty if there is no such application. */
    public Optional<List<String>> requiredDocumentsOfApplication(UUID applicationId) {
        return competitions.requiredDocumentsOfApplication(applicationId);
    }

    /** The end of the review period (the competition process's timer): the start of the day after the review due date. */
    public Date reviewEndsAt(String businessKey) {
        return time.startOf(get(UUID.fromString(businessKey)).reviewDue().plusDays(1));
    }

    public boolean markDecided(UUID id) {
        read.forget(id);
        return competitions.markDecided(id, time.now());
    }
}
