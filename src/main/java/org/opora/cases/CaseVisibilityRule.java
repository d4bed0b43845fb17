package org.opora.cases;

import org.opora.security.OporaUser;

/**
 * A feature's narrower rule on who may see one of its cases, applied by {@link CaseAccess} after the
 * scope: an expert, for instance, sees a grant application only while they review it.
 */
public interface CaseVisibilityRule {

    /** Whether the user, though the case is in their scope, must not see it. */
    boolean hides(CaseRecord record, OporaUser user);
}
