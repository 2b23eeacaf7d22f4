package io.patron.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.common.Ids;
import io.patron.config.ProjectClock;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** The sandbox controls: the project clock shared through the database, and the data reset. */
class SandboxTest extends ApiTest {

    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    @Autowired
    DataSource dataSource;

    @Autowired
    DSLContext dsl;

    private Api sandbox(String token) {
        return Api.root(port).bearer(token);
    }

    private static LocalDateTime time(Api.Response clock) {
        return ApiTime.parseDateTime(clock.data().path("time").asString());
    }

    @Test
    void movingTheClockExpiresEnterpriseTokensAsTheirValidToSays() {
        String token = loginToken(LOGIN, PASSWORD);
        Api.Response now = sandbox(token).get("/sandbox/clock").expect(200);
        assertThat(now.data().path("offset_seconds").asLong()).isZero();
        assertThat(now.data().path("offset").asString()).isEqualTo("PT0S");
        assertThat(now.data().path("time_zone").asString()).isEqualTo("Europe/Prague");
        assertThat(Duration.between(time(now), LocalDateTime.now(PRAGUE)).abs()).isLessThan(Duration.ofMinutes(1));
        enterprise().bearer(token).get("/countries", "count", "1").expect(200);

        Api.Response moved = sandbox(token).post("/sandbox/clock", Map.of("offset", "PT7H1M")).expect(200);
        assertThat(moved.data().path("offset_seconds").asLong()).isEqualTo(7 * 3600 + 60);
        assertThat(Duration.between(LocalDateTime.now(PRAGUE).plusMinutes(421), time(moved)).abs())
                .isLessThan(Duration.ofMinutes(1));

        // The token was valid for 7 hours of project time: it is refused now, by the API and the sandbox alike.
        enterprise().bearer(token).get("/countries", "count", "1").expect(401);
        sandbox(token).get("/sandbox/clock").expect(401);
        Api.Response login = enterprise().post("/users/actions/login", Map.of(
                "user_external_application_id", ENTERPRISE_APP, "login", LOGIN, "password", PASSWORD)).expect(200);
        LocalDateTime validTo = ApiTime.parseDateTime(login.data().path("valid_to").asString());
        assertThat(Duration.between(LocalDateTime.now(PRAGUE).plusMinutes(421 + 420), validTo).abs())
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void theClockIsSetToATimeAndBackToRealTime() {
        String token = loginToken(LOGIN, PASSWORD);
        Api.Response set = sandbox(token).post("/sandbox/clock", Map.of("time", "2040-01-01T10:00:00")).expect(200);
        assertThat(set.data().path("time").asString()).startsWith("2040-01-01 10:00:0");
        assertThat(set.data().path("offset").asString()).matches("PT\\d+H(\\d+M)?(\\d+S)?");
        String later = loginToken(LOGIN, PASSWORD);
        assertThat(sandbox(later).get("/sandbox/clock").expect(200).data().path("time").asString())
                .startsWith("2040-01-01 10:00:");

        Api.Response back = sandbox(later).post("/sandbox/clock", Map.of("offset", "PT0S")).expect(200);
        assertThat(back.data().path("offset_seconds").asLong()).isZero();
        assertThat(dsl.fetchCount(DSL.table(DSL.name("project_clock")))).isZero();
    }

    @Test
    void badClockChangesAreRefusedAndChangeNothing() {
        Api api = sandbox(loginToken(LOGIN, PASSWORD));
        assertThat(api.post("/sandbox/clock", Map.of()).expect(400).invalidParams()).containsExactly("time:required");
        assertThat(api.post("/sandbox/clock", Map.of("time", "2040-01-01 10:00:00", "offset", "P1D")).expect(400)
                .invalidParams()).containsExactly("offset:not_allowed_value");
        assertThat(api.post("/sandbox/clock", Map.of("time", "1.1.2040")).expect(400).invalidParams())
                .containsExactly("time:invalid_value_format");
        assertThat(api.post("/sandbox/clock", Map.of("time", "2020-01-01 10:00:00")).expect(400).invalidParams())
                .containsExactly("time:not_allowed_value");
        assertThat(api.post("/sandbox/clock", Map.of("offset", "-PT1H")).expect(400).invalidParams())
                .containsExactly("offset:not_allowed_value");
        assertThat(api.post("/sandbox/clock", Map.of("offset", "P1M")).expect(400).invalidParams())
                .containsExactly("offset:invalid_value_format");
        assertThat(api.post("/sandbox/clock", Map.of("offset", "P36501D")).expect(400).invalidParams())
                .containsExactly("offset:not_allowed_value");
        assertThat(api.post("/sandbox/clock", "{not json").expect(400).invalidParams())
                .containsExactly("body:invalid_value_format");
        assertThat(api.get("/sandbox/clock").expect(200).data().path("offset_seconds").asLong()).isZero();
    }

    @Test
    void onlyEnterpriseAdminsMayUseTheSandbox() {
        importProject("test-sandbox-users.yaml");
        Api anonymous = Api.root(port);
        assertThat(anonymous.get("/sandbox/clock").expect(401).error().path("type").asString())
                .isEqualTo("unauthorized_exception");
        anonymous.post("/sandbox/reset", null).expect(401);
        sandbox("not-a-token").post("/sandbox/clock", Map.of("offset", "P1D")).expect(401);
        // A Customer API token is no Enterprise credential.
        sandbox(customerToken("phone-1")).get("/sandbox/clock").expect(401);

        Api cashier = sandbox(loginToken("cashier@patron.test", "Cashier-Pass-42"));
        assertThat(cashier.post("/sandbox/clock", Map.of("offset", "P1D")).expect(403).error().path("type")
                .asString()).isEqualTo("forbidden_exception");
        cashier.post("/sandbox/reset", null).expect(403);
        assertThat(Api.root(port).basic(LOGIN, PASSWORD).get("/sandbox/clock").expect(200)
                .data().path("offset_seconds").asLong()).isZero();
    }

    @Test
    void otherNodesFollowTheClockWithinASecond() {
        // Basic credentials, as bearer tokens expire when the clock jumps a month.
        Api api = Api.root(port).basic(LOGIN, PASSWORD);
        // Another node: its own project clock over the same database.
        ProjectClock otherNode = new ProjectClock(PRAGUE, DSL.using(dataSource, dsl.dialect()));
        assertThat(otherNode.offset()).isZero();

        api.post("/sandbox/clock", Map.of("offset", "P30D")).expect(200);
        await().atMost(Duration.ofSeconds(3)).until(() -> otherNode.offset().equals(Duration.ofDays(30)));
        assertThat(Duration.between(java.time.Instant.now().plus(Duration.ofDays(30)), otherNode.instant()).abs())
                .isLessThan(Duration.ofSeconds(5));

        // A node that reads often still holds a changed offset at most about a second.
        long started = System.nanoTime();
        api.post("/sandbox/clock", Map.of("offset", "P2D")).expect(200);
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> otherNode.offset().equals(Duration.ofDays(2)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void resetPutsTheDataBackAndTheClockToRealTime() {
        String token = loginToken(LOGIN, PASSWORD);
        Api admin = enterprise().bearer(token);
        admin.post("/customers", Map.of("customer", Map.of("personal_information", Map.of(
                "first_name", "Reset", "last_name", "Me", "email", "reset@example.com", "language_id", "en")),
                "customer_source", Map.of("customer_source_id", Ids.stable("customer_source", "eshop")),
                "autologin", false)).expect(201);
        assertThat(admin.get("/customers").expect(200).data().path("total_items").asLong()).isEqualTo(1);
        sandbox(token).post("/sandbox/clock", Map.of("offset", "P1D"));
        String newToken = loginToken(LOGIN, PASSWORD);

        sandbox(newToken).post("/sandbox/reset", null).expect(204);

        // Tokens are data too: log in again, as after a fresh start.
        enterprise().bearer(newToken).get("/customers").expect(401);
        Api fresh = admin();
        assertThat(fresh.get("/customers").expect(200).data().path("total_items").asLong()).isZero();
        assertThat(fresh.get("/customer-sources").expect(200).data().path("total_items").asLong()).isPositive();
        assertThat(sandbox(loginToken(LOGIN, PASSWORD)).get("/sandbox/clock").expect(200)
                .data().path("offset_seconds").asLong()).isZero();
    }

    @Test
    void withoutTheSettingThePathsDoNotExist() {
        // Without patron.sandbox=true the controls answer the API's 404 for an unknown path, before any credential
        // check (decided at run time: Spring AOT fixes the beans at build time); an unmapped path answers the same.
        SandboxService off = new SandboxService(null, null, null, false);
        assertThatThrownBy(() -> off.requireAdmin("/sandbox/clock", "Bearer nothing"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(e.type()).isEqualTo("resource_not_found_exception");
                    assertThat(e.errorData()).containsEntry("resource_name", "/sandbox/clock");
                });
        Api.Response unknown = Api.root(port).get("/sandbox/nothing-here").expect(404);
        assertThat(unknown.error().path("type").asString()).isEqualTo("resource_not_found_exception");
    }
}
