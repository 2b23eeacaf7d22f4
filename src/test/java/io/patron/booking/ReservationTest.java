package io.patron.booking;

import static io.patron.booking.BookingTest.ids;
import static io.patron.booking.BookingTest.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.reference.CurrencyQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Reservable products and their search, reservation prices, sources, list types and product reservations. */
class ReservationTest extends ApiTest {

    static final String PRAGUE = Ids.stable("store", "PRG01");
    static final String BRNO = Ids.stable("store", "BRN01");
    static final String EUR = CurrencyQueries.currencyId("EUR");
    static final String USD = CurrencyQueries.currencyId("USD");

    String shirt;
    String shoes;
    String jacket;
    String socks;

    @BeforeEach
    void project() {
        importProject("test-reservations.yaml");
        Api admin = admin();
        shirt = product(admin, "100001");
        shoes = product(admin, "100002");
        jacket = product(admin, "100003");
        socks = product(admin, "100004");
    }

    static String product(Api api, String code) {
        return api.get("/products", "code", code).expect(200).data().path("products").get(0).path("product_id")
                .asString();
    }

    static Map<String, Object> reservation(String customerId, String storeId, List<Map<String, Object>> items) {
        Map<String, Object> r = new HashMap<>();
        r.put("customer_id", customerId);
        r.put("store_id", storeId);
        r.put("product_reservation_source_id", "eshop");
        r.put("product_reservation_items", items);
        return r;
    }

    static Map<String, Object> item(String productId, int amount) {
        return new HashMap<>(Map.of("reservable_product_id", productId, "amount", amount));
    }

    static Map<String, Object> body(Map<String, Object> reservation) {
        return Map.of("product_reservation", reservation);
    }

    @Test
    void sourcesAndListTypesComeFromTheProjectFile() {
        Api admin = admin();
        assertThat(ids(admin.get("/product-reservation-sources"), "product_reservation_sources",
                "product_reservation_source_id")).containsExactly("eshop", "app", "old");
        assertThat(admin.get("/product-reservation-sources/app").expect(200).data().path("name").asString())
                .isEqualTo("Mobile app");
        admin.get("/product-reservation-sources/nope").expect(404);
        assertThat(ids(admin.get("/product-reservation-external-list-types", "name", "ware"),
                "product_reservation_external_list_types", "product_reservation_external_list_type_id"))
                .containsExactly("wms");
        assertThat(admin.get("/product-reservation-external-list-types/pos").expect(200).data().path("name")
                .asString()).isEqualTo("Cash desk");
        admin.get("/product-reservation-external-list-types/nope").expect(404);
        customer().bearer(customerToken("phone-1")).get("/product-reservation-sources").expect(200);
    }

    @Test
    void reservableProductsAreTheFlaggedCatalogueProductsPerStore() {
        Api admin = admin();
        assertThat(ids(admin.get("/reservable-products"), "reservable_products", "product_id"))
                .containsExactlyInAnyOrder(shirt, shoes, jacket);
        assertThat(ids(admin.get("/reservable-products", "store_id", BRNO), "reservable_products", "product_id"))
                .containsExactlyInAnyOrder(shirt, shoes);
        assertThat(ids(admin.get("/reservable-products", "name", "merino"), "reservable_products", "product_id"))
                .containsExactlyInAnyOrder(shirt, jacket);
        assertThat(ids(admin.get("/reservable-products", "code", "100002"), "reservable_products", "product_id"))
                .containsExactly(shoes);
        JsonNode one = admin.get("/reservable-products/" + shirt).expect(200).data();
        assertThat(one.path("code").asString()).isEqualTo("100001");
        assertThat(one.path("plu_ids")).hasSize(2);
        admin.get("/reservable-products/" + socks).expect(404);
        admin.get("/reservable-products/nope").expect(404);
    }

    List<String> search(Api api, String query) {
        List<String> out = new ArrayList<>();
        api.post("/reservable-products/actions/search-reservable-products", Map.of("search_string", query))
                .expect(200).data().path("search_results").forEach(r -> out.add(r.path("resource_id").asString()));
        return out;
    }

