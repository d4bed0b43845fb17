package org.opora.organisations;

import java.util.List;

import org.mapstruct.Mapper;

@Mapper
interface OrganisationMapper {

    OrganisationController.CentreView toCentreView(ResourceCentre centre);

    List<OrganisationController.CentreView> toCentreViews(List<ResourceCentre> centres);

    OrganisationController.OrganisationView toView(Organisation organisation);
}
