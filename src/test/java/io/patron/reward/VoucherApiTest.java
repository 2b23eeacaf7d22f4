package io.patron.reward;

import static io.patron.reward.Rewards.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.loyalty.LoyaltyLedger;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** The voucher operations: buying with points, custom vouchers, reads, PUT, DELETE, apply, gift cards, batch. */
class VoucherApiTest extends ApiTest {

    @Autowired
    LoyaltyLedger ledger;

    @Autowired
    java.time.Clock clock;

    @BeforeEach
    void project() {
        importProject("test-rewards.yaml");
    }

    private BigDecimal points(String customerId) {
        return ledger.pointBalance(customerId, "rw-points").available();
    }

    @Test
    void aCatalogueVoucherIsPaidWithPointsInTheSameTransaction() {
        Api admin = admin();
        String jana = Rewards.newCustomer(admin, "jana@rewards.test");
        Rewards.points(admin, jana, 450);
        String first = Rewards.voucher(admin, "RW-CATALOG", jana);
        String second = Rewards.voucher(admin, "RW-CATALOG", jana);
        assertThat(points(jana)).isEqualByComparingTo("50");
        // not enough points: refused, nothing written
        assertThat(admin.post("/rewards/" + id("RW-CATALOG") + "/actions/create-voucher", Map.of("customer_id", jana))
                .expect(400).invalidParams()).containsExactly("customer_id:not_enough_points_for_voucher");
        assertThat(points(jana)).isEqualByComparingTo("50");
        assertThat(admin.get("/vouchers", "customer_id", jana).expect(200).data().path("total_items").asInt())
                .isEqualTo(2);

        JsonNode voucher = admin.get("/vouchers/" + first).expect(200).data();
        assertThat(voucher.path("customer_id").asString()).isEqualTo(jana);
        assertThat(voucher.path("reward_group").asString()).isEqualTo("1");
        assertThat(voucher.path("reward").path("code").asString()).isEqualTo("RW-CATALOG");
        assertThat(voucher.path("state").asInt()).isEqualTo(1);
        assertThat(voucher.has("applied_date")).isFalse();
        assertThat(voucher.path("code").asString()).matches("[A-Z2-9]{12}");
        assertThat(admin.get("/vouchers/" + second).expect(200).data().path("code").asString())
                .isNotEqualTo(voucher.path("code").asString());

        // deleting an unused voucher gives the points back
        admin.delete("/vouchers/" + first).expect(204);
        assertThat(points(jana)).isEqualByComparingTo("250");
        admin.get("/vouchers/" + first).expect(404);
        admin.delete("/vouchers/" + first).expect(404);
    }

    @Test
    void createVoucherRefusesWhatItCannotIssue() {
        Api admin = admin();
        String jan = Rewards.newCustomer(admin, "jan@rewards.test");
        String path = "/rewards/" + id("RW-CATALOG") + "/actions/create-voucher";
        assertThat(admin.post(path, Map.of()).expect(400).invalidParams()).containsExactly("customer_id:required");
        assertThat(admin.post(path, Map.of("customer_id", "nope")).expect(400).invalidParams())
                .containsExactly("customer_id:not_found");
        assertThat(admin.post("/rewards/" + id("RW-CASH10") + "/actions/create-voucher", Map.of("customer_id", jan))
                .expect(400).invalidParams()).containsExactly("reward_id:not_allowed_value");
        assertThat(admin.post("/rewards/" + id("RW-PAUSED") + "/actions/create-voucher", Map.of("customer_id", jan))
                .expect(400).invalidParams()).containsExactly("reward_id:not_allowed_value");
        admin.post("/rewards/nope/actions/create-voucher", Map.of("customer_id", jan)).expect(404);
        Rewards.points(admin, jan, 1000);
        String given = admin.post(path, Map.of("customer_id", jan, "code", "MY-CODE-1", "note", "For Jan"))
                .expect(201).data().path("voucher_id").asString();
        assertThat(admin.get("/vouchers/" + given).expect(200).data().path("note").asString()).isEqualTo("For Jan");
        assertThat(admin.post(path, Map.of("customer_id", jan, "code", "MY-CODE-1")).expect(400).invalidParams())
                .containsExactly("code:already_exists");
        assertThat(points(jan)).isEqualByComparingTo("800");
    }

