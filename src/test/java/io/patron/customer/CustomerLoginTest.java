package io.patron.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Credential verification (Enterprise API) and password login on a Customer API token. */
class CustomerLoginTest extends ApiTest {

    @org.junit.jupiter.api.BeforeEach
    void cardTypes() {
        importProject("test-cards.yaml");
    }

    static final String ESHOP = Ids.stable("customer_source", "eshop");
    static final String GOLD = "8bed991c68a470e7aaeffbf048";
    static final String PASSWORD = "S3cret-pass";

    @Autowired
    MutableClock clock;

    static String newCustomer(Api api, String email, String phone) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Login");
        info.put("last_name", "Tester");
        info.put("email", email);
        if (phone != null) {
            info.put("phone", phone);
        }
        info.put("language_id", "cs");
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        body.put("password", PASSWORD);
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    static void newCard(Api api, String number, String customerId, int state) {
        Map<String, Object> card = new HashMap<>();
        card.put("card_number", number);
        card.put("card_type_id", GOLD);
        card.put("state", state);
        card.put("customer_id", customerId);
        api.post("/cards", Map.of("card", card)).expect(201);
    }

    static Map<String, Object> credentials(String type, String value, String password) {
        return Map.of("login_type", type, "login_value", value, "password", password);
    }

    Api.Response verify(String type, String value, String password) {
        return admin().post("/customers/actions/verify-credentials", credentials(type, value, password));
    }

    @Test
    void emailOrCardAndPasswordIdentifyTheCustomer() {
        String jana = newCustomer(admin(), "Jana@Example.com", null);
        newCard(admin(), "1000000000016", jana, 1);
        assertThat(verify("email", "jana@example.com", PASSWORD).expect(200).data().path("customer_id").asString())
                .isEqualTo(jana);
        assertThat(verify("email", " JANA@example.COM ", PASSWORD).expect(200).data().path("customer_id")
                .asString()).isEqualTo(jana);
        assertThat(verify("card", "1000000000016", PASSWORD).expect(200).data().path("customer_id").asString())
                .isEqualTo(jana);
    }

    @Test
    void wrongPasswordUnknownLoginAndBlockedCardAreRefusedAlike() {
        String jana = newCustomer(admin(), "jana@example.com", null);
        newCard(admin(), "BLOCKED-1", jana, 0);
        assertThat(verify("email", "jana@example.com", "wrong").expect(400).invalidParams())
                .containsExactlyInAnyOrder("login_value:not_allowed_value", "password:not_allowed_value");
        assertThat(verify("email", "nobody@example.com", PASSWORD).expect(400).invalidParams())
                .containsExactlyInAnyOrder("login_value:not_allowed_value", "password:not_allowed_value");
        assertThat(verify("card", "BLOCKED-1", PASSWORD).expect(400).invalidParams())
                .containsExactlyInAnyOrder("login_value:not_allowed_value", "password:not_allowed_value");
        assertThat(verify("card", "NO-SUCH-CARD", PASSWORD).expect(400).invalidParams())
                .containsExactlyInAnyOrder("login_value:not_allowed_value", "password:not_allowed_value");
        assertThat(verify("phone", "420777123456", PASSWORD).expect(400).invalidParams())
                .containsExactly("login_type:not_allowed_value");
        assertThat(admin().post("/customers/actions/verify-credentials", Map.of("login_type", "email"))
                .expect(400).invalidParams()).containsExactlyInAnyOrder("login_value:required", "password:required");
    }

