package io.patron.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** The demo catalogue imports (twice: the import updates, it does not duplicate) and reads back whole. */
class CatalogDemoTest extends ApiTest {

    @Autowired
    ProjectImporter importer;

    @BeforeEach
    void importDemoTwice() {
        for (int round = 0; round < 2; round++) {
            importer.apply(ProjectFile.load("classpath:project/demo/30-catalog.yaml"));
        }
    }

    @Test
    void aFewHundredProductsInAThreeLevelTreeWithBrandsTagsAndProperties() {
        Api api = admin();
        assertThat(api.get("/products").expect(200).data().path("total_items").asLong()).isEqualTo(300);
        assertThat(api.get("/product-brands").expect(200).data().path("total_items").asLong()).isEqualTo(10);
        assertThat(api.get("/products/tags").expect(200).data().path("total_items").asLong()).isEqualTo(6);
        assertThat(api.get("/product-properties").expect(200).data().path("total_items").asLong()).isEqualTo(5);

        Map<String, JsonNode> groups = new HashMap<>();
        api.get("/product-groups", "count", "1000").expect(200).data().path("product_groups")
                .forEach(g -> groups.put(g.path("product_group_id").asString(), g));
        int deepest = 0;
        for (JsonNode group : groups.values()) {
            int depth = 1;
            for (JsonNode at = group; at.has("parent_product_group_id"); depth++) {
                at = groups.get(at.path("parent_product_group_id").asString());
            }
            deepest = Math.max(deepest, depth);
        }
        assertThat(deepest).isEqualTo(3);

        JsonNode product = api.header("Accept-Language", "cs")
                .get("/products", "external_id", "BAS-TSM-NVY", "external_type_code", "SKU").expect(200)
                .data().path("products").get(0);
        assertThat(product.path("name").asString()).isEqualTo("Patron Basics Merino tričko – námořnická modrá");
        assertThat(product.path("external_id").asString()).isEqualTo("BAS-TSM-NVY");
        assertThat(product.path("plu_ids")).hasSize(2);
        assertThat(product.path("prices")).hasSize(1);
        assertThat(product.path("additional_properties")).hasSize(5);
        assertThat(groups.get(product.path("product_group_id").asString()).path("external_id").asString())
                .isEqualTo("apparel-men-tshirts");
    }
}
