package io.patron.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** {@code GET /product-brands}, {@code GET /product-brands/{id}} and {@code POST /product-brands/batch}. */
class ProductBrandTest extends ApiTest {

    static Map<String, Object> brand(String externalId, String name) {
        return Map.of("external_id", externalId, "name", name);
    }

    private static Map<String, Object> body(List<?> brands) {
        return Map.of("product_brands", brands);
    }

    static List<String> values(Api.Response answer, String list, String field) {
        List<String> out = new ArrayList<>();
        answer.data().path(list).forEach(item -> out.add(item.path(field).asString()));
        return out;
    }

    private JsonNode byExternalId(Api api, String externalId) {
        for (JsonNode brand : api.get("/product-brands", "count", "1000").expect(200).data().path("product_brands")) {
            if (brand.path("external_id").asString().equals(externalId)) {
                return brand;
            }
        }
        throw new AssertionError("no brand " + externalId);
    }

    @Test
    void batchCreatesBrandsThatAreListedAndShown() {
        Api api = admin();
        api.post("/product-brands/batch", body(List.of(brand("nw", "Nordwind"), brand("ak", "Alpenkraft"))))
                .expect(204);
        Api.Response list = api.get("/product-brands").expect(200);
        assertThat(list.data().path("total_items").asLong()).isEqualTo(2);
        assertThat(values(list, "product_brands", "name")).containsExactlyInAnyOrder("Nordwind", "Alpenkraft");
        JsonNode nordwind = byExternalId(api, "nw");
        assertThat(nordwind.path("product_brand_id").asString()).hasSize(26);
        JsonNode shown = api.get("/product-brands/" + nordwind.path("product_brand_id").asString()).expect(200).data();
        assertThat(shown.path("name").asString()).isEqualTo("Nordwind");
        assertThat(shown.path("external_id").asString()).isEqualTo("nw");
        // reads work on the Customer API too
        assertThat(customer().bearer(customerToken("dev")).get("/product-brands/"
                + nordwind.path("product_brand_id").asString()).expect(200).data().path("name").asString())
                .isEqualTo("Nordwind");
        assertThat(customer().bearer(customerToken("dev")).get("/product-brands").expect(200)
                .data().path("total_items").asLong()).isEqualTo(2);
    }

    @Test
    void aBrandWithAKnownExternalIdIsUpdatedNotDuplicated() {
        Api api = admin();
        api.post("/product-brands/batch", body(List.of(brand("nw", "Nordwind")))).expect(204);
        String id = byExternalId(api, "nw").path("product_brand_id").asString();
        api.post("/product-brands/batch", body(List.of(brand("nw", "Nordwind Outdoor")))).expect(204);
        Api.Response list = api.get("/product-brands").expect(200);
        assertThat(list.data().path("total_items").asLong()).isEqualTo(1);
        assertThat(byExternalId(api, "nw").path("product_brand_id").asString()).isEqualTo(id);
        assertThat(byExternalId(api, "nw").path("name").asString()).isEqualTo("Nordwind Outdoor");
        // the same external id twice in one batch is one brand; the later record wins
        api.post("/product-brands/batch", body(List.of(brand("x", "First"), brand("x", "Second")))).expect(204);
        assertThat(byExternalId(api, "x").path("name").asString()).isEqualTo("Second");
        assertThat(api.get("/product-brands").expect(200).data().path("total_items").asLong()).isEqualTo(2);
    }

    @Test
    void theNameIsStoredForTheRequestLanguageAndFallsBackForOthers() {
        Api api = admin();
        api.post("/product-brands/batch", body(List.of(brand("nw", "Nordwind")))).expect(204);
        api.header("Accept-Language", "cs").post("/product-brands/batch", body(List.of(brand("nw", "Severák"))))
                .expect(204);
        String id = byExternalId(api, "nw").path("product_brand_id").asString();
        assertThat(api.get("/product-brands/" + id).expect(200).data().path("name").asString()).isEqualTo("Nordwind");
        assertThat(api.header("Accept-Language", "cs, en-gb;q=0.8").get("/product-brands/" + id).expect(200)
                .data().path("name").asString()).isEqualTo("Severák");
        // a brand named only in Czech shows that name in English too
        api.header("Accept-Language", "cs").post("/product-brands/batch", body(List.of(brand("ce", "Česká značka"))))
                .expect(204);
        assertThat(byExternalId(api, "ce").path("name").asString()).isEqualTo("Česká značka");
        // the name filter searches the request's language
        assertThat(values(api.header("Accept-Language", "cs").get("/product-brands", "name", "sever").expect(200),
                "product_brands", "external_id")).containsExactly("nw");
        assertThat(api.get("/product-brands", "name", "sever").expect(200).data().path("total_items").asLong())
                .isZero();
    }

