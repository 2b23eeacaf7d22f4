package io.patron.reward;

import java.util.HashMap;
import java.util.Map;

import io.patron.common.Ids;
import io.patron.support.Api;

/** Fixtures of the reward tests: ids of test-rewards.yaml, customers with points. */
final class Rewards {

    static final String PASSWORD = "S3cret-pass";
    static final String ESHOP = Ids.stable("customer_source", "eshop");
    static final String PARTNER = Ids.stable("partner", "rw-partner");
    static final String PRG = Ids.stable("store", "RW-PRG");
    static final String BRN = Ids.stable("store", "RW-BRN");
    static final String OTHER_STORE = Ids.stable("store", "RW-OTHER");

    private Rewards() {
    }

    /** A moment just after now in the project's time, as the API writes it (after the validity start of new vouchers). */
    static String soon(java.time.Clock clock) {
        return java.time.LocalDateTime.now(clock).plusMinutes(1).withNano(0)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    static String id(String code) {
        return Ids.stable("reward", code);
    }

    static String newCustomer(Api api, String email) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Reward");
        info.put("last_name", "Holder");
        info.put("email", email);
        info.put("language_id", "en");
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        body.put("password", PASSWORD);
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    static void points(Api api, String customerId, int amount) {
        api.post("/points/actions/assign-points", Map.of("customer_id", customerId, "amount", amount,
                "partner_id", PARTNER)).expect(201);
    }

    static String voucher(Api api, String rewardCode, String customerId) {
        return api.post("/rewards/" + id(rewardCode) + "/actions/create-voucher", Map.of("customer_id", customerId))
                .expect(201).data().path("voucher_id").asString();
    }

    static String batchVoucher(Api api, String rewardCode, String customerId, String code) {
        api.post("/vouchers/batch", Map.of("vouchers", java.util.List.of(Map.of("reward_id", id(rewardCode),
                "customer_id", customerId, "code", code)))).expect(204);
        return api.get("/vouchers", "code", code).expect(200).data().path("vouchers").get(0).path("voucher_id")
                .asString();
    }
}
