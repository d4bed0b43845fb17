package org.opora.organisations;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers centres and organisations together with their engine identities (a tenant per centre,
 * a group per organisation), so that Opora's tables and the engine's identity store never disagree.
 */
@Service
public class OrganisationService {

    private final OrganisationRepository organisations;
    private final IdentityService identityService;
    private final Clock clock;

    public OrganisationService(OrganisationRepository organisations, IdentityService identityService, Clock clock) {
        this.organisations = organisations;
        this.identityService = identityService;
        this.clock = clock;
    }

    @Transactional
    public ResourceCentre registerCentre(String name, String region) {
        ResourceCentre centre = new ResourceCentre(UUID.randomUUID(), name, region);
        organisations.insert(centre, clock.instant());
        Tenant tenant = identityService.newTenant(centre.tenantId());
        tenant.setName(name);
        identityService.saveTenant(tenant);
        return centre;
    }

    @Transactional
    public Organisation register(UUID centreId, String name, String shortName, Organisation.Kind kind,
            String inn, String ogrn, LocalDate registeredOn, String region, String email) {
        UUID id = UUID.randomUUID();
        Organisation organisation = new Organisation(id, centreId, name, shortName, kind, inn, ogrn, registeredOn,
                region, email, Organisation.groupIdFor(id));
        organisations.insert(organisation, clock.instant());
        Group group = identityService.newGroup(organisation.groupId());
        group.setName(shortName);
        group.setType(Organisation.GROUP_TYPE);
        identityService.saveGroup(group);
        return organisation;
    }
}