    @Test
    void brandsFilterSortAndPage() {
        Api api = admin();
        api.post("/product-brands/batch", body(List.of(brand("c", "Cedar"), brand("a", "Aspen"),
                brand("b", "Birch Works")))).expect(204);
        assertThat(values(api.get("/product-brands", "name", "BIRCH").expect(200), "product_brands", "external_id"))
                .containsExactly("b");
        assertThat(api.get("/product-brands", "name", "oak").expect(200).data().path("total_items").asLong())
                .isZero();
        assertThat(values(api.get("/product-brands", "sort_field", "name").expect(200), "product_brands", "name"))
                .containsExactly("Aspen", "Birch Works", "Cedar");
        assertThat(values(api.get("/product-brands", "sort_field", "external_id", "sort_direction", "DESC")
                .expect(200), "product_brands", "external_id")).containsExactly("c", "b", "a");
        Api.Response page = api.get("/product-brands", "sort_field", "name", "count", "1", "offset", "1").expect(200);
        assertThat(page.data().path("total_items").asLong()).isEqualTo(3);
        assertThat(values(page, "product_brands", "name")).containsExactly("Birch Works");
        assertThat(api.get("/product-brands", "sort_field", "bogus").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
    }

    @Test
    void unknownBrandIsNotFound() {
        Api.Response answer = admin().get("/product-brands/0123456789abcdef0123456789").expect(404);
        assertThat(answer.error().path("error_data").path("resource_name").asString()).isEqualTo("product-brands");
        assertThat(answer.error().path("error_data").path("resource_id").asString())
                .isEqualTo("0123456789abcdef0123456789");
    }

    @Test
    void badRecordsAreRefusedAndRollBackTheWholeBatchByDefault() {
        Api api = admin();
        Api.Response answer = api.post("/product-brands/batch", body(List.of(brand("ok", "Fine"),
                Map.of("name", "No external id"), Map.of("external_id", "x", "name", " ")))).expect(400);
        // the first bad record is reported, nothing is stored
        assertThat(answer.invalidParams()).containsExactly("product_brands[1].external_id:required");
        assertThat(api.get("/product-brands").expect(200).data().path("total_items").asLong()).isZero();
        assertThat(api.post("/product-brands/batch", Map.of("product_brands", List.of(brand("ok", "Fine")),
                "error_processing", 1)).expect(204).status()).isEqualTo(204);
    }

    @Test
    void errorProcessingTwoStoresTheGoodRecordsAndReportsEachBadOne() {
        Api api = admin();
        Api.Response answer = api.post("/product-brands/batch", Map.of("error_processing", 2, "product_brands",
                List.of(brand("ok", "Fine"), Map.of("name", "No external id"), Map.of("external_id", "x", "name", " "),
                        brand("ok2", "Also fine")))).expect(400);
        assertThat(answer.invalidParams()).containsExactly("product_brands[1].external_id:required",
                "product_brands[2].name:empty");
        assertThat(values(api.get("/product-brands", "sort_field", "external_id").expect(200), "product_brands",
                "external_id")).containsExactly("ok", "ok2");
        api.post("/product-brands/batch", Map.of("error_processing", 2, "product_brands",
                List.of(brand("ok3", "Third")))).expect(204);
    }

    @Test
    void theListIsRequiredAndHoldsAtMostAThousandRecords() {
        Api api = admin();
        assertThat(api.post("/product-brands/batch", Map.of()).expect(400).invalidParams())
                .containsExactly("product_brands:required");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(brand("b" + i, "Brand " + i));
        }
        assertThat(api.post("/product-brands/batch", body(many)).expect(400).invalidParams())
                .containsExactly("product_brands:not_allowed_value");
        assertThat(api.get("/product-brands").expect(200).data().path("total_items").asLong()).isZero();
        api.post("/product-brands/batch", body(many.subList(0, 1000))).expect(204);
        assertThat(api.get("/product-brands").expect(200).data().path("total_items").asLong()).isEqualTo(1000);
        assertThat(api.post("/product-brands/batch", Map.of("product_brands", List.of(), "error_processing", 3))
                .expect(400).invalidParams()).containsExactly("error_processing:not_allowed_value");
    }

    @Test
    void theBatchIsOnlyInTheEnterpriseApi() {
        Api.Response answer = customer().bearer(customerToken("dev"))
                .post("/product-brands/batch", body(List.of(brand("nw", "Nordwind")))).expect(403);
        assertThat(answer.error().path("type").asString()).isEqualTo("interface_not_allowed_exception");
        enterprise().post("/product-brands/batch", body(List.of(brand("nw", "Nordwind")))).expect(401);
    }
}
