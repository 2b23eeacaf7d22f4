package io.patron.purchase;

import static io.patron.purchase.Checkout.bill;
import static io.patron.purchase.Checkout.cancellation;
import static io.patron.purchase.Checkout.newCustomer;
import static io.patron.purchase.Checkout.send;
import static io.patron.purchase.CheckoutRules.product;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.api.Translations;
import io.patron.catalog.CatalogQueries;
import io.patron.common.Ids;
import io.patron.config.ProjectImporter;
import io.patron.events.OutboxPoller;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.tier.Tiers;
import tools.jackson.databind.JsonNode;

/**
 * What a purchase shows after accept-payment and send-purchase: the vouchers it used and issued
 * ({@code GET /purchases/{id}/vouchers}, the payment summary's {@code used_vouchers}), its property records, and
 * the checkout's cashier messages from the translation table.
 */
class PurchaseRecordsTest extends ApiTest {

    @Autowired
    ProjectImporter importer;
    @Autowired
    CatalogQueries catalog;
    @Autowired
    OutboxPoller poller;
    @Autowired
    DSLContext dsl;
    @Autowired
    Translations translations;
    @Autowired
    java.time.Clock clock;
    @Autowired
    io.patron.loyalty.LoyaltyLedger wallets;

    @BeforeEach
    void project() {
        importProject("test-rewards.yaml");
        importProject("test-purchases.yaml");
        CheckoutRules.importInto(importer);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withRecap(Map<String, Object> sent, JsonNode answer) {
        Map<String, Object> finalBill = new HashMap<>((Map<String, Object>) sent.get("bill"));
        Map<String, Object> recap = new HashMap<>((Map<String, Object>) finalBill.get("payment_recap"));
        recap.put("vouchers", Api.JSON.convertValue(answer.path("vouchers"), List.class));
        finalBill.put("payment_recap", recap);
        Map<String, Object> out = new HashMap<>(sent);
        out.put("bill", finalBill);
        return out;
    }

    private static List<String> ids(JsonNode vouchers) {
        List<String> out = new ArrayList<>();
        vouchers.forEach(v -> out.add(v.path("voucher_id").asString()));
        return out;
    }

    @Test
    void aPurchaseShowsTheVouchersItUsedAndIssuedAndTheCancellationKeepsThemVisible() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Tiers.deliverEvents(poller, dsl);
        admin.post("/vouchers/batch", Map.of("vouchers", List.of(Map.of("reward_id", Ids.stable("reward", "RW-SIMPLE15"),
                "customer_id", jana, "code", "JANA-15")))).expect(204);
        String used = admin.get("/vouchers", "code", "JANA-15").expect(200).data().path("vouchers").get(0)
                .path("voucher_id").asString();
        Map<String, Object> bill = bill("PV-1", List.of(product("1", "RW-SOCK", 600)));
        // after the new voucher's validity starts
        bill.put("payment_time", java.time.LocalDateTime.now(clock).plusMinutes(1).withNano(0)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        // RW-SIMPLE15 is an overall discount: payment type A allows it
        Map<String, Object> asked = Checkout.accept(jana, "A", null, bill);
        asked.put("benefit_codes", List.of("JANA-15"));
        JsonNode answer = admin.post("/purchases/actions/accept-payment", asked).expect(200).data();
        assertThat(answer.path("vouchers")).as(answer.toString()).isNotEmpty();
        assertThat(answer.path("vouchers").get(0).path("code").asString()).isEqualTo("JANA-15");

        String id = admin.post("/purchases/actions/send-purchase", withRecap(send(jana, "A", null, null, bill), answer))
                .expect(201).data().path("purchase_id").asString();
        // the sock's stamp reaches the card's first checkpoint: its voucher is issued from the outbox
        Tiers.deliverEvents(poller, dsl);

        JsonNode summary = admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data();
        assertThat(ids(summary.path("used_vouchers"))).containsExactly(used);
        assertThat(summary.path("used_vouchers").get(0).path("applied_date").asString("")).isNotEmpty();
        JsonNode vouchers = admin.get("/purchases/" + id + "/vouchers").expect(200).data();
        assertThat(vouchers.path("total_items").asInt()).isEqualTo(2);
        assertThat(vouchers.path("vouchers").get(0).path("voucher_id").asString()).isEqualTo(used);
        JsonNode issued = vouchers.path("vouchers").get(1);
        assertThat(issued.path("reward").path("reward_id").asString()).isEqualTo(Ids.stable("reward", "RW-SIMPLE15"));
        assertThat(issued.path("customer_id").asString()).isEqualTo(jana);
        assertThat(issued.path("voucher_id").asString()).isNotEqualTo(used);
        // paging over the two
        assertThat(ids(admin.get("/purchases/" + id + "/vouchers", "count", "1", "offset", "1").expect(200).data()
                .path("vouchers"))).containsExactly(issued.path("voucher_id").asString());

        // the customer reads them on the Customer API; another customer cannot
        String other = newCustomer(admin, "other@example.com");
        String token = customerToken("phone-pv");
        Api app = customer().bearer(token);
        app.post("/tokens/" + token + "/actions/login", Map.of("login_type", "email", "login_value",
                "jana@example.com", "password", Checkout.PASSWORD)).expect(200);
        assertThat(app.get("/purchases/" + id + "/vouchers").expect(200).data().path("total_items").asInt())
                .isEqualTo(2);
        String otherToken = customerToken("phone-pv-other");
        Api otherApp = customer().bearer(otherToken);
        otherApp.post("/tokens/" + otherToken + "/actions/login", Map.of("login_type", "email", "login_value",
                "other@example.com", "password", Checkout.PASSWORD)).expect(200);
        assertThat(otherApp.get("/purchases/" + id + "/vouchers").expect(400).invalidParams())
                .containsExactly("purchase_id:not_belong_to_logged_in_customer");
        assertThat(other).isNotEqualTo(jana);

        // the cancellation makes the voucher usable again; the original still shows what it used
        admin.post("/purchases/actions/send-purchase", cancellation(send(jana, "A", null, null, bill))).expect(201);
        assertThat(admin.get("/vouchers/" + used).expect(200).data().path("applied_date").asString("")).isEmpty();
        assertThat(ids(admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data()
                .path("used_vouchers"))).containsExactly(used);
    }

    @Test
    void aPurchaseWithoutVouchersShowsNone() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String id = admin.post("/purchases/actions/send-purchase", send(jana, "S", null, null,
                bill("PV-2", List.of(product("1", "RW-CAP", 300))))).expect(201).data().path("purchase_id").asString();
        assertThat(admin.get("/purchases/" + id + "/vouchers").expect(200).data().path("total_items").asInt()).isZero();
        assertThat(admin.get("/purchases/" + id + "/actions/payment-summary").expect(200).data()
                .path("used_vouchers")).isEmpty();
    }

