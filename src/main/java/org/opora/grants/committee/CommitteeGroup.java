package org.opora.grants.committee;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the grant committee's group exists: "Decide the grants" is its task. Administrators add
 * staff members to it (Camunda Admin or the user API); it grants nothing beyond that task. It runs
 * after the role groups exist and before the demo data (order 10 and on) adds members.
 */
@Component
@Order(5)
public class CommitteeGroup implements ApplicationRunner {

    public static final String GROUP_ID = "grant-committee";

    private final IdentityService identityService;

    CommitteeGroup(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identityService.createGroupQuery().groupId(GROUP_ID).count() == 0) {
            Group group = identityService.newGroup(GROUP_ID);
            group.setName("Grant committee");
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
        }
    }
}
