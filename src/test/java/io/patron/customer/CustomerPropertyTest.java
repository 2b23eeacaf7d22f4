package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static io.patron.customer.CustomerTest.person;
import static io.patron.customer.CustomerTest.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Customer property definitions and the typed property records of customers. */
class CustomerPropertyTest extends ApiTest {


    @BeforeEach
    void customerProperties() {
        importProject("test-customer-properties.yaml");
    }

    private String customer(Api api, String email) {
        return api.post("/customers", signUp(person(email, "A", "B"), ESHOP, null)).expect(201)
                .data().path("customer_id").asString();
    }

    private static Map<String, Object> record(String property, Object value) {
        return Map.of("property_record", Map.of("property_id", property, "property_value", value));
    }

    @Test
    void definitionsAreListedAndTranslated() {
        Api.Response list = admin().get("/customer-properties").expect(200);
        assertThat(list.data().path("total_items").asLong()).isEqualTo(2);
        assertThat(admin().header("Accept-Language", "cs").get("/customer-properties/kids").expect(200)
                .data().path("name").asString()).isEqualTo("Počet dětí");
        assertThat(admin().get("/customer-properties", "name", "sport").expect(200)
                .data().path("total_items").asLong()).isEqualTo(1);
        admin().get("/customer-properties/nope").expect(404);
    }

    @Test
    void recordsAreAddedReplacedAndDeleted() {
        String id = customer(admin(), "p1@example.com");
        String recordId = admin().post("/customers/" + id + "/property-records", record("kids", 2)).expect(201)
                .data().path("property_record_id").asString();
        assertThat(admin().post("/customers/" + id + "/property-records", record("kids", 3)).expect(400)
                .invalidParams()).containsExactly("property_record.property_id:relation_already_exists");
        admin().put("/customers/" + id + "/property-records/" + recordId, record("kids", 3)).expect(204);
        var records = admin().get("/customers/" + id + "/property-records").expect(200).data();
        assertThat(records.path("total_items").asLong()).isEqualTo(1);
        assertThat(records.path("property_records").get(0).path("property_value").asInt()).isEqualTo(3);
        admin().delete("/customers/" + id + "/property-records/" + recordId).expect(204);
        admin().delete("/customers/" + id + "/property-records/" + recordId).expect(404);
        assertThat(admin().get("/customers/" + id + "/property-records").expect(200)
                .data().path("total_items").asLong()).isZero();
    }

    @Test
    void valuesMustFitTheirProperty() {
        String id = customer(admin(), "p2@example.com");
        assertThat(admin().post("/customers/" + id + "/property-records", record("kids", "many")).expect(400)
                .invalidParams()).containsExactly("property_record.property_value:invalid_value_format");
        assertThat(admin().post("/customers/" + id + "/property-records", record("shoe_size", 42)).expect(400)
                .invalidParams()).containsExactly("property_record.property_id:not_found");
        admin().post("/customers/nobody/property-records", record("kids", 1)).expect(404);
        assertThat(admin().get("/customers/" + id + "/property-records").expect(200)
                .data().path("total_items").asLong()).isZero();
    }

    @Test
    void batchesUpsertAndFollowTheirErrorProcessing() {
        String id = customer(admin(), "p3@example.com");
        admin().post("/customers/" + id + "/property-records", record("kids", 1)).expect(201);
        // Mode 1 (default): one bad record refuses the whole batch.
        Api.Response refused = admin().post("/customers/" + id + "/property-records/batch", Map.of(
                "property_records", List.of(Map.of("property_id", "kids", "property_value", 2),
                        Map.of("property_id", "favourite_sport", "property_value", List.of("x", "y")),
                        Map.of("property_id", "unknown", "property_value", "z")))).expect(400);
        assertThat(refused.invalidParams()).contains("property_records[2].property_id:not_found");
        assertThat(value(id, "kids")).isEqualTo("1");
        // Mode 2: the good ones are stored, the bad one reported.
        Api.Response partial = admin().post("/customers/" + id + "/property-records/batch", Map.of(
                "error_processing", 2,
                "property_records", List.of(Map.of("property_id", "kids", "property_value", 2),
                        Map.of("property_id", "favourite_sport", "property_value", "climbing"),
                        Map.of("property_id", "unknown", "property_value", "z")))).expect(400);
        assertThat(partial.invalidParams()).containsExactly("property_records[2].property_id:not_found");
        assertThat(value(id, "kids")).isEqualTo("2");
        assertThat(value(id, "favourite_sport")).isEqualTo("climbing");
        admin().post("/customers/" + id + "/property-records/batch", Map.of(
                "property_records", List.of(Map.of("property_id", "kids", "property_value", 4)))).expect(204);
        assertThat(value(id, "kids")).isEqualTo("4");
        assertThat(admin().post("/customers/" + id + "/property-records/batch", Map.of(
                "error_processing", 3, "property_records", List.of())).expect(400).invalidParams())
                .containsExactly("error_processing:not_allowed_value");
    }

    @Test
    void aCustomerApiTokenReachesOnlyItsCustomersRecords() {
        String other = customer(admin(), "other@example.com");
        String token = customerToken("phone-p");
        Api app = customer().bearer(token);
        app.get("/customers/" + other + "/property-records").expect(403);
        Map<String, Object> body = signUp(person("me@example.com", "M", "E"), ESHOP, null);
        body.put("autologin", true);
        String me = app.post("/customers", body).expect(201).data().path("customer_id").asString();
        app.post("/customers/" + me + "/property-records", record("kids", 1)).expect(201);
        app.get("/customers/" + me + "/property-records").expect(200);
        for (Api.Response answer : List.of(
                app.get("/customers/" + other + "/property-records"),
                app.post("/customers/" + other + "/property-records", record("kids", 1)),
                app.post("/customers/" + other + "/property-records/batch", Map.of("property_records", List.of())),
                app.delete("/customers/" + other + "/property-records/x"))) {
            assertThat(answer.expect(400).invalidParams()).containsExactly("customer_id:not_belong_to_logged_in_customer");
        }
    }

    private String value(String customerId, String property) {
        for (var r : admin().get("/customers/" + customerId + "/property-records").expect(200)
                .data().path("property_records")) {
            if (r.path("property_id").asString().equals(property)) {
                return r.path("property_value").isNumber() ? String.valueOf(r.path("property_value").asInt())
                        : r.path("property_value").asString();
            }
        }
        return null;
    }
}
