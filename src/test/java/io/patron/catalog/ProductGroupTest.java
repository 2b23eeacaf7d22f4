package io.patron.catalog;

import static io.patron.catalog.ProductBrandTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** {@code GET /product-groups}, {@code GET /product-groups/{id}} and {@code POST /product-groups/batch}: the group tree. */
class ProductGroupTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.jooq.DSLContext dsl;

    @org.junit.jupiter.api.BeforeEach
    void partnerAndStore() {
        importProject("test-catalog-owners.yaml");
    }

    private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

    static Map<String, Object> group(String externalId, String name, String... more) {
        Map<String, Object> group = new HashMap<>(Map.of("external_id", externalId, "name", name));
        for (int i = 0; i + 1 < more.length; i += 2) {
            group.put(more[i], more[i + 1]);
        }
        return group;
    }

    private static Map<String, Object> body(List<?> groups) {
        return Map.of("product_groups", groups);
    }

    static Map<String, JsonNode> groupsByExternalId(Api api) {
        Map<String, JsonNode> out = new HashMap<>();
        api.get("/product-groups", "count", "1000").expect(200).data().path("product_groups")
                .forEach(g -> out.put(g.path("external_id").asString(), g));
        return out;
    }

    /** apparel > men > shirts, apparel > women; sport (a second root). */
    private void tree(Api api) {
        api.post("/product-groups/batch", body(List.of(
                group("apparel", "Apparel", "code", "10"),
                group("men", "Men", "code", "1010", "parent_external_id", "apparel"),
                group("shirts", "Shirts", "code", "101010", "parent_external_id", "men", "store_id", "store-1"),
                group("women", "Women", "code", "1020", "parent_external_id", "apparel", "partner_id", "partner-1"),
                group("sport", "Sport", "code", "20")))).expect(204);
    }

    @Test
    void parentsMayComeEarlierInTheBatchOrAlreadyExist() {
        Api api = admin();
        tree(api);
        Map<String, JsonNode> groups = groupsByExternalId(api);
        assertThat(groups).hasSize(5);
        String apparel = groups.get("apparel").path("product_group_id").asString();
        JsonNode men = groups.get("men");
        assertThat(men.path("parent_product_group_id").asString()).isEqualTo(apparel);
        assertThat(men.path("parent_external_id").asString()).isEqualTo("apparel");
        assertThat(groups.get("apparel").has("parent_product_group_id")).isFalse();
        assertThat(groups.get("shirts").path("parent_external_id").asString()).isEqualTo("men");
        assertThat(groups.get("shirts").path("store_id").asString()).isEqualTo("store-1");
        assertThat(groups.get("women").path("partner_id").asString()).isEqualTo("partner-1");
        assertThat(men.path("state").asInt()).isEqualTo(1);
        assertThat(men.path("last_change").asString()).matches(DATE_TIME);

        // a later batch hangs a new group under an existing one, by id
        api.post("/product-groups/batch", body(List.of(group("kids", "Kids", "parent_product_group_id", apparel))))
                .expect(204);
        JsonNode kids = groupsByExternalId(api).get("kids");
        assertThat(kids.path("parent_external_id").asString()).isEqualTo("apparel");
        JsonNode shown = api.get("/product-groups/" + kids.path("product_group_id").asString()).expect(200).data();
        assertThat(shown.path("name").asString()).isEqualTo("Kids");
        assertThat(shown.path("parent_product_group_id").asString()).isEqualTo(apparel);
        assertThat(customer().bearer(customerToken("dev")).get("/product-groups/" + apparel).expect(200)
                .data().path("external_id").asString()).isEqualTo("apparel");
    }

    @Test
    void anUpdateChangesOnlyTheFieldsItSends() {
        Api api = admin();
        tree(api);
        String id = groupsByExternalId(api).get("shirts").path("product_group_id").asString();
        // moved under women, renamed; code and store stay
        api.post("/product-groups/batch", body(List.of(group("shirts", "Blouses", "parent_external_id", "women"))))
                .expect(204);
        JsonNode shirts = api.get("/product-groups/" + id).expect(200).data();
        assertThat(shirts.path("name").asString()).isEqualTo("Blouses");
        assertThat(shirts.path("parent_external_id").asString()).isEqualTo("women");
        assertThat(shirts.path("code").asString()).isEqualTo("101010");
        assertThat(shirts.path("store_id").asString()).isEqualTo("store-1");
        // without a parent the group keeps its place in the tree
        api.post("/product-groups/batch", body(List.of(group("shirts", "Blouses", "code", "102010")))).expect(204);
        shirts = api.get("/product-groups/" + id).expect(200).data();
        assertThat(shirts.path("parent_external_id").asString()).isEqualTo("women");
        assertThat(shirts.path("code").asString()).isEqualTo("102010");
        assertThat(api.get("/product-groups").expect(200).data().path("total_items").asLong()).isEqualTo(5);
    }

    @Test
    void aGroupCannotBecomeItsOwnAncestor() {
        Api api = admin();
        tree(api);
        String shirts = groupsByExternalId(api).get("shirts").path("product_group_id").asString();
        assertThat(api.post("/product-groups/batch", body(List.of(
                group("apparel", "Apparel", "parent_external_id", "shirts")))).expect(400).invalidParams())
                .containsExactly("product_groups[0].parent_external_id:not_allowed_value");
        assertThat(api.post("/product-groups/batch", body(List.of(
                group("apparel", "Apparel", "parent_product_group_id", shirts)))).expect(400).invalidParams())
                .containsExactly("product_groups[0].parent_product_group_id:not_allowed_value");
        assertThat(api.post("/product-groups/batch", body(List.of(
                group("men", "Men", "parent_external_id", "men")))).expect(400).invalidParams())
                .containsExactly("product_groups[0].parent_external_id:not_allowed_value");
        // a cycle made within one batch: sport under a new group, that group under sport
        assertThat(api.post("/product-groups/batch", body(List.of(
                group("outdoor", "Outdoor", "parent_external_id", "sport"),
                group("sport", "Sport", "parent_external_id", "outdoor")))).expect(400).invalidParams())
                .containsExactly("product_groups[1].parent_external_id:not_allowed_value");
        // nothing changed
        Map<String, JsonNode> groups = groupsByExternalId(api);
        assertThat(groups).hasSize(5);
        assertThat(groups.get("apparel").has("parent_external_id")).isFalse();
        assertThat(groups.get("sport").has("parent_external_id")).isFalse();
        // moving a group down a branch that is not its own is fine
        api.post("/product-groups/batch", body(List.of(group("sport", "Sport", "parent_external_id", "shirts"))))
                .expect(204);
        assertThat(groupsByExternalId(api).get("sport").path("parent_external_id").asString()).isEqualTo("shirts");
    }

    @Test
    void unknownParentsAndMismatchedReferencesAreRefused() {
        Api api = admin();
        tree(api);
        String men = groupsByExternalId(api).get("men").path("product_group_id").asString();
        assertThat(api.post("/product-groups/batch", body(List.of(group("x", "X", "parent_external_id", "nope"))))
                .expect(400).invalidParams()).containsExactly("product_groups[0].parent_external_id:not_found");
        assertThat(api.post("/product-groups/batch", body(List.of(
                group("x", "X", "parent_product_group_id", "0123456789abcdef0123456789")))).expect(400)
                .invalidParams()).containsExactly("product_groups[0].parent_product_group_id:not_found");
        assertThat(api.post("/product-groups/batch", body(List.of(
                group("x", "X", "parent_product_group_id", men, "parent_external_id", "women")))).expect(400)
                .invalidParams()).containsExactly("product_groups[0].parent_external_id:not_allowed_value");
        // a parent that comes later in the batch is not there yet
        assertThat(api.post("/product-groups/batch", body(List.of(group("y", "Y", "parent_external_id", "z"),
                group("z", "Z")))).expect(400).invalidParams())
                .containsExactly("product_groups[0].parent_external_id:not_found");
        assertThat(api.post("/product-groups/batch", body(List.of(Map.of("external_id", "q"))))
                .expect(400).invalidParams()).containsExactly("product_groups[0].name:required");
        assertThat(api.get("/product-groups").expect(200).data().path("total_items").asLong()).isEqualTo(5);
        // id and external id naming the same group are fine
        api.post("/product-groups/batch", body(List.of(group("x", "X", "parent_product_group_id", men,
                "parent_external_id", "men")))).expect(204);
    }

    @Test
    void aGroupsStoreMustExistInTheApiAndInTheSchema() {
        Api api = admin();
        assertThat(api.post("/product-groups/batch", body(List.of(group("local", "Local", "store_id", "no-such-store"))))
                .expect(400).invalidParams()).containsExactly("product_groups[0].store_id:not_found");
        assertThat(groupsByExternalId(api)).doesNotContainKey("local");
        api.post("/product-groups/batch", body(List.of(group("local", "Local", "store_id", "store-1")))).expect(204);
        assertThat(groupsByExternalId(api).get("local").path("store_id").asString()).isEqualTo("store-1");
        // the schema refuses what the service would: a write around the API cannot leave a dangling store
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dsl.update(io.patron.db.Tables.PRODUCT_GROUP)
                .set(io.patron.db.Tables.PRODUCT_GROUP.STORE_ID, "no-such-store")
                .where(io.patron.db.Tables.PRODUCT_GROUP.EXTERNAL_ID.eq("local")).execute())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @Test
    void errorProcessingTwoKeepsTheGoodGroups() {
        Api api = admin();
        Api.Response answer = api.post("/product-groups/batch", Map.of("error_processing", 2, "product_groups",
                List.of(group("a", "A"), group("b", "B", "parent_external_id", "nope"),
                        group("c", "C", "parent_external_id", "a"), group("d", "D", "parent_external_id", "b")))).expect(400);
        assertThat(answer.invalidParams()).containsExactly("product_groups[1].parent_external_id:not_found",
                "product_groups[3].parent_external_id:not_found");
        assertThat(groupsByExternalId(api).keySet()).containsExactlyInAnyOrder("a", "c");
        assertThat(groupsByExternalId(api).get("c").path("parent_external_id").asString()).isEqualTo("a");
    }

    @Test
    void groupsFilterSortAndPage() {
        Api api = admin();
        tree(api);
        assertThat(values(api.get("/product-groups", "name", "EN").expect(200), "product_groups", "external_id"))
                .containsExactlyInAnyOrder("men", "women");
        assertThat(values(api.get("/product-groups", "code", "1010").expect(200), "product_groups", "external_id"))
                .containsExactly("men");
        assertThat(api.get("/product-groups", "code", "101").expect(200).data().path("total_items").asLong()).isZero();
        assertThat(values(api.get("/product-groups", "external_id", "sport").expect(200), "product_groups", "name"))
                .containsExactly("Sport");
        assertThat(values(api.get("/product-groups", "store_id", "store-1").expect(200), "product_groups",
                "external_id")).containsExactly("shirts");
        assertThat(values(api.get("/product-groups", "partner_id", "partner-1").expect(200), "product_groups",
                "external_id")).containsExactly("women");
        assertThat(api.get("/product-groups", "partner_id", "partner-2").expect(200).data().path("total_items")
                .asLong()).isZero();
        assertThat(api.get("/product-groups", "name", "men", "code", "1020").expect(200).data().path("total_items")
                .asLong()).isEqualTo(1);
        assertThat(values(api.get("/product-groups", "sort_field", "code", "sort_direction", "DESC").expect(200),
                "product_groups", "code")).containsExactly("20", "1020", "101010", "1010", "10");
        assertThat(values(api.get("/product-groups", "sort_field", "name").expect(200), "product_groups", "name"))
                .containsExactly("Apparel", "Men", "Shirts", "Sport", "Women");
        Api.Response page = api.get("/product-groups", "sort_field", "name", "count", "2", "offset", "2").expect(200);
        assertThat(page.data().path("total_items").asLong()).isEqualTo(5);
        assertThat(values(page, "product_groups", "name")).containsExactly("Shirts", "Sport");
    }

    @Test
    void namesFollowAcceptLanguage() {
        Api api = admin();
        tree(api);
        api.header("Accept-Language", "cs").post("/product-groups/batch", body(List.of(group("men", "Muži"))))
                .expect(204);
        String men = groupsByExternalId(api).get("men").path("product_group_id").asString();
        assertThat(api.get("/product-groups/" + men).expect(200).data().path("name").asString()).isEqualTo("Men");
        assertThat(api.header("Accept-Language", "cs").get("/product-groups/" + men).expect(200).data().path("name")
                .asString()).isEqualTo("Muži");
        assertThat(values(api.header("Accept-Language", "cs").get("/product-groups", "name", "muž").expect(200),
                "product_groups", "external_id")).containsExactly("men");
    }

    @Test
    void unknownGroupIsNotFoundAndTheBatchIsEnterpriseOnly() {
        Api.Response answer = admin().get("/product-groups/nope").expect(404);
        assertThat(answer.error().path("error_data").path("resource_name").asString()).isEqualTo("product-groups");
        assertThat(customer().bearer(customerToken("dev")).post("/product-groups/batch",
                body(List.of(group("a", "A")))).expect(403).error().path("type").asString())
                .isEqualTo("interface_not_allowed_exception");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            many.add(group("g" + i, "G" + i));
        }
        assertThat(admin().post("/product-groups/batch", body(many)).expect(400).invalidParams())
                .containsExactly("product_groups:not_allowed_value");
    }
}
