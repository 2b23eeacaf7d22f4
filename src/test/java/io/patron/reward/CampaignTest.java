package io.patron.reward;

import static io.patron.reward.CampaignFixtures.BRNO;
import static io.patron.reward.CampaignFixtures.CZK;
import static io.patron.reward.CampaignFixtures.EUR;
import static io.patron.reward.CampaignFixtures.PRAGUE;
import static io.patron.reward.CampaignFixtures.ids;
import static io.patron.reward.CampaignFixtures.newCustomer;
import static io.patron.reward.CampaignFixtures.productId;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.purchase.BenefitProvider;
import io.patron.purchase.BenefitProvider.Shared;
import io.patron.purchase.CheckoutBasket;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Campaigns, campaign products with their stores, and the campaign prices they give a checkout basket. */
class CampaignTest extends ApiTest {

    @Autowired
    LookupQueries lookups;

    @Autowired
    MutableClock clock;

    @Autowired
    List<BenefitProvider> providers;

    Api admin;
    String privateType;
    String businessType;
    String espresso;
    String tshirt;

    @BeforeEach
    void data() {
        importProject("test-campaigns.yaml");
        admin = admin();
        privateType = lookups.idOf(LookupKind.CUSTOMER_TYPES, "private").orElseThrow();
        businessType = lookups.idOf(LookupKind.CUSTOMER_TYPES, "business").orElseThrow();
        espresso = productId(admin, "C1");
        tshirt = productId(admin, "T1");
    }

    String campaign(String name, String externalId) {
        Map<String, Object> c = new HashMap<>();
        c.put("name", name);
        if (externalId != null) {
            c.put("external_id", externalId);
        }
        return admin.post("/campaigns", Map.of("campaign", c)).expect(201).data().path("campaign_id").asString();
    }

    Map<String, Object> product(String campaignId, String productId, Object value, int valueType, String typeId,
                                LocalDateTime from, LocalDateTime to, List<String> displayIn) {
        Map<String, Object> p = new HashMap<>();
        p.put("product_id", productId);
        p.put("currency_id", CZK);
        p.put("campaign_id", campaignId);
        p.put("value", value);
        p.put("value_type_id", valueType);
        p.put("valid_from", from.toString().replace('T', ' ').substring(0, 16) + ":00");
        p.put("valid_to", to.toString().replace('T', ' ').substring(0, 16) + ":00");
        if (displayIn != null) {
            p.put("display_in", displayIn);
        }
        p.put("type_id", typeId);
        p.put("presentation_data", Map.of("name", "Campaign " + value, "subtitle", "Only now"));
        return p;
    }

    String post(Map<String, Object> product) {
        return admin.post("/campaign-products", Map.of("campaign_product", product)).expect(201).data()
                .path("campaign_product_id").asString();
    }

