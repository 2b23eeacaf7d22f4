package io.patron.catalog;

import static io.patron.catalog.ProductBrandTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.reference.CurrencyQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** {@code GET /products}, {@code GET /products/{id}} and {@code POST /products/batch}. */
class ProductTest extends ApiTest {

    @org.junit.jupiter.api.BeforeEach
    void partnerAndStore() {
        importProject("test-catalog-owners.yaml");
    }

    private static final String CZK = CurrencyQueries.currencyId("CZK");
    private static final String EUR = CurrencyQueries.currencyId("EUR");
    private static final String NEW = Ids.stable("product_tag", "new");
    private static final String BESTSELLER = Ids.stable("product_tag", "bestseller");
    private static final String CLEARANCE = Ids.stable("product_tag", "clearance");
    private static final String RETIRED = Ids.stable("product_tag", "retired");
    private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

    @Autowired
    ProjectImporter importer;

    @Autowired
    DSLContext dsl;

    private Api api;
    private String nordwind;
    private String alpenkraft;
    private String men;
    private String women;

    @BeforeEach
    void catalogue() {
        importer.apply(ProjectFile.load("classpath:project/test-catalog.yaml"));
        api = admin();
        api.post("/product-brands/batch", Map.of("product_brands", List.of(
                ProductBrandTest.brand("nw", "Nordwind"), ProductBrandTest.brand("ak", "Alpenkraft")))).expect(204);
        api.post("/product-groups/batch", Map.of("product_groups", List.of(
                ProductGroupTest.group("apparel", "Apparel"),
                ProductGroupTest.group("men", "Men", "parent_external_id", "apparel"),
                ProductGroupTest.group("women", "Women", "parent_external_id", "apparel")))).expect(204);
        Map<String, String> brands = new HashMap<>();
        api.get("/product-brands").expect(200).data().path("product_brands")
                .forEach(b -> brands.put(b.path("external_id").asString(), b.path("product_brand_id").asString()));
        nordwind = brands.get("nw");
        alpenkraft = brands.get("ak");
        Map<String, JsonNode> groups = ProductGroupTest.groupsByExternalId(api);
        men = groups.get("men").path("product_group_id").asString();
        women = groups.get("women").path("product_group_id").asString();
    }

    private static Map<String, Object> plu(String list, String code) {
        return Map.of("list_code", list, "code", code);
    }

    /** A product with just the required fields. */
    private static Map<String, Object> product(String name, String globalCode, Object... more) {
        Map<String, Object> product = new HashMap<>(Map.of("name", name, "plu_ids", List.of(plu("GLOBAL", globalCode))));
        for (int i = 0; i + 1 < more.length; i += 2) {
            product.put((String) more[i], more[i + 1]);
        }
        return product;
    }

    private Api.Response sync(Object... products) {
        return api.post("/products/batch", Map.of("products", List.of(products)));
    }

    private Api.Response syncReporting(Object... products) {
        return api.post("/products/batch", Map.of("products", List.of(products), "error_processing", 2));
    }

    private JsonNode byGlobal(String code) {
        JsonNode list = api.get("/products", "external_id", code, "external_type_code", "GLOBAL").expect(200).data()
                .path("products");
        assertThat(list).as("products with GLOBAL id " + code).hasSize(1);
        return api.get("/products/" + list.get(0).path("product_id").asString()).expect(200).data();
    }

    private long total(Api.Response answer) {
        return answer.expect(200).data().path("total_items").asLong();
    }

    private long storedProducts() {
        return dsl.fetchCount(DSL.table(DSL.name("product")));
    }

    // ---------------------------------------------------------------- create and read