    @Test
    void customVouchersOfSimpleRewards() {
        Api admin = admin();
        String eva = Rewards.newCustomer(admin, "eva@rewards.test");
        String id = admin.post("/rewards/" + id("RW-SIMPLE15") + "/actions/create-custom-voucher",
                Map.of("customer_id", eva, "value", 754)).expect(201).data().path("voucher_id").asString();
        assertThat(admin.get("/vouchers/" + id).expect(200).data().path("value").asInt()).isEqualTo(754);
        assertThat(admin.post("/rewards/" + id("RW-CATALOG") + "/actions/create-custom-voucher",
                Map.of("customer_id", eva, "value", 5)).expect(400).invalidParams())
                .containsExactly("reward_id:not_allowed_value");
        assertThat(admin.post("/rewards/" + id("RW-SIMPLE15") + "/actions/create-custom-voucher",
                Map.of("customer_id", eva)).expect(400).invalidParams()).containsExactly("value:required");
        assertThat(admin.post("/rewards/" + id("RW-SIMPLE15") + "/actions/create-custom-voucher",
                Map.of("customer_id", eva, "value", -1)).expect(400).invalidParams())
                .containsExactly("value:not_allowed_value");
    }

    @Test
    void putMovesOnlyPortableVouchersAndNeverUnusesOne() {
        Api admin = admin();
        String a = Rewards.newCustomer(admin, "a@rewards.test");
        String b = Rewards.newCustomer(admin, "b@rewards.test");
        String portable = Rewards.batchVoucher(admin, "RW-GIFT", a, "GIFT-A");
        String fixed = Rewards.batchVoucher(admin, "RW-SIMPLE15", a, "SIMPLE-A");
        String when = Rewards.soon(clock);
        JsonNode read = admin.get("/vouchers/" + portable).expect(200).data();
        Map<String, Object> body = new HashMap<>();
        body.put("customer_id", b);
        body.put("code", "GIFT-A");
        body.put("valid_to", "2099-12-31 23:59:59");
        body.put("note", "A present");
        body.put("voucher_id", "ignored");
        body.put("created_at", read.path("created_at").asString());
        admin.put("/vouchers/" + portable, Map.of("voucher", body)).expect(204);
        JsonNode moved = admin.get("/vouchers/" + portable).expect(200).data();
        assertThat(moved.path("customer_id").asString()).isEqualTo(b);
        assertThat(moved.path("note").asString()).isEqualTo("A present");
        assertThat(moved.path("valid_to").asString()).isEqualTo("2099-12-31 23:59:59");

        assertThat(admin.put("/vouchers/" + fixed, Map.of("voucher", Map.of("customer_id", b))).expect(400)
                .invalidParams()).containsExactly("voucher.customer_id:not_allowed_value");
        // applied, then a PUT without applied_date would un-use it: refused
        admin.post("/vouchers/" + fixed + "/actions/apply-voucher", Map.of("date_applied", when,
                "store_id", Rewards.PRG)).expect(204);
        assertThat(admin.put("/vouchers/" + fixed, Map.of("voucher", Map.of("customer_id", a))).expect(400)
                .invalidParams()).containsExactly("voucher.applied_date:not_allowed_value");
        JsonNode used = admin.get("/vouchers/" + fixed).expect(200).data();
        assertThat(used.path("applied_date").asString()).isEqualTo(when);
        assertThat(used.path("store_id").asString()).isEqualTo(Rewards.PRG);
        assertThat(admin.put("/vouchers/" + fixed, Map.of("voucher", Map.of("customer_id", a, "code", "GIFT-A",
                "applied_date", when))).expect(400).invalidParams())
                .containsExactly("voucher.code:already_exists");
        assertThat(admin.put("/vouchers/" + fixed, Map.of("voucher", Map.of("code", "X"))).expect(400)
                .invalidParams()).containsExactly("voucher.customer_id:required");
        admin.put("/vouchers/nope", Map.of("voucher", Map.of("customer_id", a))).expect(404);
    }