    @Test
    void repeatedFailuresOfOneLoginAreSlowedDown() {
        String jana = newCustomer(admin(), "jana@example.com", null);
        for (int i = 0; i < 3; i++) {
            verify("email", "jana@example.com", "wrong-" + i).expect(400);
        }
        // even the right password waits now
        Api.Response throttled = verify("email", "jana@example.com", PASSWORD).expect(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        // other logins are not affected
        newCustomer(admin(), "petr@example.com", null);
        verify("email", "petr@example.com", PASSWORD).expect(200);
        // the same throttle guards the Customer API login
        String token = customerToken("device-1");
        customer().bearer(token).post("/tokens/" + token + "/actions/login",
                credentials("email", "jana@example.com", PASSWORD)).expect(429);

        clock.advance(Duration.ofSeconds(5));
        assertThat(verify("email", "jana@example.com", PASSWORD).expect(200).data().path("customer_id").asString())
                .isEqualTo(jana);
        // success forgets the failures
        verify("email", "jana@example.com", "wrong").expect(400);
        verify("email", "jana@example.com", PASSWORD).expect(200);
    }

    @Test
    void loginBindsTheCustomerToTheTokenWhichThenSeesOnlyThem() {
        String jana = newCustomer(admin(), "jana@example.com", "420777000111");
        String petr = newCustomer(admin(), "petr@example.com", null);
        newCard(admin(), "2000000000015", jana, 1);
        String token = customerToken("device-1");
        Api app = customer().bearer(token);
        app.get("/customers/" + jana).expect(403);

        assertThat(app.post("/tokens/" + token + "/actions/login", credentials("email", "jana@example.com", PASSWORD))
                .expect(200).data().path("customer_id").asString()).isEqualTo(jana);
        app.get("/customers/" + jana).expect(200);
        assertThat(app.get("/customers/" + petr).expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");

        // card and phone work too; a phone held by a single customer is a login
        assertThat(app.post("/tokens/" + token + "/actions/login", credentials("card", "2000000000015", PASSWORD))
                .expect(200).data().path("customer_id").asString()).isEqualTo(jana);
        assertThat(app.post("/tokens/" + token + "/actions/login", credentials("phone", "420777000111", PASSWORD))
                .expect(200).data().path("customer_id").asString()).isEqualTo(jana);

        // logging in as someone else switches the token over
        app.post("/tokens/" + token + "/actions/login", credentials("email", "petr@example.com", PASSWORD))
                .expect(200);
        app.get("/customers/" + petr).expect(200);
        assertThat(app.get("/customers/" + jana).expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");

        // a failed login leaves the token as it was
        app.post("/tokens/" + token + "/actions/login", credentials("email", "jana@example.com", "wrong"))
                .expect(400);
        app.get("/customers/" + petr).expect(200);

        app.post("/tokens/" + token + "/actions/logout", Map.of()).expect(204);
        app.get("/customers/" + petr).expect(403);
    }

    @Test
    void aPhoneSharedBySeveralCustomersIsNoLogin() {
        newCustomer(admin(), "jana@example.com", "420777000222");
        newCustomer(admin(), "petr@example.com", "420777000222");
        String token = customerToken("device-1");
        assertThat(customer().bearer(token).post("/tokens/" + token + "/actions/login",
                credentials("phone", "420777000222", PASSWORD)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("login_value:not_allowed_value", "password:not_allowed_value");
        assertThat(customer().bearer(token).post("/tokens/" + token + "/actions/login",
                credentials("nickname", "jana", PASSWORD)).expect(400).invalidParams())
                .containsExactly("login_type:not_allowed_value");
    }

    @Test
    void aTokenLogsInOnlyWithItselfAsTheCredential() {
        newCustomer(admin(), "jana@example.com", null);
        String mine = customerToken("device-1");
        String other = customerToken("device-2");
        customer().bearer(mine).post("/tokens/" + other + "/actions/login",
                credentials("email", "jana@example.com", PASSWORD)).expect(403);
        customer().bearer(mine).post("/tokens/unknown-token/actions/login",
                credentials("email", "jana@example.com", PASSWORD)).expect(404);
        customer().post("/tokens/" + mine + "/actions/login",
                credentials("email", "jana@example.com", PASSWORD)).expect(401);
    }

    @Test
    void eachOperationLivesInItsOwnInterface() {
        String token = customerToken("device-1");
        Map<String, Object> creds = credentials("email", "jana@example.com", PASSWORD);
        Map<String, Object> social = Map.of("social_network_credentials",
                Map.of("social_network_id", "testid", "social_network_token", "x"));
        Map<String, Object> authUse = Map.of("application_id", CUSTOMER_APP, "token", "ABC", "token_request_id", "r");
        Api app = customer().bearer(token);
        String tokens = "/tokens/" + token + "/actions/";
        // Enterprise-only operations refused in the Customer API
        app.post("/customers/actions/verify-credentials", creds).expect(403);
        app.post("/customers/actions/verify-social-network-credentials", social).expect(403);
        app.post("/customers/actions/auth-token", Map.of("customer_id", "x", "external_application_id",
                CUSTOMER_APP, "token_type", 1)).expect(403);
        app.post("/customers/actions/verify-auth-token", authUse).expect(403);
        // Customer-API-only operations refused in the Enterprise API
        Api back = admin();
        back.post(tokens + "login", creds).expect(403);
        back.post(tokens + "authentication-token-login", authUse).expect(403);
        back.get(tokens + "auth-token", "external_application_id", CUSTOMER_APP, "token_type", "1").expect(403);
        back.post(tokens + "login-test-customer", Map.of()).expect(403);
        back.post(tokens + "send-password-setup-email", Map.of("recipient", "a@example.com")).expect(403);
        back.post(tokens + "social-network-login", social).expect(403);
    }
}