    @Test
    void aSyncedProductIsShownWithEverythingItWasGiven() {
        sync(product("Merino T-shirt", "8590000000011",
                "code", "100001",
                "plu_ids", List.of(plu("GLOBAL", "8590000000011"), plu("SKU", "MT-01")),
                "product_brand_external_id", "nw",
                "product_group_id", men,
                "prices", List.of(Map.of("currency_id", CZK, "value", 890), Map.of("currency_id", EUR, "value", 35.5)),
                "tags", List.of(Map.of("tag_id", NEW), Map.of("tag_id", BESTSELLER)),
                "property_records", List.of(
                        Map.of("property_id", "material", "property_value", "merino wool"),
                        Map.of("property_id", "weight_g", "property_value", 180),
                        Map.of("property_id", "organic", "property_value", true),
                        Map.of("property_id", "season", "property_value",
                                List.of(Ids.stable("property_item", "product:season:summer")))),
                "partner_id", "partner-1")).expect(204);

        Api.Response list = api.get("/products").expect(200);
        assertThat(list.data().path("total_items").asLong()).isEqualTo(1);
        JsonNode product = list.data().path("products").get(0);
        assertThat(product.path("product_id").asString()).hasSize(26);
        assertThat(product.path("name").asString()).isEqualTo("Merino T-shirt");
        assertThat(product.path("code").asString()).isEqualTo("100001");
        assertThat(product.path("external_id").asString()).isEqualTo("8590000000011");
        assertThat(product.path("plu_ids").toString())
                .isEqualTo("[{\"list_code\":\"GLOBAL\",\"code\":\"8590000000011\"},{\"list_code\":\"SKU\",\"code\":\"MT-01\"}]");
        assertThat(product.path("product_brand_id").asString()).isEqualTo(nordwind);
        assertThat(product.path("product_group_id").asString()).isEqualTo(men);
        assertThat(product.path("partner_id").asString()).isEqualTo("partner-1");
        assertThat(product.path("state").asInt()).isEqualTo(1);
        assertThat(product.path("last_change").asString()).matches(DATE_TIME);
        assertThat(product.path("prices").toString()).contains("{\"currency_id\":\"" + CZK + "\",\"value\":890}")
                .contains("{\"currency_id\":\"" + EUR + "\",\"value\":35.5}");
        List<String> tags = new ArrayList<>();
        product.path("tags").forEach(t -> tags.add(t.path("text_id").asString() + ":" + t.path("name").asString()));
        assertThat(tags).containsExactly("new:New", "bestseller:Bestseller");
        Map<String, String> properties = new HashMap<>();
        product.path("additional_properties").forEach(p -> properties.put(p.path("property_id").asString(),
                p.path("property_value").toString()));
        assertThat(properties).containsEntry("material", "\"merino wool\"").containsEntry("weight_g", "180.0")
                .containsEntry("organic", "true");
        assertThat(properties.get("season")).contains("\"name\":\"Summer\"");

        JsonNode shown = api.get("/products/" + product.path("product_id").asString()).expect(200).data();
        assertThat(shown).isEqualTo(product);
    }

    @Test
    void readsWorkOnTheCustomerApiAndTheBatchDoesNot() {
        sync(product("Cap", "1")).expect(204);
        Api app = customer().bearer(customerToken("dev"));
        Api.Response list = app.get("/products").expect(200);
        assertThat(list.data().path("total_items").asLong()).isEqualTo(1);
        app.get("/products/" + list.data().path("products").get(0).path("product_id").asString()).expect(200);
        Api.Response refused = app.post("/products/batch", Map.of("products", List.of(product("Hat", "2"))))
                .expect(403);
        assertThat(refused.error().path("type").asString()).isEqualTo("interface_not_allowed_exception");
        assertThat(storedProducts()).isEqualTo(1);
    }

    @Test
    void unknownProductIsNotFound() {
        Api.Response answer = api.get("/products/0123456789abcdef0123456789").expect(404);
        assertThat(answer.error().path("error_data").path("resource_name").asString()).isEqualTo("products");
        assertThat(answer.error().path("error_data").path("resource_id").asString())
                .isEqualTo("0123456789abcdef0123456789");
    }

    // ---------------------------------------------------------------- updates

