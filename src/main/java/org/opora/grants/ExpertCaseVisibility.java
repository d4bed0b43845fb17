package org.opora.grants;

import org.opora.cases.CaseRecord;
import org.opora.cases.CaseVisibilityRule;
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
class ExpertCaseVisibility implements CaseVisibilityRule {

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
        return reviews.findByApplication(record.id()).stream().noneMatch(review -> review.expertId().equals(user.id())
                && (review.state() == Review.State.DECLARED || review.state() == Review.State.SUBMITTED));
    }
}
