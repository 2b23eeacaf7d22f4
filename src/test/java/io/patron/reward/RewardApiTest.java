package io.patron.reward;

import static io.patron.reward.Rewards.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** The reward operations: lists, filters, sub-resources, types, tags, properties, simple rewards, set-products. */
class RewardApiTest extends ApiTest {

    @BeforeEach
    void project() {
        importProject("test-rewards.yaml");
    }

    private static List<String> codes(JsonNode rewards) {
        List<String> out = new ArrayList<>();
        rewards.forEach(r -> out.add(r.path("code").asString()));
        return out;
    }

    @Test
    void rewardsOfTheProjectFileAreListedWithTheirMachineReadableRules() {
        Api admin = admin();
        JsonNode data = admin.get("/rewards", "count", "100").expect(200).data();
        assertThat(codes(data.path("rewards"))).contains("RW-CASH10", "RW-CATALOG", "RW-CAMPAIGN", "RW-SIMPLE15",
                "RW-AUTO5", "RW-GIFT", "RW-PAUSED");
        assertThat(data.path("total_items").asInt()).isEqualTo(13);

        JsonNode campaign = admin.get("/rewards/" + id("RW-CAMPAIGN")).expect(200).data();
        assertThat(campaign.path("reward_group").asInt()).isEqualTo(2);
        assertThat(campaign.path("reward_type_id").asString()).isEqualTo("free_product");
        assertThat(campaign.path("has_group_condition").asBoolean()).isTrue();
        assertThat(campaign.path("has_product_bonus").asBoolean()).isTrue();
        assertThat(campaign.path("has_product_condition").asBoolean()).isFalse();
        assertThat(campaign.path("reward_product_relation_conditions").get(0).path("related_to").asString())
                .isEqualTo("product_group");
        assertThat(campaign.path("reward_product_relation_conditions").get(0).path("count").asInt()).isEqualTo(2);
        assertThat(campaign.path("reward_product_relation_bonuses").get(0).path("count").asInt()).isEqualTo(1);

        JsonNode catalog = admin.header("Accept-Language", "cs").get("/rewards/" + id("RW-CATALOG")).expect(200).data();
        assertThat(catalog.path("name").asString()).isEqualTo("Sleva 100 za 200 bodů");
        assertThat(catalog.path("points_cost").asInt()).isEqualTo(200);
        assertThat(catalog.path("store_list")).hasSize(2);
        assertThat(catalog.path("tags").get(0).path("text_id").asString()).isEqualTo("rw-vip");

        JsonNode cash = admin.get("/rewards/" + id("RW-CASH10")).expect(200).data();
        assertThat(cash.path("additional_properties").get(0).path("property_id").asString()).isEqualTo("rw_colour");
        assertThat(cash.path("store_list")).isEmpty();

        JsonNode lunch = admin.get("/rewards/" + id("RW-LUNCH")).expect(200).data();
        assertThat(lunch.path("valid_time_from").asString()).isEqualTo("11:00:00");

        admin.get("/rewards/nope").expect(404);
    }

    @Test
    void filtersNarrowTheRewards() {
        Api admin = admin();
        assertThat(codes(admin.get("/rewards", "reward_group", "1").expect(200).data().path("rewards")))
                .containsExactlyInAnyOrder("RW-CATALOG", "RW-PAUSED");
        assertThat(codes(admin.get("/rewards", "is_automated", "true").expect(200).data().path("rewards")))
                .containsExactly("RW-AUTO5");
        assertThat(codes(admin.get("/rewards", "code", "RW-GIFT").expect(200).data().path("rewards")))
                .containsExactly("RW-GIFT");
        assertThat(codes(admin.get("/rewards", "is_valid", "false").expect(200).data().path("rewards")))
                .containsExactly("RW-OLD");
        assertThat(codes(admin.get("/rewards", "store_id", Rewards.BRN, "reward_group", "0").expect(200).data()
                .path("rewards"))).contains("RW-BRNONLY", "RW-CASH10");
        assertThat(codes(admin.get("/rewards", "store_id", Rewards.PRG, "reward_group", "0").expect(200).data()
                .path("rewards"))).doesNotContain("RW-BRNONLY");
        assertThat(codes(admin.get("/rewards", "tag_ids[]", Ids.stable("reward_tag", "rw-summer")).expect(200).data()
                .path("rewards"))).containsExactly("RW-CASH10");
        assertThat(codes(admin.get("/rewards", "name", "Gift card").expect(200).data().path("rewards")))
                .containsExactly("RW-GIFT");
        assertThat(codes(admin.get("/rewards", "partner_id", Ids.stable("partner", "rw-other"), "reward_group", "0")
                .expect(200).data().path("rewards"))).contains("RW-OTHERPARTNER", "RW-CASH10");
        assertThat(codes(admin.get("/rewards", "valid_to", "2019-06-01", "reward_group", "0").expect(200).data()
                .path("rewards"))).contains("RW-OLD", "RW-CASH10");
        JsonNode sorted = admin.get("/rewards", "sort_field", "priority", "sort_direction", "ASC").expect(200).data();
        assertThat(sorted.path("rewards").get(0).path("code").asString()).isEqualTo("RW-AUTO5");
        JsonNode noStores = admin.get("/rewards", "code", "RW-CATALOG", "without_stores", "true").expect(200).data();
        assertThat(noStores.path("rewards").get(0).path("store_list")).isEmpty();
    }

