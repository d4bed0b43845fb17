package org.opora.grants.review;

import java.util.UUID;

import org.opora.cases.CaseRecord;
import org.opora.cases.CaseVisibilityRule;
import org.opora.grants.application.ApplicationReaders;
import org.opora.grants.application.ApplicationService;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.springframework.stereotype.Component;

/**
 * An expert sees a grant application's case only while it is theirs to review: after declaring no
 * conflict, and as long as the review stays theirs. Before that their task shows only the title; an
 * expert who declared a conflict or was replaced loses sight of it. Their own tasks stay workable: a
 * task's assignee may always work on it.
 */
@Component
class ExpertCaseVisibility implements CaseVisibilityRule, ApplicationReaders {

    private final ReviewRepository reviews;

    ExpertCaseVisibility(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    @Override
    public boolean hides(CaseRecord record, OporaUser user) {
        if (!ApplicationService.PROCESS_KEY.equals(record.processKey()) || user.isStaffOrAdmin() || !user.has(Role.EXPERT)
                || (user.organisationId() != null && user.organisationId().equals(record.organisationId()))) {
            return false;
        }
        return !reviewsIt(user, record.id());
    }

    /** {@link #hides} for lists: an involved expert lists an application only while a declared or submitted review is theirs. */
    @Override
    public String involvedListCondition() {
        return "{case}.process_key <> '" + ApplicationService.PROCESS_KEY + "' OR EXISTS (SELECT 1 FROM grant_review ir"
                + " WHERE ir.application_id = {case}.id AND ir.expert_id = :scopeInvolved AND ir.state IN ('"
                + Review.State.DECLARED.name() + "', '" + Review.State.SUBMITTED.name() + "'))";
    }

    /** An expert reads an application they review once they declared no conflict, and after submitting. */
    @Override
    public boolean mayRead(OporaUser user, UUID applicationId) {
        return user.has(Role.EXPERT) && reviewsIt(user, applicationId);
    }

    private boolean reviewsIt(OporaUser user, UUID applicationId) {
        return reviews.hasDeclaredOrSubmitted(applicationId, user.id());
    }
}
