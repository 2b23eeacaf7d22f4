package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.Api;
import io.patron.support.ApiTest;

class CustomerPushNotificationTest extends ApiTest {

    @Autowired
    CustomerActionService actions;

    @BeforeEach
    void customerProperties() {
        importProject("test-customer-properties.yaml");
    }

    private String createCustomer(String email) {
        return admin().post("/customers", CustomerTest.signUp(CustomerTest.person(email, "Jan", "Novák"), ESHOP, null))
                .expect(201).data().path("customer_id").asString();
    }

    private static Map<String, Object> device(String id) {
        return Map.of("device_id", id, "device_system", "Android 15", "device_name", "Pixel", "device_type", "phone");
    }

    private static Map<String, Object> set(String customerId, String deviceId, String token) {
        return Map.of("customer_id", customerId, "device", device(deviceId), "external_application_id", CUSTOMER_APP,
                "push_token", token);
    }

    @Test
    void aDeviceHasOneTokenAndCancellingRemovesOneTokenOrAll() {
        String id = createCustomer("push@example.com");
        Api api = admin();
        api.post("/customers/actions/set-push-notifications", set(id, "phone-1", "token-a")).expect(204);
        api.post("/customers/actions/set-push-notifications", set(id, "phone-1", "token-b")).expect(204);
        api.post("/customers/actions/set-push-notifications", set(id, "tablet-1", "token-c")).expect(204);
        assertThat(actions.pushTokens(id, CUSTOMER_APP)).isEqualTo(Map.of("phone-1", "token-b", "tablet-1", "token-c"));

        api.post("/customers/actions/cancel-push-notifications", Map.of("customer_id", id,
                "external_application_id", CUSTOMER_APP, "push_token", "token-b")).expect(204);
        assertThat(actions.pushTokens(id, CUSTOMER_APP)).isEqualTo(Map.of("tablet-1", "token-c"));

        api.post("/customers/actions/set-push-notifications", set(id, "phone-1", "token-d")).expect(204);
        api.post("/customers/actions/cancel-push-notifications", Map.of("customer_id", id,
                "external_application_id", CUSTOMER_APP)).expect(204);
        assertThat(actions.pushTokens(id, CUSTOMER_APP)).isEmpty();
    }

    @Test
    void unknownCustomersApplicationsAndIncompleteDevicesAreRefused() {
        String id = createCustomer("push2@example.com");
        assertThat(admin().post("/customers/actions/set-push-notifications", Map.of("customer_id", "0123456789abcdef0123456789",
                "device", device("d"), "external_application_id", "nope", "push_token", "t")).expect(400).invalidParams())
                .containsExactlyInAnyOrder("customer_id:not_found", "external_application_id:not_found");
        admin().post("/customers/actions/set-push-notifications", Map.of("customer_id", id,
                "device", Map.of("device_id", "d"), "external_application_id", CUSTOMER_APP, "push_token", "t"))
                .expect(400);
        assertThat(admin().post("/customers/actions/cancel-push-notifications", Map.of("customer_id", id,
                "external_application_id", "nope")).expect(400).invalidParams())
                .containsExactly("external_application_id:not_found");
        assertThat(actions.pushTokens(id, CUSTOMER_APP)).isEmpty();
    }

    @Test
    void theCustomerApiCannotRegisterPushTokens() {
        String id = createCustomer("push3@example.com");
        Api app = customer().bearer(customerToken("push-device"));
        assertThat(app.post("/customers/actions/set-push-notifications", set(id, "d", "t")).expect(403)
                .error().path("type").asString()).isEqualTo("interface_not_allowed_exception");
        app.post("/customers/actions/cancel-push-notifications", Map.of("customer_id", id,
                "external_application_id", CUSTOMER_APP)).expect(403);
        assertThat(actions.pushTokens(id, CUSTOMER_APP)).isEmpty();
    }
}
