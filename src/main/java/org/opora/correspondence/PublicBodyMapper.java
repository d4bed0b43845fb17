package org.opora.correspondence;

import java.util.UUID;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface PublicBodyMapper {

    @Mapping(target = "id", source = "id")
    PublicBody toBody(UUID id, PublicBodyController.BodyInput input);
}
