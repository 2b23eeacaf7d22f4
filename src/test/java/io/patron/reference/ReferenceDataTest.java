package io.patron.reference;

import static io.patron.db.Tables.CURRENCY;
import static io.patron.db.Tables.LANGUAGE;
import static io.patron.db.Tables.LOOKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.patron.api.ApiTime;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * The reference-data operations: countries, currencies, languages, the lookups (payment types,
 * purchase and purchase item types, customer address types, communication channels) and the
 * connection test, on both interfaces. The test project has the currencies CZK (project), EUR
 * and USD, and the languages en (default) and cs.
 */
class ReferenceDataTest extends ApiTest {

    private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

    @Autowired
    private DSLContext dsl;

    @Autowired
    private ProjectImporter importer;

    @Autowired
    private Clock clock;

    // ---------------------------------------------------------------- currencies

    @Test
    void currenciesAreTheProjectOnesInCodeOrder() {
        Api.Response answer = admin().get("/currencies").expect(200);
        assertThat(answer.data().path("total_items").asLong()).isEqualTo(3);
        assertThat(values(answer, "currencies", "code")).containsExactly("CZK", "EUR", "USD");
        JsonNode euro = items(answer, "currencies").get(1);
        assertThat(euro.path("name").asString()).isEqualTo("Euro");
        assertThat(euro.path("currency_id").asString()).isEqualTo(CurrencyQueries.currencyId("EUR"))
                .isEqualTo(Ids.stable("currency", "EUR")).hasSize(26);
    }

    @Test
    void currenciesPageAndSort() {
        Api api = admin();
        Api.Response page = api.get("/currencies", "count", "1", "offset", "1").expect(200);
        assertThat(page.data().path("total_items").asLong()).isEqualTo(3);
        assertThat(values(page, "currencies", "code")).containsExactly("EUR");
        assertThat(values(api.get("/currencies", "offset", "3").expect(200), "currencies", "code")).isEmpty();

        assertThat(values(api.get("/currencies", "sort_field", "code", "sort_direction", "DESC").expect(200),
                "currencies", "code")).containsExactly("USD", "EUR", "CZK");
        assertThat(values(api.get("/currencies", "sort_field", "name").expect(200), "currencies", "name"))
                .containsExactly("Czech Koruna", "Euro", "US Dollar");
        assertThat(values(api.get("/currencies", "sort_field", "name", "sort_direction", "DESC").expect(200),
                "currencies", "name")).containsExactly("US Dollar", "Euro", "Czech Koruna");
        List<String> ids = values(api.get("/currencies", "sort_field", "currency_id").expect(200),
                "currencies", "currency_id");
        assertThat(ids).isSorted();
    }

    @Test
    void currenciesFilterByNameAndCode() {
        Api api = admin();
        assertThat(values(api.get("/currencies", "currency_name", "EUR").expect(200), "currencies", "code"))
                .containsExactly("EUR");
        assertThat(values(api.get("/currencies", "currency_name", "dollar").expect(200), "currencies", "code"))
                .containsExactly("USD");
        assertThat(api.get("/currencies", "currency_name", "zloty").expect(200).data().path("total_items").asLong())
                .isZero();
        assertThat(values(api.get("/currencies", "currency_code", "usd").expect(200), "currencies", "code"))
                .containsExactly("USD");
        assertThat(api.get("/currencies", "currency_code", "GBP").expect(200).data().path("total_items").asLong())
                .isZero();
        // filters combine with AND
        assertThat(api.get("/currencies", "currency_name", "euro", "currency_code", "USD").expect(200)
                .data().path("total_items").asLong()).isZero();
        // the name filter works on the names of the request's language
        Api czech = api.header("Accept-Language", "cs");
        assertThat(values(czech.get("/currencies", "currency_name", "koruna").expect(200), "currencies", "code"))
                .containsExactly("CZK");
        assertThat(czech.get("/currencies", "currency_name", "Czech").expect(200).data().path("total_items").asLong())
                .isZero();
    }

