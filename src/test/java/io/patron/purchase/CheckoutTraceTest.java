package io.patron.purchase;

import static io.patron.purchase.Checkout.CLUB;
import static io.patron.purchase.Checkout.CZK;
import static io.patron.purchase.Checkout.accept;
import static io.patron.purchase.Checkout.assign;
import static io.patron.purchase.Checkout.bill;
import static io.patron.purchase.Checkout.cancellation;
import static io.patron.purchase.Checkout.item;
import static io.patron.purchase.Checkout.newCustomer;
import static io.patron.purchase.Checkout.send;
import static io.patron.purchase.CheckoutRules.product;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.catalog.CatalogQueries;
import io.patron.catalog.PluId;
import io.patron.config.ProjectImporter;
import io.patron.events.OutboxPoller;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.tier.Tiers;
import tools.jackson.databind.JsonNode;

/**
 * The explainable checkout's trace ({@code X-Patron-Trace: true}) of send-purchase, which describes what the
 * purchase committed, and of campaign prices that lost to a better one; without the header nothing changes.
 */
class CheckoutTraceTest extends ApiTest {

    private static final String TRACE = "X-Patron-Checkout-Trace";

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

    @BeforeEach
    void project() {
        importProject("test-rewards.yaml");
        importProject("test-purchases.yaml");
        CheckoutRules.importInto(importer);
    }

    /** Shoe (Nordic, automated 5 %), cap (×3), sock (a stamp), and an item of type no_reward without a product. */
    private static Map<String, Object> basket(String billId) {
        return bill(billId, List.of(product("1", "RW-SHOE", 2000), product("2", "RW-CAP", 300),
                product("3", "RW-SOCK", 101), item("4", 50, 50, PurchaseTest.NO_REWARD)));
    }

    @Test
    void sendPurchaseTracesWhatItCommittedPerItemWithItsEarningAndStamps() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Tiers.deliverEvents(poller, dsl); // the sign-up status: 10 % overall discount, pays by points
        assign(admin, jana, 1000);
        Api tracing = admin.header("X-Patron-Trace", "true");

        // what accept-payment offers is what send-purchase commits, and both traces say so
        JsonNode offer = Api.JSON.readTree(tracing.post("/purchases/actions/accept-payment",
                accept(jana, "A", 100, basket("TS-1"))).expect(200).header(TRACE));
        Api.Response sent = tracing.post("/purchases/actions/send-purchase", send(jana, "A", 100, null,
                basket("TS-1"))).expect(201);
        String id = sent.data().path("purchase_id").asString();
        assertThat(fields(sent.data())).containsExactly("purchase_id");
        JsonNode trace = Api.JSON.readTree(sent.header(TRACE));
        assertThat(trace.path("action").asString()).isEqualTo("send-purchase");
        assertThat(trace.path("applied")).isEqualTo(offer.path("applied"));
        assertThat(trace.path("earning_rules")).isEqualTo(offer.path("earning_rules"));

        // applied, per item: the automated 5 % on the shoe, the status's 10 % on the cap and the sock
        JsonNode auto = find(trace.path("applied"), "RW-AUTO5");
        assertThat(auto.path("kind").asString()).isEqualTo("automated_reward");
        assertThat(values(auto)).containsExactly(Map.entry("1", "100"));
        JsonNode status = find(trace.path("applied"), "status");
        assertThat(status.path("kind").asString()).isEqualTo("status_discount");
        assertThat(values(status)).containsExactly(Map.entry("2", "30"), Map.entry("3", "10.1"));
        // not applied: the status discount on the discounted shoe and the no_reward item, the segment's reward
        assertThat(statusSkips(trace)).containsExactly(Map.entry("1", "item_already_discounted"),
                Map.entry("4", "item_takes_no_discounts"));
        JsonNode vip = find(trace.path("not_applied"), CheckoutRules.VIP);
        assertThat(vip.path("reason").asString()).isEqualTo("voucher_cant_be_applied_by_segment");
        assertThat(vip.path("condition").asString()).contains("segments");

