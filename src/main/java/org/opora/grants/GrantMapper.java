package org.opora.grants;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface GrantMapper {

    @Mapping(target = "inn", ignore = true)
    @Mapping(target = "ogrn", ignore = true)
    @Mapping(target = "registeredOn", ignore = true)
    GrantApplication.Details toDetails(ApplicationController.DraftRequest request);

    @Mapping(target = "organisationName", source = "organisationName")
    @Mapping(target = "expected", source = "expected")
    @Mapping(target = "admissionFindings", source = "admissionFindings")
    @Mapping(target = "stateName", source = "stateName")
    ApplicationController.ApplicationView toView(GrantApplication application, String stateName, String organisationName,
            java.util.List<ApplicationController.Expected> expected,
            java.util.List<AdmissionReasons.Finding> admissionFindings);

    CompetitionController.CompetitionView toView(Competition competition);

    Expert toExpert(ExpertController.ExpertRequest request, String userId, java.util.UUID centreId);
}