    @Test
    void theSearchMatchesWordPrefixesOfNamesAndCodesRankedAndPaged() {
        Api admin = admin();
        // a name starting with the query ranks before a name containing it; socks are not reservable
        assertThat(search(admin, "merino")).containsExactly(shirt, jacket);
        assertThat(search(admin, "MERI")).containsExactly(shirt, jacket);
        assertThat(search(admin, "merino rain")).containsExactly(jacket);
        assertThat(search(admin, "tričko")).containsExactly(shirt);
        assertThat(search(admin, "zzz")).isEmpty();
        // an exact code or PLU id ranks first and is flagged as a code match
        JsonNode byCode = admin.post("/reservable-products/actions/search-reservable-products",
                Map.of("search_string", "8594000000020")).expect(200).data();
        assertThat(byCode.path("total_items").asInt()).isEqualTo(1);
        JsonNode hit = byCode.path("search_results").get(0);
        assertThat(hit.path("resource_id").asString()).isEqualTo(shoes);
        assertThat(hit.path("search_result_string").asString()).isEqualTo("Trail running shoes");
        assertThat(hit.path("flags").get(0).path("text_id").asString()).isEqualTo("code");
        assertThat(search(admin, "bas-tsm")).containsExactly(shirt);
        // paged, the total counting every match
        JsonNode page = admin.send("POST", "/reservable-products/actions/search-reservable-products",
                Map.of("search_string", "merino"), "count", "1", "offset", "1").expect(200).data();
        assertThat(page.path("total_items").asInt()).isEqualTo(2);
        assertThat(page.path("search_results").get(0).path("resource_id").asString()).isEqualTo(jacket);
        assertThat(admin.post("/reservable-products/actions/search-reservable-products", Map.of()).expect(400)
                .invalidParams()).containsExactly("search_string:required");
        customer().bearer(customerToken("phone-1"))
                .post("/reservable-products/actions/search-reservable-products", Map.of("search_string", "trail"))
                .expect(200);
    }

    static Map<String, Object> price(String productId, String storeId, String currencyId, Object value) {
        Map<String, Object> p = new HashMap<>();
        if (productId != null) {
            p.put("reservable_product_id", productId);
        }
        if (storeId != null) {
            p.put("store_id", storeId);
        }
        if (currencyId != null) {
            p.put("currency_id", currencyId);
        }
        if (value != null) {
            p.put("value", value);
        }
        return p;
    }

    Map<String, Double> prices(Api api, String... query) {
        Map<String, Double> out = new HashMap<>();
        api.get("/product-reservation-prices", query).expect(200).data().path("product_reservation_prices")
                .forEach(p -> out.put(p.path("reservable_product_id").asString() + "/"
                        + (p.has("store_id") ? p.path("store_id").asString() : "*") + "/"
                        + p.path("currency_id").asString(), p.path("value").asDouble()));
        return out;
    }