        // the items: 100 points (worth 50) paid the shoe first
        JsonNode shoe = trace.path("items").get(0);
        assertThat(shoe.path("final_amount").decimalValue()).isEqualByComparingTo("1900");
        assertThat(shoe.path("points_paid").decimalValue()).isEqualByComparingTo("50");
        assertThat(trace.path("items").get(3).path("takes_discounts").asBoolean()).isFalse();
        assertThat(trace.path("items").get(3).path("earns").asBoolean()).isTrue();

        // earning per rule and item: (1900 - 50) × 0.1 × 2 + 270 × 0.1 × 3 + 90.9 × 0.1 + 50 × 0.1 = 465.09 → 465
        JsonNode rule = trace.path("earning_rules").get(0);
        assertThat(rule.path("applied").asBoolean()).isTrue();
        assertThat(rule.path("point_type_id").asString()).isEqualTo(CLUB);
        assertThat(rule.path("rounding").asString()).isEqualTo("half_up");
        assertThat(rule.path("points").decimalValue()).isEqualByComparingTo("465");
        Map<String, BigDecimal> perItem = new HashMap<>();
        rule.path("items").forEach(i -> perItem.put(i.path("bill_item_id").asString(),
                i.path("points").decimalValue()));
        assertThat(perItem).hasSize(4);
        assertThat(perItem.get("1")).isEqualByComparingTo("370");
        assertThat(perItem.get("2")).isEqualByComparingTo("81");
        assertThat(perItem.get("3")).isEqualByComparingTo("9.09");
        assertThat(perItem.get("4")).isEqualByComparingTo("5");
        assertThat(rule.path("items").get(0).path("multiplier").decimalValue()).isEqualByComparingTo("2");
        assertThat(rule.path("items").get(0).path("base").decimalValue()).isEqualByComparingTo("1850");

        // what was committed, as the purchase's records and the wallet show it
        JsonNode committed = trace.path("committed");
        assertThat(committed.path("purchase_id").asString()).isEqualTo(id);
        assertThat(committed.path("points_redeemed").path("points").decimalValue()).isEqualByComparingTo("100");
        assertThat(committed.path("points_redeemed").path("value").decimalValue()).isEqualByComparingTo("50");
        assertThat(committed.path("points_earned").path(CLUB).decimalValue()).isEqualByComparingTo("465");
        assertThat(committed.path("vouchers_used")).isEmpty();
        JsonNode summary = admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data();
        assertThat(summary.path("earned_points").decimalValue()).isEqualByComparingTo("465");
        assertThat(summary.path("used_points").decimalValue()).isEqualByComparingTo("100");
        assertThat(wallets.pointBalance(jana, CLUB).available()).isEqualByComparingTo("1365");
        assertThat(trace.path("final_total").decimalValue()).isEqualByComparingTo("2310.9");
        JsonNode stamps = committed.path("recorded");
        assertThat(stamps).hasSize(1);
        assertThat(stamps.get(0).path("kind").asString()).isEqualTo("stamp");
        assertThat(stamps.get(0).path("count").asInt()).isEqualTo(1);

        // a refused purchase (the bill exists) has no trace, and nothing is written
        Api.Response refused = tracing.post("/purchases/actions/send-purchase", send(jana, "A", 100, null,
                basket("TS-1"))).expect(400);
        assertThat(refused.invalidParams()).containsExactly("bill_id:already_exists");
        assertThat(refused.header(TRACE)).isNull();
        assertThat(wallets.pointBalance(jana, CLUB).available()).isEqualByComparingTo("1365");

