package io.patron.purchase;

import static io.patron.reward.CampaignFixtures.CZK;
import static io.patron.reward.CampaignFixtures.ids;
import static io.patron.reward.CampaignFixtures.newCustomer;
import static io.patron.reward.CampaignFixtures.productId;
import static io.patron.reward.CampaignFixtures.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** E-shop orders: created with their references checked, listed, read, and kept to their customer. */
class OrderTest extends ApiTest {

    @Autowired
    LookupQueries lookups;

    Api admin;
    String tshirt;
    String socks;
    String card;

    @BeforeEach
    void data() {
        importProject("test-campaigns.yaml");
        admin = admin();
        tshirt = productId(admin, "T1");
        socks = productId(admin, "S1");
        card = admin.get("/payment-types").expect(200).data().path("payment_types").get(0).path("payment_type_id")
                .asString();
    }

    Map<String, Object> order(String customerId, String number, List<Map<String, Object>> items) {
        Map<String, Object> o = new HashMap<>();
        o.put("customer_id", customerId);
        if (number != null) {
            o.put("order_number", number);
        }
        o.put("currency_id", CZK);
        o.put("total_price", 1290.5);
        o.put("discount_codes", List.of("SUMMER10"));
        o.put("order_items", items);
        o.put("invoicing_data", Map.of("payment_id", card, "paid_date", "2026-11-30 10:15:00",
                "personal_information", Map.of("first_name", "Jana", "last_name", "Nová", "email", "jana@example.com",
                        "language_id", "cs", "address", Map.of("address1", "Dlouhá", "city", "Praha", "zip", "11000"))));
        o.put("shipping_data", Map.of("shipping_id", "ppl-parcel", "contact_firstname", "Jana",
                "contact_lastname", "Nová", "phone", "420777000111",
                "address", Map.of("address1", "Dlouhá", "address2", "5", "city", "Praha", "zip", "11000",
                        "country_code", "cz")));
        o.put("customer_note", "Ring twice");
        return o;
    }

    Map<String, Object> item(String productId, Object amount, Object unitPrice) {
        Map<String, Object> i = new HashMap<>();
        i.put("product_variant_id", productId);
        i.put("amount", amount);
        i.put("unit_price", unitPrice);
        i.put("vat_rate", 21);
        return i;
    }

    @Test
    void ordersAreCreatedReadAndListed() {
        String jana = newCustomer(admin, "jana@example.com");
        String petr = newCustomer(admin, "petr@example.com");
        String first = admin.post("/orders", Map.of("order", order(jana, "E-1001",
                List.of(item(tshirt, 2, 499.5), item(socks, 1, 291.5))))).expect(201).data().path("order_id")
                .asString();
        Map<String, Object> unpaid = order(jana, null, List.of(item(socks, 3, 100)));
        unpaid.put("invoicing_data", Map.of("payment_id", card));
        unpaid.remove("shipping_data");
        String second = admin.post("/orders", Map.of("order", unpaid)).expect(201).data().path("order_id").asString();
        String third = admin.post("/orders", Map.of("order", order(petr, "E-1003", List.of(item(tshirt, 1, 10)))))
                .expect(201).data().path("order_id").asString();

        JsonNode one = admin.get("/orders/" + first).expect(200).data();
        assertThat(one.path("order_number").asString()).isEqualTo("E-1001");
        assertThat(one.path("customer_id").asString()).isEqualTo(jana);
        assertThat(one.path("total_price").decimalValue()).isEqualByComparingTo("1290.5");
        assertThat(one.path("discount_codes").get(0).asString()).isEqualTo("SUMMER10");
        assertThat(one.path("order_items")).hasSize(2);
        assertThat(one.path("order_items").get(0).path("product_variant_id").asString()).isEqualTo(tshirt);
        assertThat(one.path("order_items").get(0).path("customer_id").asString()).isEqualTo(jana);
        assertThat(one.path("order_items").get(0).path("unit_price").decimalValue()).isEqualByComparingTo("499.5");
        assertThat(one.path("invoicing_data").path("paid_date").asString()).isEqualTo("2026-11-30 10:15:00");
        assertThat(one.path("invoicing_data").path("personal_information").path("address").path("city").asString())
                .isEqualTo("Praha");
        assertThat(one.path("shipping_data").path("shipping_id").asString()).isEqualTo("ppl-parcel");
        assertThat(one.path("shipping_data").path("address").path("country_code").asString()).isEqualTo("cz");
        assertThat(one.path("payment_status").asString()).isEqualTo("paid");
        assertThat(one.path("order_status").asString()).isEqualTo("new");
        assertThat(one.path("program_ranking").asInt()).isEqualTo(1);
        JsonNode generated = admin.get("/orders/" + second).expect(200).data();
        assertThat(generated.path("order_number").asString()).isNotBlank();
        assertThat(generated.path("payment_status").asString()).isEqualTo("unpaid");
        assertThat(generated.path("program_ranking").asInt()).isEqualTo(2);
        assertThat(generated.has("shipping_data")).isFalse();
        admin.get("/orders/nope").expect(404);

        assertThat(ids(admin.get("/orders", "customer_id", jana), "orders", "order_id"))
                .containsExactlyInAnyOrder(first, second);
        assertThat(ids(admin.get("/orders", "sort_field", "total_price", "sort_direction", "DESC", "count", "2"),
                "orders", "order_id")).hasSize(2);
        assertThat(admin.get("/orders", "count", "1").expect(200).data().path("total_items").asInt()).isEqualTo(3);
        assertThat(ids(admin.get("/orders", "state", "1"), "orders", "order_id")).containsExactlyInAnyOrder(first,
                second, third);
        assertThat(ids(admin.get("/orders", "state", "0"), "orders", "order_id")).isEmpty();
        assertThat(admin.get("/orders", "state", "7").expect(400).invalidParams())
                .containsExactly("state:not_allowed_value");
    }

