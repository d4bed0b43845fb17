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

    @Mapping(target = "id", source = "request.id")
    @Mapping(target = "password", source = "request.password")
    @Mapping(target = "firstName", source = "request.firstName")
    @Mapping(target = "lastName", source = "request.lastName")
    @Mapping(target = "email", source = "request.email")
    @Mapping(target = "role", source = "request.role")
    @Mapping(target = "centreId", source = "request.centreId")
    @Mapping(target = "organisation", source = "organisation")
    @Mapping(target = "settings", source = "settings")
    UserAdministration.NewUser toNewUser(UserController.NewUserRequest request, org.opora.organisations.Organisation organisation,
            UserSettings settings);

    UserController.UserView toView(UserController.NewUserRequest request);
}
