package io.patron.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.common.Ids;
import io.patron.recommendation.RecommendationBodies.CartRequest;
import io.patron.recommendation.RecommendationBodies.ProductRequest;
import io.patron.recommendation.RecommendationBodies.Recommendations;
import io.patron.reference.CurrencyQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import io.patron.support.StatementCounter;

/**
 * The product recommendation engine over a small purchase history whose scores are worked out by hand (see the
 * method in {@link RecommendationService}): c1 bought {A, B} and {A}, and E in a purchase that was cancelled;
 * c2 bought {A, C}; c3 bought {B, C, D}; c4 bought nothing. A and B are in group g1, C, D and E in g2, F in none,
 * X is deleted.
 */
class RecommendationTest extends ApiTest {

    private static final String PRODUCT = "/recommendation-engine/product/actions/";
    private static final String CART = "/recommendation-engine/shopping-cart/actions/";
    private static final String BATCH = "/third-party-recommendations/batch";

    @Autowired
    RecommendationRefresh refresh;

    @Autowired
    RecommendationService engine;

    private final Map<String, String> ids = new LinkedHashMap<>();
    private String c1;
    private String c2;
    private String c3;
    private String c4;
    private Api mine;
    private int bills;

    @BeforeEach
    void history() {
        importProject("test-purchases.yaml");
        Api admin = admin();
        admin.post("/product-groups/batch", Map.of("product_groups", List.of(
                Map.of("external_id", "g1", "name", "Apparel"), Map.of("external_id", "g2", "name", "Shoes"))))
                .expect(204);
        List<Map<String, Object>> products = new ArrayList<>();
        for (String p : List.of("A", "B", "C", "D", "E", "F", "X")) {
            Map<String, Object> product = new HashMap<>();
            product.put("code", "R" + p);
            product.put("name", "Product " + p);
            product.put("plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", "RT-" + p)));
            if (!p.equals("F") && !p.equals("X")) {
                product.put("product_group_external_id", "ABE".contains(p) && !p.equals("E") ? "g1" : "g2");
            }
            product.put("state", p.equals("X") ? 0 : 1);
            products.add(product);
        }
        admin.post("/products/batch", Map.of("products", products)).expect(204);
        assertThat(admin.get("/products", "code", "RA").expect(200).data().path("products").get(0)
                .path("product_id").asString()).isEqualTo(Ids.stable("product", "GLOBAL\u0000RT-A"));
        for (String p : List.of("A", "B", "C", "D", "E", "F", "X")) {
            // a new product's id is derived from its first PLU id (deleted X is not listed by GET /products)
            ids.put(p, Ids.stable("product", "GLOBAL\u0000RT-" + p));
        }
        // c1 signs up in the customer app: the Customer API tests act as c1
        mine = customer().bearer(customerToken("phone-reco"));
        Map<String, Object> signUp = new HashMap<>();
        signUp.put("customer", Map.of("personal_information", Map.of("first_name", "Cleo", "email", "c1@example.com",
                "language_id", "en")));
        signUp.put("customer_source", Map.of("customer_source_id", Ids.stable("customer_source", "eshop")));
        signUp.put("autologin", true);
        signUp.put("password", "S3cret-pass-42");
        c1 = mine.post("/customers", signUp).expect(201).data().path("customer_id").asString();
        c2 = newCustomer(admin, "c2@example.com");
        c3 = newCustomer(admin, "c3@example.com");
        c4 = newCustomer(admin, "c4@example.com");
        buy(c1, "A", "B");
        buy(c1, "A");
        Map<String, Object> cancelled = buy(c1, "E");
        admin.post("/purchases/actions/send-purchase", cancellation(cancelled)).expect(201);
        buy(c2, "A", "C");
        buy(c3, "B", "C", "D");
        refresh.refresh();
    }

    @Test
    void eliminateKeepsTheProductsOfTheCustomersHistoryBestFirst() {
        // scores of c1: A 0.7, B 0.5, C 0.3, D 0.15; E only in a cancelled purchase, F never bought
        JsonNode answer = admin().post(PRODUCT + "eliminate", Map.of("customer_id", c1,
                "product_id_list", list("F", "E", "D", "C", "B", "A"))).expect(200).data();
        assertThat(products(answer)).containsExactly("A", "B", "C", "D");
        assertThat(answer.path("total_items").asInt()).isEqualTo(4);
        JsonNode first = answer.path("recommended_products_list").get(0);
        assertThat(first.path("plu_ids").get(0).path("code").asString()).isEqualTo("RT-A");
        // nothing of the list matches a customer without history or third-party scores
        JsonNode none = admin().post(PRODUCT + "eliminate", Map.of("customer_id", c4,
                "product_id_list", list("A", "B"))).expect(200).data();
        assertThat(none.path("recommended_products_list")).isEmpty();
        assertThat(none.path("total_items").asInt()).isZero();
    }

    @Test
    void orderRanksTheWholeListAndCutsItToCount() {
        JsonNode answer = admin().post(PRODUCT + "order", Map.of("customer_id", c1,
                "product_id_list", list("F", "D", "B", "A", "C", "X"), "count", 3)).expect(200).data();
        assertThat(products(answer)).containsExactly("A", "B", "C");
        // X is deleted: never recommended, not counted
        assertThat(answer.path("total_items").asInt()).isEqualTo(5);
        JsonNode all = admin().post(PRODUCT + "order", Map.of("customer_id", c1,
                "product_id_list", list("F", "D", "B", "A", "C", "A"))).expect(200).data();
        assertThat(products(all)).containsExactly("A", "B", "C", "D", "F");
    }

    @Test
    void combineFillsUpWithTheBestActiveProductsOutsideTheList() {
        JsonNode answer = admin().post(PRODUCT + "combine", Map.of("customer_id", c1,
                "product_id_list", list("F", "D"), "count", 4)).expect(200).data();
        assertThat(products(answer)).containsExactly("D", "A", "B", "C");
        assertThat(answer.path("total_items").asInt()).isEqualTo(4);
        // without history: the most bought products (A, B and C by two customers each, ties by id), then D
        JsonNode cold = admin().post(PRODUCT + "combine", Map.of("customer_id", c4, "count", 4)).expect(200).data();
        List<String> popular = new ArrayList<>(List.of("A", "B", "C"));
        popular.sort((a, b) -> ids.get(a).compareTo(ids.get(b)));
        popular.add("D");
        assertThat(products(cold)).containsExactlyElementsOf(popular);
        // the default count is 10; only four products were ever bought
        assertThat(products(admin().post(PRODUCT + "combine", Map.of("customer_id", c4)).expect(200).data()))
                .hasSize(4);
    }

    @Test
    void theCartEngineFollowsWhatOtherCustomersBoughtWithTheCart() {
        // with A in the cart: B and C were bought with A (by c1 and c2), D only by c3 who had no A
        JsonNode answer = admin().post(CART + "eliminate", Map.of("customer_id", c4, "cart_product_ids", list("A"),
                "product_id_list", list("D", "C", "B", "F"))).expect(200).data();
        List<String> expected = new ArrayList<>(List.of("B", "C"));
        expected.sort((a, b) -> ids.get(a).compareTo(ids.get(b)));
        assertThat(products(answer)).containsExactlyElementsOf(expected);
        // the personal score breaks the tie: for c1, B (bought, 0.5) before C (co-purchased, 0.3)
        assertThat(products(admin().post(CART + "eliminate", Map.of("customer_id", c1,
                "cart_product_ids", list("A"), "product_id_list", list("C", "B"))).expect(200).data()))
                .containsExactly("B", "C");
        // order (no customer in the contract): the cart's links first, the rest after
        JsonNode order = admin().post(CART + "order", Map.of("cart_product_ids", list("D"),
                "product_id_list", list("A", "C", "B"), "count", 2)).expect(200).data();
        expected = new ArrayList<>(List.of("B", "C"));
        expected.sort((a, b) -> ids.get(a).compareTo(ids.get(b)));
        assertThat(products(order)).containsExactlyElementsOf(expected);
        assertThat(order.path("total_items").asInt()).isEqualTo(3);
        // combine: the list's match (C), then what was bought with D, never the cart's own products
        JsonNode combine = admin().post(CART + "combine", Map.of("customer_id", c4, "cart_product_ids", list("D"),
                "product_id_list", list("C", "F"), "count", 3)).expect(200).data();
        assertThat(products(combine)).startsWith("C", "B").doesNotContain("D", "F").hasSize(3);
    }

    @Test
    void thirdPartyScoresRecommendToCustomersAndLinkToCartProducts() {
        admin().post(BATCH, Map.of("third_party_recommendations", List.of(
                thirdParty(c4, null, "F", 0.5),
                thirdParty(null, List.of("A"), "D", 0.9)))).expect(204);
        assertThat(products(admin().post(PRODUCT + "eliminate", Map.of("customer_id", c4,
                "product_id_list", list("A", "F"))).expect(200).data())).containsExactly("F");
        // cart A: B and C by co-purchase (0.6 each), D by the third-party link (0.4)
        List<String> cart = products(admin().post(CART + "eliminate", Map.of("customer_id", c4,
                "cart_product_ids", list("A"), "product_id_list", list("D", "C", "B"))).expect(200).data());
        assertThat(cart).hasSize(3).endsWith("D");
        // a PLU id names the product too; a repeat replaces the score (the link to D goes to zero)
        Map<String, Object> byPlu = thirdParty(null, null, null, 0);
        byPlu.put("products", List.of(Map.of("plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", "RT-A")))));
        byPlu.put("recommended_product", Map.of("plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", "RT-D"))));
        admin().post(BATCH, Map.of("third_party_recommendations", List.of(byPlu))).expect(204);
        assertThat(products(admin().post(CART + "eliminate", Map.of("customer_id", c4,
                "cart_product_ids", list("A"), "product_id_list", list("D", "C", "B"))).expect(200).data()))
                .hasSize(2).doesNotContain("D");
    }

    @Test
    void aBatchFollowsErrorProcessing() {
        Map<String, Object> good = thirdParty(c4, null, "F", 0.5);
        Map<String, Object> bad = thirdParty("nobody", null, "A", 0.5);
        // 1 (default): the first bad record refuses the batch, nothing is stored
        assertThat(admin().post(BATCH, Map.of("third_party_recommendations", List.of(good, bad))).expect(400)
                .invalidParams()).containsExactly("third_party_recommendations[1].customer_id:not_found");
        assertThat(eliminate(c4, "F")).isEmpty();
        // 2: the good ones are stored, the bad ones reported
        Map<String, Object> noScore = thirdParty(c4, null, "A", 0.5);
        noScore.remove("score");
        Map<String, Object> noTarget = thirdParty(null, null, "A", 0.5);
        Map<String, Object> unknownProduct = thirdParty(c4, null, "A", 0.5);
        unknownProduct.put("recommended_product", Map.of("product_id", "nope"));
        Map<String, Object> negative = thirdParty(c4, null, "A", -1);
        assertThat(admin().post(BATCH, Map.of("error_processing", 2, "third_party_recommendations",
                List.of(bad, good, noScore, noTarget, unknownProduct, negative))).expect(400).invalidParams())
                .containsExactly("third_party_recommendations[0].customer_id:not_found",
                        "third_party_recommendations[2].score:required",
                        "third_party_recommendations[3].customer_id:required",
                        "third_party_recommendations[4].recommended_product.product_id:not_found",
                        "third_party_recommendations[5].score:not_allowed_value");
        assertThat(eliminate(c4, "F")).containsExactly("F");
        assertThat(admin().post(BATCH, Map.of("error_processing", 3, "third_party_recommendations", List.of(good)))
                .expect(400).invalidParams()).containsExactly("error_processing:not_allowed_value");
        assertThat(admin().post(BATCH, Map.of("error_processing", 1)).expect(400).invalidParams())
                .containsExactly("third_party_recommendations:required");
        // the Customer API stores no third-party scores
        assertThat(mine.post(BATCH, Map.of("third_party_recommendations", List.of(good))).expect(403).error()
                .path("type").asString()).isEqualTo("interface_not_allowed_exception");
    }

    @Test
    void badInputIsA400NamingTheParameter() {
        Api admin = admin();
        assertThat(admin.post(PRODUCT + "eliminate", Map.of("product_id_list", list("A"))).expect(400)
                .invalidParams()).containsExactly("customer_id:required");
        assertThat(admin.post(PRODUCT + "order", Map.of("customer_id", "nobody")).expect(400).invalidParams())
                .containsExactly("customer_id:not_found");
        assertThat(admin.post(PRODUCT + "combine", Map.of("customer_id", c1,
                "product_id_list", List.of(ids.get("A"), "nope"))).expect(400).invalidParams())
                .containsExactly("product_id_list[1]:not_found");
        assertThat(admin.post(PRODUCT + "order", Map.of("customer_id", c1, "count", 0)).expect(400).invalidParams())
                .containsExactly("count:not_allowed_value");
        assertThat(admin.post(CART + "order", Map.of("product_id_list", list("A"))).expect(400).invalidParams())
                .containsExactly("cart_product_ids:required");
        assertThat(admin.post(CART + "combine", Map.of("customer_id", c1, "cart_product_ids", List.of("nope")))
                .expect(400).invalidParams()).containsExactly("cart_product_ids[0]:not_found");
        List<String> tooMany = IntStream.range(0, 1001).mapToObj(i -> ids.get("A")).toList();
        assertThat(admin.post(CART + "eliminate", Map.of("customer_id", c1, "product_id_list", tooMany))
                .expect(400).invalidParams()).containsExactly("product_id_list:not_allowed_value");
        assertThat(admin.post(PRODUCT + "eliminate", Map.of("customer_id", c1, "count", "many")).expect(400)
                .invalidParams()).containsExactly("count:invalid_value_format");
    }

    @Test
    void theSameDataGivesTheSameAnswer() {
        Map<String, Object> request = Map.of("customer_id", c4, "product_id_list", list("F", "E", "D", "C", "B", "A"),
                "count", 6);
        String first = admin().post(PRODUCT + "order", request).expect(200).body();
        refresh.refresh();
        for (int i = 0; i < 3; i++) {
            assertThat(admin().post(PRODUCT + "order", request).expect(200).body()).isEqualTo(first);
        }
    }

    @Test
    void theJobBringsNewPurchasesAndCancellationsIn() {
        assertThat(eliminate(c4, "D")).isEmpty();
        Map<String, Object> bill = buy(c4, "D");
        // the scores are what the last refresh saw
        assertThat(eliminate(c4, "D")).isEmpty();
        refresh.refresh();
        assertThat(eliminate(c4, "D")).containsExactly("D");
        admin().post("/purchases/actions/send-purchase", cancellation(bill)).expect(201);
        refresh.refresh();
        assertThat(eliminate(c4, "D")).isEmpty();
    }

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theJobSkipsARunWhenARebuildEndedWithinItsInterval() {
        buy(c4, "D");
        // the set-up refreshed a moment ago: the job's run leaves the scores as they were
        refresh.periodicRefresh();
        assertThat(eliminate(c4, "D")).isEmpty();
        clock.advance(RecommendationRefresh.INTERVAL.plusSeconds(1));
        refresh.periodicRefresh();
        assertThat(eliminate(c4, "D")).containsExactly("D");
    }

    @Test
    void aCustomerAsksOnlyForThemselves() {
        assertThat(products(mine.post(PRODUCT + "eliminate", Map.of("customer_id", c1,
                "product_id_list", list("B", "A"))).expect(200).data())).containsExactly("A", "B");
        assertThat(mine.post(PRODUCT + "eliminate", Map.of("customer_id", c2, "product_id_list", list("A")))
                .expect(400).invalidParams()).containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(mine.post(CART + "combine", Map.of("customer_id", c2, "cart_product_ids", list("A")))
                .expect(400).invalidParams()).containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(mine.post(PRODUCT + "order", Map.of("customer_id", c3)).expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        // a token without a logged-in customer sees no customer's recommendations
        customer().bearer(customerToken("phone-anonymous")).post(PRODUCT + "combine", Map.of("customer_id", c1))
                .expect(403);
    }

    @Test
    void aCombineReadsInTwoStatements() {
        Caller caller = new Caller.User("statement-count", ENTERPRISE_APP, "hash");
        List<Recommendations> answers = new ArrayList<>();
        // the score tables' rows (with the customer's existence and the most bought products), then the listings,
        // PLU ids and popularity of the lists' products and of the fill's candidates; before, 11 and 14 statements
        int product = StatementCounter.count(() -> answers.add(engine.productCombine(caller,
                new ProductRequest(c1, list("F", "D"), 4))));
        int cart = StatementCounter.count(() -> answers.add(engine.cartCombine(caller,
                new CartRequest(c1, list("D"), list("C", "F"), 3))));
        assertThat(product).isBetween(1, 2);
        assertThat(cart).isBetween(1, 2);
        // what the same calls answer over HTTP
        assertThat(names(answers.get(0))).isEqualTo(products(admin().post(PRODUCT + "combine", Map.of(
                "customer_id", c1, "product_id_list", list("F", "D"), "count", 4)).expect(200).data()))
                .containsExactly("D", "A", "B", "C");
        assertThat(names(answers.get(1))).isEqualTo(products(admin().post(CART + "combine", Map.of(
                "customer_id", c1, "cart_product_ids", list("D"), "product_id_list", list("C", "F"), "count", 3))
                .expect(200).data())).startsWith("C").doesNotContain("D", "F").hasSize(3);
        // a customer who does not exist is still refused, after one statement
        int missing = StatementCounter.count(() -> assertThatThrownBy(() -> engine.productCombine(caller,
                new ProductRequest("nobody", list("A"), 4))).isInstanceOf(ApiError.class)
                .hasMessageContaining("customer_id"));
        assertThat(missing).isEqualTo(1);
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private List<String> eliminate(String customerId, String... products) {
        return products(admin().post(PRODUCT + "eliminate", Map.of("customer_id", customerId,
                "product_id_list", list(products))).expect(200).data());
    }

    private List<String> list(String... names) {
        return java.util.Arrays.stream(names).map(ids::get).toList();
    }

    private List<String> names(Recommendations answer) {
        Map<String, String> names = new HashMap<>();
        ids.forEach((name, id) -> names.put(id, name));
        return answer.recommendedProductsList().stream().map(p -> names.get(p.productId())).toList();
    }

    /** The answer's products by their names in this test. */
    private List<String> products(JsonNode answer) {
        Map<String, String> names = new HashMap<>();
        ids.forEach((name, id) -> names.put(id, name));
        List<String> out = new ArrayList<>();
        answer.path("recommended_products_list").forEach(p -> out.add(names.get(p.path("product_id").asString())));
        return out;
    }

    private Map<String, Object> thirdParty(String customerId, List<String> cart, String product, double score) {
        Map<String, Object> record = new HashMap<>();
        if (customerId != null) {
            record.put("customer_id", customerId);
        }
        if (cart != null) {
            record.put("products", cart.stream().map(p -> Map.of("product_id", ids.get(p))).toList());
        }
        if (product != null) {
            record.put("recommended_product", Map.of("product_id", ids.get(product)));
        }
        record.put("recommendation_system_id", "sys-1");
        record.put("recommendation_system_dataset_id", "set-1");
        record.put("score", score);
        return record;
    }

    private String newCustomer(Api api, String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", Map.of("first_name", "Reco", "last_name", "Tester",
                "email", email, "language_id", "en")));
        body.put("customer_source", Map.of("customer_source_id", Ids.stable("customer_source", "eshop")));
        body.put("autologin", false);
        body.put("password", "S3cret-pass-42");
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    /** Sends a purchase of one piece of each product for the customer; answers the request (to cancel it). */
    private Map<String, Object> buy(String customerId, String... products) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < products.length; i++) {
            Map<String, Object> item = new HashMap<>();
            item.put("plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", "RT-" + products[i])));
            item.put("plu_name", "Product " + products[i]);
            item.put("vat_rate", 21);
            item.put("quantity", 1);
            item.put("price", 100);
            item.put("paid_amount", 100);
            item.put("bill_item_id", String.valueOf(i + 1));
            item.put("loyalty_off", false);
            item.put("purchase_item_type_id", Ids.stable("purchase_item_type", "store_purchase"));
            items.add(item);
        }
        Map<String, Object> bill = new HashMap<>();
        bill.put("bill_id", "R-" + (++bills) + "-" + customerId);
        bill.put("payment_time", "2026-12-01 10:00:00");
        bill.put("currency_id", CurrencyQueries.currencyId("CZK"));
        bill.put("total_price", 100 * products.length);
        bill.put("bill_items", items);
        bill.put("purchase_type_id", Ids.stable("purchase_type", "store_purchase"));
        bill.put("canceled", false);
        bill.put("payment_type", "S");
        bill.put("payment_recap", Map.of());
        Map<String, Object> body = new HashMap<>();
        body.put("store_id", "store-a");
        body.put("cashdesk_number", 1);
        body.put("customer_id", customerId);
        body.put("bill", bill);
        admin().post("/purchases/actions/send-purchase", body).expect(201);
        return body;
    }

    private static Map<String, Object> cancellation(Map<String, Object> original) {
        Map<String, Object> body = new HashMap<>(original);
        @SuppressWarnings("unchecked")
        Map<String, Object> bill = new HashMap<>((Map<String, Object>) original.get("bill"));
        bill.put("bill_number", bill.get("bill_id"));
        bill.put("bill_id", "C" + bill.get("bill_id"));
        bill.put("canceled", true);
        bill.remove("payment_recap");
        body.remove("customer_id");
        body.put("bill", bill);
        return body;
    }
}