    @Test
    void currencyDetailInTheRequestLanguage() {
        String id = CurrencyQueries.currencyId("CZK");
        JsonNode koruna = admin().get("/currencies/" + id).expect(200).data();
        assertThat(koruna.path("currency_id").asString()).isEqualTo(id);
        assertThat(koruna.path("code").asString()).isEqualTo("CZK");
        assertThat(koruna.path("name").asString()).isEqualTo("Czech Koruna");
        assertThat(admin().header("Accept-Language", "cs, en-gb;q=0.8").get("/currencies/" + id).expect(200)
                .data().path("name").asString()).isEqualTo("česká koruna");
    }

    @Test
    void unknownOrInactiveCurrencyIsNotFound() {
        expectNotFound(admin().get("/currencies/0123456789abcdef0123456789"), "currencies",
                "0123456789abcdef0123456789");
        // a currency the project no longer accepts keeps its row, but is neither listed nor shown
        String pound = CurrencyQueries.currencyId("GBP");
        dsl.insertInto(CURRENCY, CURRENCY.ID, CURRENCY.CODE, CURRENCY.ACTIVE).values(pound, "GBP", false).execute();
        expectNotFound(admin().get("/currencies/" + pound), "currencies", pound);
        assertThat(admin().get("/currencies").expect(200).data().path("total_items").asLong()).isEqualTo(3);
    }

    @Test
    void currencyDroppedFromTheSettingsBecomesInactive() {
        String pound = CurrencyQueries.currencyId("GBP");
        dsl.insertInto(CURRENCY, CURRENCY.ID, CURRENCY.CODE, CURRENCY.ACTIVE).values(pound, "GBP", true).execute();
        assertThat(admin().get("/currencies").expect(200).data().path("total_items").asLong()).isEqualTo(4);
        importer.apply(ProjectFile.empty());
        assertThat(admin().get("/currencies").expect(200).data().path("total_items").asLong()).isEqualTo(3);
        assertThat(dsl.select(CURRENCY.ACTIVE).from(CURRENCY).where(CURRENCY.ID.eq(pound)).fetchOne(CURRENCY.ACTIVE))
                .isFalse();
    }

    @Test
    void currenciesNeedATokenAndServeBothInterfaces() {
        assertThat(enterprise().get("/currencies").expect(401).error().path("type").asString()).isNotBlank();
        customer().get("/currencies").expect(401);
        customer().get("/currencies/" + CurrencyQueries.currencyId("EUR")).expect(401);
        Api app = customer().bearer(customerToken("dev-1"));
        assertThat(app.get("/currencies").expect(200).data().path("total_items").asLong()).isEqualTo(3);
        assertThat(app.get("/currencies/" + CurrencyQueries.currencyId("EUR")).expect(200).data().path("code")
                .asString()).isEqualTo("EUR");
    }

