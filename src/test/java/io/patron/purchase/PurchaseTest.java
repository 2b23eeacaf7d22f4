package io.patron.purchase;

import static io.patron.purchase.Checkout.CLUB;
import static io.patron.purchase.Checkout.OTHER_SYSTEM_STORE;
import static io.patron.purchase.Checkout.accept;
import static io.patron.purchase.Checkout.assign;
import static io.patron.purchase.Checkout.bill;
import static io.patron.purchase.Checkout.cancellation;
import static io.patron.purchase.Checkout.item;
import static io.patron.purchase.Checkout.newCustomer;
import static io.patron.purchase.Checkout.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.db.Tables;
import io.patron.events.OutboxPoller;
import io.patron.loyalty.LedgerConsistency;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.tier.Tiers;
import tools.jackson.databind.JsonNode;

/** The checkout over HTTP: accept-payment, send-purchase, cancellation, anonymous purchases and their refusals. */
class PurchaseTest extends ApiTest {

    static final String STORE_ITEM = Ids.stable("purchase_item_type", "store_purchase");
    static final String OTC = Ids.stable("purchase_item_type", "otc_without_loyalty");
    static final String POINTS_ONLY = Ids.stable("purchase_item_type", "points_only");
    static final String NO_REWARD = Ids.stable("purchase_item_type", "no_reward");

    static final String GOLD_CARD = "8bed991c68a470e7aaeffbf048";

    @Autowired
    LoyaltyLedger wallets;

    @Autowired
    LedgerConsistency consistency;

    @Autowired
    OutboxPoller poller;

    @Autowired
    DSLContext dsl;

    @BeforeEach
    void project() {
        importProject("test-purchases.yaml");
    }

    private String customerWithPoints(Api admin, String email, int points) {
        String id = newCustomer(admin, email);
        Tiers.deliverEvents(poller, dsl); // the sign-up status (10 % discount, pays by points)
        if (points > 0) {
            assign(admin, id, points);
        }
        return id;
    }

    private BigDecimal points(String customerId) {
        return wallets.pointBalance(customerId, CLUB).available();
    }

    private static List<Map<String, Object>> twoItems() {
        return List.of(item("1", 200, 200, STORE_ITEM), item("2", 100, 100, STORE_ITEM));
    }