    @Test
    void badListParametersAreNamedAndNothingBreaks() {
        Api admin = admin();
        assertThat(admin.get("/rewards", "reward_group", "3").expect(400).invalidParams())
                .containsExactly("reward_group:not_allowed_value");
        assertThat(admin.get("/rewards", "is_valid", "maybe").expect(400).invalidParams())
                .containsExactly("is_valid:invalid_value_format");
        assertThat(admin.get("/rewards", "valid_from", "yesterday").expect(400).invalidParams())
                .containsExactly("valid_from:invalid_value_format");
        assertThat(admin.get("/rewards/" + id("RW-CAMPAIGN") + "/products", "reward_product_relation_type", "gift")
                .expect(400).invalidParams()).containsExactly("reward_product_relation_type:not_allowed_value");
    }

    @Test
    void productsGroupsBrandsAndStoresOfAReward() {
        Api admin = admin();
        String campaign = id("RW-CAMPAIGN");
        JsonNode products = admin.get("/rewards/" + campaign + "/products").expect(200).data();
        assertThat(products.path("total_items").asInt()).isEqualTo(1);
        assertThat(products.path("products").get(0).path("code").asString()).isEqualTo("RW-SOCK");
        assertThat(products.path("products").get(0).path("reward_product_relation_types").get(0).asString())
                .isEqualTo("bonus");
        assertThat(admin.get("/rewards/" + campaign + "/products", "reward_product_relation_type", "condition")
                .expect(200).data().path("total_items").asInt()).isZero();
        JsonNode groups = admin.get("/rewards/" + campaign + "/product-groups").expect(200).data();
        assertThat(groups.path("product_groups").get(0).path("code").asString()).isEqualTo("R1");
        assertThat(groups.path("product_groups").get(0).path("reward_product_relation_types").get(0).asString())
                .isEqualTo("condition");
        JsonNode brands = admin.get("/rewards/" + id("RW-AUTO5") + "/product-brands").expect(200).data();
        assertThat(brands.path("product_brands").get(0).path("name").asString()).isEqualTo("Nordic");
        assertThat(admin.get("/rewards/" + id("RW-CATALOG") + "/stores").expect(200).data().path("total_items")
                .asInt()).isEqualTo(2);
        // a reward without stores is available in every store
        assertThat(admin.get("/rewards/" + id("RW-CASH10") + "/stores").expect(200).data().path("total_items")
                .asInt()).isGreaterThanOrEqualTo(3);
        admin.get("/rewards/nope/products").expect(404);
        admin.get("/rewards/nope/stores").expect(404);
        admin.get("/rewards/nope/vouchers").expect(404);
    }

    @Test
    void typesTagsAndProperties() {
        Api admin = admin();
        JsonNode types = admin.get("/reward-types").expect(200).data();
        assertThat(types.path("total_items").asInt()).isEqualTo(5);
        assertThat(admin.header("Accept-Language", "cs").get("/reward-types/percentage_discount").expect(200).data()
                .path("name").asString()).isEqualTo("Produkt se slevou v procentech");
        admin.get("/reward-types/nope").expect(404);
        JsonNode tags = admin.get("/rewards/tags").expect(200).data();
        assertThat(tags.path("total_items").asInt()).isEqualTo(2);
        assertThat(admin.get("/rewards/tags", "text_id", "rw-vip").expect(200).data().path("tags").get(0)
                .path("name").asString()).isEqualTo("VIP");
        assertThat(admin.get("/reward-properties").expect(200).data().path("rewards_properties").get(0)
                .path("property_id").asString()).isEqualTo("rw_colour");
        admin.get("/reward-properties/rw_colour").expect(200);
        admin.get("/reward-properties/nope").expect(404);
        assertThat(admin.get("/voucher-properties").expect(200).data().path("voucher_properties").get(0)
                .path("property_id").asString()).isEqualTo("rw_channel");
        admin.get("/voucher-properties/rw_channel").expect(200);
        admin.get("/voucher-properties/nope").expect(404);
    }

