package org.opora.mail;

import java.util.List;

import org.mapstruct.Mapper;

@Mapper
interface OutboxMapper {

    OutboxController.OutboxEntry toEntry(OutboxMessage message);

    List<OutboxController.OutboxEntry> toEntries(List<OutboxMessage> messages);
}
