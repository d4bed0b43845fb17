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

    /** An expert reads an application they review once they declared no conflict, and after submitting. */
    @Override
    public boolean mayRead(OporaUser user, UUID applicationId) {
        return user.has(Role.EXPERT) && reviewsIt(user, applicationId);
    }

    private boolean reviewsIt(OporaUser user, UUID applicationId) {
        return reviews.hasDeclaredOrSubmitted(applicationId, user.id());
    }
}