    @Test
    void applyMarksAVoucherUsedOnceAndDeleteRefusesUsedOnes() {
        Api admin = admin();
        String a = Rewards.newCustomer(admin, "apply@rewards.test");
        String v = Rewards.batchVoucher(admin, "RW-SIMPLE15", a, "SIMPLE-APPLY");
        String when = Rewards.soon(clock);
        assertThat(admin.post("/vouchers/" + v + "/actions/apply-voucher", Map.of()).expect(400).invalidParams())
                .containsExactly("date_applied:required");
        assertThat(admin.post("/vouchers/" + v + "/actions/apply-voucher", Map.of("date_applied", "soon")).expect(400)
                .invalidParams()).containsExactly("date_applied:invalid_value_format");
        assertThat(admin.post("/vouchers/" + v + "/actions/apply-voucher", Map.of("date_applied",
                when, "store_id", "nope")).expect(400).invalidParams())
                .containsExactly("store_id:not_found");
        assertThat(admin.get("/vouchers", "is_applied", "true", "customer_id", a).expect(200).data()
                .path("total_items").asInt()).isZero();
        admin.post("/vouchers/" + v + "/actions/apply-voucher", Map.of("date_applied", when.replace(' ', 'T')))
                .expect(204);
        assertThat(admin.post("/vouchers/" + v + "/actions/apply-voucher", Map.of("date_applied",
                when)).expect(400).invalidParams()).containsExactly("voucher_id:voucher_already_used");
        // before its validity began
        String later = Rewards.batchVoucher(admin, "RW-SIMPLE15", a, "SIMPLE-LATE");
        assertThat(admin.post("/vouchers/" + later + "/actions/apply-voucher", Map.of("date_applied",
                "2020-01-01 10:00:00")).expect(400).invalidParams())
                .containsExactly("date_applied:voucher_cant_be_applied_by_validity_days");
        assertThat(admin.get("/vouchers", "is_applied", "true", "customer_id", a).expect(200).data()
                .path("total_items").asInt()).isEqualTo(1);
        assertThat(admin.delete("/vouchers/" + v).expect(400).invalidParams())
                .containsExactly("voucher_id:voucher_already_used");
        admin.get("/vouchers/" + v).expect(200);
        admin.post("/vouchers/nope/actions/apply-voucher", Map.of("date_applied", "2026-12-01 10:00:00")).expect(404);
    }

    @Test
    void giftCardBalance() {
        Api admin = admin();
        String a = Rewards.newCustomer(admin, "gift@rewards.test");
        String gift = Rewards.batchVoucher(admin, "RW-GIFT", a, "GIFT-BAL");
        String plain = Rewards.batchVoucher(admin, "RW-CAMPAIGN", a, "PLAIN-BAL");
        JsonNode balance = admin.post("/vouchers/actions/gift-card-balance", Map.of("code", "GIFT-BAL")).expect(200)
                .data();
        assertThat(balance.path("voucher_id").asString()).isEqualTo(gift);
        assertThat(balance.path("current_balance").asInt()).isEqualTo(1000);
        assertThat(balance.path("original_balance").asInt()).isEqualTo(1000);
        assertThat(admin.post("/vouchers/actions/gift-card-balance", Map.of("voucher_id", gift)).expect(200).data()
                .path("current_balance").asInt()).isEqualTo(1000);
        assertThat(admin.post("/vouchers/actions/gift-card-balance", Map.of()).expect(400).invalidParams())
                .containsExactly("voucher_id:required");
        assertThat(admin.post("/vouchers/actions/gift-card-balance", Map.of("voucher_id", plain)).expect(400)
                .invalidParams()).containsExactly("voucher_id:voucher_invalid_type_of_usage");
        assertThat(admin.post("/vouchers/actions/gift-card-balance", Map.of("code", "NOPE")).expect(400)
                .invalidParams()).containsExactly("code:not_found");
        assertThat(admin.post("/vouchers/" + gift + "/actions/apply-voucher", Map.of("date_applied",
                "2026-12-01 10:00:00")).expect(400).invalidParams())
                .containsExactly("voucher_id:voucher_invalid_type_of_usage");
    }