    @Test
    void badOrdersAreRefusedNamingEveryFieldAndNothingIsStored() {
        String jana = newCustomer(admin, "jana@example.com");
        admin.post("/orders", Map.of("order", order(jana, "E-1", List.of(item(tshirt, 1, 10))))).expect(201);
        Map<String, Object> bad = order("nobody", "E-1", List.of(item("nope", 0, -1), item(socks, 1, 5)));
        bad.put("currency_id", "nope");
        bad.put("total_price", -5);
        bad.put("invoicing_data", Map.of("payment_id", "nope"));
        ((Map<String, Object>) ((List<?>) bad.get("order_items")).get(1)).put("customer_id", "ghost");
        assertThat(admin.post("/orders", Map.of("order", bad)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("order.customer_id:not_found", "order.order_number:already_exists",
                        "order.currency_id:not_found", "order.total_price:not_allowed_value",
                        "order.invoicing_data.payment_id:not_found",
                        "order.order_items[0].product_variant_id:not_found",
                        "order.order_items[0].amount:not_allowed_value",
                        "order.order_items[0].unit_price:not_allowed_value",
                        "order.order_items[1].customer_id:not_found");
        assertThat(admin.post("/orders", Map.of("order", order(jana, null, List.of()))).expect(400).invalidParams())
                .containsExactly("order.order_items:empty");
        Map<String, Object> missing = order(jana, null, List.of(item(tshirt, 1, 1)));
        missing.remove("invoicing_data");
        missing.remove("currency_id");
        assertThat(admin.post("/orders", Map.of("order", missing)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("order.invoicing_data:required", "order.currency_id:required");
        Map<String, Object> noShipping = order(jana, null, List.of(item(tshirt, 1, 1)));
        noShipping.put("shipping_data", Map.of("contact_firstname", "Jana"));
        assertThat(admin.post("/orders", Map.of("order", noShipping)).expect(400).invalidParams())
                .containsExactly("order.shipping_data.shipping_id:required");
        Map<String, Object> badDate = order(jana, null, List.of(item(tshirt, 1, 1)));
        badDate.put("invoicing_data", Map.of("payment_id", card, "paid_date", "yesterday"));
        assertThat(admin.post("/orders", Map.of("order", badDate)).expect(400).invalidParams())
                .containsExactly("order.invoicing_data.paid_date:invalid_value_format");
        Map<String, Object> noLanguage = order(jana, null, List.of(item(tshirt, 1, 1)));
        noLanguage.put("invoicing_data", Map.of("payment_id", card, "personal_information", Map.of("first_name",
                "Jana")));
        assertThat(admin.post("/orders", Map.of("order", noLanguage)).expect(400).invalidParams())
                .containsExactly("order.invoicing_data.personal_information.language_id:required");
        Map<String, Object> vat = order(jana, null, List.of(item(tshirt, 1, 1)));
        ((Map<String, Object>) ((List<?>) vat.get("order_items")).get(0)).put("vat_rate", 120);
        assertThat(admin.post("/orders", Map.of("order", vat)).expect(400).invalidParams())
                .containsExactly("order.order_items[0].vat_rate:not_allowed_value");
        assertThat(admin.get("/orders").expect(200).data().path("total_items").asInt()).isEqualTo(1);
    }

    @Test
    void aCustomerApiTokenCreatesAndReadsOnlyItsCustomersOrders() {
        String other = newCustomer(admin, "other@example.com");
        Api app = customer().bearer(customerToken("phone-1"));
        String me = app.post("/customers", signUp("me@example.com", true)).expect(201).data().path("customer_id")
                .asString();
        Api loggedOut = customer().bearer(customerToken("phone-2"));
        String mine = app.post("/orders", Map.of("order", order(me, "MINE-1", List.of(item(tshirt, 1, 10)))))
                .expect(201).data().path("order_id").asString();
        String theirs = admin.post("/orders", Map.of("order", order(other, "THEIRS-1", List.of(item(tshirt, 1, 10)))))
                .expect(201).data().path("order_id").asString();

        assertThat(app.post("/orders", Map.of("order", order(other, "X-1", List.of(item(tshirt, 1, 10)))))
                .expect(400).invalidParams()).containsExactly("order.customer_id:not_belong_to_logged_in_customer");
        Map<String, Object> sneaky = order(me, "X-2", List.of(item(tshirt, 1, 10)));
        ((Map<String, Object>) ((List<?>) sneaky.get("order_items")).get(0)).put("customer_id", other);
        assertThat(app.post("/orders", Map.of("order", sneaky)).expect(400).invalidParams())
                .containsExactly("order.order_items[0].customer_id:not_belong_to_logged_in_customer");
        assertThat(ids(app.get("/orders"), "orders", "order_id")).containsExactly(mine);
        assertThat(ids(app.get("/orders", "customer_id", other), "orders", "order_id")).isEmpty();
        app.get("/orders/" + mine).expect(200);
        assertThat(app.get("/orders/" + theirs).expect(400).invalidParams())
                .containsExactly("order_id:not_belong_to_logged_in_customer");
        assertThat(ids(loggedOut.get("/orders"), "orders", "order_id")).isEmpty();
        loggedOut.get("/orders/" + mine).expect(403);
        loggedOut.post("/orders", Map.of("order", order(me, "X-3", List.of(item(tshirt, 1, 10))))).expect(403);
        assertThat(admin.get("/orders").expect(200).data().path("total_items").asInt()).isEqualTo(2);
    }
}
