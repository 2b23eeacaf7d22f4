package io.patron.catalog;

import static io.patron.catalog.ProductBrandTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** {@code GET /products/tags} and {@code GET /product-properties} (+ detail): definitions from the project file. */
class ProductTagAndPropertyTest extends ApiTest {

    private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

    @Autowired
    ProjectImporter importer;

    @BeforeEach
    void definitions() {
        importer.apply(ProjectFile.load("classpath:project/test-catalog.yaml"));
    }

    @Test
    void tagsAreListedInTheFileOrderWithTheirState() {
        Api.Response answer = admin().get("/products/tags").expect(200);
        assertThat(answer.data().path("total_items").asLong()).isEqualTo(4);
        assertThat(values(answer, "tags", "text_id")).containsExactly("new", "bestseller", "clearance", "retired");
        assertThat(values(answer, "tags", "state")).containsExactly("1", "1", "2", "0");
        JsonNode first = answer.data().path("tags").get(0);
        assertThat(first.path("tag_id").asString()).isEqualTo(Ids.stable("product_tag", "new"));
        assertThat(first.path("name").asString()).isEqualTo("New");
        assertThat(first.path("last_change").asString()).matches(DATE_TIME);
        assertThat(values(admin().header("Accept-Language", "cs").get("/products/tags").expect(200), "tags", "name"))
                .containsExactly("Novinka", "Nejprodávanější", "Výprodej", "Retired");
        assertThat(values(customer().bearer(customerToken("dev")).get("/products/tags").expect(200), "tags",
                "text_id")).hasSize(4);
    }

    @Test
    void tagsFilterSortAndPage() {
        Api api = admin();
        assertThat(values(api.get("/products/tags", "name", "SALE").expect(200), "tags", "text_id"))
                .containsExactly("clearance");
        assertThat(values(api.header("Accept-Language", "cs").get("/products/tags", "name", "novi").expect(200),
                "tags", "text_id")).containsExactly("new");
        assertThat(values(api.get("/products/tags", "text_id", "bestseller").expect(200), "tags", "name"))
                .containsExactly("Bestseller");
        assertThat(api.get("/products/tags", "text_id", "best").expect(200).data().path("total_items").asLong())
                .isZero();
        assertThat(values(api.get("/products/tags", "sort_field", "text_id", "sort_direction", "DESC").expect(200),
                "tags", "text_id")).containsExactly("retired", "new", "clearance", "bestseller");
        Api.Response page = api.get("/products/tags", "count", "2", "offset", "1").expect(200);
        assertThat(page.data().path("total_items").asLong()).isEqualTo(4);
        assertThat(values(page, "tags", "text_id")).containsExactly("bestseller", "clearance");
    }

    @Test
    void tagImportIsIdempotentAndRenames() {
        String before = admin().get("/products/tags").expect(200).data().path("tags").get(0).path("last_change")
                .asString();
        importer.apply(ProjectFile.load("classpath:project/test-catalog.yaml"));
        Api.Response again = admin().get("/products/tags").expect(200);
        assertThat(again.data().path("total_items").asLong()).isEqualTo(4);
        assertThat(again.data().path("tags").get(0).path("last_change").asString()).isEqualTo(before);
    }

    @Test
    void productPropertiesAreTheProductDefinitions() {
        Api api = admin();
        Api.Response list = api.get("/product-properties").expect(200);
        assertThat(list.data().path("total_items").asLong()).isEqualTo(5);
        assertThat(values(list, "product_properties", "property_id"))
                .containsExactlyInAnyOrder("material", "weight_g", "organic", "season", "ean_check");
        assertThat(values(api.get("/product-properties", "name", "weight").expect(200), "product_properties",
                "property_id")).containsExactly("weight_g");
        assertThat(values(api.get("/product-properties", "sort_field", "property_id", "count", "2").expect(200),
                "product_properties", "property_id")).containsExactly("ean_check", "material");
        JsonNode season = api.header("Accept-Language", "cs").get("/product-properties/season").expect(200).data();
        assertThat(season.path("name").asString()).isEqualTo("Sezóna");
        assertThat(season.path("data_type").asString()).isEqualTo("enum");
        assertThat(season.path("items")).hasSize(2);
        assertThat(season.path("items").get(0).path("name").asString()).isEqualTo("Léto");
        assertThat(customer().bearer(customerToken("dev")).get("/product-properties/material").expect(200).data()
                .path("is_unique").asBoolean()).isFalse();
        Api.Response missing = api.get("/product-properties/colour").expect(404);
        assertThat(missing.error().path("error_data").path("resource_name").asString()).isEqualTo("product-properties");
        // definitions of other owners are not product properties
        assertThat(api.get("/product-properties/note").expect(404).status()).isEqualTo(404);
    }
}
