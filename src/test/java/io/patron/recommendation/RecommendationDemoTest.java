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
        // of the seven demo articles, those the customer bought (at least one) match them
        List<String> articles = java.util.stream.Stream.of("8594000000983", "8594000000570", "8594000001621",
                "8594000002826", "8594000000280", "8594000002666", "8594000002918")
                .map(code -> io.patron.common.Ids.stable("product", "GLOBAL\u0000" + code)).toList();
        JsonNode eliminate = admin.post("/recommendation-engine/product/actions/eliminate",
                Map.of("customer_id", first, "product_id_list", articles)).expect(200).data();
        assertThat(eliminate.path("total_items").asInt()).isPositive();
        List<String> known = new ArrayList<>();
        eliminate.path("recommended_products_list").forEach(p -> known.add(p.path("product_id").asString()));
        assertThat(articles).containsAll(known);
        // a cart of one of the demo's products gives what other demo customers bought with it
        JsonNode cart = admin.post("/recommendation-engine/shopping-cart/actions/combine",
                Map.of("customer_id", first, "cart_product_ids", List.of(known.getFirst()), "count", 3)).expect(200)
                .data();
        assertThat(cart.path("recommended_products_list")).isNotEmpty();
    }
}