    @Test
    void aProductFoundByAnyOfItsPluIdsIsUpdatedInTheFieldsSentOnly() {
        sync(product("Merino T-shirt", "111", "code", "100001",
                "plu_ids", List.of(plu("GLOBAL", "111"), plu("SKU", "MT-01")),
                "product_brand_id", nordwind, "product_group_external_id", "men", "partner_id", "partner-1",
                "prices", List.of(Map.of("currency_id", CZK, "value", 890), Map.of("currency_id", EUR, "value", 35)),
                "tags", List.of(Map.of("tag_id", NEW)),
                "property_records", List.of(Map.of("property_id", "material", "property_value", "merino"),
                        Map.of("property_id", "weight_g", "property_value", 180)))).expect(204);
        JsonNode before = byGlobal("111");

        // found by its SKU alone; a new EAN id is added; only the name, one price, one tag and one property change
        sync(Map.of("name", "Merino Tee", "plu_ids", List.of(plu("SKU", "MT-01"), plu("EAN", "4000000000017")),
                "prices", List.of(Map.of("currency_id", CZK, "value", 990)),
                "tags", List.of(Map.of("tag_id", BESTSELLER)),
                "property_records", List.of(Map.of("property_id", "weight_g", "property_value", 175)))).expect(204);
        assertThat(storedProducts()).isEqualTo(1);
        JsonNode after = byGlobal("111");
        assertThat(after.path("product_id").asString()).isEqualTo(before.path("product_id").asString());
        assertThat(after.path("name").asString()).isEqualTo("Merino Tee");
        assertThat(after.path("code").asString()).isEqualTo("100001");
        assertThat(after.path("product_brand_id").asString()).isEqualTo(nordwind);
        assertThat(after.path("product_group_id").asString()).isEqualTo(men);
        assertThat(after.path("partner_id").asString()).isEqualTo("partner-1");
        assertThat(after.path("state").asInt()).isEqualTo(1);
        assertThat(after.path("plu_ids")).hasSize(3);
        assertThat(after.path("prices").toString()).contains("{\"currency_id\":\"" + CZK + "\",\"value\":990}")
                .contains("{\"currency_id\":\"" + EUR + "\",\"value\":35}");
        List<String> tags = new ArrayList<>();
        after.path("tags").forEach(t -> tags.add(t.path("text_id").asString()));
        assertThat(tags).containsExactly("new", "bestseller");
        Map<String, String> properties = new HashMap<>();
        after.path("additional_properties").forEach(p -> properties.put(p.path("property_id").asString(),
                p.path("property_value").toString()));
        assertThat(properties).containsEntry("material", "\"merino\"").containsEntry("weight_g", "175.0");

        // brand and group change by their other kind of reference
        sync(product("Merino Tee", "111", "product_brand_external_id", "ak", "product_group_id", women)).expect(204);
        JsonNode moved = byGlobal("111");
        assertThat(moved.path("product_brand_id").asString()).isEqualTo(alpenkraft);
        assertThat(moved.path("product_group_id").asString()).isEqualTo(women);
    }

    @Test
    void aDeletedProductLeavesTheListsButKeepsItsDetail() {
        sync(product("Old cap", "1"), product("New cap", "2")).expect(204);
        String id = byGlobal("1").path("product_id").asString();
        sync(product("Old cap", "1", "state", 0)).expect(204);
        assertThat(values(api.get("/products").expect(200), "products", "name")).containsExactly("New cap");
        assertThat(api.get("/products/" + id).expect(200).data().path("state").asInt()).isZero();
        // a later sync without state leaves it deleted; state 1 brings it back
        sync(product("Old cap", "1")).expect(204);
        assertThat(api.get("/products/" + id).expect(200).data().path("state").asInt()).isZero();
        sync(product("Old cap", "1", "state", 1)).expect(204);
        assertThat(total(api.get("/products"))).isEqualTo(2);
    }

