package org.opora.grants.competition;

import org.mapstruct.Mapper;

@Mapper
interface CompetitionMapper {

    CompetitionController.CompetitionView toView(Competition competition);
}