    @Test
    void currencyListRefusesBadParameters() {
        Api api = admin();
        assertThat(api.get("/currencies", "count", "0").expect(400).invalidParams())
                .containsExactly("count:not_allowed_value");
        assertThat(api.get("/currencies", "sort_field", "bogus").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        assertThat(api.get("/currencies", "sort_direction", "UP").expect(400).invalidParams())
                .containsExactly("sort_direction:not_allowed_value");
        assertThat(api.get("/currencies", "offset", "-1").expect(400).invalidParams())
                .containsExactly("offset:not_allowed_value");
    }

    // ---------------------------------------------------------------- languages

    @Test
    void languagesAreTheActiveOnesDefaultFirstWithoutLogin() {
        Api.Response answer = enterprise().get("/languages").expect(200);
        assertThat(answer.data().path("total_items").asLong()).isEqualTo(2);
        assertThat(values(answer, "languages", "language_id")).containsExactly("en", "cs");
        for (JsonNode language : items(answer, "languages")) {
            assertThat(language.path("state").asInt()).isEqualTo(1);
            assertThat(language.path("last_change").asString()).matches(DATE_TIME);
        }
        assertThat(values(customer().get("/languages").expect(200), "languages", "language_id"))
                .containsExactly("en", "cs");
        assertThat(values(customer().bearer(customerToken("dev-1")).get("/languages").expect(200), "languages",
                "language_id")).containsExactly("en", "cs");
        assertThat(values(admin().get("/languages").expect(200), "languages", "language_id"))
                .containsExactly("en", "cs");
    }

    @Test
    void everyLanguageListHoldsTheActiveLanguages() {
        for (String type : List.of("carecloud-api", "web-portal", "customer-communication")) {
            assertThat(values(enterprise().get("/languages", "language_list_type", type).expect(200), "languages",
                    "language_id")).as(type).containsExactly("en", "cs");
        }
    }

    @Test
    void defaultLanguageOnly() {
        assertThat(values(enterprise().get("/languages", "default_language", "true").expect(200), "languages",
                "language_id")).containsExactly("en");
        Api.Response onlyDefault = customer().get("/languages", "default_language", "true",
                "language_list_type", "customer-communication").expect(200);
        assertThat(onlyDefault.data().path("total_items").asLong()).isEqualTo(1);
        assertThat(values(enterprise().get("/languages", "default_language", "false").expect(200), "languages",
                "language_id")).containsExactly("en", "cs");
    }

    @Test
    void languagesRefuseBadParameters() {
        assertThat(enterprise().get("/languages", "language_list_type", "bogus").expect(400).invalidParams())
                .containsExactly("language_list_type:not_allowed_value");
        assertThat(enterprise().get("/languages", "default_language", "maybe").expect(400).invalidParams())
                .containsExactly("default_language:invalid_value_format");
        assertThat(enterprise().get("/languages", "language_list_type", "CareCloud-API", "default_language", "yes")
                .expect(400).invalidParams())
                .containsExactlyInAnyOrder("language_list_type:not_allowed_value",
                        "default_language:invalid_value_format");
    }

    @Test
    void languagesSortAndPageLikeAnyList() {
        assertThat(values(enterprise().get("/languages", "sort_field", "language_id", "sort_direction", "DESC")
                .expect(200), "languages", "language_id")).containsExactly("en", "cs");
        assertThat(values(enterprise().get("/languages", "sort_field", "language_id").expect(200), "languages",
                "language_id")).containsExactly("cs", "en");
        Api.Response page = enterprise().get("/languages", "count", "1", "offset", "1").expect(200);
        assertThat(page.data().path("total_items").asLong()).isEqualTo(2);
        assertThat(values(page, "languages", "language_id")).containsExactly("cs");
        assertThat(enterprise().get("/languages", "sort_field", "name").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
    }

    @Test
    void languageDroppedFromTheSettingsIsNoLongerListed() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.insertInto(LANGUAGE, LANGUAGE.ID, LANGUAGE.STATE, LANGUAGE.CARECLOUD_API, LANGUAGE.WEB_PORTAL, LANGUAGE.CUSTOMER_COMMUNICATION,
                LANGUAGE.LAST_CHANGE).values("de", 1, true, true, true, now).execute();
        assertThat(enterprise().get("/languages").expect(200).data().path("total_items").asLong()).isEqualTo(3);
        importer.apply(ProjectFile.empty());
        assertThat(values(enterprise().get("/languages").expect(200), "languages", "language_id"))
                .containsExactly("en", "cs");
        assertThat(dsl.select(LANGUAGE.STATE).from(LANGUAGE).where(LANGUAGE.ID.eq("de")).fetchOne(LANGUAGE.STATE))
                .isEqualTo(2);
    }

    @Test
    void aCurrencyOrLanguageSettingThatIsNoIsoCodeStopsTheStart() {
        assertThatThrownBy(() -> standardData(Map.of("patron.currency", "CZX")).apply(ProjectFile.empty()))
                .hasMessageContaining("patron.currency").hasMessageContaining("CZX");
        assertThatThrownBy(() -> standardData(Map.of("patron.currencies", "EUR,bitcoin")).apply(ProjectFile.empty()))
                .hasMessageContaining("patron.currencies").hasMessageContaining("bitcoin");
        assertThatThrownBy(() -> standardData(Map.of("patron.languages", "en,czech")).apply(ProjectFile.empty()))
                .hasMessageContaining("patron.languages").hasMessageContaining("czech");
    }

    /** The standard-data import with the given settings, without a database: it must stop before using one. */
    private StandardDataImport standardData(Map<String, String> settings) {
        PatronProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("patron", PatronProperties.class);
        return new StandardDataImport(null, null, properties, clock);
    }

    // ---------------------------------------------------------------- countries and connection test

    @Test
    void countriesNeedATokenAndServeBothInterfaces() {
        customer().get("/countries").expect(401);
        Api app = customer().bearer(customerToken("dev-1"));
        JsonNode cz = items(app.header("Accept-Language", "cs").get("/countries", "country_id", "cz").expect(200),
                "countries").get(0);
        assertThat(cz.path("name").asString()).isEqualTo("Česko");
    }

    @Test
    void connectionTestNeedsNoLoginOnEitherInterface() {
        assertThat(customer().get("/tests/connection", "test_string", "taco cat").expect(200).data()
                .path("test_string").asString()).isEqualTo("tac ocat");
        assertThat(enterprise().get("/tests/connection").expect(200).data().path("test_string").asString()).isEmpty();
        assertThat(customer().bearer(customerToken("dev-1")).get("/tests/connection", "test_string", "ab")
                .expect(200).data().path("test_string").asString()).isEqualTo("ba");
    }

    // ---------------------------------------------------------------- lookups, common behaviour

    /**
     * One lookup resource: its path, list key, id field, whether it needs a token, whether it has a
     * detail operation, and one item's name in English and Czech.
     */
    record Lookup(String path, String plural, String idField, boolean anonymous, boolean detail, String english,
                  String czech) {
        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Lookup> lookups() {
        return Stream.of(
                new Lookup("/payment-types", "payment_types", "payment_type_id", false, true, "Cash", "Hotovost"),
                new Lookup("/purchase-types", "purchase_types", "type_id", false, false, "Store purchase",
                        "Nákup v prodejně"),
                new Lookup("/purchase-item-types", "purchase_item_types", "type_id", false, false,
                        "Store transaction", "Transakce v prodejně"),
                new Lookup("/customer-address-types", "customer_address_types", "address_type_id", false, true,
                        "Delivery address", "Doručovací adresa"),
                new Lookup("/communication-channels", "communication_channels", "communication_channel_id", true,
                        true, "Mobile app notification", "Notifikace v mobilní aplikaci"),
                new Lookup("/agreements", "agreements", "agreement_id", false, true, "Processing of personal data",
                        "Zpracování osobních údajů"));
    }

    /** The way to call a lookup: anonymous where the contract allows it, logged in otherwise. */
    private Api api(Lookup lookup) {
        return lookup.anonymous() ? enterprise() : admin();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void lookupListsEveryItemWithTheTotal(Lookup lookup) {
        Api.Response answer = api(lookup).get(lookup.path()).expect(200);
        List<JsonNode> items = items(answer, lookup.plural());
        assertThat(items).hasSizeGreaterThanOrEqualTo(3);
        assertThat(answer.data().path("total_items").asLong()).isEqualTo(items.size());
        assertThat(values(answer, lookup.plural(), lookup.idField())).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
        assertThat(values(answer, lookup.plural(), "name")).allMatch(name -> !name.isBlank());
        // without sort_field a lookup list keeps the project file's order
        assertThat(items.getFirst().path("name").asString()).isEqualTo(
                lookup.path().equals("/communication-channels") ? "E-mail" : lookup.english());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void lookupListPages(Lookup lookup) {
        Api api = api(lookup);
        List<String> all = values(api.get(lookup.path()).expect(200), lookup.plural(), lookup.idField());
        Api.Response page = api.get(lookup.path(), "count", "2", "offset", "1").expect(200);
        assertThat(page.data().path("total_items").asLong()).isEqualTo(all.size());
        assertThat(values(page, lookup.plural(), lookup.idField())).containsExactlyElementsOf(all.subList(1, 3));
        Api.Response beyond = api.get(lookup.path(), "count", "10", "offset", String.valueOf(all.size())).expect(200);
        assertThat(items(beyond, lookup.plural())).isEmpty();
        assertThat(beyond.data().path("total_items").asLong()).isEqualTo(all.size());
        // reversed without sort_field: the project order backwards
        assertThat(values(api.get(lookup.path(), "sort_direction", "DESC").expect(200), lookup.plural(),
                lookup.idField())).containsExactlyElementsOf(all.reversed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void lookupListSortsByItsFields(Lookup lookup) {
        Api api = api(lookup);
        List<String> ascending = values(api.get(lookup.path(), "sort_field", "name").expect(200), lookup.plural(),
                "name");
        List<String> descending = values(api.get(lookup.path(), "sort_field", "name", "sort_direction", "DESC")
                .expect(200), lookup.plural(), "name");
        assertThat(ascending).hasSizeGreaterThanOrEqualTo(3).isNotEqualTo(descending);
        assertThat(descending).containsExactlyElementsOf(ascending.reversed());
        assertThat(values(api.get(lookup.path(), "sort_field", lookup.idField()).expect(200), lookup.plural(),
                lookup.idField())).isSorted();
        assertThat(values(api.get(lookup.path(), "sort_field", lookup.idField(), "sort_direction", "DESC")
                .expect(200), lookup.plural(), lookup.idField())).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void lookupNamesFollowAcceptLanguage(Lookup lookup) {
        Api api = api(lookup);
        Api.Response english = api.get(lookup.path()).expect(200);
        Api.Response czech = api.header("Accept-Language", "cs").get(lookup.path()).expect(200);
        assertThat(values(english, lookup.plural(), "name")).contains(lookup.english()).doesNotContain(lookup.czech());
        assertThat(values(czech, lookup.plural(), "name")).contains(lookup.czech()).doesNotContain(lookup.english());
        assertThat(values(czech, lookup.plural(), lookup.idField()))
                .containsExactlyElementsOf(values(english, lookup.plural(), lookup.idField()));
        // a language the project does not have falls back to the default language
        assertThat(values(api.header("Accept-Language", "de").get(lookup.path()).expect(200), lookup.plural(),
                "name")).containsExactlyElementsOf(values(english, lookup.plural(), "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void lookupListRefusesBadParameters(Lookup lookup) {
        Api api = api(lookup);
        assertThat(api.get(lookup.path(), "count", "0").expect(400).invalidParams())
                .containsExactly("count:not_allowed_value");
        assertThat(api.get(lookup.path(), "sort_field", "bogus").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        // the row's position is not a field of the item, so no sort field either
        assertThat(api.get(lookup.path(), "sort_field", "position").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        assertThat(api.get(lookup.path(), "offset", "x").expect(400).invalidParams())
                .containsExactly("offset:invalid_value_format");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void lookupDetailMatchesTheListItem(Lookup lookup) {
        if (!lookup.detail()) {
            // no detail operation in the contract: the path answers 404 (no handler), or 405 at most
            assertThat(api(lookup).get(lookup.path() + "/abc").status()).isIn(404, 405);
            return;
        }
        Api api = api(lookup);
        for (JsonNode item : items(api.get(lookup.path()).expect(200), lookup.plural())) {
            String id = item.path(lookup.idField()).asString();
            assertThat(api.get(lookup.path() + "/" + id).expect(200).data()).isEqualTo(item);
        }
        JsonNode first = items(api.header("Accept-Language", "cs").get(lookup.path()).expect(200), lookup.plural())
                .getFirst();
        assertThat(api.header("Accept-Language", "cs").get(lookup.path() + "/" + first.path(lookup.idField())
                .asString()).expect(200).data().path("name").asString()).isEqualTo(first.path("name").asString());
        expectNotFound(api.get(lookup.path() + "/no-such-id"), lookup.path().substring(1), "no-such-id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void lookupAuthenticationFollowsTheContract(Lookup lookup) {
        if (lookup.anonymous()) {
            enterprise().get(lookup.path()).expect(200);
            customer().get(lookup.path()).expect(200);
        } else {
            assertThat(enterprise().get(lookup.path()).expect(401).error().path("type").asString()).isNotBlank();
            customer().get(lookup.path()).expect(401);
            if (lookup.detail()) {
                enterprise().get(lookup.path() + "/whatever").expect(401);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void lookupsServeTheCustomerInterface(Lookup lookup) {
        Api.Response enterprise = api(lookup).get(lookup.path()).expect(200);
        Api.Response customer = customer().bearer(customerToken("dev-1")).get(lookup.path()).expect(200);
        assertThat(customer.data()).isEqualTo(enterprise.data());
        if (lookup.detail()) {
            String id = items(customer, lookup.plural()).getFirst().path(lookup.idField()).asString();
            customer().bearer(customerToken("dev-2")).get(lookup.path() + "/" + id).expect(200);
        }
    }

    // ---------------------------------------------------------------- lookups, kind by kind

    @Test
    void paymentTypesShowTheirLastChange() {
        Api.Response answer = admin().get("/payment-types").expect(200);
        for (JsonNode type : items(answer, "payment_types")) {
            assertThat(type.path("last_change").asString()).matches(DATE_TIME);
            assertThat(type.has("text_id")).as("PaymentType has no text_id").isFalse();
        }
        assertThat(values(answer, "payment_types", "name")).contains("Cash", "Payment card", "Gift voucher",
                "Customer credit", "Bank transfer", "Online payment");
        admin().get("/payment-types", "sort_field", "last_change", "sort_direction", "DESC").expect(200);
        // text_id is no filter of this list: an undeclared parameter is ignored
        assertThat(admin().get("/payment-types", "text_id", "cash").expect(200).data().path("total_items").asLong())
                .isEqualTo(answer.data().path("total_items").asLong());
        assertThat(admin().get("/payment-types", "sort_field", "text_id").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
    }

    @Test
    void purchaseTypesFilterByTextId() {
        Api.Response store = admin().get("/purchase-types", "text_id", "store_purchase").expect(200);
        assertThat(store.data().path("total_items").asLong()).isEqualTo(1);
        JsonNode type = items(store, "purchase_types").getFirst();
        assertThat(type.path("text_id").asString()).isEqualTo("store_purchase");
        assertThat(type.path("name").asString()).isEqualTo("Store purchase");
        assertThat(type.path("type_id").asString()).isEqualTo(Ids.stable("purchase_type", "store_purchase"));
        assertThat(admin().get("/purchase-types", "text_id", "nothing").expect(200).data().path("total_items")
                .asLong()).isZero();
        assertThat(values(admin().get("/purchase-types", "sort_field", "text_id").expect(200), "purchase_types",
                "text_id")).isSorted();
    }

    @Test
    void purchaseItemTypesHaveTheUsualTypesAndFilterByTextId() {
        Api.Response all = admin().get("/purchase-item-types").expect(200);
        assertThat(values(all, "purchase_item_types", "text_id")).containsExactly("store_purchase",
                "eshop_purchase", "cancel", "no_reward", "otc_without_loyalty", "points_only");
        Api.Response cancel = admin().header("Accept-Language", "cs")
                .get("/purchase-item-types", "text_id", "cancel").expect(200);
        assertThat(cancel.data().path("total_items").asLong()).isEqualTo(1);
        assertThat(items(cancel, "purchase_item_types").getFirst().path("name").asString()).isEqualTo("Storno");
        assertThat(admin().get("/purchase-item-types", "text_id", "CANCEL").expect(200).data().path("total_items")
                .asLong()).as("text ids match exactly").isZero();
        // the same text id in two kinds gives two different ids
        assertThat(items(admin().get("/purchase-item-types", "text_id", "store_purchase").expect(200),
                "purchase_item_types").getFirst().path("type_id").asString())
                .isNotEqualTo(Ids.stable("purchase_type", "store_purchase"));
    }

    @Test
    void customerAddressTypesShowTheirLastChange() {
        Api.Response answer = admin().get("/customer-address-types").expect(200);
        assertThat(values(answer, "customer_address_types", "name"))
                .containsExactly("Delivery address", "Billing address", "Mailing address", "Work address");
        for (JsonNode type : items(answer, "customer_address_types")) {
            assertThat(type.path("last_change").asString()).matches(DATE_TIME);
        }
    }

    @Test
    void communicationChannelsUseTheNumericIdsMessagesReferTo() {
        Api.Response answer = enterprise().get("/communication-channels", "sort_field", "communication_channel_id")
                .expect(200);
        List<String> pairs = new ArrayList<>();
        for (JsonNode channel : items(answer, "communication_channels")) {
            pairs.add(channel.path("communication_channel_id").asString() + "=" + channel.path("text_id").asString());
        }
        assertThat(pairs).contains("1=email", "2=sms", "4=push", "5=internal", "9=viber");
        assertThat(values(answer, "communication_channels", "text_id"))
                .contains("web_push", "whatsapp", "white_post");
        JsonNode email = customer().get("/communication-channels/1").expect(200).data();
        assertThat(email.path("text_id").asString()).isEqualTo("email");
        assertThat(email.path("name").asString()).isEqualTo("E-mail");
    }

    // ---------------------------------------------------------------- lookups from a project file

    @Test
    void projectFileAddsAndRenamesLookupsAndKeepsTheirIds(@TempDir Path dir) throws IOException {
        String cashId = Ids.stable("payment_type", "cash");
        String cardId = Ids.stable("payment_type", "card");
        OffsetDateTime old = OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        dsl.update(LOOKUP).set(LOOKUP.LAST_CHANGE, old).execute();

        importer.apply(project(dir, """
                payment_types:
                  - text_id: cash
                    name: { en: Cash, cs: Hotovost }
                  - text_id: card
                    name: { en: Card, cs: Karta }
                  - id: pt-gift-card
                    text_id: gift_card
                    name: Gift card
                    position: 100
                """));

        Api api = admin();
        JsonNode cash = api.get("/payment-types/" + cashId).expect(200).data();
        assertThat(cash.path("last_change").asString()).as("unchanged item keeps its time")
                .isEqualTo(ApiTime.format(old.toInstant(), clock));
        JsonNode card = api.get("/payment-types/" + cardId).expect(200).data();
        assertThat(card.path("name").asString()).isEqualTo("Card");
        assertThat(card.path("last_change").asString()).isNotEqualTo(ApiTime.format(old.toInstant(), clock)).matches(DATE_TIME);
        assertThat(api.header("Accept-Language", "cs").get("/payment-types/" + cardId).expect(200).data()
                .path("name").asString()).isEqualTo("Karta");

        // a plain-string name serves every language; an explicit id is kept; position 100 puts it last
        JsonNode gift = api.header("Accept-Language", "cs").get("/payment-types/pt-gift-card").expect(200).data();
        assertThat(gift.path("name").asString()).isEqualTo("Gift card");
        List<String> ids = values(api.get("/payment-types").expect(200), "payment_types", "payment_type_id");
        assertThat(ids.getLast()).isEqualTo("pt-gift-card");
        assertThat(ids).contains(cashId, cardId);

        // importing the same file again changes nothing
        importer.apply(project(dir, """
                payment_types:
                  - id: pt-gift-card
                    text_id: gift_card
                    name: Gift card
                    position: 100
                """));
        assertThat(api.get("/payment-types").expect(200).data().path("total_items").asLong()).isEqualTo(ids.size());
    }

    @Test
    void projectFileCannotMoveALookupId(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> importer.apply(project(dir, """
                payment_types:
                  - id: another-id
                    text_id: cash
                """))).hasMessageContaining("cannot change");
        assertThatThrownBy(() -> importer.apply(project(dir, """
                communication_channels:
                  - id: "1"
                    text_id: letter
                """))).hasMessageContaining("already used by 'email'");
        assertThatThrownBy(() -> importer.apply(project(dir, """
                purchase_types:
                  - name: No text id
                """))).hasMessageContaining("text_id is required");
        // nothing of a refused file is kept
        assertThat(admin().get("/payment-types/" + Ids.stable("payment_type", "cash")).expect(200).data()
                .path("payment_type_id").asString()).isEqualTo(Ids.stable("payment_type", "cash"));
    }

    // ---------------------------------------------------------------- helpers

    private static ProjectFile project(Path dir, String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "project", ".yaml");
        Files.writeString(file, yaml);
        return ProjectFile.load(file.toString());
    }

    private static List<JsonNode> items(Api.Response answer, String plural) {
        List<JsonNode> out = new ArrayList<>();
        answer.data().path(plural).forEach(out::add);
        return out;
    }

    private static List<String> values(Api.Response answer, String plural, String field) {
        return items(answer, plural).stream().map(item -> item.path(field).asString()).toList();
    }

    private static void expectNotFound(Api.Response answer, String resourceName, String resourceId) {
        answer.expect(404);
        assertThat(answer.error().path("error_data").path("resource_name").asString()).isEqualTo(resourceName);
        assertThat(answer.error().path("error_data").path("resource_id").asString()).isEqualTo(resourceId);
    }
}
