package org.opora.cases;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.opora.organisations.OrganisationRef;

@Mapper
interface CaseMapper {

    @Mapping(target = "id", source = "record.id")
    @Mapping(target = "process", expression = "java(CaseProcess.apiNameOf(record.processKey()))")
    @Mapping(target = "title", source = "record.title")
    @Mapping(target = "createdAt", source = "record.createdAt")
    @Mapping(target = "organisation", source = "organisation")
    CaseController.CaseSummary toSummary(CaseRecord record, OrganisationRef organisation);

    @Mapping(target = "id", source = "details.record.id")
    @Mapping(target = "process", expression = "java(CaseProcess.apiNameOf(details.record().processKey()))")
    @Mapping(target = "title", source = "details.record.title")
    @Mapping(target = "createdBy", source = "details.record.createdBy")
    @Mapping(target = "createdAt", source = "details.record.createdAt")
    @Mapping(target = "organisation", source = "organisation")
    CaseController.CaseView toView(CaseDetails details, OrganisationRef organisation);
}