        // the cancellation's trace: what it took back
        Api.Response cancelled = tracing.post("/purchases/actions/send-purchase",
                cancellation(send(jana, "A", 100, null, basket("TS-1")))).expect(201);
        JsonNode back = Api.JSON.readTree(cancelled.header(TRACE)).path("committed");
        assertThat(back.path("purchase_id").asString()).isEqualTo(cancelled.data().path("purchase_id").asString());
        assertThat(back.path("cancels_purchase_id").asString()).isEqualTo(id);
        assertThat(back.path("earned_points_taken_back").decimalValue()).isEqualByComparingTo("465");
        assertThat(back.path("redeemed_points_returned").decimalValue()).isEqualByComparingTo("100");
        assertThat(wallets.pointBalance(jana, CLUB).available()).isEqualByComparingTo("1000");
    }

    @Test
    void campaignPricesThatLostOrDoNotFitAreTracedWithTheirReasonAndWhatTheyWouldHaveGiven() {
        Api admin = admin();
        String campaign = admin.post("/campaigns", Map.of("campaign", Map.of("name", "Cap weeks"))).expect(201)
                .data().path("campaign_id").asString();
        String cap = catalog.productIdByPlu(List.of(new PluId("GLOBAL", "RW-CAP"))).orElseThrow();
        String privateType = lookups.idOf(LookupKind.CUSTOMER_TYPES, "private").orElseThrow();
        String businessType = lookups.idOf(LookupKind.CUSTOMER_TYPES, "business").orElseThrow();
        String tenOff = campaignPrice(admin, campaign, cap, 10, privateType);
        String twentyOff = campaignPrice(admin, campaign, cap, 20, privateType);
        String business = campaignPrice(admin, campaign, cap, 30, businessType);
        String jana = newCustomer(admin, "jana@example.com");
        Tiers.deliverEvents(poller, dsl); // a status with a discount, which payment type S does not allow
        Map<String, Object> bill = bill("CP-1", List.of(product("1", "RW-CAP", 300)));
        Api tracing = admin.header("X-Patron-Trace", "true");

        Api.Response offered = tracing.post("/purchases/actions/accept-payment", accept(jana, "S", null, bill))
                .expect(200);
        Api.Response sent = tracing.post("/purchases/actions/send-purchase", send(jana, "S", null, null, bill))
                .expect(201);
        for (Api.Response answer : List.of(offered, sent)) {
            JsonNode trace = Api.JSON.readTree(answer.header(TRACE));
            JsonNode won = find(trace.path("applied"), twentyOff);
            assertThat(won.path("kind").asString()).isEqualTo("campaign_price");
            assertThat(values(won)).containsExactly(Map.entry("1", "60"));
            JsonNode lost = find(trace.path("not_applied"), tenOff);
            assertThat(lost.path("kind").asString()).isEqualTo("campaign_price");
            assertThat(lost.path("reason").asString()).isEqualTo("better_campaign_price_applied");
            assertThat(lost.path("bill_item_id").asString()).isEqualTo("1");
            assertThat(lost.path("value").decimalValue()).isEqualByComparingTo("30");
            assertThat(lost.path("condition").asString()).contains(twentyOff).contains("60");
            JsonNode other = find(trace.path("not_applied"), business);
            assertThat(other.path("reason").asString()).isEqualTo("not_for_customer_type");
            assertThat(other.path("value").decimalValue()).isEqualByComparingTo("90");
            // payment type S: no status discount at all, said once for the whole bill
            JsonNode status = find(trace.path("not_applied"), "status");
            assertThat(status.path("reason").asString()).isEqualTo("payment_type_without_overall_discounts");
        }
        // the answer is the campaign price, as without the trace
        JsonNode discount = offered.data().path("recommended_discounts").get(0);
        assertThat(discount.path("discount_code").asString()).isEqualTo(twentyOff);
        assertThat(discount.path("discount_value").decimalValue()).isEqualByComparingTo("60");
    }

    @Test
    void withoutTheHeaderNothingChanges() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Tiers.deliverEvents(poller, dsl);
        Map<String, Object> asked = accept(jana, "A", null, basket("NH-1"));
        Api.Response plain = admin.post("/purchases/actions/accept-payment", asked).expect(200);
        assertThat(plain.header(TRACE)).isNull();
        Api.Response no = admin.header("X-Patron-Trace", "false").post("/purchases/actions/accept-payment", asked)
                .expect(200);
        assertThat(no.header(TRACE)).isNull();
        assertThat(no.data()).isEqualTo(plain.data());

        Api.Response sent = admin.post("/purchases/actions/send-purchase", send(jana, "A", null, null,
                basket("NH-1"))).expect(201);
        assertThat(sent.header(TRACE)).isNull();
        assertThat(fields(sent.data())).containsExactly("purchase_id");
        Api.Response other = admin.header("X-Patron-Trace", "no").post("/purchases/actions/send-purchase",
                send(jana, "A", null, null, basket("NH-2"))).expect(201);
        assertThat(other.header(TRACE)).isNull();
        // the same purchase either way
        assertThat(admin.get("/purchases/" + other.data().path("purchase_id").asString() + "/actions/payment-summary")
                .expect(200).data().path("earned_points").decimalValue()).isEqualByComparingTo(admin.get(
                "/purchases/" + sent.data().path("purchase_id").asString() + "/actions/payment-summary").expect(200)
                .data().path("earned_points").decimalValue());
    }

    @Test
    void aTraceTooLongForAHeaderIsOnlyLoggedAndTheHeaderNamesTheRequest() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            items.add(item(String.valueOf(i), 10, 10, PurchaseTest.STORE_ITEM));
        }
        Api.Response sent = admin.header("X-Patron-Trace", "true").post("/purchases/actions/send-purchase",
                send(jana, "S", null, null, bill("LT-1", items))).expect(201);
        JsonNode header = Api.JSON.readTree(sent.header(TRACE));
        assertThat(header.path("truncated").asBoolean()).isTrue();
        assertThat(header.path("request_id").asString()).isEqualTo(sent.header("X-Request-Id"));
        assertThat(sent.header(TRACE).length()).isLessThanOrEqualTo(CheckoutTrace.MAX_HEADER);
    }

    private static String campaignPrice(Api admin, String campaign, String productId, int percent, String typeId) {
        Map<String, Object> p = new HashMap<>();
        p.put("product_id", productId);
        p.put("currency_id", CZK);
        p.put("campaign_id", campaign);
        p.put("value", percent);
        p.put("value_type_id", 1);
        p.put("valid_from", "2026-01-01 00:00:00");
        p.put("valid_to", "2027-12-31 00:00:00");
        p.put("type_id", typeId);
        p.put("presentation_data", Map.of("name", percent + " % off the cap", "subtitle", "Cap weeks"));
        return admin.post("/campaign-products", Map.of("campaign_product", p)).expect(201).data()
                .path("campaign_product_id").asString();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    /** An applied entry's value per bill item, in item order. */
    private static List<Map.Entry<String, String>> values(JsonNode entry) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        entry.path("items").forEach(i -> out.add(Map.entry(i.path("bill_item_id").asString(),
                i.path("value").decimalValue().stripTrailingZeros().toPlainString())));
        return out;
    }

    /** The items the status discount skipped, with the reason. */
    private static List<Map.Entry<String, String>> statusSkips(JsonNode trace) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        trace.path("not_applied").forEach(n -> {
            if ("status_discount".equals(n.path("kind").asString()) && n.has("bill_item_id")) {
                out.add(Map.entry(n.path("bill_item_id").asString(), n.path("reason").asString()));
            }
        });
        return out;
    }

    private static JsonNode find(JsonNode list, String code) {
        for (JsonNode n : list) {
            if (code.equals(n.path("code").asString(""))) {
                return n;
            }
        }
        throw new AssertionError("No " + code + " in " + list);
    }
}
