package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static io.patron.customer.CustomerTest.person;
import static io.patron.customer.CustomerTest.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** validate-customer-data and check-registration-ability. */
class CustomerRegistrationTest extends ApiTest {

    private static boolean valid(Api api, String type, String value) {
        return api.post("/customers/actions/validate-customer-data", Map.of("type", type, "value", value))
                .expect(200).data().path("is_valid").asBoolean();
    }

    private static boolean ability(Api api, String type, String value) {
        return api.post("/customers/actions/check-registration-ability", Map.of("type", type, "value", value))
                .expect(200).data().path("registration_ability").asBoolean();
    }

    @Test
    void passwordsAreValidatedAnonymouslyAndUnknownReferralCodesAreInvalid() {
        Api anonymous = enterprise();
        assertThat(valid(anonymous, "password", "Correct-Horse-42")).isTrue();
        assertThat(valid(customer(), "password", "abcdefg1")).isTrue();
        assertThat(valid(anonymous, "password", "short1")).isFalse();
        assertThat(valid(anonymous, "password", "onlyletters")).isFalse();
        assertThat(valid(anonymous, "password", "1234567890")).isFalse();
        assertThat(valid(admin(), "referral_code", "FRIEND-10")).isFalse();
        assertThat(anonymous.post("/customers/actions/validate-customer-data", Map.of("type", "pin", "value", "1"))
                .expect(400).invalidParams()).containsExactly("type:not_allowed_value");
        anonymous.post("/customers/actions/validate-customer-data", Map.of("type", "password")).expect(400);
    }

    @Test
    void anEmailAlreadyUsedCannotBeRegisteredAgain() {
        admin().post("/customers", signUp(person("taken@example.com", "T", "U"), ESHOP, null)).expect(201);
        Api admin = admin();
        assertThat(ability(admin, "email", "Taken@Example.com")).isFalse();
        assertThat(ability(admin, "email", "free@example.com")).isTrue();
        assertThat(ability(admin, "email", "not an email")).isFalse();
        assertThat(ability(admin, "phone", "420777123456")).as("phones are not unique").isTrue();
        assertThat(ability(admin, "phone", "+420 777 abc")).isFalse();
        assertThat(ability(admin, "phone", "+420 777 123 456")).as("written with + and spaces").isTrue();
        assertThat(admin.post("/customers/actions/check-registration-ability", Map.of("type", "card", "value", "1"))
                .expect(400).invalidParams()).containsExactly("type:not_allowed_value");

        Api app = customer().bearer(customerToken("phone-register"));
        assertThat(ability(app, "email", "taken@example.com")).isFalse();
        assertThat(ability(app, "email", "new@example.com")).isTrue();
        enterprise().post("/customers/actions/check-registration-ability",
                Map.of("type", "email", "value", "new@example.com")).expect(401);
    }
}
