package org.opora.correspondence;

import java.util.List;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface LetterMapper {

    LetterService.NewLetter toNewLetter(LetterController.NewLetterRequest request);

    @Mapping(target = "state", source = "state")
    @Mapping(target = "stateName", source = "stateName")
    @Mapping(target = "bodyName", source = "bodyName")
    @Mapping(target = "daysLeft", source = "daysLeft")
    @Mapping(target = "complaintDraft", source = "complaintDraft")
    @Mapping(target = "forwardings", source = "forwardings")
    LetterController.LetterView toView(Letter letter, Letter.State state, String stateName, String bodyName,
            Long daysLeft, String complaintDraft, List<LetterController.ForwardingView> forwardings);
}
