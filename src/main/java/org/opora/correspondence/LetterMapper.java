package org.opora.correspondence;

import java.util.List;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface LetterMapper {

    LetterService.NewLetter toNewLetter(LetterController.NewLetterRequest request);

    @Mapping(target = "state", source = "state")
    @Mapping(target = "bodyName", source = "bodyName")
    @Mapping(target = "daysLeft", source = "daysLeft")
    @Mapping(target = "forwardings", source = "forwardings")
    LetterController.LetterView toView(Letter letter, Letter.State state, String bodyName, Long daysLeft,
            List<LetterController.ForwardingView> forwardings);
}
