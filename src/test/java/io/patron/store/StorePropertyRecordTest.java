package io.patron.store;

import static io.patron.store.StoreTest.BRN01;
import static io.patron.store.StoreTest.ESHOP;
import static io.patron.store.StoreTest.PRG01;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.property.PropertyService;
import io.patron.config.ProjectFile;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Property records of stores, typed by the store properties, and the store properties themselves. */
class StorePropertyRecordTest extends ApiTest {


    @BeforeEach
    void stores() {
        importProject("test-stores.yaml");
    }

    private static Map<String, Object> record(String property, Object value) {
        return Map.of("property_record", Map.of("property_id", property, "property_value", value));
    }

    private JsonNode records(String storeId) {
        return admin().get("/stores/" + storeId + "/property-records").expect(200).data();
    }

    private static JsonNode find(JsonNode records, String propertyId) {
        for (JsonNode r : records.path("property_records")) {
            if (r.path("property_id").asString().equals(propertyId)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void recordsOfTheProjectFileAreReadWithTheirTypesOnBothInterfaces() {
        JsonNode prague = records(PRG01);
        assertThat(prague.path("total_items").asInt()).isEqualTo(4);
        assertThat(find(prague, "floor_area").path("property_value").asInt()).isEqualTo(420);
        assertThat(find(prague, "wifi").path("property_value").asBoolean()).isTrue();
        assertThat(find(prague, "parking").path("property_value").get(0).path("name").asString()).isEqualTo("Paid");
        assertThat(find(prague, "services").path("property_value")).hasSize(2);
        assertThat(find(prague, "parking").path("property_name").asString()).isEqualTo("Parking");
        JsonNode czech = customer().bearer(customerToken("dev")).header("Accept-Language", "cs")
                .get("/stores/" + PRG01 + "/property-records").expect(200).data();
        assertThat(find(czech, "parking").path("property_name").asString()).isEqualTo("Parkování");
        assertThat(find(czech, "parking").path("property_value").get(0).path("name").asString()).isEqualTo("Placené");
        assertThat(records(ESHOP).path("total_items").asInt()).isZero();
        admin().get("/stores/nope/property-records").expect(404);
    }

    @Test
    void recordsFilterByPropertyIdAndSort() {
        JsonNode parking = admin().get("/stores/" + PRG01 + "/property-records", "property_id", "parking").expect(200)
                .data();
        assertThat(parking.path("total_items").asInt()).isEqualTo(1);
        assertThat(parking.path("property_records").get(0).path("property_id").asString()).isEqualTo("parking");
        assertThat(admin().get("/stores/" + PRG01 + "/property-records", "property_id", "no-such-property")
                .expect(200).data().path("total_items").asInt()).isZero();
        JsonNode sorted = admin().get("/stores/" + PRG01 + "/property-records", "sort_field", "property_id",
                "sort_direction", "DESC").expect(200).data().path("property_records");
        List<String> ids = new java.util.ArrayList<>();
        sorted.forEach(r -> ids.add(r.path("property_id").asString()));
        assertThat(ids).containsExactly("wifi", "services", "parking", "floor_area");
    }

    @Test
    void aRecordIsAddedReplacedAndDeleted() {
        String id = admin().post("/stores/" + ESHOP + "/property-records", record("branch_number", "E-1")).expect(201)
                .data().path("property_record_id").asString();
        assertThat(find(records(ESHOP), "branch_number").path("property_value").asString()).isEqualTo("E-1");
        assertThat(find(records(ESHOP), "branch_number").path("property_record_id").asString()).isEqualTo(id);

        admin().put("/stores/" + ESHOP + "/property-records/" + id, record("branch_number", "E-2")).expect(204);
        assertThat(find(records(ESHOP), "branch_number").path("property_value").asString()).isEqualTo("E-2");

        // a record belongs to its store: another store's path does not find it
        admin().put("/stores/" + BRN01 + "/property-records/" + id, record("branch_number", "E-3")).expect(404);
        admin().delete("/stores/" + BRN01 + "/property-records/" + id).expect(404);

        admin().delete("/stores/" + ESHOP + "/property-records/" + id).expect(204);
        assertThat(records(ESHOP).path("total_items").asInt()).isZero();
        admin().delete("/stores/" + ESHOP + "/property-records/" + id).expect(404);
    }

    @Test
    void enumAndMultiselectValuesTakeItemIds() {
        String free = PropertyService.itemId("store", "parking", "free");
        String returns = PropertyService.itemId("store", "services", "returns");
        admin().post("/stores/" + ESHOP + "/property-records", record("parking", List.of(free))).expect(201);
        admin().post("/stores/" + ESHOP + "/property-records",
                record("services", List.of(Map.of("id", returns, "name", "Returns")))).expect(201);
        JsonNode eshop = records(ESHOP);
        assertThat(find(eshop, "parking").path("property_value").get(0).path("id").asString()).isEqualTo(free);
        assertThat(find(eshop, "services").path("property_value").get(0).path("name").asString()).isEqualTo("Returns");
        assertThat(admin().post("/stores/" + ESHOP + "/property-records", record("floor_area", 5))
                .expect(201).status()).isEqualTo(201);
    }

    @Test
    void badRecordsAreRefusedWithTheirReasonAndChangeNothing() {
        assertThat(admin().post("/stores/" + ESHOP + "/property-records", record("floor_area", "large"))
                .expect(400).invalidParams()).containsExactly("property_record.property_value:invalid_value_format");
        assertThat(admin().post("/stores/" + ESHOP + "/property-records", record("wifi", "maybe"))
                .expect(400).invalidParams()).containsExactly("property_record.property_value:invalid_value_format");
        assertThat(admin().post("/stores/" + ESHOP + "/property-records", record("no_such_property", "x"))
                .expect(400).invalidParams()).containsExactly("property_record.property_id:not_found");
        assertThat(admin().post("/stores/" + ESHOP + "/property-records", record("parking", List.of("nope")))
                .expect(400).invalidParams()).containsExactly("property_record.property_value:not_allowed_value");
        assertThat(admin().post("/stores/" + ESHOP + "/property-records", Map.of("property_record", Map.of()))
                .expect(400).invalidParams()).containsExactly("property_record.property_id:required");
        assertThat(admin().post("/stores/" + ESHOP + "/property-records",
                Map.of("property_record", Map.of("property_id", "wifi"))).expect(400).invalidParams())
                .containsExactly("property_record.property_value:required");
        assertThat(admin().post("/stores/" + PRG01 + "/property-records", record("floor_area", 500))
                .expect(400).invalidParams()).containsExactly("property_record.property_id:relation_already_exists");
        admin().post("/stores/nope/property-records", record("floor_area", 1)).expect(404);
        assertThat(records(ESHOP).path("total_items").asInt()).isZero();
        assertThat(find(records(PRG01), "floor_area").path("property_value").asInt()).isEqualTo(420);
    }

    @Test
    void aUniquePropertyValueBelongsToOneStore() {
        admin().post("/stores/" + PRG01 + "/property-records", record("branch_number", "B-1")).expect(201);
        assertThat(admin().post("/stores/" + BRN01 + "/property-records", record("branch_number", "B-1"))
                .expect(400).invalidParams()).containsExactly("property_record.property_value:already_exists");
    }

    @Test
    void aReplacementIsCheckedLikeANewRecord() {
        String id = find(records(PRG01), "floor_area").path("property_record_id").asString();
        assertThat(admin().put("/stores/" + PRG01 + "/property-records/" + id, record("floor_area", 1.5))
                .expect(400).invalidParams()).containsExactly("property_record.property_value:invalid_value_format");
        assertThat(admin().put("/stores/" + PRG01 + "/property-records/" + id, record("wifi", false))
                .expect(400).invalidParams()).containsExactly("property_record.property_id:relation_already_exists");
        admin().put("/stores/" + PRG01 + "/property-records/nope", record("floor_area", 1)).expect(404);
        admin().put("/stores/nope/property-records/" + id, record("floor_area", 1)).expect(404);
        assertThat(find(records(PRG01), "floor_area").path("property_value").asInt()).isEqualTo(420);
    }

    @Test
    void onlyTheEnterpriseApiWritesPropertyRecords() {
        Api customer = customer().bearer(customerToken("dev"));
        String id = find(records(PRG01), "floor_area").path("property_record_id").asString();
        customer.post("/stores/" + ESHOP + "/property-records", record("floor_area", 1)).expect(403);
        customer.put("/stores/" + PRG01 + "/property-records/" + id, record("floor_area", 1)).expect(403);
        customer.delete("/stores/" + PRG01 + "/property-records/" + id).expect(403);
        assertThat(find(records(PRG01), "floor_area").path("property_value").asInt()).isEqualTo(420);
    }

    @Test
    void storePropertiesAreListedWithTheirItems() {
        Api.Response list = admin().get("/store-properties").expect(200);
        assertThat(list.data().path("total_items").asInt()).isEqualTo(6);
        List<String> ids = new ArrayList<>();
        list.data().path("store_properties").forEach(p -> ids.add(p.path("property_id").asString()));
        assertThat(ids).contains("parking", "services", "floor_area", "rating", "wifi", "branch_number");
        assertThat(admin().header("Accept-Language", "cs").get("/store-properties", "name", "plocha").expect(200)
                .data().path("store_properties").get(0).path("property_id").asString()).isEqualTo("floor_area");
        Api.Response page = admin().get("/store-properties", "sort_field", "property_id", "count", "2").expect(200);
        assertThat(page.data().path("store_properties").get(0).path("property_id").asString())
                .isEqualTo("branch_number");
        assertThat(page.data().path("store_properties")).hasSize(2);

        JsonNode parking = customer().bearer(customerToken("dev")).get("/store-properties/parking").expect(200).data();
        assertThat(parking.path("data_type").asString()).isEqualTo("enum");
        assertThat(parking.path("items")).hasSize(2);
        assertThat(parking.path("is_unique").asBoolean()).isFalse();
        assertThat(admin().get("/store-properties/branch_number").data().path("is_unique").asBoolean()).isTrue();
        // partner properties are another kind
        assertThat(admin().get("/store-properties/founded").expect(404).error().path("error_data")
                .path("resource_name").asString()).isEqualTo("store-properties");
    }
}
