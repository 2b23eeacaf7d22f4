package io.patron.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.customer.CustomerService;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** The demo's purchases name catalogue products, so the demo answers recommendation calls after a refresh. */
class RecommendationDemoTest extends ApiTest {

    @Autowired
    ProjectImporter importer;

    @Autowired
    CustomerService customers;

    @Autowired
    RecommendationRefresh refresh;

    @Test
    void theDemoHistoryGivesRecommendations() {
        for (String file : new String[] {"10-users", "20-stores", "30-catalog", "40-customers", "50-loyalty",
                "85-purchases"}) {
            importer.apply(ProjectFile.load("classpath:project/demo/" + file + ".yaml"));
        }
        RecommendationRefresh.Result result = refresh.refresh();
        assertThat(result.customerProducts()).isGreaterThanOrEqualTo(12);
        assertThat(result.pairs()).isPositive();
        Api admin = admin();
        String first = customers.idsByEmailDomain("demo.patron.local", 1).getFirst();
        JsonNode combine = admin.post("/recommendation-engine/product/actions/combine",
                Map.of("customer_id", first, "count", 5)).expect(200).data();
        assertThat(combine.path("recommended_products_list")).hasSize(5);
        // what the customer bought matches them
        List<String> bought = new ArrayList<>();
        admin.get("/customers/" + first + "/purchases").expect(200).data().path("purchases").forEach(p ->
                admin.get("/purchases/" + p.path("purchase_id").asString()).expect(200).data().path("purchase_items")
                        .forEach(i -> bought.add(i.path("product_id").asString())));
        List<String> known = bought.stream().filter(id -> !id.isEmpty()).distinct().toList();
        assertThat(known).isNotEmpty();
        JsonNode eliminate = admin.post("/recommendation-engine/product/actions/eliminate",
                Map.of("customer_id", first, "product_id_list", known)).expect(200).data();
        assertThat(eliminate.path("total_items").asInt()).isEqualTo(known.size());
        // a cart of one of the demo's products gives what other demo customers bought with it
        JsonNode cart = admin.post("/recommendation-engine/shopping-cart/actions/combine",
                Map.of("customer_id", first, "cart_product_ids", List.of(known.getFirst()), "count", 3)).expect(200)
                .data();
        assertThat(cart.path("recommended_products_list")).isNotEmpty();
    }
}
