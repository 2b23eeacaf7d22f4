package io.patron.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Stores: reads with their filters, creation and replacement with their rules, on both interfaces. */
class StoreTest extends ApiTest {

    static final String PRG01 = Ids.stable("store", "PRG01");
    static final String BRN01 = Ids.stable("store", "BRN01");
    static final String ESHOP = Ids.stable("store", "ESHOP");
    static final String RETAILER = Ids.stable("partner", "retailer");
    static final String CLOSED = Ids.stable("partner", "closed");


    @BeforeEach
    void stores() {
        importProject("test-stores.yaml");
    }

    static Map<String, Object> newStore(String code, String systemId) {
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("store_code", code);
        store.put("name", "Ostrava Forum");
        store.put("partner_id", RETAILER);
        store.put("system_id", systemId);
        store.put("store_address", Map.of("address1", "Jantarová", "address2", "3344", "address3", "4",
                "zip", "70200", "city", "Ostrava", "country_code", "cz"));
        store.put("contact_email", "ostrava@retail.test");
        store.put("manager_name", "Petr Svoboda");
        store.put("phone_number", "420596000103");
        store.put("gps_coordinates", Map.of("gps_longitude", 18.2812, "gps_latitude", 49.8307));
        store.put("url_address", "https://retail.test/ostrava");
        store.put("opening", List.of(Map.of("day_id", "MON", "time_intervals",
                List.of(Map.of("from", "09:00:00", "to", "12:00:00"), Map.of("from", "13:00", "to", "21:00:00")))));
        store.put("short_description", "Mall store");
        store.put("description", "Our store in the Forum Nová Karolina mall");
        store.put("registration_id", "87654321");
        return store;
    }

    private static List<String> ids(Api.Response list) {
        List<String> ids = new ArrayList<>();
        list.data().path("stores").forEach(s -> ids.add(s.path("store_id").asString()));
        return ids;
    }

    private static List<String> codes(Api.Response list) {
        List<String> codes = new ArrayList<>();
        list.data().path("stores").forEach(s -> codes.add(s.path("store_code").asString()));
        return codes;
    }

    // --- reads -------------------------------------------------------------------------------

