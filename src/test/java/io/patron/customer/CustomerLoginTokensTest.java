package io.patron.customer;

import static io.patron.customer.CustomerLoginTest.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Single-use authentication tokens between applications, and the test customer login. */
class CustomerLoginTokensTest extends ApiTest {

    @Autowired
    MutableClock clock;

    JsonNode issue(String customerId, int type) {
        return admin().post("/customers/actions/auth-token", Map.of("customer_id", customerId,
                "external_application_id", CUSTOMER_APP, "token_type", type)).expect(200).data();
    }

    static Map<String, Object> use(JsonNode issued) {
        return Map.of("application_id", CUSTOMER_APP, "token", issued.path("authentication_token").asString(),
                "token_request_id", issued.path("token_request_id").asString());
    }

    @Test
    void anAuthTokenIsVerifiedOnce() {
        String jana = newCustomer(admin(), "jana@example.com", null);
        JsonNode issued = issue(jana, 1);
        assertThat(issued.path("authentication_token").asString()).matches("[A-Z0-9]{8}");
        assertThat(issued.path("valid_to").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(issue(jana, 2).path("authentication_token").asString()).matches("[0-9]{8}");

        Map<String, Object> wrongToken = Map.of("application_id", CUSTOMER_APP, "token", "NOTTHIS1",
                "token_request_id", issued.path("token_request_id").asString());
        assertThat(admin().post("/customers/actions/verify-auth-token", wrongToken).expect(400).invalidParams())
                .containsExactly("token:not_found");
        Map<String, Object> otherApp = Map.of("application_id", ENTERPRISE_APP,
                "token", issued.path("authentication_token").asString(),
                "token_request_id", issued.path("token_request_id").asString());
        assertThat(admin().post("/customers/actions/verify-auth-token", otherApp).expect(400).invalidParams())
                .containsExactly("application_id:not_allowed_value");

        assertThat(admin().post("/customers/actions/verify-auth-token", use(issued)).expect(200).data()
                .path("customer_id").asString()).isEqualTo(jana);
        assertThat(admin().post("/customers/actions/verify-auth-token", use(issued)).expect(400).invalidParams())
                .containsExactly("token:not_allowed_value");
    }

    @Test
    void anAuthTokenExpires() {
        String jana = newCustomer(admin(), "jana@example.com", null);
        JsonNode issued = issue(jana, 1);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(admin().post("/customers/actions/verify-auth-token", use(issued)).expect(400).invalidParams())
                .containsExactly("token:not_allowed_value");
        String token = customerToken("device-1");
        assertThat(customer().bearer(token).post("/tokens/" + token + "/actions/authentication-token-login",
                use(issue(jana, 1))).expect(200).data().path("customer_id").asString()).isEqualTo(jana);
    }

    @Test
    void badAuthTokenRequestsAreRefused() {
        String jana = newCustomer(admin(), "jana@example.com", null);
        assertThat(admin().post("/customers/actions/auth-token", Map.of("customer_id", "nobody",
                "external_application_id", CUSTOMER_APP, "token_type", 1)).expect(400).invalidParams())
                .containsExactly("customer_id:not_found");
        assertThat(admin().post("/customers/actions/auth-token", Map.of("customer_id", jana,
                "external_application_id", "no-such-app", "token_type", 1)).expect(400).invalidParams())
                .containsExactly("external_application_id:not_found");
        assertThat(admin().post("/customers/actions/auth-token", Map.of("customer_id", jana,
                "external_application_id", CUSTOMER_APP, "token_type", 3)).expect(400).invalidParams())
                .containsExactly("token_type:not_allowed_value");
    }

    @Test
    void aLoggedInAppHandsTheCustomerOverToAnotherInstallation() {
        String jana = newCustomer(admin(), "jana@example.com", null);
        String petr = newCustomer(admin(), "petr@example.com", null);
        String first = customerToken("device-1");
        Api app = customer().bearer(first);
        String path = "/tokens/" + first + "/actions/auth-token";
        app.get(path, "external_application_id", CUSTOMER_APP, "token_type", "1").expect(403);
        app.post("/tokens/" + first + "/actions/login", CustomerLoginTest.credentials("email", "jana@example.com",
                CustomerLoginTest.PASSWORD)).expect(200);
        assertThat(app.get(path, "token_type", "1").expect(400).invalidParams())
                .containsExactly("external_application_id:required");
        JsonNode issued = app.get(path, "external_application_id", CUSTOMER_APP, "token_type", "2").expect(200).data();

        String second = customerToken("device-2");
        Api other = customer().bearer(second);
        // only the token itself may log in on it
        app.post("/tokens/" + second + "/actions/authentication-token-login", use(issued)).expect(403);
        assertThat(other.post("/tokens/" + second + "/actions/authentication-token-login", use(issued)).expect(200)
                .data().path("customer_id").asString()).isEqualTo(jana);
        other.get("/customers/" + jana).expect(200);
        assertThat(other.get("/customers/" + petr).expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        // used up
        String third = customerToken("device-3");
        assertThat(customer().bearer(third).post("/tokens/" + third + "/actions/authentication-token-login",
                use(issued)).expect(400).invalidParams()).containsExactly("token:not_allowed_value");
        customer().bearer(third).get("/customers/" + jana).expect(403);
    }

    @Test
    void theTestCustomerLogsInWithoutPassword() {
        String token = customerToken("device-1");
        Api app = customer().bearer(token);
        // configured but not (yet) created
        app.post("/tokens/" + token + "/actions/login-test-customer", Map.of()).expect(403);
        String tester = newCustomer(admin(), "test.customer@patron.test", null);
        String jana = newCustomer(admin(), "jana@example.com", null);
        assertThat(app.post("/tokens/" + token + "/actions/login-test-customer", Map.of()).expect(200).data()
                .path("customer_id").asString()).isEqualTo(tester);
        app.get("/customers/" + tester).expect(200);
        app.get("/customers/" + jana).expect(400);
        String other = customerToken("device-2");
        app.post("/tokens/" + other + "/actions/login-test-customer", Map.of()).expect(403);
    }
}
