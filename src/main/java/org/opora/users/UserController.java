package org.opora.users;

import java.util.List;
import java.util.UUID;

import org.opora.organisations.Organisation;
import org.opora.organisations.OrganisationRepository;
import org.opora.security.Role;
import org.opora.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Creates users with their role, centre and organisation in one step (administrators). */
@RestController
@RequestMapping("/api/admin/users")
@Tag(name = "Users", description = "Creating users, for administrators")
class UserController {

    private final UserAdministration users;
    private final OrganisationRepository organisations;
    private final UserMapper mapper;

    UserController(UserAdministration users, OrganisationRepository organisations, UserMapper mapper) {
        this.users = users;
        this.organisations = organisations;
        this.mapper = mapper;
    }

    record NewUserRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "must be 2-64 lower-case letters, digits, '.', '_' or '-'") String id,
            // Checked by the engine's password policy (PasswordRules), in one place for every way a password is set.
            @NotBlank String password,
            @NotBlank @Size(max = 255) String firstName,
            @NotBlank @Size(max = 255) String lastName,
            @NotBlank @Email @Size(max = 255) String email,
            @NotNull Role role,
            @NotNull UUID centreId,
            UUID organisationId,
            @NotNull @Pattern(regexp = "ru|en", message = "must be ru or en") String language) {
    }

    record UserView(String id, String firstName, String lastName, String email, Role role, UUID centreId,
            UUID organisationId, String language) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a user: a CSO member names their one organisation, nobody else names one")
    UserView create(@Valid @RequestBody NewUserRequest request) {
        if (users.exists(request.id())) {
            throw ApiException.conflict("A user with this id exists");
        }
        if (organisations.findCentre(request.centreId()).isEmpty()) {
            throw ApiException.invalid("centreId", "is not a known resource centre");
        }
        Organisation organisation = null;
        if (request.role() == Role.CSO) {
            if (request.organisationId() == null) {
                throw ApiException.invalid("organisationId", "is required for a CSO member");
            }
            organisation = organisations.find(request.organisationId())
                    .filter(found -> found.centreId().equals(request.centreId()))
                    .orElseThrow(() -> ApiException.invalid("organisationId", "is not an organisation of this centre"));
        } else if (request.organisationId() != null) {
            throw ApiException.invalid(List.of(new ApiException.FieldProblem("organisationId",
                    "only a CSO member belongs to an organisation")));
        }
        users.create(mapper.toNewUser(request, organisation, new UserSettings(request.language(), NotificationMode.IMMEDIATE)));
        return mapper.toView(request);
    }
}
