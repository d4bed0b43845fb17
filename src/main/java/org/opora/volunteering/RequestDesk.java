package org.opora.volunteering;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.opora.cases.CaseAccess;
import org.opora.cases.CaseRecord;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.opora.system.OporaTime;
import org.opora.system.ProblemType;
import org.opora.system.SystemAccess;
import org.springframework.stereotype.Service;

/**
 * What a CSO member (or staff) does with a volunteer request, for the API and the pages alike:
 * posting it (with the checks Bean Validation cannot make) and recording who came and their hours.
 */
@Service
class RequestDesk {

    private final MatchingService matching;
    private final CaseAccess access;
    private final VolunteeringMapper mapper;
    private final TaskService taskService;
    private final SystemAccess system;
    private final OporaTime time;
    private final VolunteerService volunteers;

    RequestDesk(MatchingService matching, CaseAccess access, VolunteeringMapper mapper, TaskService taskService,
            SystemAccess system, OporaTime time, VolunteerService volunteers) {
        this.volunteers = volunteers;
        this.matching = matching;
        this.access = access;
        this.mapper = mapper;
        this.taskService = taskService;
        this.system = system;
        this.time = time;
    }

    /** Whether the current user posts requests: a member of an organisation. */
    static boolean maySubmit(OporaUser user) {
        return user.has(Role.CSO) && user.organisationId() != null;
    }

    /** Posts a request (already checked by its constraints) for the member's organisation; staff vet it next. */
    VolunteerRequest post(VolunteeringController.NewRequest body) {
        OporaUser user = CurrentUser.get();
        if (!maySubmit(user)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only a member of an organisation posts its requests");
        }
        if (body.firstDate().isBefore(time.today())) {
            throw ApiException.invalid("firstDate", "is in the past");
        }
        if (!body.endTime().isAfter(body.startTime())) {
            throw ApiException.invalid("endTime", "is not after startTime");
        }
        try {
            Availability.mask(body.startTime(), body.endTime());
        } catch (IllegalArgumentException invalid) {
            throw ApiException.invalid("endTime", invalid.getMessage());
        }
        return matching.post(user.organisationId(), user.id(), mapper.toDraft(body));
    }

    /** A request the user may see and act on as its organisation or staff; another organisation's is not found. */
    VolunteerRequest requireOwnOrStaff(UUID id, String refusal) {
        CaseRecord record = access.require(id);
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin() && !record.organisationId().equals(user.organisationId())) {
            throw new ApiException(ProblemType.FORBIDDEN, refusal);
        }
        return matching.get(id);
    }

    /** A candidate as staff see them in the ranking: who, the score, and why, one reason a line in the reader's language. */
    record Candidate(UUID volunteerId, String name, String district, double score, List<String> explanation) {
    }

    /** The ranked candidates for the request's current date, best first (staff). */
    List<Candidate> ranking(UUID id, int top, Locale locale) {
        access.require(id);
        if (!CurrentUser.get().isStaffOrAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only staff see this");
        }
        VolunteerRequest request = matching.get(id);
        List<VolunteerRanking.Match> matches = matching.rank(request, top);
        Map<UUID, Volunteer> found = volunteers.findAll(matches.stream().map(VolunteerRanking.Match::volunteerId).toList());
        return matches.stream().map(match -> {
            Optional<Volunteer> volunteer = Optional.ofNullable(found.get(match.volunteerId()));
            return new Candidate(match.volunteerId(), volunteer.map(Volunteer::name).orElse(null),
                    volunteer.map(v -> v.district() != null ? v.district() : v.city()).orElse(null), match.score(),
                    List.of(matching.explain(match.reasons(), locale).split("\n")));
        }).toList();
    }

    /** The task waiting for the attendance of the request's current date, if its date is over. */
    Task attendanceTask(UUID id) {
        return system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(VolunteeringDelegates.RECORD_ATTENDANCE).singleResult());
    }

    /**
     * Records who came to the current date and their hours (0: did not come), and completes the task
     * "Confirm attendance and hours"; {@code close} makes this date a recurring request's last.
     */
    VolunteerRequest recordAttendance(UUID id, List<MatchingService.Attendance> entries, boolean close) {
        requireOwnOrStaff(id, "Only the request's organisation or staff confirm attendance");
        Task task = attendanceTask(id);
        if (task == null) {
            throw ApiException.conflict("The request's date is not over yet, or its attendance is recorded");
        }
        matching.recordAttendance(id, entries, close);
        system.run(() -> taskService.complete(task.getId(), Variables.createVariables().putValue("closeRequest", close)));
        return matching.get(id);
    }
}
