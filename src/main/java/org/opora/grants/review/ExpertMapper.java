package org.opora.grants.review;

import java.util.UUID;

import org.mapstruct.Mapper;

@Mapper
interface ExpertMapper {

    Expert toExpert(ExpertController.ExpertRequest request, String userId, UUID centreId);
}
