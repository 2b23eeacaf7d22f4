package io.patron.purchase;

import static io.patron.purchase.Checkout.CLUB;
import static io.patron.purchase.Checkout.accept;
import static io.patron.purchase.Checkout.assign;
import static io.patron.purchase.Checkout.bill;
import static io.patron.purchase.Checkout.cancellation;
import static io.patron.purchase.Checkout.item;
import static io.patron.purchase.Checkout.newCustomer;
import static io.patron.purchase.Checkout.send;
import static io.patron.purchase.PurchaseTest.STORE_ITEM;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.events.OutboxPoller;
import io.patron.loyalty.LedgerConsistency;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.tier.Tiers;
import tools.jackson.databind.JsonNode;

/**
 * The checkout with the real reward providers over HTTP: a cash-desk code accept-payment applied comes back in
 * send-purchase's recap, and send-purchase commits exactly what accept-payment answered.
 */
class CheckoutWithRewardsTest extends ApiTest {

    @Autowired
    OutboxPoller poller;
    @Autowired
    DSLContext dsl;
    @Autowired
    LoyaltyLedger wallets;
    @Autowired
    LedgerConsistency consistency;

    @BeforeEach
    void project() {
        // the rewards' project first: the checkout's point values and earning rules are the ones that stay
        importProject("test-rewards.yaml");
        importProject("test-purchases.yaml");
    }

    private BigDecimal points(String customerId) {
        return wallets.pointBalance(customerId, CLUB).available();
    }

    @Test
    void aCashDeskCodeAcceptedIsCommittedFromTheRecapAndTheCancellationGivesEverythingBack() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Tiers.deliverEvents(poller, dsl);
        assign(admin, jana, 1000);
        Map<String, Object> bill = bill("RB-1", List.of(item("1", 200, 200, STORE_ITEM), item("2", 100, 100, STORE_ITEM)));
        Map<String, Object> asked = accept(jana, "A", 100, bill);
        asked.put("benefit_codes", List.of("RW-CASH10"));

        JsonNode answer = admin.post("/purchases/actions/accept-payment", asked).expect(200).data();
        // the presented code is answered under vouchers, 10 % of each item
        assertThat(answer.path("vouchers").valueStream().map(v -> v.path("code").asString()))
                .containsOnly("RW-CASH10").hasSize(2);
        assertThat(answer.path("vouchers").valueStream().map(v -> v.path("discount_value").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("30");
        BigDecimal earned = answer.path("credit_points_of_this_transaction").decimalValue();
        assertThat(points(jana)).isEqualByComparingTo("1000");

        // the cash desk sends back what it was answered
        Map<String, Object> sent = send(jana, "A", answer.path("credit_points").decimalValue(), null, bill);
        @SuppressWarnings("unchecked")
        Map<String, Object> finalBill = new HashMap<>((Map<String, Object>) sent.get("bill"));
        @SuppressWarnings("unchecked")
        Map<String, Object> recap = new HashMap<>((Map<String, Object>) finalBill.get("payment_recap"));
        recap.put("vouchers", Api.JSON.convertValue(answer.path("vouchers"), List.class));
        finalBill.put("payment_recap", recap);
        sent.put("bill", finalBill);
        String id = admin.post("/purchases/actions/send-purchase", sent).expect(201).data().path("purchase_id")
                .asString();
        JsonNode summary = admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data();
        assertThat(summary.path("earned_points").decimalValue()).isEqualByComparingTo(earned);
        assertThat(points(jana)).isEqualByComparingTo(new BigDecimal("900").add(earned));

        admin.post("/purchases/actions/send-purchase", cancellation(sent)).expect(201);
        assertThat(points(jana)).isEqualByComparingTo("1000");
        assertThat(consistency.check()).isEmpty();
    }
}