    @Test
    void batchImportsWithBothErrorProcessingModes() {
        Api admin = admin();
        String a = Rewards.newCustomer(admin, "batch@rewards.test");
        List<Map<String, Object>> vouchers = List.of(
                Map.of("reward_id", id("RW-CAMPAIGN"), "customer_id", a, "code", "B-1"),
                Map.of("reward_id", "nope", "customer_id", a, "code", "B-2"),
                Map.of("reward_id", id("RW-CAMPAIGN"), "customer_id", a, "code", "B-1"),
                Map.of("reward_id", id("RW-CASH10"), "customer_id", "nope"),
                Map.of("reward_id", id("RW-SIMPLE15"), "customer_id", a, "applied_date", "2026-11-30 12:00:00",
                        "store_id", Rewards.BRN, "value", 42, "note", "imported"));
        // 1 (default): the first bad record refuses the batch, nothing stored
        assertThat(admin.post("/vouchers/batch", Map.of("vouchers", vouchers)).expect(400).invalidParams())
                .containsExactly("vouchers[1].reward_id:not_found");
        assertThat(admin.get("/vouchers", "customer_id", a).expect(200).data().path("total_items").asInt()).isZero();
        // 2: the good ones are stored, the bad ones reported
        assertThat(admin.post("/vouchers/batch", Map.of("vouchers", vouchers, "error_processing", 2)).expect(400)
                .invalidParams()).containsExactly("vouchers[1].reward_id:not_found", "vouchers[2].code:already_exists",
                "vouchers[3].reward_id:not_allowed_value", "vouchers[3].customer_id:not_found");
        JsonNode stored = admin.get("/vouchers", "customer_id", a, "sort_field", "code").expect(200).data();
        assertThat(stored.path("total_items").asInt()).isEqualTo(2);
        JsonNode applied = admin.get("/vouchers", "customer_id", a, "is_applied", "true").expect(200).data()
                .path("vouchers").get(0);
        assertThat(applied.path("value").asInt()).isEqualTo(42);
        assertThat(applied.path("store_id").asString()).isEqualTo(Rewards.BRN);
        assertThat(admin.post("/vouchers/batch", Map.of("vouchers", List.of(), "error_processing", 3)).expect(400)
                .invalidParams()).containsExactly("error_processing:not_allowed_value");
        assertThat(admin.post("/vouchers/batch", Map.of()).expect(400).invalidParams())
                .containsExactly("vouchers:required");
    }

    @Test
    void voucherListsFilterAndCarryTheirReward() {
        Api admin = admin();
        String a = Rewards.newCustomer(admin, "lists@rewards.test");
        String b = Rewards.newCustomer(admin, "lists2@rewards.test");
        String campaign = Rewards.batchVoucher(admin, "RW-CAMPAIGN", a, "L-1");
        Rewards.batchVoucher(admin, "RW-GIFT", a, "L-2");
        Rewards.batchVoucher(admin, "RW-GIFT", b, "L-3");
        assertThat(admin.get("/customers/" + a + "/vouchers").expect(200).data().path("total_items").asInt())
                .isEqualTo(2);
        assertThat(admin.get("/rewards/" + id("RW-GIFT") + "/vouchers").expect(200).data().path("total_items").asInt())
                .isEqualTo(2);
        assertThat(admin.get("/rewards/" + id("RW-GIFT") + "/vouchers", "customer_id", b).expect(200).data()
                .path("total_items").asInt()).isEqualTo(1);
        JsonNode byReward = admin.get("/vouchers", "reward_id[]", id("RW-CAMPAIGN")).expect(200).data();
        assertThat(byReward.path("total_items").asInt()).isEqualTo(1);
        assertThat(byReward.path("vouchers").get(0).path("voucher_id").asString()).isEqualTo(campaign);
        assertThat(byReward.path("vouchers").get(0).path("reward").path("reward_product_relation_bonuses"))
                .hasSize(1);
        assertThat(admin.get("/vouchers", "code", "L-3").expect(200).data().path("vouchers").get(0)
                .path("customer_id").asString()).isEqualTo(b);
        assertThat(admin.get("/vouchers", "is_valid", "true", "customer_id", a).expect(200).data().path("total_items")
                .asInt()).isEqualTo(2);
        assertThat(admin.get("/vouchers", "is_applied", "x").expect(400).invalidParams())
                .containsExactly("is_applied:invalid_value_format");
        admin.get("/customers/nope/vouchers").expect(404);
        assertThat(admin.get("/vouchers/" + campaign + "/property-records").expect(200).data().path("total_items")
                .asInt()).isZero();
        admin.get("/vouchers/nope/property-records").expect(404);
    }
}
