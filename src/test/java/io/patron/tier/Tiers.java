package io.patron.tier;

import static io.patron.db.Tables.OUTBOX_EVENT;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import io.patron.common.Ids;
import io.patron.events.OutboxPoller;
import io.patron.support.Api;
import tools.jackson.databind.JsonNode;

/** Helpers of the statuses' and the wallet's tests: customers, points, status records, event delivery. */
public final class Tiers {

    public static final String PARTNER = "loyalty-partner";
    public static final String CLUB = "pt-club";
    public static final String BONUS = "pt-bonus";
    public static final String MEMBER = "st-member";
    public static final String SILVER = "st-silver";
    public static final String GOLD = "st-gold";
    public static final String VIP = "st-vip";
    public static final String PASSWORD = "S3cret-pass";
    static final String ESHOP = Ids.stable("customer_source", "eshop");

    private Tiers() {
    }

    public static Map<String, Object> signUp(String email, boolean autologin) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Tier");
        info.put("last_name", "Holder");
        info.put("email", email);
        info.put("language_id", "cs");
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", autologin);
        body.put("password", PASSWORD);
        return body;
    }

    public static String newCustomer(Api api, String email) {
        return api.post("/customers", signUp(email, false)).expect(201).data().path("customer_id").asString();
    }

    public static String assign(Api admin, String customerId, Object amount, String typeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer_id", customerId);
        body.put("amount", amount);
        body.put("partner_id", PARTNER);
        if (typeId != null) {
            body.put("point_type_id", typeId);
        }
        return admin.post("/points/actions/assign-points", body).expect(201).data().path("point_id").asString();
    }

    public static void reduce(Api admin, String customerId, Object amount, String typeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer_id", customerId);
        body.put("amount", amount);
        body.put("partner_id", PARTNER);
        body.put("point_type_id", typeId);
        admin.post("/points/actions/reduce-points", body).expect(201);
    }

    /** Delivers every due event and waits until none is left pending (another thread may hold a claim). */
    public static void deliverEvents(OutboxPoller poller, DSLContext dsl) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            poller.drain();
            return dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.STATE.eq("pending")) == 0;
        });
    }

    public static List<JsonNode> records(Api api, String customerId, String... query) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/customers/" + customerId + "/status-records", query).expect(200).data().path("status_records")
                .forEach(out::add);
        return out;
    }

    /** The status id of the record valid now, or null. */
    public static String current(Api api, String customerId) {
        List<JsonNode> valid = records(api, customerId, "valid_now", "true");
        return valid.isEmpty() ? null : valid.getFirst().path("status_id").asString();
    }

    public static Map<String, Object> setStatus(String customerId, String statusId, String validFrom, String validTo) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer_id", customerId);
        body.put("status_id", statusId);
        if (validFrom != null) {
            body.put("valid_from", validFrom);
        }
        if (validTo != null) {
            body.put("valid_to", validTo);
        }
        return body;
    }
}
