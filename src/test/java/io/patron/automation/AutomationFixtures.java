package io.patron.automation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.patron.common.Ids;
import io.patron.support.Api;

/** Customers and event bodies for the automation tests. */
final class AutomationFixtures {

    static final String PASSWORD = "Event-pass-42";
    static final String ESHOP = Ids.stable("customer_source", "eshop");
    static final String MARKETING = "agreement_marketing_communication";

    private AutomationFixtures() {
    }

    static String typeId(String textId) {
        return Ids.stable("event_type", textId);
    }

    static String groupId(String textId) {
        return Ids.stable("event_group", textId);
    }

    /** A new customer (with a password, marketing consent, the e-shop as source with the external id if given). */
    static String newCustomer(Api admin, String email, String firstName, String phone, String externalId,
                              String birthdate) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", firstName);
        info.put("last_name", "Tester");
        if (email != null) {
            info.put("email", email);
        }
        if (phone != null) {
            info.put("phone", phone);
        }
        if (birthdate != null) {
            info.put("birthdate", birthdate);
        }
        info.put("language_id", "en");
        info.put("consents", List.of(Map.of("consent_id", MARKETING, "consent_value", 1)));
        Map<String, Object> source = new HashMap<>();
        source.put("customer_source_id", ESHOP);
        if (externalId != null) {
            source.put("external_id", externalId);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", source);
        body.put("autologin", false);
        body.put("password", PASSWORD);
        return admin.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    static String newCustomer(Api admin, String email, String firstName) {
        return newCustomer(admin, email, firstName, null, null, null);
    }

    /** An event body: {@code fields} are more fields of {@code event}, then property records as id, value pairs. */
    static Map<String, Object> event(String typeTextId, String customerId, String externalId, Map<String, Object> fields,
                                     Object... properties) {
        Map<String, Object> event = new HashMap<>();
        event.put("event_type_id", typeId(typeTextId));
        if (customerId != null) {
            event.put("customer_id", customerId);
        }
        event.put("external_id", externalId);
        event.putAll(fields);
        Map<String, Object> body = new HashMap<>();
        body.put("event", event);
        if (properties.length > 0) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < properties.length; i += 2) {
                records.add(Map.of("property_id", properties[i], "property_value", properties[i + 1]));
            }
            body.put("property_records", records);
        }
        return body;
    }

    static Map<String, Object> cart(String customerId, String externalId, Object value) {
        return event("cart_updated", customerId, externalId, Map.of(), "cart_value", value, "cart_items", 2);
    }
}