    @Test
    void propertyRecordsSentWithThePurchaseAreStoredAndShownOnRequest() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Map<String, Object> sent = send(jana, "S", null, null, bill("PR-1", List.of(product("1", "RW-CAP", 300))));
        cast(sent.get("bill")).put("property_records", List.of(Map.of("property_id", "sales_channel",
                "property_value", "kiosk")));
        String id = admin.post("/purchases/actions/send-purchase", sent).expect(201).data().path("purchase_id")
                .asString();

        JsonNode one = admin.get("/purchases/" + id).expect(200).data();
        assertThat(one.path("property_records")).singleElement().satisfies(r -> {
            assertThat(r.path("property_id").asString()).isEqualTo("sales_channel");
            assertThat(r.path("property_value").asString()).isEqualTo("kiosk");
        });
        JsonNode listed = admin.get("/purchases", "external_purchase_id", "PR-1", "include_property_records", "true")
                .expect(200).data().path("purchases").get(0);
        assertThat(listed.path("property_records").get(0).path("property_value").asString()).isEqualTo("kiosk");
        assertThat(admin.get("/customers/" + jana + "/purchases", "include_property_records", "true").expect(200)
                .data().path("purchases").get(0).path("property_records")).hasSize(1);
        assertThat(admin.get("/purchases", "external_purchase_id", "PR-1").expect(200).data().path("purchases").get(0)
                .path("property_records")).isEmpty();
    }

    @Test
    void aBadPropertyRecordRefusesThePurchaseNamingItAndWritesNothing() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Checkout.assign(admin, jana, 100);
        Map<String, Object> sent = send(jana, "S", 40, null, bill("PR-2", List.of(product("1", "RW-CAP", 300))));
        cast(sent.get("bill")).put("property_records", List.of(
                Map.of("property_id", "sales_channel", "property_value", "kiosk"),
                Map.of("property_id", "no_such_property", "property_value", "x")));
        assertThat(admin.post("/purchases/actions/send-purchase", sent).expect(400).invalidParams())
                .containsExactly("property_records[1].property_id:not_found");
        cast(sent.get("bill")).put("property_records", List.of(Map.of("property_id", "sales_channel")));
        assertThat(admin.post("/purchases/actions/send-purchase", sent).expect(400).invalidParams())
                .containsExactly("property_records[0].property_value:required");
        assertThat(admin.get("/purchases", "external_purchase_id", "PR-2").expect(200).data().path("total_items")
                .asInt()).isZero();
        assertThat(wallets.pointBalance(jana, Checkout.CLUB).available()).isEqualByComparingTo("100");
        assertThat(dsl.fetchCount(io.patron.db.Tables.PROPERTY_RECORD,
                io.patron.db.Tables.PROPERTY_RECORD.OWNER_KIND.eq("purchase"))).isZero();
    }

    @Test
    void cashierMessagesComeFromTheTranslationTableInTheRequestsLanguage() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Map<String, Object> asked = Checkout.accept(jana, "S", null, bill("CM-1", List.of(product("1", "RW-CAP",
                300))));
        asked.put("max_credit", 10);
        assertThat(messages(admin.post("/purchases/actions/accept-payment", asked).expect(200).data()))
                .containsExactly("Credits pay only with payment type C");
        assertThat(messages(admin.header("Accept-Language", "cs").post("/purchases/actions/accept-payment", asked)
                .expect(200).data())).containsExactly("Kreditem lze platit jen s typem platby C");
        // a project rewords the messages of its languages in the translation table
        translations.put(CheckoutMessages.ENTITY, CheckoutMessages.CREDIT_NEEDS_TYPE_C,
                Map.of("en", "Pay by credit with type C only", "cs", "Kredit jen s typem platby C"));
        assertThat(messages(admin.post("/purchases/actions/accept-payment", asked).expect(200).data()))
                .containsExactly("Pay by credit with type C only");
        assertThat(messages(admin.header("Accept-Language", "cs").post("/purchases/actions/accept-payment", asked)
                .expect(200).data())).containsExactly("Kredit jen s typem platby C");
    }

    private static List<String> messages(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("messages").forEach(m -> out.add(m.path("text").asString()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