    @Test
    void recordsOfOneProductWithinABatchMerge() {
        sync(product("First", "1", "code", "A", "state", 0,
                        "property_records", List.of(Map.of("property_id", "material", "property_value", "wool"))),
                Map.of("name", "Second", "plu_ids", List.of(plu("GLOBAL", "1"), plu("SKU", "S1")),
                        "product_brand_id", nordwind, "prices", List.of(Map.of("currency_id", CZK, "value", 10)),
                        "property_records", List.of(Map.of("property_id", "material", "property_value", "silk"))),
                product("Third", "1", "prices", List.of(Map.of("currency_id", CZK, "value", 12)))).expect(204);
        assertThat(storedProducts()).isEqualTo(1);
        // the detail shows a deleted product, the list would not
        String id = dsl.select(DSL.field(DSL.name("id"), String.class)).from(DSL.table(DSL.name("product")))
                .fetchOne(0, String.class);
        JsonNode product = api.get("/products/" + id).expect(200).data();
        assertThat(product.path("name").asString()).isEqualTo("Third");
        assertThat(product.path("code").asString()).isEqualTo("A");
        assertThat(product.path("state").asInt()).isZero();
        assertThat(product.path("product_brand_id").asString()).isEqualTo(nordwind);
        assertThat(product.path("plu_ids")).hasSize(2);
        assertThat(product.path("prices").toString()).isEqualTo("[{\"currency_id\":\"" + CZK + "\",\"value\":12}]");
        assertThat(product.path("additional_properties")).hasSize(1);
        assertThat(product.path("additional_properties").get(0).path("property_value").asString()).isEqualTo("silk");
    }

