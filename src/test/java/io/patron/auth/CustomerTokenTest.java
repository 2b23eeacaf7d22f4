package io.patron.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Customer API tokens: one per installation, replaced by the next, changed only by itself. */
class CustomerTokenTest extends ApiTest {

    private static Map<String, Object> setup(String language) {
        return Map.of("language_id", language, "allowed_gps", true, "allowed_notifications", false);
    }

    @Test
    void aNewTokenForTheSameDeviceReplacesTheOld() {
        String first = customerToken("device-1");
        customer().bearer(first).get("/countries", "count", "1").expect(200);
        String second = customerToken("device-1");
        assertThat(second).isNotEqualTo(first);
        customer().bearer(first).get("/countries", "count", "1").expect(401);
        customer().bearer(second).get("/countries", "count", "1").expect(200);
        // Another device keeps its own token.
        String other = customerToken("device-2");
        customer().bearer(second).get("/countries", "count", "1").expect(200);
        customer().bearer(other).get("/countries", "count", "1").expect(200);
    }

    @Test
    void tokensNeedAnActiveCustomerApplication() {
        Api.Response answer = customer().post("/tokens", Map.of(
                "device", Map.of("device_id", "d", "device_system", "s", "device_name", "n", "device_type", "t"),
                "setup", setup("en"), "external_application_id", ENTERPRISE_APP)).expect(400);
        assertThat(answer.invalidParams()).containsExactly("external_application_id:not_found");
    }

    @Test
    void unknownLanguageInSetupIsRefused() {
        Api.Response answer = customer().post("/tokens", Map.of(
                "device", Map.of("device_id", "d", "device_system", "s", "device_name", "n", "device_type", "t"),
                "setup", setup("xx"), "external_application_id", CUSTOMER_APP)).expect(400);
        assertThat(answer.invalidParams()).containsExactly("setup.language_id:not_found");
    }

    @Test
    void aTokenUpdatesItsOwnSetupOnly() {
        String mine = customerToken("device-a");
        String theirs = customerToken("device-b");
        customer().bearer(mine).put("/tokens/" + mine, Map.of("setup", setup("cs"), "push_token", "push-1"))
                .expect(204);
        customer().bearer(mine).put("/tokens/" + theirs, Map.of("setup", setup("cs"))).expect(403);
        customer().bearer(mine).put("/tokens/unknown-token", Map.of("setup", setup("cs"))).expect(404);
        assertThat(customer().bearer(mine).put("/tokens/" + mine, Map.of()).expect(400).invalidParams())
                .containsExactly("setup:required");
        customer().put("/tokens/" + mine, Map.of("setup", setup("cs"))).expect(401);
    }

    @Test
    void logoutKeepsTheTokenUsable() {
        String token = customerToken("device-c");
        customer().bearer(token).post("/tokens/" + token + "/actions/logout", null).expect(204);
        customer().bearer(token).get("/countries", "count", "1").expect(200);
        customer().bearer(token).post("/tokens/nope/actions/logout", null).expect(404);
        // The back office may log out any installation.
        admin().post("/tokens/" + token + "/actions/logout", null).expect(204);
    }

    @Test
    void tokenCreationIsOnlyInTheCustomerApi() {
        admin().post("/tokens", Map.of()).expect(403);
        String token = customerToken("device-d");
        admin().put("/tokens/" + token, Map.of("setup", setup("en"))).expect(403);
    }
}
