package org.opora.grants.application;

import java.util.UUID;

import org.opora.security.OporaUser;

/**
 * Who, besides the resource centre's staff and the applying organisation's members, may read an
 * application. A later stage says (the review stage: an expert who declared no conflict), so that the
 * application stage knows nothing of the stages after it.
 */
public interface ApplicationReaders {

    boolean mayRead(OporaUser user, UUID applicationId);
}