    @Test
    void storesAreListedWithTheirNestedPartsOnBothInterfaces() {
        Api.Response list = admin().get("/stores").expect(200);
        assertThat(list.data().path("total_items").asInt()).isEqualTo(3);
        assertThat(codes(list)).containsExactlyInAnyOrder("PRG01", "BRN01", "ESHOP");

        JsonNode prague = admin().get("/stores/" + PRG01).expect(200).data();
        assertThat(prague.path("store_code").asString()).isEqualTo("PRG01");
        assertThat(prague.path("name").asString()).isEqualTo("Prague Old Town");
        assertThat(prague.path("partner_id").asString()).isEqualTo(RETAILER);
        assertThat(prague.path("system_id").asString()).isEqualTo("1001");
        assertThat(prague.path("store_address").path("city").asString()).isEqualTo("Praha 1");
        assertThat(prague.path("store_address").path("country_code").asString()).isEqualTo("cz");
        assertThat(prague.path("store_address").has("address3")).isFalse();
        assertThat(prague.path("gps_coordinates").path("gps_longitude").decimalValue()).isEqualByComparingTo("14.4244");
        assertThat(prague.path("gps_coordinates").path("gps_latitude").decimalValue()).isEqualByComparingTo("50.0856");
        assertThat(prague.path("opening").get(0).path("day_id").asString()).isEqualTo("MON");
        assertThat(prague.path("opening").get(0).path("time_intervals").get(0).path("from").asString())
                .isEqualTo("09:00:00");
        assertThat(prague.path("opening").get(1).path("time_intervals")).isEmpty();
        assertThat(prague.path("image_urls").get(0).asString()).isEqualTo("https://img.retail.test/prg01.jpg");
        assertThat(prague.path("visibility_for_customer").asInt()).isEqualTo(1);
        assertThat(prague.path("state").asInt()).isEqualTo(1);
        assertThat(prague.path("short_description").asString()).isEqualTo("Flagship store");
        assertThat(prague.has("description")).isFalse();
        assertThat(prague.path("last_change").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

        JsonNode eshop = admin().get("/stores/" + ESHOP).expect(200).data();
        assertThat(eshop.has("store_address")).isFalse();
        assertThat(eshop.has("gps_coordinates")).isFalse();
        assertThat(eshop.has("opening")).isFalse();
        assertThat(eshop.path("visibility_for_customer").asInt()).isZero();

        Api customer = customer().bearer(customerToken("dev"));
        assertThat(customer.get("/stores").expect(200).data().path("total_items").asInt()).isEqualTo(3);
        assertThat(customer.get("/stores/" + PRG01).expect(200).data().path("store_code").asString()).isEqualTo("PRG01");
    }

    @Test
    void anUnknownStoreIs404() {
        Api.Response answer = admin().get("/stores/nope").expect(404);
        assertThat(answer.error().path("error_data").path("resource_name").asString()).isEqualTo("stores");
        assertThat(answer.error().path("error_data").path("resource_id").asString()).isEqualTo("nope");
    }

    @Test
    void namesAndDescriptionsFollowAcceptLanguage() {
        JsonNode czech = admin().header("Accept-Language", "cs, en-gb;q=0.8").get("/stores/" + PRG01).expect(200).data();
        assertThat(czech.path("name").asString()).isEqualTo("Praha Staré Město");
        assertThat(czech.path("short_description").asString()).isEqualTo("Vlajková prodejna");
        assertThat(admin().header("Accept-Language", "cs").get("/stores/" + ESHOP).expect(200).data()
                .path("name").asString()).isEqualTo("E-shop");
    }

    @Test
    void storesFilterByVisibilityAndSystemId() {
        assertThat(ids(admin().get("/stores", "visible_for_customer", "0").expect(200))).containsExactly(ESHOP);
        assertThat(ids(admin().get("/stores", "visible_for_customer", "1").expect(200)))
                .containsExactlyInAnyOrder(PRG01, BRN01);
        assertThat(admin().get("/stores", "visible_for_customer", "2").expect(400).invalidParams())
                .containsExactly("visible_for_customer:not_allowed_value");
        assertThat(admin().get("/stores", "visible_for_customer", "yes").expect(400).invalidParams())
                .containsExactly("visible_for_customer:invalid_value_format");
        assertThat(ids(admin().get("/stores", "system_id", "1002").expect(200))).containsExactly(BRN01);
        assertThat(ids(admin().get("/stores", "system_id", "100").expect(200))).isEmpty();
        assertThat(ids(admin().get("/stores", "system_id", "1001", "visible_for_customer", "0").expect(200))).isEmpty();
    }

    @Test
    void storesFilterByAPropertyValueOnlyWithBothParameters() {
        String paid = io.patron.property.PropertyService.itemId("store", "parking", "paid");
        String returns = io.patron.property.PropertyService.itemId("store", "services", "returns");
        assertThat(ids(admin().get("/stores", "property_id", "parking", "property_value", paid).expect(200)))
                .containsExactly(PRG01);
        assertThat(ids(admin().get("/stores", "property_id", "services", "property_value", returns).expect(200)))
                .containsExactly(PRG01);
        assertThat(ids(admin().get("/stores", "property_id", "floor_area", "property_value", "310").expect(200)))
                .containsExactly(BRN01);
        assertThat(ids(admin().get("/stores", "property_id", "wifi", "property_value", "true").expect(200)))
                .containsExactly(PRG01);
        assertThat(ids(admin().get("/stores", "property_id", "floor_area", "property_value", "many").expect(200)))
                .isEmpty();
        assertThat(ids(admin().get("/stores", "property_id", "nope", "property_value", "1").expect(200))).isEmpty();
        // one without the other is ignored
        assertThat(ids(admin().get("/stores", "property_id", "parking").expect(200))).hasSize(3);
        assertThat(ids(admin().get("/stores", "property_value", paid).expect(200))).hasSize(3);
    }

    @Test
    void aFloatPropertyMatchesByValueNotByText() {
        admin().post("/stores/" + BRN01 + "/property-records",
                Map.of("property_record", Map.of("property_id", "rating", "property_value", 4.50))).expect(201);
        assertThat(ids(admin().get("/stores", "property_id", "rating", "property_value", "4.5").expect(200)))
                .containsExactly(BRN01);
        assertThat(ids(admin().get("/stores", "property_id", "rating", "property_value", "4.51").expect(200)))
                .isEmpty();
    }

    @Test
    void storesSortAndPage() {
        assertThat(codes(admin().get("/stores", "sort_field", "store_code").expect(200)))
                .containsExactly("BRN01", "ESHOP", "PRG01");
        assertThat(codes(admin().get("/stores", "sort_field", "system_id", "sort_direction", "DESC").expect(200)))
                .containsExactly("ESHOP", "BRN01", "PRG01");
        assertThat(codes(admin().header("Accept-Language", "cs").get("/stores", "sort_field", "name").expect(200)))
                .containsExactly("BRN01", "ESHOP", "PRG01");
        assertThat(codes(admin().get("/stores", "sort_field", "visibility_for_customer").expect(200)).getFirst())
                .isEqualTo("ESHOP");
        Api.Response page = admin().get("/stores", "sort_field", "store_code", "count", "1", "offset", "1").expect(200);
        assertThat(codes(page)).containsExactly("ESHOP");
        assertThat(page.data().path("total_items").asInt()).isEqualTo(3);
        assertThat(admin().get("/stores", "sort_field", "store_address").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
    }

    // --- create ------------------------------------------------------------------------------

    @Test
    void aNewStoreIsCreatedWithEveryFieldAndDefaultsForTheReadOnlyOnes() {
        Map<String, Object> store = newStore("OST01", "1003");
        store.put("store_id", "mine");
        store.put("state", 0);
        store.put("visibility_for_customer", 0);
        store.put("image_urls", List.of("https://evil.test/x.jpg"));
        store.put("last_change", "2000-01-01 00:00:00");
        Api.Response created = admin().post("/stores", Map.of("store", store)).expect(201);
        String id = created.data().path("store_id").asString();
        assertThat(id).hasSize(26).isNotEqualTo("mine");

        JsonNode read = admin().get("/stores/" + id).expect(200).data();
        assertThat(read.path("store_code").asString()).isEqualTo("OST01");
        assertThat(read.path("name").asString()).isEqualTo("Ostrava Forum");
        assertThat(read.path("store_address").path("address3").asString()).isEqualTo("4");
        assertThat(read.path("contact_email").asString()).isEqualTo("ostrava@retail.test");
        assertThat(read.path("manager_name").asString()).isEqualTo("Petr Svoboda");
        assertThat(read.path("phone_number").asString()).isEqualTo("420596000103");
        assertThat(read.path("gps_coordinates").path("gps_longitude").decimalValue()).isEqualByComparingTo("18.2812");
        assertThat(read.path("url_address").asString()).isEqualTo("https://retail.test/ostrava");
        assertThat(read.path("opening").get(0).path("time_intervals").get(1).path("from").asString())
                .isEqualTo("13:00:00");
        assertThat(read.path("short_description").asString()).isEqualTo("Mall store");
        assertThat(read.path("description").asString()).startsWith("Our store");
        assertThat(read.path("registration_id").asString()).isEqualTo("87654321");
        assertThat(read.path("state").asInt()).isEqualTo(1);
        assertThat(read.path("visibility_for_customer").asInt()).isEqualTo(1);
        assertThat(read.has("image_urls")).isFalse();
        assertThat(read.path("last_change").asString()).isNotEqualTo("2000-01-01 00:00:00");
        assertThat(admin().get("/stores").data().path("total_items").asInt()).isEqualTo(4);
    }

    @Test
    void aNameSentIsTheTextOfTheRequestLanguageAndOthersFallBackToIt() {
        String id = admin().header("Accept-Language", "cs").post("/stores", Map.of("store", newStore("OST01", "1003")))
                .expect(201).data().path("store_id").asString();
        assertThat(admin().get("/stores/" + id).data().path("name").asString()).isEqualTo("Ostrava Forum");
        Map<String, Object> english = newStore("OST01", "1003");
        english.put("name", "Ostrava Forum Mall");
        admin().header("Accept-Language", "en").put("/stores/" + id, Map.of("store", english)).expect(204);
        assertThat(admin().header("Accept-Language", "en").get("/stores/" + id).data().path("name").asString())
                .isEqualTo("Ostrava Forum Mall");
        assertThat(admin().header("Accept-Language", "cs").get("/stores/" + id).data().path("name").asString())
                .isEqualTo("Ostrava Forum");
    }

    @Test
    void requiredFieldsAreNamedAndNothingIsCreated() {
        assertThat(admin().post("/stores", Map.of("store", Map.of())).expect(400).invalidParams())
                .containsExactlyInAnyOrder("store.store_code:required", "store.name:required",
                        "store.partner_id:required", "store.system_id:required");
        assertThat(admin().post("/stores", Map.of()).expect(400).invalidParams()).containsExactly("store:required");
        Map<String, Object> blank = newStore(" ", "");
        assertThat(admin().post("/stores", Map.of("store", blank)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("store.store_code:empty", "store.system_id:empty");
        assertThat(admin().get("/stores").data().path("total_items").asInt()).isEqualTo(3);
    }

    @Test
    void nestedObjectsAreCheckedOnlyWhenPresent() {
        Map<String, Object> store = newStore("OST01", "1003");
        store.put("gps_coordinates", Map.of("gps_longitude", 18.2));
        store.put("opening", List.of(Map.of("day_id", "MONDAY", "time_intervals", List.of(Map.of("from", "09:00:00"))),
                Map.of("day_id", "TUE")));
        store.put("phone_number", "+0 596 000 103");
        store.put("contact_email", "not an email");
        assertThat(admin().post("/stores", Map.of("store", store)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("store.gps_coordinates.gps_latitude:required",
                        "store.opening[0].day_id:not_allowed_value",
                        "store.opening[0].time_intervals[0].to:required",
                        "store.opening[1].time_intervals:required",
                        "store.phone_number:invalid_value_format",
                        "store.contact_email:invalid_value_format");
        Map<String, Object> badTime = newStore("OST01", "1003");
        badTime.put("opening", List.of(Map.of("day_id", "MON", "time_intervals",
                List.of(Map.of("from", "9 am", "to", "12:00:00")))));
        assertThat(admin().post("/stores", Map.of("store", badTime)).expect(400).invalidParams())
                .containsExactly("store.opening[0].time_intervals[0].from:invalid_value_format");
        Map<String, Object> farAway = newStore("OST01", "1003");
        farAway.put("gps_coordinates", Map.of("gps_longitude", 181, "gps_latitude", -91));
        assertThat(admin().post("/stores", Map.of("store", farAway)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("store.gps_coordinates.gps_longitude:not_allowed_value",
                        "store.gps_coordinates.gps_latitude:not_allowed_value");
        // without the optional objects the same store is fine
        Map<String, Object> plain = newStore("OST01", "1003");
        plain.remove("gps_coordinates");
        plain.remove("opening");
        plain.remove("store_address");
        admin().post("/stores", Map.of("store", plain)).expect(201);
    }

    @Test
    void codesAndSystemIdsAreUniqueAndReferencesMustExist() {
        Map<String, Object> store = newStore("PRG01", "1001");
        store.put("partner_id", "no-such-partner");
        store.put("store_address", Map.of("city", "Atlantis", "country_code", "xx"));
        assertThat(admin().post("/stores", Map.of("store", store)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("store.store_code:already_exists", "store.system_id:already_exists",
                        "store.partner_id:not_found", "store.store_address.country_code:not_found");
        Map<String, Object> deletedPartner = newStore("OST01", "1003");
        deletedPartner.put("partner_id", CLOSED);
        assertThat(admin().post("/stores", Map.of("store", deletedPartner)).expect(400).invalidParams())
                .containsExactly("store.partner_id:deleted");
        assertThat(admin().get("/stores").data().path("total_items").asInt()).isEqualTo(3);
    }

    // --- replace -----------------------------------------------------------------------------

    @Test
    void putReplacesTheWholeStoreAndClearsWhatIsLeftOut() {
        String id = admin().post("/stores", Map.of("store", newStore("OST01", "1003"))).expect(201)
                .data().path("store_id").asString();
        Map<String, Object> minimal = new LinkedHashMap<>();
        minimal.put("store_code", "OST02");
        minimal.put("name", "Ostrava Avion");
        minimal.put("partner_id", RETAILER);
        minimal.put("system_id", "1004");
        admin().put("/stores/" + id, Map.of("store", minimal)).expect(204);
        JsonNode read = admin().get("/stores/" + id).expect(200).data();
        assertThat(read.path("store_code").asString()).isEqualTo("OST02");
        assertThat(read.path("name").asString()).isEqualTo("Ostrava Avion");
        assertThat(read.path("system_id").asString()).isEqualTo("1004");
        for (String cleared : List.of("store_address", "contact_email", "manager_name", "phone_number",
                "gps_coordinates", "url_address", "opening", "short_description", "description", "registration_id")) {
            assertThat(read.has(cleared)).as(cleared).isFalse();
        }
        assertThat(admin().header("Accept-Language", "cs").get("/stores/" + id).data().has("description")).isFalse();
    }

    @Test
    void putTakesBackWhatGetGaveReadOnlyFieldsIncluded() {
        JsonNode read = admin().get("/stores/" + PRG01).expect(200).data();
        admin().put("/stores/" + PRG01, Map.of("store", read)).expect(204);
        JsonNode again = admin().get("/stores/" + PRG01).expect(200).data();
        assertThat(again.path("opening")).isEqualTo(read.path("opening"));
        assertThat(again.path("store_address")).isEqualTo(read.path("store_address"));
        assertThat(again.path("image_urls")).isEqualTo(read.path("image_urls"));
        assertThat(again.path("gps_coordinates")).isEqualTo(read.path("gps_coordinates"));
        assertThat(again.path("name").asString()).isEqualTo("Prague Old Town");
    }

    @Test
    void putKeepsTheRulesOfCreation() {
        Map<String, Object> taken = newStore("BRN01", "1002");
        assertThat(admin().put("/stores/" + PRG01, Map.of("store", taken)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("store.store_code:already_exists", "store.system_id:already_exists");
        Map<String, Object> noName = newStore("PRG01", "1001");
        noName.remove("name");
        assertThat(admin().put("/stores/" + PRG01, Map.of("store", noName)).expect(400).invalidParams())
                .containsExactly("store.name:required");
        assertThat(admin().get("/stores/" + PRG01).data().path("store_address").path("city").asString())
                .isEqualTo("Praha 1");
        admin().put("/stores/" + PRG01, Map.of("store", newStore("PRG01", "1001"))).expect(204);
        admin().put("/stores/nope", Map.of("store", newStore("X1", "X1"))).expect(404);
    }

    @Test
    void onlyTheEnterpriseApiWritesStores() {
        Api customer = customer().bearer(customerToken("dev"));
        assertThat(customer.post("/stores", Map.of("store", newStore("OST01", "1003"))).expect(403)
                .error().path("type").asString()).isEqualTo("interface_not_allowed_exception");
        customer.put("/stores/" + PRG01, Map.of("store", newStore("PRG01", "1001"))).expect(403);
        assertThat(admin().get("/stores").data().path("total_items").asInt()).isEqualTo(3);
    }

    // --- the project file ---------------------------------------------------------------------

    @Test
    void theFileCreatesStoresOnceAndKeepsOnlyTheFieldsTheApiCannotWrite() {
        Map<String, Object> edited = newStore("PRG01", "1001");
        edited.put("name", "Edited by the API");
        admin().put("/stores/" + PRG01, Map.of("store", edited)).expect(204);
        importProject("test-stores.yaml");
        importProject("test-stores-later.yaml");
        JsonNode read = admin().get("/stores/" + PRG01).expect(200).data();
        assertThat(read.path("name").asString()).isEqualTo("Edited by the API");
        assertThat(read.path("system_id").asString()).isEqualTo("1001");
        assertThat(read.path("visibility_for_customer").asInt()).isZero();
        assertThat(read.path("state").asInt()).isEqualTo(2);
        assertThat(read.has("image_urls")).isFalse();
        assertThat(admin().get("/stores").data().path("total_items").asInt()).isEqualTo(3);
        // the partner belongs to the file
        assertThat(admin().get("/partners/" + RETAILER).data().path("name").asString()).isEqualTo("Test Retail Group");
        assertThat(admin().get("/partners/" + RETAILER).data().has("vat_id")).isFalse();
    }

    @Test
    void concurrentCreationsOfOneCodeLeaveOneStoreAndNo500() throws Exception {
        Api api = admin();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String systemId = "20" + i;
                answers.add(pool.submit(() -> api.post("/stores", Map.of("store", newStore("RACE", systemId)))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                Api.Response response = answer.get();
                statuses.add(response.status());
                if (response.status() == 400) {
                    assertThat(response.invalidParams()).containsExactly("store.store_code:already_exists");
                }
            }
            assertThat(statuses).containsOnly(201, 400).containsOnlyOnce(201);
        } finally {
            pool.shutdown();
        }
        assertThat(admin().get("/stores").data().path("total_items").asInt()).isEqualTo(4);
    }
}