    @Test
    void pricesAreUpsertedAndDeletedInBatches() {
        Api admin = admin();
        Map<String, Object> byPlu = price(null, PRAGUE, EUR, 19.5);
        byPlu.put("plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", "8594000000020")));
        admin.post("/product-reservation-prices/batch", Map.of("product_reservation_prices", List.of(
                price(shirt, null, EUR, 25), price(shirt, PRAGUE, EUR, 24.9), byPlu))).expect(204);
        assertThat(prices(admin)).containsOnly(Map.entry(shirt + "/*/" + EUR, 25.0),
                Map.entry(shirt + "/" + PRAGUE + "/" + EUR, 24.9), Map.entry(shoes + "/" + PRAGUE + "/" + EUR, 19.5));
        String id = admin.get("/product-reservation-prices", "store_id", PRAGUE, "reservable_product_id", shirt)
                .expect(200).data().path("product_reservation_prices").get(0).path("product_reservation_price_id")
                .asString();

        // the same product, store and currency again: the price is updated, not added
        admin.post("/product-reservation-prices/batch", Map.of("product_reservation_prices",
                List.of(price(shirt, PRAGUE, EUR, 23)))).expect(204);
        JsonNode one = admin.get("/product-reservation-prices/" + id).expect(200).data();
        assertThat(one.path("value").asDouble()).isEqualTo(23.0);
        assertThat(prices(admin)).hasSize(3);
        assertThat(prices(admin, "reservable_product_id[]", shirt, "reservable_product_id[]", shoes)).hasSize(3);
        assertThat(prices(admin, "reservable_product_id", shoes)).hasSize(1);
        assertThat(prices(admin, "currency_id", USD)).isEmpty();
        admin.get("/product-reservation-prices/nope").expect(404);

        // error_processing 1 (default): the first bad record refuses the batch
        assertThat(admin.post("/product-reservation-prices/batch", Map.of("product_reservation_prices", List.of(
                price(jacket, null, USD, 80), price(socks, null, EUR, 5)))).expect(400).invalidParams())
                .containsExactly("product_reservation_prices[1].reservable_product_id:not_found");
        assertThat(prices(admin, "currency_id", USD)).isEmpty();
        // error_processing 2: the good ones are stored, every bad one reported
        assertThat(admin.post("/product-reservation-prices/batch", Map.of("error_processing", 2,
                "product_reservation_prices", List.of(price(jacket, null, USD, 80), price(jacket, null, null, 5),
                        price(jacket, "nope", EUR, 5), price(jacket, null, "XXX", 5), price(jacket, null, EUR, null),
                        price(null, null, EUR, 5))))
                .expect(400).invalidParams()).containsExactly(
                "product_reservation_prices[1].currency_id:required",
                "product_reservation_prices[2].store_id:not_found",
                "product_reservation_prices[3].currency_id:not_found",
                "product_reservation_prices[4].value:required",
                "product_reservation_prices[5].reservable_product_id:required");
        assertThat(prices(admin, "currency_id", USD)).containsOnlyKeys(jacket + "/*/" + USD);
        assertThat(admin.post("/product-reservation-prices/batch", Map.of("error_processing", 3,
                "product_reservation_prices", List.of())).expect(400).invalidParams())
                .containsExactly("error_processing:not_allowed_value");

        // delete: an unknown id refuses the batch (1), or is reported while the rest goes (2)
        assertThat(admin.send("DELETE", "/product-reservation-prices/batch", Map.of("product_reservation_prices",
                List.of(Map.of("product_reservation_price_id", id), Map.of("product_reservation_price_id", "nope"))))
                .expect(400).invalidParams())
                .containsExactly("product_reservation_prices[1].product_reservation_price_id:not_found");
        admin.get("/product-reservation-prices/" + id).expect(200);
        assertThat(admin.send("DELETE", "/product-reservation-prices/batch", Map.of("error_processing", 2,
                "product_reservation_prices", List.of(Map.of("product_reservation_price_id", id),
                        Map.of("product_reservation_price_id", "nope")))).expect(400).invalidParams())
                .containsExactly("product_reservation_prices[1].product_reservation_price_id:not_found");
        admin.get("/product-reservation-prices/" + id).expect(404);
        assertThat(prices(admin)).hasSize(3);

        // the batches are Enterprise API operations; reads are open to both
        Api app = customer().bearer(customerToken("phone-1"));
        app.post("/product-reservation-prices/batch", Map.of("product_reservation_prices",
                List.of(price(shirt, null, USD, 1)))).expect(403);
        app.send("DELETE", "/product-reservation-prices/batch", Map.of("product_reservation_prices", List.of()))
                .expect(403);
        app.get("/product-reservation-prices").expect(200);
    }

    @Test
    void aReservationMovesThroughItsStatesWithAHistory() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Map<String, Object> r = reservation(jana, PRAGUE, List.of(item(shirt, 2), item(jacket, 1)));
        r.put("external_reservation_codes", List.of(Map.of("external_code_type_id", "pos", "value", "P-1")));
        r.put("total_price", 120.5);
        r.put("currency_id", EUR);
        r.put("customers_note", "Size M please");
        r.put("utm", Map.of("utm_source", "newsletter"));
        String id = admin.post("/product-reservations", body(r)).expect(201).data().path("product_reservation_id")
                .asString();
        JsonNode read = admin.get("/product-reservations/" + id).expect(200).data();
        assertThat(read.path("actual_state").asInt()).isEqualTo(1);
        assertThat(read.path("reservation_codes")).hasSize(1);
        assertThat(read.path("product_reservation_items")).hasSize(2);
        assertThat(read.path("product_reservation_items").get(0).path("amount").asDouble()).isEqualTo(2.0);
        assertThat(read.path("total_price").asDouble()).isEqualTo(120.5);
        assertThat(read.path("utm").path("utm_source").asString()).isEqualTo("newsletter");
        assertThat(read.path("reservation_progress_history")).hasSize(1);
        assertThat(read.has("pickup_date")).isFalse();

        for (int state : new int[] {2, 7, 5}) {
            admin.post("/product-reservations/actions/change-reservation-state",
                    Map.of("product_reservation_id", id, "state", state)).expect(204);
        }
        admin.post("/product-reservations/actions/change-reservation-state",
                Map.of("product_reservation_id", id, "state", 5)).expect(204);
        admin.post("/product-reservations/actions/change-reservation-state",
                Map.of("product_reservation_id", id, "state", 4)).expect(204);
        read = admin.get("/product-reservations/" + id).expect(200).data();
        assertThat(read.path("actual_state").asInt()).isEqualTo(4);
        assertThat(read.has("pickup_date")).isTrue();
        List<Integer> history = new ArrayList<>();
        read.path("reservation_progress_history").forEach(p -> history.add(p.path("reservation_progress_id").asInt()));
        assertThat(history).as("newest first, a repeated state not recorded twice").containsExactly(4, 5, 7, 2, 1);
        assertThat(read.path("reservation_progress_history").get(0).path("reservation_progress_text").asString())
                .isEqualTo("Delivered");
        // delivered is final
        assertThat(admin.post("/product-reservations/actions/change-reservation-state",
                Map.of("product_reservation_id", id, "state", 5)).expect(400).invalidParams())
                .containsExactly("state:not_allowed_value");
        assertThat(admin.post("/product-reservations/" + id + "/actions/cancel-reservation",
                Map.of("product_reservation_id", id)).expect(400).invalidParams())
                .containsExactly("state:not_allowed_value");
        assertThat(admin.post("/product-reservations/actions/change-reservation-state",
                Map.of("product_reservation_id", id, "state", 3)).expect(400).invalidParams())
                .containsExactly("state:not_allowed_value");
        admin.post("/product-reservations/actions/change-reservation-state",
                Map.of("product_reservation_id", "nope", "state", 2)).expect(404);

        // not picked up: may still be delivered or canceled, not reopened
        String late = admin.post("/product-reservations", body(reservation(jana, BRNO, List.of(item(shoes, 1)))))
                .expect(201).data().path("product_reservation_id").asString();
        admin.post("/product-reservations/actions/change-reservation-state",
                Map.of("product_reservation_id", late, "state", 6)).expect(204);
        assertThat(admin.post("/product-reservations/actions/change-reservation-state",
                Map.of("product_reservation_id", late, "state", 2)).expect(400).invalidParams())
                .containsExactly("state:not_allowed_value");
        assertThat(admin.post("/product-reservations/" + late + "/actions/cancel-reservation",
                Map.of("product_reservation_id", id)).expect(400).invalidParams())
                .containsExactly("product_reservation_id:not_allowed_value");
        admin.post("/product-reservations/" + late + "/actions/cancel-reservation",
                Map.of("product_reservation_id", late)).expect(204);
        admin.post("/product-reservations/nope/actions/cancel-reservation",
                Map.of("product_reservation_id", "nope")).expect(404);

        // canceled reservations are not listed, but readable
        assertThat(ids(admin.get("/product-reservations"), "product_reservations", "product_reservation_id"))
                .containsExactly(id);
        assertThat(admin.get("/product-reservations/" + late).expect(200).data().path("actual_state").asInt())
                .isZero();
        assertThat(ids(admin.get("/product-reservations", "reservation_state", "0"), "product_reservations",
                "product_reservation_id")).isEmpty();
        assertThat(ids(admin.get("/product-reservations", "reservation_state", "4", "store_id", PRAGUE,
                "customer_id", jana), "product_reservations", "product_reservation_id")).containsExactly(id);
        assertThat(admin.get("/product-reservations", "reservation_state", "3").expect(400).invalidParams())
                .containsExactly("reservation_state:not_allowed_value");
        JsonNode listed = admin.get("/product-reservations").expect(200).data().path("product_reservations").get(0);
        assertThat(listed.has("reservation_progress_history")).isFalse();
        assertThat(admin.get("/product-reservations", "include_reservation_progress_history", "true").expect(200)
                .data().path("product_reservations").get(0).path("reservation_progress_history")).hasSize(5);

        // external codes: set replaces the types named and keeps the others; the list filters by them
        admin.post("/product-reservations/actions/set-product-reservation-external-codes",
                Map.of("product_reservation_id", id, "external_reservation_codes",
                        List.of(Map.of("external_code_type_id", "wms", "value", "W-9")))).expect(204);
        admin.post("/product-reservations/actions/set-product-reservation-external-codes",
                Map.of("product_reservation_id", id, "external_reservation_codes",
                        List.of(Map.of("external_code_type_id", "pos", "value", "P-2")))).expect(204);
        assertThat(admin.get("/product-reservations/" + id).expect(200).data().path("external_reservation_codes"))
                .hasSize(2);
        assertThat(ids(admin.get("/product-reservations", "external_reservation_list_type_id", "pos",
                "external_reservation_code", "P-2"), "product_reservations", "product_reservation_id"))
                .containsExactly(id);
        assertThat(ids(admin.get("/product-reservations", "external_reservation_list_type_id", "pos",
                "external_reservation_code", "P-1"), "product_reservations", "product_reservation_id")).isEmpty();
        assertThat(admin.get("/product-reservations", "external_reservation_code", "P-2").expect(400)
                .invalidParams()).containsExactly("external_reservation_list_type_id:required");
        assertThat(admin.post("/product-reservations/actions/set-product-reservation-external-codes",
                Map.of("product_reservation_id", id, "external_reservation_codes",
                        List.of(Map.of("external_code_type_id", "nope", "value", "X")))).expect(400).invalidParams())
                .containsExactly("external_reservation_codes[0].external_code_type_id:not_found");
    }

    @Test
    void badReservationsAreRefusedAndChangeNothing() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        assertThat(admin.post("/product-reservations", body(reservation(jana, PRAGUE, List.of()))).expect(400)
                .invalidParams()).containsExactly("product_reservation.product_reservation_items:required");
        assertThat(admin.post("/product-reservations", body(reservation(jana, BRNO, List.of(item(jacket, 1)))))
                .expect(400).invalidParams())
                .containsExactly("product_reservation.product_reservation_items[0].reservable_product_id:not_allowed_value");
        assertThat(admin.post("/product-reservations", body(reservation(jana, PRAGUE, List.of(item(socks, 1),
                item(shirt, 0))))).expect(400).invalidParams()).containsExactly(
                "product_reservation.product_reservation_items[0].reservable_product_id:not_found",
                "product_reservation.product_reservation_items[1].amount:not_allowed_value");
        Map<String, Object> priced = item(shirt, 1);
        priced.put("unit_price", 10);
        assertThat(admin.post("/product-reservations", body(reservation(jana, PRAGUE, List.of(priced)))).expect(400)
                .invalidParams()).containsExactly("product_reservation.product_reservation_items[0].vat_rate:required");
        Map<String, Object> r = reservation("nobody", "nowhere", List.of(item(shirt, 1)));
        r.put("product_reservation_source_id", "old");
        r.put("total_price", 5);
        assertThat(admin.post("/product-reservations", body(r)).expect(400).invalidParams()).containsExactly(
                "product_reservation.customer_id:not_found", "product_reservation.store_id:not_found",
                "product_reservation.product_reservation_source_id:not_found",
                "product_reservation.currency_id:required");
        Map<String, Object> missing = reservation(jana, PRAGUE, List.of(item(shirt, 1)));
        missing.remove("store_id");
        assertThat(admin.post("/product-reservations", body(missing)).expect(400).invalidParams())
                .containsExactly("product_reservation.store_id:required");
        // a reservation of external codes alone is enough
        Map<String, Object> codesOnly = reservation(jana, PRAGUE, List.of());
        codesOnly.put("external_reservation_codes", List.of(Map.of("external_code_type_id", "pos", "value", "1")));
        admin.post("/product-reservations", body(codesOnly)).expect(201);
        assertThat(admin.get("/product-reservations").expect(200).data().path("total_items").asInt()).isEqualTo(1);
    }

    @Test
    void aCustomerReservesOnlyForThemself() {
        Api admin = admin();
        String other = newCustomer(admin, "other@example.com");
        String theirs = admin.post("/product-reservations", body(reservation(other, PRAGUE, List.of(item(shirt, 1)))))
                .expect(201).data().path("product_reservation_id").asString();
        Api anonymous = customer().bearer(customerToken("phone-0"));
        Api app = customer().bearer(customerToken("phone-1"));
        Map<String, Object> signUp = new HashMap<>();
        signUp.put("customer", Map.of("personal_information", Map.of("first_name", "Me", "last_name", "Myself",
                "email", "me@example.com", "language_id", "cs")));
        signUp.put("customer_source", Map.of("customer_source_id", BookingTest.ESHOP));
        signUp.put("autologin", true);
        signUp.put("password", "S3cret-pass");
        String me = app.post("/customers", signUp).expect(201).data().path("customer_id").asString();

        String mine = app.post("/product-reservations", body(reservation(me, PRAGUE, List.of(item(shoes, 1)))))
                .expect(201).data().path("product_reservation_id").asString();
        assertThat(app.post("/product-reservations", body(reservation(other, PRAGUE, List.of(item(shoes, 1)))))
                .expect(400).invalidParams()).containsExactly("product_reservation.customer_id:not_belong_to_logged_in_customer");
        assertThat(ids(app.get("/product-reservations"), "product_reservations", "product_reservation_id"))
                .containsExactly(mine);
        assertThat(app.get("/product-reservations/" + theirs).expect(400).invalidParams())
                .containsExactly("product_reservation_id:not_belong_to_logged_in_customer");
        assertThat(app.post("/product-reservations/" + theirs + "/actions/cancel-reservation",
                Map.of("product_reservation_id", theirs)).expect(400).invalidParams())
                .containsExactly("product_reservation_id:not_belong_to_logged_in_customer");
        app.post("/product-reservations/actions/change-reservation-state",
                Map.of("product_reservation_id", mine, "state", 2)).expect(403);
        app.post("/product-reservations/actions/set-product-reservation-external-codes",
                Map.of("product_reservation_id", mine, "external_reservation_codes", List.of())).expect(403);
        app.post("/product-reservations/" + mine + "/actions/cancel-reservation",
                Map.of("product_reservation_id", mine)).expect(204);
        assertThat(app.get("/product-reservations/" + mine).expect(200).data().path("actual_state").asInt()).isZero();
        assertThat(anonymous.get("/product-reservations").expect(200).data().path("total_items").asInt()).isZero();
        anonymous.post("/product-reservations", body(reservation(me, PRAGUE, List.of(item(shoes, 1))))).expect(403);
        assertThat(admin.get("/product-reservations/" + theirs).expect(200).data().path("actual_state").asInt())
                .isEqualTo(1);
    }
}
