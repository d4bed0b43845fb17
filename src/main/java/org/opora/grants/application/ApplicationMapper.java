package org.opora.grants.application;

import java.util.List;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface ApplicationMapper {

    @Mapping(target = "inn", ignore = true)
    @Mapping(target = "ogrn", ignore = true)
    @Mapping(target = "registeredOn", ignore = true)
    GrantApplication.Details toDetails(ApplicationController.DraftRequest request);

    @Mapping(target = "organisationName", source = "organisationName")
    @Mapping(target = "expected", source = "expected")
    @Mapping(target = "admissionFindings", source = "admissionFindings")
    @Mapping(target = "stateName", source = "stateName")
    ApplicationController.ApplicationView toView(GrantApplication application, String stateName, String organisationName,
            List<ApplicationController.Expected> expected, List<AdmissionReasons.Finding> admissionFindings);
}
