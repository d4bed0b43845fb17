package org.opora.correspondence;

import java.util.List;
import java.util.UUID;

/**
 * A public body CSOs write to, with where it sits (parent, level, region), what it is competent
 * for (topics) and how a letter reaches it (post address, official site or Gosuslugi form, in person).
 *
 * @param budgetRequestsUntil the day (MM-DD) by which a request for money must reach the body to
 *                            enter next year's budget; null if unknown
 */
public record PublicBody(
        UUID id,
        UUID parentId,
        String name,
        Kind kind,
        Level level,
        String region,
        List<String> topics,
        String address,
        String website,
        String onlineFormUrl,
        boolean acceptsInPerson,
        String budgetRequestsUntil) {

    public enum Kind { MINISTRY, ADMINISTRATION, DEPARTMENT, MUNICIPALITY, PRISON, POLICE, PROSECUTOR, COURT, OMBUDSMAN, OTHER }

    public enum Level { FEDERAL, REGIONAL, MUNICIPAL }
}
