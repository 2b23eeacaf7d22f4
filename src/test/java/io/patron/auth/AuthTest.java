package io.patron.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.patron.api.ApiTime;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Enterprise logins, bearer and Basic credentials, users and roles. */
@ExtendWith(OutputCaptureExtension.class)
class AuthTest extends ApiTest {

    @Autowired
    DSLContext dsl;

    @Autowired
    MutableClock clock;

    private Api.Response login(String app, String login, String password) {
        return enterprise().post("/users/actions/login",
                Map.of("user_external_application_id", app, "login", login, "password", password));
    }

    @Test
    void loginIssuesATokenValidForSevenHoursInProjectTime() {
        Api.Response answer = login(ENTERPRISE_APP, LOGIN, PASSWORD).expect(200);
        String token = answer.data().path("bearer_token").asString();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        LocalDateTime validTo = ApiTime.parseDateTime(answer.data().path("valid_to").asString());
        LocalDateTime expected = LocalDateTime.now(ZoneId.of("Europe/Prague")).plusHours(7);
        assertThat(Duration.between(validTo, expected).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(answer.data().path("user").path("login").asString()).isEqualTo(LOGIN);
        assertThat(answer.data().path("user").path("last_login").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        enterprise().bearer(token).get("/countries", "count", "1").expect(200);
    }

    @Test
    void loginIsCaseInsensitiveForTheLogin() {
        login(ENTERPRISE_APP, LOGIN.toUpperCase(), PASSWORD).expect(200);
    }

    @Test
    void wrongPasswordOrUnknownLoginAreRefusedAlike() {
        Api.Response wrong = login(ENTERPRISE_APP, LOGIN, "nope").expect(400);
        Api.Response unknown = login(ENTERPRISE_APP, "nobody@patron.test", PASSWORD).expect(400);
        assertThat(wrong.invalidParams()).containsExactlyInAnyOrder("login:not_allowed_value", "password:not_allowed_value");
        assertThat(unknown.invalidParams()).isEqualTo(wrong.invalidParams());
    }

    @Test
    void loginThroughACustomerApplicationIsRefused() {
        assertThat(login(CUSTOMER_APP, LOGIN, PASSWORD).expect(400).invalidParams())
                .containsExactly("user_external_application_id:not_found");
    }

    @Test
    void repeatedFailuresSlowDownFurtherAttempts() {
        for (int i = 0; i < 3; i++) {
            login(ENTERPRISE_APP, LOGIN, "guess-" + i).expect(400);
        }
        // Even the right password has to wait now.
        Api.Response throttled = login(ENTERPRISE_APP, LOGIN, PASSWORD).expect(429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
        // Other logins are not affected.
        assertThat(login(ENTERPRISE_APP, "someone-else", "x").status()).isEqualTo(400);
        clock.advance(Duration.ofSeconds(5));
        login(ENTERPRISE_APP, LOGIN, PASSWORD).expect(200);
        // A success clears the failures.
        login(ENTERPRISE_APP, LOGIN, "guess-again").expect(400);
        login(ENTERPRISE_APP, LOGIN, PASSWORD).expect(200);
    }

    @Test
    void tokensExpireAfterTheirValidity() {
        String token = loginToken(LOGIN, PASSWORD);
        enterprise().bearer(token).get("/users").expect(200);
        clock.advance(Duration.ofHours(7).plusSeconds(1));
        enterprise().bearer(token).get("/users").expect(401);
    }

    @Test
    void logoutEndsTheTokenAtOnce() {
        String token = loginToken(LOGIN, PASSWORD);
        Api api = enterprise().bearer(token);
        api.get("/users").expect(200);
        api.post("/users/actions/logout", Map.of("user_external_application_id", ENTERPRISE_APP,
                "bearer_token", token)).expect(204);
        api.get("/users").expect(401);
        String other = loginToken(LOGIN, PASSWORD);
        assertThat(enterprise().bearer(other).post("/users/actions/logout", Map.of(
                "user_external_application_id", ENTERPRISE_APP, "bearer_token", token)).expect(400).invalidParams())
                .containsExactly("bearer_token:not_found");
    }

    @Test
    void verifyAuthTokenNamesTheUser() {
        String token = loginToken(LOGIN, PASSWORD);
        Api api = enterprise().bearer(token);
        String userId = api.post("/users/actions/verify-auth-token", Map.of("auth_token", token)).expect(200)
                .data().path("user_id").asString();
        assertThat(api.get("/users/" + userId).expect(200).data().path("login").asString()).isEqualTo(LOGIN);
        assertThat(api.post("/users/actions/verify-auth-token", Map.of("auth_token", "forged")).expect(400)
                .invalidParams()).containsExactly("auth_token:not_found");
        assertThat(api.post("/users/actions/verify-auth-token", Map.of()).expect(400).invalidParams())
                .containsExactly("auth_token:required");
    }

    @Test
    void deprecatedBasicAuthIsStillAccepted() {
        enterprise().basic(LOGIN, PASSWORD).get("/users").expect(200);
        enterprise().basic(LOGIN, "wrong").get("/users").expect(401);
        enterprise().header("Authorization", "Basic !!!").get("/users").expect(401);
    }

    @Test
    void secretsAreStoredHashedAndNeverLogged(CapturedOutput output) {
        String token = loginToken(LOGIN, PASSWORD);
        String stored = dsl.select(DSL.field("password_hash", String.class)).from(DSL.table("app_user"))
                .where(DSL.field("login", String.class).eq(LOGIN)).fetchOne(0, String.class);
        assertThat(stored).startsWith("$argon2id$").doesNotContain(PASSWORD);
        assertThat(dsl.fetchCount(DSL.table("user_token"), DSL.field("token_hash", String.class).eq(token))).isZero();
        assertThat(dsl.fetchCount(DSL.table("user_token"))).isEqualTo(1);
        login(ENTERPRISE_APP, LOGIN, "my-secret-guess").expect(400);
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(PASSWORD).doesNotContain("my-secret-guess");
    }

    @Test
    void usersListFiltersAndDetail() {
        Api api = admin();
        Api.Response all = api.get("/users").expect(200);
        assertThat(all.data().path("total_items").asLong()).isEqualTo(1);
        var user = all.data().path("users").get(0);
        assertThat(user.path("login").asString()).isEqualTo(LOGIN);
        assertThat(user.path("user_role_ids")).hasSize(1);
        assertThat(api.get("/users", "login", LOGIN.toUpperCase()).expect(200).data().path("total_items").asLong()).isEqualTo(1);
        assertThat(api.get("/users", "email", "nobody@x").expect(200).data().path("total_items").asLong()).isZero();
        assertThat(api.get("/users", "first_name", "patr").expect(200).data().path("total_items").asLong()).isEqualTo(1);
        api.get("/users/" + user.path("user_id").asString()).expect(200);
        Api.Response missing = api.get("/users/nope").expect(404);
        assertThat(missing.error().path("error_data").path("resource_name").asString()).isEqualTo("users");
        assertThat(missing.error().path("error_data").path("resource_id").asString()).isEqualTo("nope");
    }

    @Test
    void userRolesAreTranslated() {
        Api api = admin();
        Api.Response roles = api.get("/user-roles", "sort_field", "name").expect(200);
        assertThat(roles.data().path("total_items").asLong()).isEqualTo(3);
        String adminRole = api.get("/users").data().path("users").get(0).path("user_role_ids").get(0).asString();
        assertThat(api.get("/user-roles/" + adminRole).expect(200).data().path("name").asString()).isEqualTo("Administrator");
        assertThat(api.header("Accept-Language", "cs").get("/user-roles/" + adminRole).expect(200)
                .data().path("name").asString()).isEqualTo("Administrátor");
        api.get("/user-roles/unknown").expect(404);
    }
}