    private static Map<String, Object> simple(String code) {
        Map<String, Object> r = new HashMap<>();
        r.put("code", code);
        r.put("names", List.of(Map.of("language_code", "en", "text", "Birthday 20 %"),
                Map.of("language_code", "cs", "text", "Narozeniny 20 %")));
        r.put("reward_type_id", "percentage_discount");
        r.put("reward_type_value", 20);
        r.put("voucher_validity", "interval");
        r.put("voucher_validity_value", "7 days");
        r.put("global_reward", true);
        r.put("state", 1);
        r.put("voucher_code_generation_preference", "A");
        r.put("stores", List.of(Map.of("store_id", Rewards.PRG)));
        r.put("priority", 2);
        r.put("tags", List.of(Map.of("tag_id", Ids.stable("reward_tag", "rw-summer"))));
        return r;
    }

    @Test
    void aSimpleRewardIsCreatedAndGivesVouchers() {
        Api admin = admin();
        String rewardId = admin.post("/rewards/actions/create-simple-reward", Map.of("simple_reward",
                simple("BIRTHDAY20"))).expect(201).data().path("reward_id").asString();
        JsonNode reward = admin.header("Accept-Language", "cs").get("/rewards/" + rewardId).expect(200).data();
        assertThat(reward.path("reward_group").asInt()).isEqualTo(4);
        assertThat(reward.path("name").asString()).isEqualTo("Narozeniny 20 %");
        assertThat(reward.path("store_list").get(0).path("store_id").asString()).isEqualTo(Rewards.PRG);
        assertThat(reward.path("priority").asInt()).isEqualTo(2);
        assertThat(reward.path("tags")).hasSize(1);
        String customer = Rewards.newCustomer(admin, "simple@rewards.test");
        String voucherId = admin.post("/rewards/" + rewardId + "/actions/create-voucher",
                Map.of("customer_id", customer)).expect(201).data().path("voucher_id").asString();
        JsonNode voucher = admin.get("/vouchers/" + voucherId).expect(200).data();
        assertThat(voucher.path("code").asString()).hasSize(12);
        assertThat(voucher.path("valid_to").asString()).isNotBlank();
        // the code is taken now
        assertThat(admin.post("/rewards/actions/create-simple-reward", Map.of("simple_reward", simple("BIRTHDAY20")))
                .expect(400).invalidParams()).containsExactly("simple_reward.code:already_exists");
    }

    @Test
    void badSimpleRewardsAreRefusedNamingEachFieldAndNothingIsStored() {
        Api admin = admin();
        int before = admin.get("/rewards").expect(200).data().path("total_items").asInt();
        Map<String, Object> bad = simple("BAD|CODE");
        bad.put("reward_type_id", "gift_card");
        bad.put("voucher_validity_value", "soon");
        bad.put("stores", List.of(Map.of("store_id", "nope")));
        bad.put("global_reward", false);
        assertThat(admin.post("/rewards/actions/create-simple-reward", Map.of("simple_reward", bad)).expect(400)
                .invalidParams()).containsExactlyInAnyOrder("simple_reward.code:invalid_value_format",
                "simple_reward.reward_type_id:not_allowed_value",
                "simple_reward.voucher_validity_value:invalid_value_format",
                "simple_reward.stores.store_id:not_found", "simple_reward.partner_id:required");
        Map<String, Object> missing = new HashMap<>(simple("OK1"));
        missing.remove("names");
        missing.remove("state");
        assertThat(admin.post("/rewards/actions/create-simple-reward", Map.of("simple_reward", missing)).expect(400)
                .invalidParams()).containsExactlyInAnyOrder("simple_reward.names:required", "simple_reward.state:required");
        Map<String, Object> percent = simple("OK2");
        percent.put("reward_type_value", 120);
        assertThat(admin.post("/rewards/actions/create-simple-reward", Map.of("simple_reward", percent)).expect(400)
                .invalidParams()).containsExactly("simple_reward.reward_type_value:not_allowed_value");
        assertThat(admin.get("/rewards").expect(200).data().path("total_items").asInt()).isEqualTo(before);
        // only in the Enterprise API
        customer().bearer(customerToken("simple-phone")).post("/rewards/actions/create-simple-reward",
                Map.of("simple_reward", simple("OK3"))).expect(403);
    }

