package org.opora.users;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.opora.security.OporaUser;

@Mapper
interface UserMapper {

    @Mapping(target = "id", source = "user.id")
    @Mapping(target = "name", source = "user.displayName")
    @Mapping(target = "roles", expression = "java(user.roles().stream().sorted().toList())")
    @Mapping(target = "organisationId", source = "user.organisationId")
    @Mapping(target = "language", source = "settings.language")
    @Mapping(target = "notificationMode", source = "settings.notificationMode")
    MeController.Me toMe(OporaUser user, UserSettings settings);
}
