package io.patron.purchase;

import static io.patron.purchase.Checkout.accept;
import static io.patron.purchase.Checkout.bill;
import static io.patron.purchase.Checkout.cancellation;
import static io.patron.purchase.Checkout.item;
import static io.patron.purchase.Checkout.newCustomer;
import static io.patron.purchase.Checkout.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * The checkout with a benefit provider (the test-only {@link TestCodeProvider}): vouchers in accept-payment's answer,
 * committed by send-purchase, refused when used, reversed by the cancellation; recommended-best-rewards; the
 * purchase and purchase item property definitions.
 */
class CheckoutProvidersTest extends ApiTest {

    @Autowired
    TestCodeProvider provider;

    @BeforeEach
    void project() {
        importProject("test-purchases.yaml");
    }

    private static List<Map<String, Object>> items() {
        return List.of(item("1", 200, 200, PurchaseTest.STORE_ITEM), item("2", 100, 100, PurchaseTest.STORE_ITEM));
    }

    @Test
    void aPresentedCodeIsAppliedCommittedRefusedOnceUsedAndReversedByTheCancellation() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String code = "TEST-10-" + Ids.newId();
        Map<String, Object> request = accept(jana, "S", null, bill("V-1", items()));
        request.put("benefit_codes", List.of(code));
        JsonNode a = admin.post("/purchases/actions/accept-payment", request).expect(200).data();
        assertThat(a.path("vouchers")).hasSize(2);
        assertThat(a.path("vouchers").get(0).path("code").asString()).isEqualTo(code);
        assertThat(a.path("vouchers").get(0).path("discount_value").decimalValue()).isEqualByComparingTo("20");

        Map<String, Object> sent = send(jana, "S", null, null, bill("V-1", items()));
        cast(cast(sent.get("bill")).get("payment_recap")).put("vouchers", List.of(Map.of("code", code)));
        String id = admin.post("/purchases/actions/send-purchase", sent).expect(201).data().path("purchase_id")
                .asString();
        assertThat(provider.used).containsEntry(code, id);
        admin.get("/purchases/" + id + "/vouchers").expect(200); // shown by the voucher capability's bean
        // used: accept-payment says why in a cashier message, send-purchase refuses
        JsonNode again = admin.post("/purchases/actions/accept-payment", request).expect(200).data();
        assertThat(again.path("vouchers")).isEmpty();
        assertThat(again.path("messages").get(0).path("text").asString()).contains(code);
        Map<String, Object> second = send(jana, "S", null, null, bill("V-2", items()));
        cast(cast(second.get("bill")).get("payment_recap")).put("vouchers", List.of(Map.of("code", code)));
        assertThat(admin.post("/purchases/actions/send-purchase", second).expect(400).invalidParams())
                .containsExactly("benefit_codes:voucher_already_used");
        // the cancellation gives the code back
        admin.post("/purchases/actions/send-purchase", cancellation(sent)).expect(201);
        assertThat(provider.used).doesNotContainKey(code);
        assertThat(provider.reversed).contains(id);
    }

    @Test
    void recommendedBestRewardsRanksWhatTheProvidersGiveTheBill() {
        Api admin = admin();
        Map<String, Object> request = new HashMap<>();
        request.put("store_id", TestCodeProvider.STORE);
        request.put("cashdesk_number", 1);
        request.put("reward_list_type", "C");
        request.put("bill", bill("BR-1", items()));
        JsonNode rewards = admin.post("/purchases/actions/recommended-best-rewards", request).expect(200).data();
        assertThat(rewards.path("total_items").asInt()).isEqualTo(1);
        assertThat(rewards.path("recommended_best_rewards").get(0).path("code").asString()).isEqualTo("TEST-AUTO");
        request.put("store_id", Checkout.STORE);
        assertThat(admin.post("/purchases/actions/recommended-best-rewards", request).expect(200).data()
                .path("total_items").asInt()).isZero();
        request.put("reward_list_type", "X");
        admin.post("/purchases/actions/recommended-best-rewards", request).expect(400);
    }

    @Test
    void purchaseAndPurchaseItemPropertyDefinitionsAreListed() {
        Api admin = admin();
        JsonNode list = admin.get("/purchase-properties").expect(200).data();
        assertThat(list.path("purchase_properties").get(0).path("property_id").asString()).isEqualTo("sales_channel");
        admin.get("/purchase-properties/sales_channel").expect(200);
        admin.get("/purchase-properties/nope").expect(404);
        assertThat(admin.get("/purchase-item-properties").expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
        admin.get("/purchase-item-properties/gift_wrap").expect(200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