    @Test
    void theNameIsStoredInTheRequestLanguage() {
        sync(product("Rain jacket", "1")).expect(204);
        api.header("Accept-Language", "cs").post("/products/batch",
                Map.of("products", List.of(product("Bunda do deště", "1")))).expect(204);
        String id = byGlobal("1").path("product_id").asString();
        assertThat(api.get("/products/" + id).expect(200).data().path("name").asString()).isEqualTo("Rain jacket");
        assertThat(api.header("Accept-Language", "cs").get("/products/" + id).expect(200).data().path("name")
                .asString()).isEqualTo("Bunda do deště");
        // Czech only: shown in English too
        api.header("Accept-Language", "cs").post("/products/batch",
                Map.of("products", List.of(product("Čepice", "2")))).expect(204);
        assertThat(byGlobal("2").path("name").asString()).isEqualTo("Čepice");
        // names of tags and properties follow the language as well
        sync(product("Rain jacket", "1", "tags", List.of(Map.of("tag_id", NEW)),
                "property_records", List.of(Map.of("property_id", "material", "property_value", "nylon")))).expect(204);
        JsonNode czech = api.header("Accept-Language", "cs").get("/products/" + id).expect(200).data();
        assertThat(czech.path("tags").get(0).path("name").asString()).isEqualTo("Novinka");
        assertThat(czech.path("additional_properties").get(0).path("property_name").asString()).isEqualTo("Materiál");
        assertThat(values(api.header("Accept-Language", "cs").get("/products", "name", "DEŠ").expect(200), "products",
                "product_id")).containsExactly(id);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void anUnknownBrandOrGroupIsAnErrorOfThatRecordAndRollsBackTheBatch() {
        assertThat(sync(product("Good", "1"), product("Bad", "2", "product_brand_id", "0123456789abcdef0123456789"))
                .expect(400).invalidParams()).containsExactly("products[1].product_brand_id:not_found");
        assertThat(storedProducts()).isZero();
        assertThat(sync(product("Good", "1"), product("Bad", "2", "product_brand_external_id", "nope"))
                .expect(400).invalidParams()).containsExactly("products[1].product_brand_external_id:not_found");
        assertThat(sync(product("Bad", "2", "product_group_id", "nope")).expect(400).invalidParams())
                .containsExactly("products[0].product_group_id:not_found");
        assertThat(sync(product("Bad", "2", "product_group_external_id", "nope")).expect(400).invalidParams())
                .containsExactly("products[0].product_group_external_id:not_found");
        assertThat(sync(product("Bad", "2", "product_brand_id", nordwind, "product_brand_external_id", "ak"))
                .expect(400).invalidParams()).containsExactly("products[0].product_brand_external_id:not_allowed_value");
        assertThat(sync(product("Bad", "2", "product_group_id", men, "product_group_external_id", "women"))
                .expect(400).invalidParams()).containsExactly("products[0].product_group_external_id:not_allowed_value");
        assertThat(storedProducts()).isZero();
        assertThat(total(api.get("/products"))).isZero();
    }

    @Test
    void theFirstBadRecordIsReportedWithAllItsFaults() {
        Api.Response answer = sync(product("Good", "1"),
                Map.of("code", "x", "plu_ids", List.of(Map.of("list_code", "GLOBAL")), "state", 5,
                        "prices", List.of(Map.of("currency_id", "nope", "value", 1), Map.of("currency_id", CZK, "value", -1)),
                        "tags", List.of(Map.of("tag_id", RETIRED), Map.of("tag_id", "nope"))),
                product("", "3")).expect(400);
        assertThat(answer.invalidParams()).containsExactly(
                "products[1].name:required",
                "products[1].state:not_allowed_value",
                "products[1].plu_ids[0].code:required",
                "products[1].prices[0].currency_id:not_found",
                "products[1].prices[1].value:not_allowed_value",
                "products[1].tags[0].tag_id:not_found",
                "products[1].tags[1].tag_id:not_found");
        assertThat(storedProducts()).isZero();
    }

    @Test
    void eachFieldRuleNamesItsField() {
        assertThat(sync(Map.of("name", "No ids")).expect(400).invalidParams())
                .containsExactly("products[0].plu_ids:required");
        assertThat(sync(Map.of("name", "No ids", "plu_ids", List.of())).expect(400).invalidParams())
                .containsExactly("products[0].plu_ids:empty");
        assertThat(sync(Map.of("name", "x", "plu_ids", List.of(Map.of("code", "1")))).expect(400).invalidParams())
                .containsExactly("products[0].plu_ids[0].list_code:required");
        assertThat(sync(product(" ", "1")).expect(400).invalidParams()).containsExactly("products[0].name:empty");
        assertThat(sync(product("x", "1", "prices", List.of(Map.of("currency_id", CZK)))).expect(400).invalidParams())
                .containsExactly("products[0].prices[0].value:required");
        assertThat(sync(product("x", "1", "prices", List.of(Map.of("value", 5)))).expect(400).invalidParams())
                .containsExactly("products[0].prices[0].currency_id:required");
        assertThat(sync(product("x", "1", "prices", List.of(Map.of("currency_id", CZK, "value", 1.23456))))
                .expect(400).invalidParams()).containsExactly("products[0].prices[0].value:invalid_value_format");
        assertThat(sync(product("x", "1", "property_records", List.of(Map.of("property_id", "weight_g",
                "property_value", "heavy")))).expect(400).invalidParams())
                .containsExactly("products[0].property_records[0].property_value:invalid_value_format");
        assertThat(sync(product("x", "1", "property_records", List.of(Map.of("property_id", "colour",
                "property_value", "red")))).expect(400).invalidParams())
                .containsExactly("products[0].property_records[0].property_id:not_found");
        assertThat(sync(product("x", "1", "code", "c".repeat(201))).expect(400).invalidParams())
                .containsExactly("products[0].code:invalid_value_format");
        assertThat(api.post("/products/batch", Map.of("products", List.of(product("x", "1")), "error_processing", 0))
                .expect(400).invalidParams()).containsExactly("error_processing:not_allowed_value");
        assertThat(api.post("/products/batch", Map.of("error_processing", 1)).expect(400).invalidParams())
                .containsExactly("products:required");
        assertThat(storedProducts()).isZero();
        // an inactive (not deleted) tag may still be given
        sync(product("x", "1", "tags", List.of(Map.of("tag_id", CLEARANCE)))).expect(204);
    }

    @Test
    void unknownPartnerOrStoreIsAnErrorOfThatRecord() {
        Api.Response answer = admin().post("/products/batch", Map.of("products", List.of(
                product("Ghost", "G-1", "partner_id", "no-partner", "store_id", "no-store")))).expect(400);
        assertThat(answer.invalidParams()).containsExactlyInAnyOrder("products[0].partner_id:not_found",
                "products[0].store_id:not_found");
        assertThat(admin().get("/products", "name", "Ghost").expect(200).data().path("total_items").asLong()).isZero();
    }

    @Test
    void pluIdsOfTwoDifferentProductsAreRefused() {
        sync(product("A", "1"), product("B", "2")).expect(204);
        assertThat(sync(Map.of("name", "AB", "plu_ids", List.of(plu("GLOBAL", "1"), plu("GLOBAL", "2"))))
                .expect(400).invalidParams()).containsExactly("products[0].plu_ids:not_allowed_value");
    }

    @Test
    void aUniquePropertyValueMayBelongToOneProductOnly() {
        sync(product("A", "1", "property_records", List.of(Map.of("property_id", "ean_check", "property_value", "X"))))
                .expect(204);
        assertThat(sync(product("B", "2", "property_records",
                List.of(Map.of("property_id", "ean_check", "property_value", "X")))).expect(400).invalidParams())
                .containsExactly("products[0].property_records[0].property_value:already_exists");
        // the holder itself may send it again
        sync(product("A", "1", "property_records", List.of(Map.of("property_id", "ean_check", "property_value", "X"))))
                .expect(204);
    }

    @Test
    void errorProcessingTwoStoresEveryGoodRecordAndReportsEachBadOne() {
        Api.Response answer = syncReporting(product("Good 1", "1"),
                product("Bad brand", "2", "product_brand_id", "nope"),
                product("Good 2", "3", "product_group_external_id", "men"),
                product("Bad group", "4", "product_group_external_id", "nope"),
                Map.of("name", "No ids")).expect(400);
        assertThat(answer.invalidParams()).containsExactly("products[1].product_brand_id:not_found",
                "products[3].product_group_external_id:not_found", "products[4].plu_ids:required");
        assertThat(values(api.get("/products", "sort_field", "name").expect(200), "products", "name"))
                .containsExactly("Good 1", "Good 2");
        syncReporting(product("Good 3", "5")).expect(204);
        assertThat(total(api.get("/products"))).isEqualTo(3);
    }

    @Test
    void aBatchHoldsAtMostAThousandProducts() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(product("P" + i, "g" + i, "product_brand_id", nordwind, "product_group_id", men,
                    "prices", List.of(Map.of("currency_id", CZK, "value", i)), "tags", List.of(Map.of("tag_id", NEW))));
        }
        assertThat(api.post("/products/batch", Map.of("products", many)).expect(400).invalidParams())
                .containsExactly("products:not_allowed_value");
        assertThat(storedProducts()).isZero();
        api.post("/products/batch", Map.of("products", many.subList(0, 1000))).expect(204);
        assertThat(total(api.get("/products"))).isEqualTo(1000);
        // the same thousand again: all updates
        api.post("/products/batch", Map.of("products", many.subList(0, 1000))).expect(204);
        assertThat(storedProducts()).isEqualTo(1000);
        assertThat(total(api.get("/products", "tag_ids[]", NEW))).isEqualTo(1000);
    }

    // ---------------------------------------------------------------- filters, sorting, paging

    private void assortment() {
        sync(product("Merino T-shirt", "111", "code", "A1", "partner_id", "partner-1",
                        "plu_ids", List.of(plu("GLOBAL", "111"), plu("SKU", "S-1")), "tags", List.of(Map.of("tag_id", NEW))),
                product("Rain jacket", "222", "code", "A2", "tags", List.of(Map.of("tag_id", BESTSELLER))),
                product("Wool socks", "333", "code", "A3", "plu_ids", List.of(plu("GLOBAL", "333"), plu("SKU", "111")),
                        "tags", List.of(Map.of("tag_id", NEW), Map.of("tag_id", BESTSELLER))),
                product("Trail shoes", "444", "code", "B1", "plu_ids", List.of(plu("SKU", "S-4")))).expect(204);
    }

    @Test
    void productsFilter() {
        assortment();
        assertThat(values(api.get("/products", "name", "WOOL").expect(200), "products", "code")).containsExactly("A3");
        assertThat(total(api.get("/products", "name", "fleece"))).isZero();
        assertThat(values(api.get("/products", "code", "A2").expect(200), "products", "name"))
                .containsExactly("Rain jacket");
        assertThat(total(api.get("/products", "code", "A"))).isZero();
        // external_id matches a code in any list, or in the list named by external_type_code
        assertThat(values(api.get("/products", "external_id", "111", "sort_field", "code").expect(200), "products",
                "code")).containsExactly("A1", "A3");
        assertThat(values(api.get("/products", "external_id", "111", "external_type_code", "SKU").expect(200),
                "products", "code")).containsExactly("A3");
        assertThat(total(api.get("/products", "external_id", "999"))).isZero();
        // external_type_code alone lists the products in that list, showing their code there
        Api.Response sku = api.get("/products", "external_type_code", "SKU", "sort_field", "code").expect(200);
        assertThat(values(sku, "products", "code")).containsExactly("A1", "A3", "B1");
        assertThat(values(sku, "products", "external_id")).containsExactly("S-1", "111", "S-4");
        // without it the GLOBAL code is shown, else the code of another list
        assertThat(values(api.get("/products", "sort_field", "code").expect(200), "products", "external_id"))
                .containsExactly("111", "222", "333", "S-4");
        // tag_ids: any of the tags
        assertThat(values(api.get("/products", "tag_ids[]", NEW, "sort_field", "code").expect(200), "products",
                "code")).containsExactly("A1", "A3");
        assertThat(values(api.get("/products", "tag_ids[]", NEW, "tag_ids[]", BESTSELLER, "sort_field", "code")
                .expect(200), "products", "code")).containsExactly("A1", "A2", "A3");
        assertThat(total(api.get("/products", "tag_ids[]", CLEARANCE))).isZero();
        assertThat(values(api.get("/products", "partner_id", "partner-1").expect(200), "products", "code"))
                .containsExactly("A1");
        assertThat(total(api.get("/products", "partner_id", "partner-2"))).isZero();
        // filters combine with AND
        assertThat(values(api.get("/products", "tag_ids[]", BESTSELLER, "name", "wool").expect(200), "products",
                "code")).containsExactly("A3");
        assertThat(total(api.get("/products", "tag_ids[]", BESTSELLER, "code", "A1"))).isZero();
    }

    @Test
    void productsSortAndPage() {
        assortment();
        assertThat(values(api.get("/products", "sort_field", "name").expect(200), "products", "name"))
                .containsExactly("Merino T-shirt", "Rain jacket", "Trail shoes", "Wool socks");
        assertThat(values(api.get("/products", "sort_field", "code", "sort_direction", "DESC").expect(200), "products",
                "code")).containsExactly("B1", "A3", "A2", "A1");
        Api.Response page = api.get("/products", "sort_field", "name", "count", "2", "offset", "1").expect(200);
        assertThat(page.data().path("total_items").asLong()).isEqualTo(4);
        assertThat(values(page, "products", "name")).containsExactly("Rain jacket", "Trail shoes");
        assertThat(values(api.get("/products", "offset", "4").expect(200), "products", "name")).isEmpty();
        List<String> ids = values(api.get("/products", "sort_field", "product_id").expect(200), "products", "product_id");
        assertThat(ids).hasSize(4).isSorted();
        assertThat(api.get("/products", "sort_field", "tags").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        assertThat(api.get("/products", "count", "1001").expect(400).invalidParams())
                .containsExactly("count:not_allowed_value");
    }
}
