package org.opora.users;

import java.util.List;
import java.util.UUID;

import org.opora.security.CurrentUser;
import org.opora.security.OporaUser;
import org.opora.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/me")
@Tag(name = "Me", description = "The signed-in user and their preferences")
class MeController {

    private final UserSettingsRepository settings;
    private final UserMapper mapper;

    MeController(UserSettingsRepository settings, UserMapper mapper) {
        this.settings = settings;
        this.mapper = mapper;
    }

    record Me(String id, String name, List<Role> roles, UUID organisationId, String language, NotificationMode notificationMode) {
    }

    record SettingsUpdate(
            @NotNull @Pattern(regexp = "ru|en", message = "must be ru or en") String language,
            @NotNull NotificationMode notificationMode) {
    }

    @GetMapping
    @Operation(summary = "Who am I: roles, organisation, language and notification preference")
    Me me() {
        OporaUser user = CurrentUser.get();
        return mapper.toMe(user, settings.find(user.id()));
    }

    @PutMapping("/settings")
    @Operation(summary = "Choose the language of e-mails and how task notifications arrive")
    Me updateSettings(@Valid @RequestBody SettingsUpdate update) {
        settings.save(CurrentUser.get().id(), new UserSettings(update.language(), update.notificationMode()));
        return me();
    }
}
