package io.patron.purchase;

import static io.patron.purchase.Checkout.CLUB;
import static io.patron.purchase.Checkout.accept;
import static io.patron.purchase.Checkout.assign;
import static io.patron.purchase.Checkout.bill;
import static io.patron.purchase.Checkout.cancellation;
import static io.patron.purchase.Checkout.item;
import static io.patron.purchase.Checkout.newCustomer;
import static io.patron.purchase.Checkout.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.events.OutboxPoller;
import io.patron.loyalty.LedgerConsistency;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.tier.Tiers;
import tools.jackson.databind.JsonNode;

/**
 * Generated baskets through the real API (a seeded generator, so a failure repeats): send-purchase commits exactly
 * what accept-payment computed for the same basket and recap, and its cancellation restores every balance.
 */
class CheckoutRoundTripTest extends ApiTest {

    private static final List<String> TYPES = List.of(PurchaseTest.STORE_ITEM, PurchaseTest.STORE_ITEM,
            PurchaseTest.NO_REWARD, PurchaseTest.OTC, PurchaseTest.POINTS_ONLY);

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

    @Test
    void sendPurchaseCommitsWhatAcceptPaymentComputedAndTheCancellationRestoresTheWallet() {
        Api admin = admin();
        Random random = new Random(20261202L);
        for (int round = 0; round < 12; round++) {
            String customer = newCustomer(admin, "round" + round + "@example.com");
            Tiers.deliverEvents(poller, dsl);
            int start = random.nextInt(2000);
            if (start > 0) {
                assign(admin, customer, start);
            }
            List<Map<String, Object>> items = new ArrayList<>();
            int lines = 1 + random.nextInt(5);
            for (int i = 0; i < lines; i++) {
                int price = 1 + random.nextInt(800);
                int paid = price - random.nextInt(Math.max(1, price / 4));
                Map<String, Object> item = item("L" + i, price, paid, TYPES.get(random.nextInt(TYPES.size())));
                item.put("loyalty_off", random.nextInt(6) == 0);
                items.add(item);
            }
            String type = List.of("S", "A", "D").get(random.nextInt(3));
            int maxPoints = random.nextInt(3) == 0 ? 0 : random.nextInt(1500);
            String billId = "RT-" + round;
            Map<String, Object> theBill = bill(billId, items);
            BigDecimal total = new BigDecimal(String.valueOf(theBill.get("total_price")));
            Api.Response answer = admin.post("/purchases/actions/accept-payment",
                    accept(customer, type, maxPoints == 0 ? null : maxPoints, theBill));
            if (answer.status() == 400) {
                // points pay only bills of at least 20 after discounts (at most 10 % off)
                assertThat(answer.invalidParams()).containsExactly("max_points:points_min_amount_of_purchase");
                assertThat(total).isLessThan(new BigDecimal("23"));
                continue;
            }
            JsonNode a = answer.expect(200).data();
            BigDecimal before = wallets.pointBalance(customer, CLUB).available();
            BigDecimal points = a.path("credit_points").decimalValue();
            String id = admin.post("/purchases/actions/send-purchase", send(customer, type,
                    points.signum() > 0 ? points : null, null, bill(billId, items))).expect(201).data()
                    .path("purchase_id").asString();
            assertThat(wallets.pointBalance(customer, CLUB).available())
                    .isEqualByComparingTo(a.path("total_credit_points").decimalValue());
            JsonNode summary = admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data();
            assertThat(summary.path("earned_points").decimalValue())
                    .isEqualByComparingTo(a.path("credit_points_of_this_transaction").decimalValue());
            assertThat(summary.path("used_points").decimalValue()).isEqualByComparingTo(points);

            admin.post("/purchases/actions/send-purchase", cancellation(send(customer, type, null, null,
                    bill(billId, items)))).expect(201);
            assertThat(wallets.pointBalance(customer, CLUB).available()).isEqualByComparingTo(before);
            assertThat(consistency.check()).isEmpty();
        }
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerOfSendPurchase() {
        Api admin = admin();
        String customer = newCustomer(admin, "idem@example.com");
        Map<String, Object> body = send(customer, "S", null, null, bill("IDEM-1",
                List.of(item("1", 100, 100, PurchaseTest.STORE_ITEM))));
        Api keyed = admin.header("Idempotency-Key", Ids.newId());
        Api.Response first = keyed.post("/purchases/actions/send-purchase", body).expect(201);
        Api.Response again = keyed.post("/purchases/actions/send-purchase", body).expect(201);
        assertThat(again.data().path("purchase_id").asString())
                .isEqualTo(first.data().path("purchase_id").asString());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        // without the key, the repeat is refused by bill_id
        assertThat(admin.post("/purchases/actions/send-purchase", body).expect(400).invalidParams())
                .containsExactly("bill_id:already_exists");
    }
}