    @Test
    void acceptPaymentAnswersDiscountsPointsAndEarningsAndSendPurchaseCommitsExactlyThat() {
        Api admin = admin();
        String jana = customerWithPoints(admin, "jana@example.com", 1000);

        JsonNode a = admin.post("/purchases/actions/accept-payment", accept(jana, "A", 100,
                bill("B-1", twoItems()))).expect(200).data();
        // status discount 10 %: 20 + 10; 100 points worth 50; earned (270 - 50) * 0.1 = 22
        assertThat(a.path("recommended_discounts")).hasSize(2);
        assertThat(a.path("recommended_discounts").get(0).path("discount_value").decimalValue())
                .isEqualByComparingTo("20");
        assertThat(a.path("recommended_discounts").get(0).path("bill_item_id").asString()).isEqualTo("1");
        assertThat(a.path("credit_points").decimalValue()).isEqualByComparingTo("100");
        assertThat(a.path("price_of_credit_points").decimalValue()).isEqualByComparingTo("50");
        assertThat(a.path("credit_points_of_this_transaction").decimalValue()).isEqualByComparingTo("22");
        assertThat(a.path("total_credit_points").decimalValue()).isEqualByComparingTo("922");
        assertThat(points(jana)).isEqualByComparingTo("1000"); // nothing written

        // payment type S: no overall discount
        JsonNode s = admin.post("/purchases/actions/accept-payment", accept(jana, "S", 100,
                bill("B-1", twoItems()))).expect(200).data();
        assertThat(s.path("recommended_discounts")).isEmpty();
        assertThat(s.path("credit_points_of_this_transaction").decimalValue()).isEqualByComparingTo("25");

        String id = admin.post("/purchases/actions/send-purchase", send(jana, "A", 100, null,
                bill("B-1", twoItems()))).expect(201).data().path("purchase_id").asString();
        assertThat(points(jana)).isEqualByComparingTo("922");
        JsonNode summary = admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data();
        assertThat(summary.path("earned_points").decimalValue()).isEqualByComparingTo("22");
        assertThat(summary.path("used_points").decimalValue()).isEqualByComparingTo("100");
        assertThat(admin.get("/purchases/" + id + "/points").expect(200).data().path("total_items").asInt())
                .isEqualTo(2);
        JsonNode purchase = admin.get("/purchases/" + id).expect(200).data();
        assertThat(purchase.path("customer_id").asString()).isEqualTo(jana);
        assertThat(purchase.path("external_purchase_id").asString()).isEqualTo("B-1");
        assertThat(purchase.path("items_count").asInt()).isEqualTo(2);
        assertThat(admin.get("/purchases/" + id + "/purchase-items").expect(200).data().path("purchase_items"))
                .hasSize(2);
        assertThat(admin.get("/purchases", "customer_id", jana, "purchase_items_extension", "true").expect(200)
                .data().path("purchases").get(0).path("purchase_items")).hasSize(2);
        assertThat(admin.get("/customers/" + jana + "/purchases").expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
        assertThat(consistency.check()).isEmpty();
    }

    @Test
    void aRepeatedBillIdIsRefusedAndChangesNothing() {
        Api admin = admin();
        String jana = customerWithPoints(admin, "jana@example.com", 1000);
        admin.post("/purchases/actions/send-purchase", send(jana, "S", 100, null, bill("B-2", twoItems())))
                .expect(201);
        BigDecimal after = points(jana);
        assertThat(admin.post("/purchases/actions/send-purchase", send(jana, "S", 100, null,
                bill("B-2", twoItems()))).expect(400).invalidParams()).containsExactly("bill_id:already_exists");
        assertThat(points(jana)).isEqualByComparingTo(after);
        assertThat(dsl.fetchCount(Tables.PURCHASE)).isEqualTo(1);
    }

    @Test
    void aCancellationReversesEverythingTheOriginalDid() {
        Api admin = admin();
        String jana = customerWithPoints(admin, "jana@example.com", 1000);
        Map<String, Object> original = send(jana, "A", 100, null, bill("B-3", twoItems()));
        admin.post("/purchases/actions/send-purchase", original).expect(201);
        assertThat(points(jana)).isEqualByComparingTo("922");

        String cancelId = admin.post("/purchases/actions/send-purchase", cancellation(original)).expect(201).data()
                .path("purchase_id").asString();
        assertThat(cancelId).isNotBlank();
        assertThat(points(jana)).isEqualByComparingTo("1000");
        assertThat(consistency.check()).isEmpty();

        // a second cancellation, a cancellation of the cancellation, an unknown original
        Map<String, Object> again = cancellation(original);
        again.put("bill", new HashMap<>(Map.copyOf(cast(again.get("bill")))));
        cast(again.get("bill")).put("bill_id", "CC-B-3");
        assertThat(admin.post("/purchases/actions/send-purchase", again).expect(400).invalidParams())
                .containsExactly("bill_number:already_exists");
        Map<String, Object> ofCancellation = cancellation(cancellation(original));
        assertThat(admin.post("/purchases/actions/send-purchase", ofCancellation).expect(400).invalidParams())
                .containsExactly("bill_number:not_allowed_value");
        Map<String, Object> unknown = cancellation(send(jana, "A", null, null, bill("NOPE", twoItems())));
        assertThat(admin.post("/purchases/actions/send-purchase", unknown).expect(400).invalidParams())
                .containsExactly("bill_number:not_found");
        assertThat(points(jana)).isEqualByComparingTo("1000");
    }

    @Test
    void aCancellationFromAnotherPosSystemIsRefused() {
        Api admin = admin();
        String jana = customerWithPoints(admin, "jana@example.com", 0);
        Map<String, Object> original = send(jana, "S", null, null, bill("B-4", twoItems()));
        admin.post("/purchases/actions/send-purchase", original).expect(201);
        Map<String, Object> cancel = cancellation(original);
        cancel.put("store_id", OTHER_SYSTEM_STORE);
        assertThat(admin.post("/purchases/actions/send-purchase", cancel).expect(400).invalidParams())
                .containsExactly("system_id:different_system_id");
        cancel.put("store_id", Checkout.STORE); // the original's store and POS system
        admin.post("/purchases/actions/send-purchase", cancel).expect(201);
    }

    @Test
    void pointsEarnedAndSpentBeforeTheCancellationLeaveAVisibleNegativeBalance() {
        Api admin = admin();
        String jana = customerWithPoints(admin, "jana@example.com", 0);
        Map<String, Object> original = send(jana, "S", null, null, bill("B-5", List.of(item("1", 1000, 1000,
                STORE_ITEM))));
        admin.post("/purchases/actions/send-purchase", original).expect(201);
        assertThat(points(jana)).isEqualByComparingTo("100");
        // the customer spends 80 of the 100 earned points on another purchase
        admin.post("/purchases/actions/send-purchase", send(jana, "S", 80, null, bill("B-6",
                List.of(item("1", 100, 100, STORE_ITEM))))).expect(201);
        assertThat(points(jana)).isEqualByComparingTo("26"); // 20 left + (100 - 40) * 0.1

        admin.post("/purchases/actions/send-purchase", cancellation(original)).expect(201);
        // 100 taken back: 20 still on the lot, 6 from the other lot, 74 short
        assertThat(points(jana)).isEqualByComparingTo("-74");
        assertThat(consistency.check()).isEmpty();
        assertThat(admin.post("/purchases/actions/send-purchase", send(jana, "S", 1, null, bill("B-7",
                List.of(item("1", 100, 100, STORE_ITEM))))).expect(400).invalidParams())
                .containsExactly("credit_points:not_enough_points_for_payment");
        // the next earnings settle the shortfall first
        assign(admin, jana, 80);
        assertThat(points(jana)).isEqualByComparingTo("6");
        assertThat(consistency.check()).isEmpty();
    }

    @Test
    void anAnonymousPurchaseEarnsOnlyWhenACustomerIsAssignedLater() {
        Api admin = admin();
        String jana = customerWithPoints(admin, "jana@example.com", 0);
        String id = admin.post("/purchases/actions/send-purchase", send(null, "S", null, null,
                bill("ANON-1", twoItems()))).expect(201).data().path("purchase_id").asString();
        assertThat(admin.get("/purchases/" + id).expect(200).data().path("customer_id").asString()).isEmpty();
        admin.post("/purchases/actions/assign-customer", Map.of("store_id", Checkout.STORE,
                "external_purchase_id", "ANON-1", "customer_id", jana)).expect(204);
        assertThat(points(jana)).isEqualByComparingTo("30");
        assertThat(admin.get("/purchases/" + id).expect(200).data().path("customer_id").asString()).isEqualTo(jana);
        // again with the same customer: nothing more; another customer: refused
        admin.post("/purchases/actions/assign-customer", Map.of("store_id", Checkout.STORE,
                "external_purchase_id", "ANON-1", "customer_id", jana)).expect(204);
        assertThat(points(jana)).isEqualByComparingTo("30");
        String petr = customerWithPoints(admin, "petr@example.com", 0);
        assertThat(admin.post("/purchases/actions/assign-customer", Map.of("store_id", Checkout.STORE,
                "external_purchase_id", "ANON-1", "customer_id", petr)).expect(400).invalidParams())
                .containsExactly("external_purchase_id:relation_already_exists");
        // PUT attaches a customer to an anonymous purchase the same way
        String id2 = admin.post("/purchases/actions/send-purchase", send(null, "S", null, null,
                bill("ANON-2", twoItems()))).expect(201).data().path("purchase_id").asString();
        JsonNode record = admin.get("/purchases/" + id2).expect(200).data();
        Map<String, Object> body = Api.JSON.convertValue(record, Map.class);
        body.put("customer_id", petr);
        admin.put("/purchases/" + id2, Map.of("purchase", body)).expect(204);
        assertThat(points(petr)).isEqualByComparingTo("30");
        assertThat(consistency.check()).isEmpty();
    }

    @Test
    void itemTypesAndLoyaltyOffChangeDiscountsEarningsAndPointPayments() {
        Api admin = admin();
        String jana = customerWithPoints(admin, "jana@example.com", 1000);
        Map<String, Object> off = item("off", 100, 100, STORE_ITEM);
        off.put("loyalty_off", true);
        List<Map<String, Object>> items = List.of(off, item("otc", 100, 100, OTC), item("po", 100, 100, POINTS_ONLY),
                item("nr", 100, 100, NO_REWARD), item("std", 100, 100, STORE_ITEM));
        JsonNode a = admin.post("/purchases/actions/accept-payment", accept(jana, "A", 220, bill("T-1", items)))
                .expect(200).data();
        // only the standard item gets the status discount
        assertThat(a.path("recommended_discounts")).hasSize(1);
        assertThat(a.path("recommended_discounts").get(0).path("bill_item_id").asString()).isEqualTo("std");
        // payable by points: po (first), nr, std = 100 + 100 + 90 = 290 → 580 points possible; 220 asked → 110
        assertThat(a.path("credit_points").decimalValue()).isEqualByComparingTo("220");
        assertThat(a.path("price_of_credit_points").decimalValue()).isEqualByComparingTo("110");
        // earning: nr 100 - 10 by points + std 90 = 180 → 18
        assertThat(a.path("credit_points_of_this_transaction").decimalValue()).isEqualByComparingTo("18");
    }

    @Test
    void everyRefusalNamesItsParameterAndChangesNothing() {
        Api admin = admin();
        String jana = customerWithPoints(admin, "jana@example.com", 50);
        Map<String, Object> body = send(jana, "S", null, null, bill("R-1", twoItems()));
        body.put("store_id", "no-such-store");
        assertThat(admin.post("/purchases/actions/send-purchase", body).expect(400).invalidParams())
                .containsExactly("store_id:not_found");
        body = send(jana, "S", null, null, bill("R-1", twoItems()));
        cast(body.get("bill")).put("purchase_type_id", "nope");
        assertThat(admin.post("/purchases/actions/send-purchase", body).expect(400).invalidParams())
                .containsExactly("purchase_type_id:not_allowed_value");
        body = send(jana, "S", null, null, bill("R-1", List.of(item("1", 10, 20, STORE_ITEM))));
        assertThat(admin.post("/purchases/actions/send-purchase", body).expect(400).invalidParams())
                .containsExactly("bill_item_id:item_price_lower_than_paid_amount");
        Map<String, Object> noId = item("1", 10, 10, STORE_ITEM);
        noId.remove("bill_item_id");
        body = send(jana, "S", null, null, bill("R-1", List.of(noId)));
        assertThat(admin.post("/purchases/actions/send-purchase", body).expect(400).invalidParams())
                .containsExactly("bill_item_id:required");
        body = send(jana, "S", null, null, bill("R-1", twoItems()));
        cast(body.get("bill")).put("payment_time", "yesterday");
        assertThat(admin.post("/purchases/actions/send-purchase", body).expect(400).invalidParams())
                .containsExactly("payment_time:invalid_value_format");
        body = send(jana, "S", 60, null, bill("R-1", twoItems()));
        assertThat(admin.post("/purchases/actions/send-purchase", body).expect(400).invalidParams())
                .containsExactly("credit_points:not_enough_points_for_payment");
        // points: anonymous, below the minimum purchase; credits without any
        assertThat(admin.post("/purchases/actions/accept-payment", accept(null, "S", 10, bill("R-1", twoItems())))
                .expect(400).invalidParams()).containsExactly("max_points:customer_cant_pay_by_points");
        assertThat(admin.post("/purchases/actions/accept-payment", accept(jana, "S", 10,
                bill("R-1", List.of(item("1", 10, 10, STORE_ITEM))))).expect(400).invalidParams())
                .containsExactly("max_points:points_min_amount_of_purchase");
        assertThat(admin.post("/purchases/actions/accept-payment", accept(jana, "C", null, bill("R-1", twoItems())))
                .expect(400).invalidParams()).containsExactly("payment_type:customer_cant_pay_by_credits");
        // a deleted customer
        String gone = customerWithPoints(admin, "gone@example.com", 0);
        dsl.update(Tables.CUSTOMER).set(Tables.CUSTOMER.STATE, 0).where(Tables.CUSTOMER.ID.eq(gone)).execute();
        assertThat(admin.post("/purchases/actions/send-purchase", send(gone, "S", null, null,
                bill("R-1", twoItems()))).expect(400).invalidParams()).containsExactly("customer_id:customer_was_deleted");
        assertThat(dsl.fetchCount(Tables.PURCHASE)).isZero();
        assertThat(points(jana)).isEqualByComparingTo("50");
    }

    @Test
    void aBlockedCardIsRefusedAndAnActiveCardNamesTheCustomer() {
        Api admin = admin();
        importProject("test-cards.yaml");
        String jana = customerWithPoints(admin, "jana@example.com", 0);
        admin.post("/cards", Map.of("card", Map.of("customer_id", jana, "card_number", "7700001", "state", 1,
                "card_type_id", GOLD_CARD))).expect(201);
        admin.post("/cards", Map.of("card", Map.of("customer_id", jana, "card_number", "7700002", "state", 0,
                "card_type_id", GOLD_CARD))).expect(201);
        Map<String, Object> body = send(null, "S", null, null, bill("K-1", twoItems()));
        body.put("card_number", "7700002");
        assertThat(admin.post("/purchases/actions/send-purchase", body).expect(400).invalidParams())
                .containsExactly("card_number:card_is_blocked");
        body.put("card_number", "7700001");
        String id = admin.post("/purchases/actions/send-purchase", body).expect(201).data().path("purchase_id")
                .asString();
        JsonNode purchase = admin.get("/purchases/" + id).expect(200).data();
        assertThat(purchase.path("customer_id").asString()).isEqualTo(jana);
        assertThat(purchase.path("card_number").asString()).isEqualTo("7700001");
        assertThat(points(jana)).isEqualByComparingTo("30");
    }

    @Test
    void theCustomerApiSeesOnlyItsCustomersPurchases() {
        Api admin = admin();
        String me = customerWithPoints(admin, "me@example.com", 0);
        String other = customerWithPoints(admin, "other@example.com", 0);
        String mine = admin.post("/purchases/actions/send-purchase", send(me, "S", null, null, bill("M-1",
                twoItems()))).expect(201).data().path("purchase_id").asString();
        String theirs = admin.post("/purchases/actions/send-purchase", send(other, "S", null, null, bill("O-1",
                twoItems()))).expect(201).data().path("purchase_id").asString();
        String token = customerToken("phone-1");
        Api app = customer().bearer(token);
        app.post("/tokens/" + token + "/actions/login", Map.of("login_type", "email", "login_value", "me@example.com",
                "password", Checkout.PASSWORD)).expect(200);

        assertThat(app.get("/purchases").expect(200).data().path("total_items").asInt()).isEqualTo(1);
        app.get("/purchases/" + mine).expect(200);
        assertThat(app.get("/purchases/" + theirs).expect(400).invalidParams())
                .containsExactly("purchase_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/purchases/" + theirs + "/purchase-items").expect(400).invalidParams())
                .containsExactly("purchase_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/purchases/" + theirs + "/points").expect(400).invalidParams())
                .containsExactly("purchase_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/purchases/" + theirs + "/vouchers").expect(400).invalidParams())
                .containsExactly("purchase_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/purchases/" + theirs + "/actions/payment-summary").expect(400).invalidParams())
                .containsExactly("purchase_id:not_belong_to_logged_in_customer");
        app.get("/customers/" + me + "/purchases").expect(200);
        assertThat(app.get("/customers/" + other + "/purchases").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(app.post("/purchases/actions/accept-payment", accept(other, "S", null, bill("X", twoItems())))
                .expect(400).invalidParams()).containsExactly("customer_id:not_belong_to_logged_in_customer");
        app.post("/purchases/actions/assign-customer", Map.of("store_id", Checkout.STORE,
                "external_purchase_id", "M-1", "customer_id", me)).expect(403);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
