package org.opora.correspondence;

import java.util.UUID;

import org.opora.cases.CaseAccess;
import org.opora.cases.CaseRecord;
import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.system.ApiException;
import org.opora.system.ProblemType;
import org.springframework.stereotype.Component;

/** Who records a letter's events: its organisation or staff, not everyone who may read it (API and pages alike). */
@Component
class LetterAccess {

    private final CaseAccess access;

    LetterAccess(CaseAccess access) {
        this.access = access;
    }

    CaseRecord requireOwnOrStaff(UUID id) {
        CaseRecord record = access.require(id);
        OporaUser user = CurrentUser.get();
        if (!user.isStaffOrAdmin() && !record.organisationId().equals(user.organisationId())) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only the letter's organisation or staff record its events");
        }
        return record;
    }
}
