package io.patron.auth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.common.PasswordHasher;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Imports roles, external applications and users from the project file, then makes sure the
 * bootstrap admin user and one application per interface exist. Bootstrap values not given in
 * the environment are generated on the first start and printed once.
 */
@Component
class AuthProjectImport implements ProjectImport {

    private static final Logger log = LoggerFactory.getLogger(AuthProjectImport.class);

    record RoleDefinition(String textId, Object name) {
    }

    record ApplicationDefinition(String id, String name, String apiInterface) {
    }

    record UserDefinition(String login, String password, String firstName, String lastName, String email,
                          List<String> roles) {
    }

    private final AuthRepository repository;
    private final PasswordHasher hasher;
    private final Translations translations;
    private final PatronProperties properties;
    private final Clock clock;

    AuthProjectImport(AuthRepository repository, PasswordHasher hasher, Translations translations,
                      PatronProperties properties, Clock clock) {
        this.repository = repository;
        this.hasher = hasher;
        this.translations = translations;
        this.properties = properties;
        this.clock = clock;
    }

    static String roleId(String textId) {
        return Ids.stable("user_role", textId);
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (RoleDefinition role : file.section("user_roles", RoleDefinition.class)) {
            repository.upsertRole(roleId(role.textId()), role.textId());
            translations.put("user_role.name", roleId(role.textId()),
                    ProjectFile.texts(role.name() == null ? role.textId() : role.name(), properties.languages()));
        }
        for (ApplicationDefinition app : file.section("external_applications", ApplicationDefinition.class)) {
            if (repository.application(app.id()).isEmpty()) {
                repository.insertApplication(app.id(), app.name(), app.apiInterface(), now);
            }
        }
        for (UserDefinition user : file.section("users", UserDefinition.class)) {
            if (repository.userByLogin(LoginKeys.of(user.login())).isEmpty()) {
                String id = Ids.newId();
                repository.insertUser(id, user.login(), hasher.hash(user.password()), user.firstName(),
                        user.lastName(), user.email(), now);
                for (String role : user.roles() == null ? List.<String>of() : user.roles()) {
                    repository.assignRole(id, roleId(role));
                }
            }
        }
        bootstrap(now);
    }

    private void bootstrap(OffsetDateTime now) {
        PatronProperties.Bootstrap given = properties.bootstrap();
        ensureApplication(given.enterpriseAppId(), "enterprise", "Bootstrap Enterprise application", now);
        ensureApplication(given.customerAppId(), "customer", "Bootstrap Customer application", now);
        if (given.login() != null && !given.login().isBlank()) {
            if (repository.userByLogin(LoginKeys.of(given.login())).isEmpty()) {
                String password = given.password();
                boolean generated = password == null || password.isBlank();
                if (generated) {
                    password = Ids.newSecret().substring(0, 20);
                }
                createAdmin(given.login(), password, now);
                if (generated) {
                    log.warn("Created the bootstrap user '{}' with the generated password {} (shown only once)",
                            given.login(), password);
                }
            }
        } else if (!repository.anyUser()) {
            String password = given.password() == null || given.password().isBlank()
                    ? Ids.newSecret().substring(0, 20) : given.password();
            createAdmin("admin", password, now);
            log.warn("Created the bootstrap user 'admin'{} (shown only once)",
                    given.password() == null || given.password().isBlank()
                            ? " with the generated password " + password : "");
        }
    }

    private void createAdmin(String login, String password, OffsetDateTime now) {
        String id = Ids.newId();
        repository.insertUser(id, login, hasher.hash(password), "Patron", "Administrator", login.contains("@")
                ? login : login + "@localhost", now);
        repository.upsertRole(roleId("admin"), "admin");
        repository.assignRole(id, roleId("admin"));
    }

    private void ensureApplication(String id, String apiInterface, String name, OffsetDateTime now) {
        if (id != null && !id.isBlank()) {
            if (repository.application(id).isEmpty()) {
                repository.insertApplication(id, name, apiInterface, now);
            }
        } else if (!repository.anyApplication(apiInterface)) {
            String generated = Ids.newId();
            repository.insertApplication(generated, name, apiInterface, now);
            log.warn("Created the bootstrap {} external application with the generated id {}", apiInterface, generated);
        }
    }
}
