package org.opora.grants.committee;

import java.util.List;
import java.util.UUID;

import org.opora.cases.CaseAccess;
import org.opora.grants.GrantSteps;
import org.opora.grants.competition.CompetitionService;
import org.opora.security.OporaUser;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The committee's decision on a competition: the API beside "Decide the grants". */
@RestController
@Validated
@RequestMapping("/api/grants/competitions")
@Tag(name = "Grant competitions")
class CommitteeController {

    private final CommitteeService committee;
    private final CompetitionService competitions;
    private final CaseAccess access;

    CommitteeController(CommitteeService committee, CompetitionService competitions, CaseAccess access) {
        this.committee = committee;
        this.competitions = competitions;
        this.access = access;
    }

    record Decisions(@NotNull @Size(max = 1000) List<CommitteeService.@NotNull @Valid Decision> decisions) {
    }

    @PostMapping("/{id}/decisions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "The committee decides: one decision per ranked application (committee members of the centre)",
            description = "Completes \"Decide the grants\". Each decision names the application's rank in the ranking, "
                    + "APPROVE (with a reduced amount, or the amount requested), REJECT or WAITLIST; a refused decision is "
                    + "named by its place (decisions[2].amount). The task's form takes the same list as rows.")
    void decide(@PathVariable UUID id, @Valid @RequestBody Decisions request) {
        OporaUser user = GrantSteps.requireStaff();
        competitions.visible(id, access.scopeOf(user), null);
        committee.decideAndComplete(id, request.decisions(), user.id());
    }
}