    @Test
    void campaignsAreCreatedListedAndRead() {
        String summer = campaign("Summer sale", "SUMMER-1");
        String parentBody = admin.post("/campaigns", Map.of("campaign", Map.of("name", "Summer – coffee",
                "parent_id", summer, "campaign_id", "ignored", "state", 0))).expect(201).data().path("campaign_id")
                .asString();
        JsonNode one = admin.get("/campaigns/" + parentBody).expect(200).data();
        assertThat(one.path("parent_id").asString()).isEqualTo(summer);
        assertThat(one.path("campaign_id").asString()).isEqualTo(parentBody);
        assertThat(one.path("idcampaign").asString()).isEqualTo(parentBody);
        assertThat(one.path("state").asInt()).isEqualTo(1);
        assertThat(one.path("last_change").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

        assertThat(ids(admin.get("/campaigns", "name", "summer", "sort_field", "name"), "campaigns", "name"))
                .containsExactly("Summer sale", "Summer – coffee");
        assertThat(ids(admin.get("/campaigns", "external_id", "SUMMER-1"), "campaigns", "campaign_id"))
                .containsExactly(summer);
        assertThat(admin.get("/campaigns", "count", "1").expect(200).data().path("total_items").asInt()).isEqualTo(2);
        admin.get("/campaigns/nope").expect(404);

        // bad input: 400 naming the field, nothing stored
        assertThat(admin.post("/campaigns", Map.of("campaign", Map.of("external_id", "X"))).expect(400)
                .invalidParams()).containsExactly("campaign.name:required");
        assertThat(admin.post("/campaigns", Map.of("campaign", Map.of("name", "Orphan", "parent_id", "nope")))
                .expect(400).invalidParams()).containsExactly("campaign.parent_id:not_found");
        assertThat(admin.get("/campaigns", "sort_field", "nope").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        assertThat(admin.get("/campaigns").expect(200).data().path("total_items").asInt()).isEqualTo(2);

        // the Customer API reads campaigns but does not create them
        Api app = customer().bearer(customerToken("phone-1"));
        assertThat(ids(app.get("/campaigns"), "campaigns", "campaign_id")).containsExactlyInAnyOrder(summer,
                parentBody);
        app.post("/campaigns", Map.of("campaign", Map.of("name", "Mine"))).expect(403);
    }

    @Test
    void campaignProductsAreCreatedFilteredAndLimitedToStores() {
        String sale = campaign("Sale", null);
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        String current = post(product(sale, espresso, 20, 1, privateType, now.minusDays(1), now.plusDays(1),
                List.of("web", "cash desk")));
        String later = post(product(sale, tshirt, new BigDecimal("199.9"), 2, businessType, now.plusDays(5),
                now.plusDays(9), List.of("api")));

        JsonNode one = admin.get("/campaign-products/" + current).expect(200).data();
        assertThat(one.path("product_id").asString()).isEqualTo(espresso);
        assertThat(one.path("value").decimalValue()).isEqualByComparingTo("20");
        assertThat(one.path("value_type_id").asInt()).isEqualTo(1);
        assertThat(one.path("display_in").toString()).isEqualTo("[\"web\",\"cash desk\"]");
        assertThat(one.path("presentation_data").path("name").asString()).isEqualTo("Campaign 20");
        assertThat(one.path("presentation_data").path("subtitle").asString()).isEqualTo("Only now");
        assertThat(one.path("campaign_product_property_records").isArray()).isTrue();
        assertThat(one.path("state").asInt()).isEqualTo(1);
        assertThat(admin.get("/campaign-products/" + later).expect(200).data().path("value").decimalValue())
                .isEqualByComparingTo("199.9");
        admin.get("/campaign-products/nope").expect(404);

        assertThat(ids(admin.get("/campaign-products", "is_valid", "true"), "campaign_products",
                "campaign_product_id")).containsExactly(current);
        assertThat(ids(admin.get("/campaign-products", "is_valid", "false"), "campaign_products",
                "campaign_product_id")).containsExactly(later);
        assertThat(ids(admin.get("/campaign-products", "value_type_id", "2"), "campaign_products",
                "campaign_product_id")).containsExactly(later);
        assertThat(ids(admin.get("/campaign-products", "display_in", "cash desk"), "campaign_products",
                "campaign_product_id")).containsExactly(current);
        assertThat(ids(admin.get("/campaign-products", "type_id[]", businessType, "type_id[]", "other"),
                "campaign_products", "campaign_product_id")).containsExactly(later);
        assertThat(ids(admin.get("/campaign-products", "code", "T1"), "campaign_products", "campaign_product_id"))
                .containsExactly(later);
        assertThat(ids(admin.get("/campaign-products", "name", "199"), "campaign_products", "campaign_product_id"))
                .containsExactly(later);
        assertThat(ids(admin.get("/campaign-products", "valid_from", now.plusDays(3).toString()),
                "campaign_products", "campaign_product_id")).containsExactly(later);
        assertThat(ids(admin.get("/campaign-products", "campaign_id", sale, "sort_field", "value",
                "sort_direction", "DESC"), "campaign_products", "campaign_product_id")).containsExactly(later, current);
        assertThat(admin.get("/campaign-products", "include_property_records", "false").expect(200).data()
                .path("campaign_products").get(0).has("campaign_product_property_records")).isFalse();

        // stores: none listed is every store; one listed limits the product to it
        assertThat(ids(admin.get("/campaign-products", "store_id", BRNO), "campaign_products",
                "campaign_product_id")).containsExactlyInAnyOrder(current, later);
        String record = admin.post("/campaign-products/" + current + "/campaign-product-store-records",
                Map.of("campaign_product_store_record", Map.of("store_id", PRAGUE, "campaign_product_id", current)))
                .expect(201).data().path("campaign_product_store_record_id").asString();
        JsonNode records = admin.get("/campaign-products/" + current + "/campaign-product-store-records")
                .expect(200).data();
        assertThat(records.path("total_items").asInt()).isEqualTo(1);
        assertThat(records.path("campaign_product_store_records").get(0).path("campaign_product_store_record_id")
                .asString()).isEqualTo(record);
        assertThat(records.path("campaign_product_store_records").get(0).path("store_id").asString())
                .isEqualTo(PRAGUE);
        assertThat(ids(admin.get("/campaign-products", "store_id", BRNO), "campaign_products",
                "campaign_product_id")).containsExactly(later);
        assertThat(ids(admin.get("/campaign-products", "store_id", PRAGUE), "campaign_products",
                "campaign_product_id")).containsExactlyInAnyOrder(current, later);

        // store records: duplicate, unknown store, another product in the body, unknown product
        String path = "/campaign-products/" + current + "/campaign-product-store-records";
        assertThat(admin.post(path, Map.of("campaign_product_store_record", Map.of("store_id", PRAGUE,
                "campaign_product_id", current))).expect(400).invalidParams())
                .containsExactly("campaign_product_store_record.store_id:relation_already_exists");
        assertThat(admin.post(path, Map.of("campaign_product_store_record", Map.of("store_id", "nope",
                "campaign_product_id", current))).expect(400).invalidParams())
                .containsExactly("campaign_product_store_record.store_id:not_found");
        assertThat(admin.post(path, Map.of("campaign_product_store_record", Map.of("store_id", BRNO,
                "campaign_product_id", later))).expect(400).invalidParams())
                .containsExactly("campaign_product_store_record.campaign_product_id:not_allowed_value");
        assertThat(admin.post(path, Map.of("campaign_product_store_record", Map.of("store_id", BRNO)))
                .expect(400).invalidParams())
                .containsExactly("campaign_product_store_record.campaign_product_id:required");
        admin.post("/campaign-products/nope/campaign-product-store-records", Map.of("campaign_product_store_record",
                Map.of("store_id", BRNO, "campaign_product_id", "nope"))).expect(404);
        admin.get("/campaign-products/nope/campaign-product-store-records").expect(404);
        assertThat(admin.get(path).expect(200).data().path("total_items").asInt()).isEqualTo(1);

        // the Customer API reads, never writes
        Api app = customer().bearer(customerToken("phone-2"));
        assertThat(ids(app.get("/campaign-products"), "campaign_products", "campaign_product_id")).hasSize(2);
        app.get(path).expect(200);
        app.post("/campaign-products", Map.of("campaign_product", product(sale, espresso, 5, 1, privateType,
                now, now.plusDays(1), null))).expect(403);
        app.post(path, Map.of("campaign_product_store_record", Map.of("store_id", BRNO, "campaign_product_id",
                current))).expect(403);
    }

    @Test
    void badCampaignProductsAreRefusedNamingEveryField() {
        String sale = campaign("Sale", null);
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        Map<String, Object> bad = product("nope", "nope", 120, 1, "nope", now, now.minusDays(1), List.of("web"));
        bad.put("currency_id", "nope");
        assertThat(admin.post("/campaign-products", Map.of("campaign_product", bad)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("campaign_product.product_id:not_found",
                        "campaign_product.currency_id:not_found", "campaign_product.campaign_id:not_found",
                        "campaign_product.type_id:not_found", "campaign_product.value:not_allowed_value",
                        "campaign_product.valid_to:not_allowed_value");
        Map<String, Object> wrongPlace = product(sale, espresso, 10, 1, privateType, now, now, List.of("tv"));
        assertThat(admin.post("/campaign-products", Map.of("campaign_product", wrongPlace)).expect(400)
                .invalidParams()).hasSize(1).allMatch(p -> p.endsWith(":not_allowed_value"));
        Map<String, Object> wrongType = product(sale, espresso, 10, 3, privateType, now, now, null);
        assertThat(admin.post("/campaign-products", Map.of("campaign_product", wrongType)).expect(400)
                .invalidParams()).containsExactly("campaign_product.value_type_id:not_allowed_value");
        Map<String, Object> badDate = product(sale, espresso, 10, 1, privateType, now, now, null);
        badDate.put("valid_from", "tomorrow");
        assertThat(admin.post("/campaign-products", Map.of("campaign_product", badDate)).expect(400)
                .invalidParams()).containsExactly("campaign_product.valid_from:invalid_value_format");
        Map<String, Object> missing = new HashMap<>(product(sale, espresso, 10, 1, privateType, now, now, null));
        missing.remove("presentation_data");
        missing.remove("type_id");
        assertThat(admin.post("/campaign-products", Map.of("campaign_product", missing)).expect(400)
                .invalidParams()).containsExactlyInAnyOrder("campaign_product.presentation_data:required",
                "campaign_product.type_id:required");
        Map<String, Object> negativePrice = product(sale, espresso, -1, 2, privateType, now, now, null);
        assertThat(admin.post("/campaign-products", Map.of("campaign_product", negativePrice)).expect(400)
                .invalidParams()).containsExactly("campaign_product.value:not_allowed_value");
        assertThat(admin.get("/campaign-products", "is_valid", "maybe").expect(400).invalidParams())
                .containsExactly("is_valid:invalid_value_format");
        assertThat(admin.get("/campaign-products", "valid_to", "soon").expect(400).invalidParams())
                .containsExactly("valid_to:invalid_value_format");
        assertThat(admin.get("/campaign-products", "display_in", "tv").expect(400).invalidParams())
                .containsExactly("display_in:not_allowed_value");
        assertThat(admin.get("/campaign-products", "value_type_id", "5").expect(400).invalidParams())
                .containsExactly("value_type_id:not_allowed_value");
        assertThat(admin.get("/campaign-products").expect(200).data().path("total_items").asInt()).isZero();
    }

    BenefitProvider campaignPrices() {
        return providers.stream().filter(p -> p.stage() == BenefitProvider.CAMPAIGN_PRICES).findFirst()
                .orElseThrow();
    }

    static CheckoutBasket.Item item(String id, String productId, String quantity, String price) {
        return new CheckoutBasket.Item(id, productId, List.of(), new BigDecimal(quantity), new BigDecimal(price),
                new BigDecimal(price), false, null);
    }

    static Map<String, BigDecimal> left(CheckoutBasket basket) {
        Map<String, BigDecimal> left = new HashMap<>();
        basket.items().forEach(i -> left.put(i.billItemId(), i.paidAmount()));
        return left;
    }

    CheckoutBasket basket(String customerId, String storeId, String currency, CheckoutBasket.Item... items) {
        return new CheckoutBasket(customerId, storeId, currency, OffsetDateTime.now(clock),
                CheckoutBasket.PaymentType.S, "en", List.of(items), List.of());
    }

    @Test
    void campaignPricesLowerBasketItemsForTheirStoreTypeAndTime() {
        String sale = campaign("Sale", null);
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        String percent = post(product(sale, espresso, 20, 1, privateType, now.minusDays(1), now.plusDays(1),
                null));
        String finalPrice = post(product(sale, tshirt, new BigDecimal("150"), 2, privateType, now.minusDays(1),
                now.plusDays(1), List.of("cash desk")));
        // not applied: business customers only, web only, not yet valid
        post(product(sale, espresso, 90, 1, businessType, now.minusDays(1), now.plusDays(1), null));
        post(product(sale, espresso, 95, 1, privateType, now.minusDays(1), now.plusDays(1), List.of("web")));
        post(product(sale, espresso, 99, 1, privateType, now.plusDays(1), now.plusDays(2), null));
        BenefitProvider provider = campaignPrices();
        String anna = newCustomer(admin, "anna@example.com");

        CheckoutBasket basket = basket(anna, PRAGUE, CZK, item("1", espresso, "2", "100"),
                item("2", tshirt, "2", "400"), item("3", null, "1", "50"));
        BenefitProvider.Proposal proposal = provider.propose(basket, left(basket), new Shared());
        assertThat(proposal.refusals()).isEmpty();
        assertThat(proposal.benefits()).hasSize(2);
        var first = proposal.benefits().get(0);
        assertThat(first.kind()).isEqualTo(BenefitProvider.Benefit.Kind.RECOMMENDED_DISCOUNT);
        assertThat(first.overall()).isFalse();
        assertThat(first.code()).isEqualTo(percent);
        assertThat(first.discounts()).singleElement().satisfies(d -> {
            assertThat(d.billItemId()).isEqualTo("1");
            assertThat(d.value()).isEqualByComparingTo("20");
            assertThat(d.percent()).isEqualByComparingTo("20");
        });
        var second = proposal.benefits().get(1);
        assertThat(second.code()).isEqualTo(finalPrice);
        assertThat(second.discounts()).singleElement().satisfies(d -> {
            assertThat(d.billItemId()).isEqualTo("2");
            assertThat(d.value()).isEqualByComparingTo("100"); // 400 - 2 x 150
            assertThat(d.percent()).isEqualByComparingTo("25");
        });
        // same basket, same answer
        assertThat(provider.propose(basket, left(basket), new Shared())).isEqualTo(proposal);

        // never more than what is left to pay
        Map<String, BigDecimal> little = left(basket);
        little.put("1", new BigDecimal("5"));
        little.put("2", BigDecimal.ZERO);
        var capped = provider.propose(basket, little, new Shared());
        assertThat(capped.benefits()).singleElement().satisfies(b ->
                assertThat(b.discounts().getFirst().value()).isEqualByComparingTo("5"));

        // a business customer gets the business price (the higher discount wins over the private one)
        admin.post("/customers/" + anna + "/property-records", Map.of("property_record",
                Map.of("property_id", "customer_type", "property_value", businessType))).expect(201);
        var business = provider.propose(basket, left(basket), new Shared());
        assertThat(business.benefits()).singleElement().satisfies(b -> {
            assertThat(b.discounts().getFirst().value()).isEqualByComparingTo("90");
        });

        // a final price is only for its currency; the store limit holds; loyalty_off items get nothing
        CheckoutBasket euros = basket(null, PRAGUE, EUR, item("1", tshirt, "1", "40"));
        assertThat(provider.propose(euros, left(euros), new Shared()).benefits()).isEmpty();
        admin.post("/campaign-products/" + percent + "/campaign-product-store-records",
                Map.of("campaign_product_store_record", Map.of("store_id", BRNO, "campaign_product_id", percent)))
                .expect(201);
        CheckoutBasket anonymous = basket(null, PRAGUE, CZK, item("1", espresso, "1", "100"));
        assertThat(provider.propose(anonymous, left(anonymous), new Shared()).benefits()).isEmpty();
        CheckoutBasket inBrno = basket(null, BRNO, CZK, item("1", espresso, "1", "100"),
                new CheckoutBasket.Item("2", espresso, List.of(), BigDecimal.ONE, new BigDecimal("100"),
                        new BigDecimal("100"), true, null));
        assertThat(provider.propose(inBrno, left(inBrno), new Shared()).benefits()).singleElement().satisfies(b ->
                assertThat(b.discounts()).extracting(BenefitProvider.ItemDiscount::billItemId).containsExactly("1"));
    }
}
