package org.opora.cases;

import org.opora.security.OporaUser;

/**
 * A feature's narrower rule on who may see one of its cases, applied by {@link CaseAccess} after the
 * scope: an expert, for instance, sees a grant application only while they review it.
 */
public interface CaseVisibilityRule {

    /** Whether the user, though the case is in their scope, must not see it. */
    boolean hides(CaseRecord record, OporaUser user);

    /**
     * The same rule for lists of cases, as a SQL condition on {@code opora_case} (its alias written {@code {case}}, the
     * involved user as {@code :scopeInvolved}) that a case reached by the user's involvement alone must meet; null when
     * the rule hides nothing so reached. Lists are filtered in the database, never after paging.
     */
    default String involvedListCondition() {
        return null;
    }
}