    @Test
    void setProductsReplacesTheProductRelations() {
        Api admin = admin();
        String campaign = id("RW-CAMPAIGN");
        admin.post("/rewards/" + campaign + "/actions/set-products", Map.of("products", List.of(
                Map.of("plu_id", Map.of("list_code", "GLOBAL", "code", "RW-CAP"), "reward_product_relation_type", 1),
                Map.of("plu_id", Map.of("list_code", "GLOBAL", "code", "RW-SHOE"), "reward_product_relation_type", 0))))
                .expect(204);
        JsonNode products = admin.get("/rewards/" + campaign + "/products", "sort_field", "code").expect(200).data();
        assertThat(products.path("total_items").asInt()).isEqualTo(2);
        assertThat(products.path("products").get(0).path("code").asString()).isEqualTo("RW-CAP");
        // the group condition stays
        assertThat(admin.get("/rewards/" + campaign + "/product-groups").expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
        JsonNode bonus = admin.get("/rewards/" + campaign + "/products", "reward_product_relation_type", "bonus")
                .expect(200).data();
        assertThat(bonus.path("products").get(0).path("code").asString()).isEqualTo("RW-CAP");

        assertThat(admin.post("/rewards/" + campaign + "/actions/set-products", Map.of("products", List.of(
                Map.of("product_id", "nope", "reward_product_relation_type", 1),
                Map.of("reward_product_relation_type", 0),
                Map.of("product_id", "x", "reward_product_relation_type", 7)))).expect(400).invalidParams())
                .contains("products[2].reward_product_relation_type:not_allowed_value");
        assertThat(admin.post("/rewards/" + campaign + "/actions/set-products", Map.of("products", List.of(
                Map.of("product_id", "nope", "reward_product_relation_type", 1),
                Map.of("reward_product_relation_type", 0)))).expect(400).invalidParams())
                .containsExactly("products[0].product_id:not_found", "products[1].product_id:required");
        // nothing changed by the refused calls
        assertThat(admin.get("/rewards/" + campaign + "/products").expect(200).data().path("total_items").asInt())
                .isEqualTo(2);
        admin.post("/rewards/nope/actions/set-products", Map.of("products", List.of())).expect(404);
    }

    @Test
    void recommendationsRankAffordableRewardsFirstThenByPriority() {
        Api admin = admin();
        String rich = Rewards.newCustomer(admin, "rich@rewards.test");
        String poor = Rewards.newCustomer(admin, "poor@rewards.test");
        Rewards.points(admin, rich, 500);
        JsonNode forRich = admin.get("/rewards/actions/reward-recommendations", "customer_id", rich, "reward_group", "1")
                .expect(200).data();
        assertThat(codes(forRich.path("rewards"))).containsExactly("RW-CATALOG");
        List<String> all = codes(admin.get("/customers/" + poor + "/reward-recommendations").expect(200).data()
                .path("rewards"));
        // the catalogue reward costs points the poor customer does not have: last
        assertThat(all.getLast()).isEqualTo("RW-CATALOG");
        assertThat(all.getFirst()).isEqualTo("RW-AUTO5");
        assertThat(all).doesNotContain("RW-OLD", "RW-PAUSED");
        // the same call gives the same answer
        assertThat(codes(admin.get("/customers/" + poor + "/reward-recommendations").expect(200).data()
                .path("rewards"))).isEqualTo(all);
        assertThat(admin.get("/rewards/actions/reward-recommendations").expect(400).invalidParams())
                .containsExactly("customer_id:required");
        assertThat(admin.get("/rewards/actions/reward-recommendations", "customer_id", "nope").expect(400)
                .invalidParams()).containsExactly("customer_id:not_found");
        admin.get("/customers/nope/reward-recommendations").expect(404);
        // a customer's rewards: active and valid now
        List<String> customerRewards = codes(admin.get("/customers/" + poor + "/rewards", "count", "100").expect(200)
                .data().path("rewards"));
        assertThat(customerRewards).contains("RW-CATALOG", "RW-CASH10").doesNotContain("RW-OLD", "RW-PAUSED");
        admin.get("/customers/nope/rewards").expect(404);
    }
}
