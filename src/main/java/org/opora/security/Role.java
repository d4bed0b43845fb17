package org.opora.security;

import java.util.Arrays;
import java.util.Optional;

import org.camunda.bpm.engine.authorization.Groups;

/**
 * Opora's roles. Each is membership of one Camunda group, so Tasklist, Cockpit and Opora's API
 * agree on who is who; {@link #ADMIN} is Camunda's own administrators' group.
 */
public enum Role {

    ADMIN(Groups.CAMUNDA_ADMIN, "Administrators"),
    STAFF("staff", "Resource-centre staff"),
    EXPERT("experts", "Expert reviewers"),
    CSO("cso", "CSO members");

    /** The Camunda group type of role groups, as opposed to organisation groups. */
    public static final String GROUP_TYPE = "role";

    private final String groupId;
    private final String groupName;

    Role(String groupId, String groupName) {
        this.groupId = groupId;
        this.groupName = groupName;
    }

    public String groupId() {
        return groupId;
    }

    public String groupName() {
        return groupName;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> ofGroup(String groupId) {
        return Arrays.stream(values()).filter(role -> role.groupId.equals(groupId)).findFirst();
    }
}
