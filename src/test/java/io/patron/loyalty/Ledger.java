package io.patron.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.patron.common.Ids;
import io.patron.support.Api;
import tools.jackson.databind.JsonNode;

/** Helpers of the ledger's tests: customers, points and credits through the API, and reading them back. */
final class Ledger {

    static final String PARTNER = "loyalty-partner";
    static final String CLUB = "pt-club";
    static final String BONUS = "pt-bonus";
    static final String FRACTION = "pt-fraction";
    static final String GIFT = "ct-gift";
    static final String PASSWORD = "S3cret-pass";
    static final String ESHOP = Ids.stable("customer_source", "eshop");

    private Ledger() {
    }

    static String newCustomer(Api api, String email) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Wallet");
        info.put("last_name", "Holder");
        info.put("email", email);
        info.put("language_id", "cs");
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        body.put("password", PASSWORD);
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    static Map<String, Object> change(String customerId, Object amount, String typeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer_id", customerId);
        body.put("amount", amount);
        body.put("partner_id", PARTNER);
        if (typeId != null) {
            body.put("point_type_id", typeId);
        }
        return body;
    }

    static String assign(Api api, String customerId, Object amount, String typeId) {
        return api.post("/points/actions/assign-points", change(customerId, amount, typeId)).expect(201).data()
                .path("point_id").asString();
    }

    static String reduce(Api api, String customerId, Object amount, String typeId) {
        return api.post("/points/actions/reduce-points", change(customerId, amount, typeId)).expect(201).data()
                .path("point_id").asString();
    }

    static Map<String, Object> transfer(String from, String to, Object amount, String typeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("original_customer_id", from);
        body.put("new_customer_id", to);
        body.put("amount", amount);
        body.put("point_type_id", typeId);
        return body;
    }

    static Map<String, Object> reserve(String externalId, String customerId, Object amount, String expiration) {
        Map<String, Object> body = new HashMap<>();
        body.put("external_id", externalId);
        body.put("customer_id", customerId);
        body.put("amount", amount);
        if (expiration != null) {
            body.put("expiration_time", expiration);
        }
        return body;
    }

    static Map<String, Object> credits(String customerId, Object amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer_id", customerId);
        body.put("amount", amount);
        body.put("partner_id", PARTNER);
        return body;
    }

    /** The customer's point records of a type. */
    static List<JsonNode> points(Api api, String customerId, String typeId) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/customers/" + customerId + "/points", "point_type_id", typeId, "count", "1000").expect(200).data()
                .path("points").forEach(out::add);
        return out;
    }

    /** The sum of the available points of the customer's active records of a type. */
    static BigDecimal available(Api api, String customerId, String typeId) {
        return points(api, customerId, typeId).stream().filter(p -> p.path("state").asInt() == 1)
                .map(p -> new BigDecimal(p.path("available_points").asString())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static List<JsonNode> history(Api api, String customerId, String... query) {
        String[] all = new String[query.length + 4];
        all[0] = "customer_id";
        all[1] = customerId;
        all[2] = "count";
        all[3] = "1000";
        System.arraycopy(query, 0, all, 4, query.length);
        List<JsonNode> out = new ArrayList<>();
        api.get("/point-history", all).expect(200).data().path("point_history").forEach(out::add);
        return out;
    }

    static void assertConsistent(LedgerConsistency consistency) {
        assertThat(consistency.check()).as("ledger consistency").isEmpty();
    }
}
