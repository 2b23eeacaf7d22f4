package io.patron.purchase;

import static io.patron.purchase.Checkout.CLUB;
import static io.patron.purchase.Checkout.CZK;
import static io.patron.purchase.Checkout.GIFT;
import static io.patron.purchase.Checkout.accept;
import static io.patron.purchase.Checkout.bill;
import static io.patron.purchase.Checkout.cancellation;
import static io.patron.purchase.Checkout.newCustomer;
import static io.patron.purchase.Checkout.send;
import static io.patron.purchase.CheckoutRules.product;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.catalog.CatalogQueries;
import io.patron.config.ProjectImporter;
import io.patron.events.OutboxPoller;
import io.patron.loyalty.LedgerConsistency;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.tier.Tiers;
import tools.jackson.databind.JsonNode;

/**
 * The checkout's rules over HTTP with the real providers: rewards limited to a segment or to customer types,
 * payment with credit (type C) through accept-payment, send-purchase and the cancellation, and earning
 * multipliers with the rule's rounding.
 */
class CheckoutRulesTest extends ApiTest {

    @Autowired
    ProjectImporter importer;
    @Autowired
    CatalogQueries catalog;
    @Autowired
    LookupQueries lookups;
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
        importProject("test-rewards.yaml");
        importProject("test-purchases.yaml");
        CheckoutRules.importInto(importer);
    }

    private static Map<String, BigDecimal> discounts(JsonNode answer) {
        Map<String, BigDecimal> out = new java.util.TreeMap<>();
        answer.path("recommended_discounts").forEach(d -> out.merge(d.path("discount_code").asString(),
                d.path("discount_value").decimalValue(), BigDecimal::add));
        return out;
    }

    private JsonNode acceptCap(Api admin, String customerId, String billId) {
        return admin.post("/purchases/actions/accept-payment", accept(customerId, "S", null,
                bill(billId, List.of(product("1", "RW-CAP", 300))))).expect(200).data();
    }

    @Test
    void aSegmentRewardAppliesToTheSegmentsMembersOnly() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String petr = newCustomer(admin, "petr@example.com");
        admin.post("/segments/" + CheckoutRules.SEGMENT + "/actions/add-customer", Map.of("customer_id", petr))
                .expect(204);

        assertThat(discounts(acceptCap(admin, jana, "SG-1"))).doesNotContainKey(CheckoutRules.VIP);
        assertThat(discounts(acceptCap(admin, null, "SG-1"))).doesNotContainKey(CheckoutRules.VIP);
        JsonNode member = acceptCap(admin, petr, "SG-1");
        assertThat(discounts(member)).containsEntry(CheckoutRules.VIP, new BigDecimal("60"));

        // send-purchase commits the same discount: the cap was paid 240
        String id = admin.post("/purchases/actions/send-purchase", send(petr, "S", null, null,
                bill("SG-1", List.of(product("1", "RW-CAP", 300))))).expect(201).data().path("purchase_id").asString();
        assertThat(admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data()
                .path("earned_points").decimalValue()).isEqualByComparingTo(member.path(
                "credit_points_of_this_transaction").decimalValue());

        // leaving the segment ends it
        admin.post("/segments/" + CheckoutRules.SEGMENT + "/actions/remove-customer", Map.of("customer_id", petr))
                .expect(204);
        assertThat(discounts(acceptCap(admin, petr, "SG-2"))).doesNotContainKey(CheckoutRules.VIP);
    }

    @Test
    void rewardsLimitedToCustomerTypesApplyToCustomersOfThoseTypes() {
        Api admin = admin();
        String business = lookups.idOf(LookupKind.CUSTOMER_TYPES, "business").orElseThrow();
        String jana = newCustomer(admin, "jana@example.com");
        String firm = newCustomer(admin, "firm@example.com");
        admin.post("/customers/" + firm + "/property-records", Map.of("property_record",
                Map.of("property_id", "customer_type", "property_value", business))).expect(201);

        assertThat(discounts(acceptCap(admin, jana, "CT-1"))).doesNotContainKey(CheckoutRules.BUSINESS);
        assertThat(discounts(acceptCap(admin, null, "CT-1"))).doesNotContainKey(CheckoutRules.BUSINESS);
        assertThat(discounts(acceptCap(admin, firm, "CT-1"))).containsEntry(CheckoutRules.BUSINESS,
                new BigDecimal("90"));

        // a presented code for business customers: refused for a private one with the reason, applied for the firm
        Map<String, Object> asked = accept(jana, "A", null, bill("CT-2", List.of(product("1", "RW-CAP", 300))));
        asked.put("benefit_codes", List.of(CheckoutRules.BUSINESS_CODE));
        JsonNode refused = admin.post("/purchases/actions/accept-payment", asked).expect(200).data();
        assertThat(refused.path("vouchers")).isEmpty();
        List<String> messages = new ArrayList<>();
        refused.path("messages").forEach(m -> messages.add(m.path("text").asString()));
        assertThat(messages).contains("The reward is not for this customer.");
        asked.put("customer_id", firm);
        JsonNode applied = admin.post("/purchases/actions/accept-payment", asked).expect(200).data();
        assertThat(applied.path("vouchers").get(0).path("code").asString()).isEqualTo(CheckoutRules.BUSINESS_CODE);

        // the customer's rewards list shows the business rewards to the firm only
        assertThat(rewardCodes(admin, firm)).contains(CheckoutRules.BUSINESS, CheckoutRules.BUSINESS_CODE);
        assertThat(rewardCodes(admin, jana)).doesNotContain(CheckoutRules.BUSINESS, CheckoutRules.BUSINESS_CODE);
    }

    private static List<String> rewardCodes(Api admin, String customerId) {
        List<String> codes = new ArrayList<>();
        admin.get("/customers/" + customerId + "/rewards", "count", "100").expect(200).data().path("rewards")
                .forEach(r -> codes.add(r.path("code").asString()));
        return codes;
    }

    @Test
    void creditPaysABillOfTypeCAndTheCancellationGivesTheCreditBack() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Tiers.deliverEvents(poller, dsl);
        admin.post("/credits/actions/deposit-credits", Map.of("customer_id", jana, "amount", 100,
                "partner_id", "shop-partner")).expect(201);
        Map<String, Object> bill = bill("CR-1", List.of(product("1", "RW-CAP", 300)));
        Map<String, Object> asked = accept(jana, "C", null, bill);
        asked.put("max_credit", 80);
        JsonNode answer = admin.post("/purchases/actions/accept-payment", asked).expect(200).data();
        assertThat(answer.path("credit").decimalValue()).isEqualByComparingTo("80");
        assertThat(answer.path("total_credit").decimalValue()).isEqualByComparingTo("20");
        assertThat(credit(jana)).isEqualByComparingTo("100");

        Map<String, Object> sent = send(jana, "C", null, 80, bill);
        String id = admin.post("/purchases/actions/send-purchase", sent).expect(201).data().path("purchase_id")
                .asString();
        assertThat(credit(jana)).isEqualByComparingTo("20");
        assertThat(admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data()
                .path("used_credits").decimalValue()).isEqualByComparingTo("80");
        // more credit than is left: refused, nothing written
        Map<String, Object> tooMuch = send(jana, "C", null, 50, bill("CR-2", List.of(product("1", "RW-CAP", 300))));
        assertThat(admin.post("/purchases/actions/send-purchase", tooMuch).expect(400).invalidParams())
                .containsExactly("payment_type:customer_cant_pay_by_credits");
        assertThat(credit(jana)).isEqualByComparingTo("20");

        admin.post("/purchases/actions/send-purchase", cancellation(sent)).expect(201);
        assertThat(credit(jana)).isEqualByComparingTo("100");
        assertThat(wallets.pointBalance(jana, CLUB).available()).isEqualByComparingTo("0");
        assertThat(consistency.check()).isEmpty();
    }

    @Test
    void onRequestAcceptPaymentTracesWhatItConsideredAndWhyWithoutChangingTheBody() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Tiers.deliverEvents(poller, dsl);
        Map<String, Object> asked = accept(jana, "S", null, bill("TR-1", List.of(product("1", "RW-SHOE", 2000),
                product("2", "RW-CAP", 300))));
        asked.put("benefit_codes", List.of("NO-SUCH-CODE"));
        Api.Response plain = admin.post("/purchases/actions/accept-payment", asked).expect(200);
        assertThat(plain.header("X-Patron-Checkout-Trace")).isNull();
        Api.Response traced = admin.header("X-Patron-Trace", "true").post("/purchases/actions/accept-payment", asked)
                .expect(200);
        assertThat(traced.data()).isEqualTo(plain.data());
        JsonNode trace = Api.JSON.readTree(traced.header("X-Patron-Checkout-Trace"));
        assertThat(trace.path("payment_type").asString()).isEqualTo("S");
        JsonNode auto = find(trace.path("applied"), "RW-AUTO5");
        assertThat(auto.path("kind").asString()).isEqualTo("automated_reward");
        assertThat(auto.path("items").get(0).path("bill_item_id").asString()).isEqualTo("1");
        assertThat(auto.path("items").get(0).path("value").decimalValue()).isEqualByComparingTo("100");
        assertThat(find(trace.path("not_applied"), CheckoutRules.VIP).path("reason").asString())
                .isEqualTo("voucher_cant_be_applied_by_segment");
        assertThat(find(trace.path("not_applied"), CheckoutRules.BUSINESS).path("reason").asString())
                .isEqualTo("voucher_cant_be_applied_by_segment");
        JsonNode code = find(trace.path("not_applied"), "NO-SUCH-CODE");
        assertThat(code.path("kind").asString()).isEqualTo("presented_code");
        assertThat(code.path("reason").asString()).isEqualTo("not_found");
        assertThat(trace.path("earned_points").path(CLUB).decimalValue()).isEqualByComparingTo(
                plain.data().path("credit_points_of_this_transaction").decimalValue());
    }

    private static JsonNode find(JsonNode list, String code) {
        for (JsonNode n : list) {
            if (code.equals(n.path("code").asString(""))) {
                return n;
            }
        }
        throw new AssertionError("No " + code + " in " + list);
    }

    private BigDecimal credit(String customerId) {
        return wallets.creditBalance(customerId, GIFT, CZK).available();
    }

    @Test
    void earningMultipliersGiveThePointsOfTheirItemsRoundedOnceAsTheRuleSays() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Tiers.deliverEvents(poller, dsl);
        // shoe (Nordic ×2) 2000 less the automated 5 % = 1900 → 380; cap (×3) 305 → 91.5; sock (×1) 101 → 10.1
        Map<String, Object> bill = bill("EM-1", List.of(product("1", "RW-SHOE", 2000), product("2", "RW-CAP", 305),
                product("3", "RW-SOCK", 101)));
        JsonNode answer = admin.post("/purchases/actions/accept-payment", accept(jana, "S", null, bill)).expect(200)
                .data();
        assertThat(discounts(answer)).containsExactly(Map.entry("RW-AUTO5", new BigDecimal("100")));
        // 481.6 rounded half up to whole points (the rule's rounding; down would give 481)
        assertThat(answer.path("credit_points_of_this_transaction").decimalValue()).isEqualByComparingTo("482");

        String id = admin.post("/purchases/actions/send-purchase", send(jana, "S", null, null, bill)).expect(201)
                .data().path("purchase_id").asString();
        assertThat(admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data()
                .path("earned_points").decimalValue()).isEqualByComparingTo("482");
        assertThat(wallets.pointBalance(jana, CLUB).available()).isEqualByComparingTo("482");
        // payment type D collects no points
        assertThat(admin.post("/purchases/actions/accept-payment", accept(jana, "D", null, bill("EM-2",
                List.of(product("1", "RW-CAP", 305))))).expect(200).data().path("credit_points_of_this_transaction")
                .decimalValue()).isEqualByComparingTo("0");
    }
}
