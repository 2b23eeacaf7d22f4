package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static io.patron.customer.CustomerTest.person;
import static io.patron.customer.CustomerTest.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** Interest records, additional addresses and related customers of a customer. */
class CustomerRecordsTest extends ApiTest {

    static final String SPORT = Ids.stable("interest", "sport");
    static final String TECH = Ids.stable("interest", "tech");
    static final String DELIVERY = Ids.stable("customer_address_type", "delivery");
    static final String BILLING = Ids.stable("customer_address_type", "billing");
    static final String FAMILY = Ids.stable("customer_relation_type", "family");
    static final String COMPANY = Ids.stable("customer_relation_type", "company");

    @Autowired
    ProjectImporter importer;

    private String customer(Api api, String email, String first, String last) {
        return api.post("/customers", signUp(person(email, first, last), ESHOP, null)).expect(201)
                .data().path("customer_id").asString();
    }

    private static Map<String, Object> interest(String customerId, String interestId) {
        return Map.of("interest_record", Map.of("customer_id", customerId, "interest_id", interestId));
    }

    private static Map<String, Object> address(String type, Map<String, Object> address) {
        return Map.of("additional_address", Map.of("address_type", type, "address", address));
    }

    private static Map<String, Object> relation(String related, String type, boolean leading) {
        return Map.of("related_customer", Map.of("related_customer_id", related,
                "customer_relation_type_id", type, "is_leading", leading));
    }

    // --- interest records ----------------------------------------------------------------------

    @Test
    void interestRecordsAreAddedReplacedAndDeleted() {
        String id = customer(admin(), "i1@example.com", "Ivan", "Ink");
        String base = "/customers/" + id + "/interest-records";
        String recordId = admin().post(base, interest(id, SPORT)).expect(201).data().path("interest_record_id")
                .asString();
        assertThat(admin().post(base, interest(id, SPORT)).expect(400).invalidParams())
                .containsExactly("interest_record.interest_id:relation_already_exists");
        String techId = admin().post(base, interest(id, TECH)).expect(201).data().path("interest_record_id")
                .asString();
        assertThat(admin().put(base + "/" + techId, interest(id, SPORT)).expect(400).invalidParams())
                .containsExactly("interest_record.interest_id:relation_already_exists");
        admin().delete(base + "/" + techId).expect(204);
        admin().delete(base + "/" + techId).expect(404);
        admin().put(base + "/" + recordId, interest(id, TECH)).expect(204);
        JsonNode list = admin().get(base).expect(200).data();
        assertThat(list.path("total_items").asLong()).isEqualTo(1);
        JsonNode record = list.path("interest_records").get(0);
        assertThat(record.path("interest_record_id").asString()).isEqualTo(recordId);
        assertThat(record.path("interest_id").asString()).isEqualTo(TECH);
        assertThat(record.path("customer_id").asString()).isEqualTo(id);
        assertThat(record.path("last_change").asString()).isNotBlank();
        admin().put(base + "/nope", interest(id, SPORT)).expect(404);
    }

    @Test
    void interestRecordsNeedAKnownInterestAndTheirCustomer() {
        String id = customer(admin(), "i2@example.com", "Iva", "Ink");
        String base = "/customers/" + id + "/interest-records";
        assertThat(admin().post(base, interest(id, "nope")).expect(400).invalidParams())
                .containsExactly("interest_record.interest_id:not_found");
        assertThat(admin().post(base, interest("someone-else", SPORT)).expect(400).invalidParams())
                .containsExactly("interest_record.customer_id:not_allowed_value");
        assertThat(admin().post(base, Map.of("interest_record", Map.of("customer_id", id))).expect(400)
                .invalidParams()).containsExactly("interest_record.interest_id:required");
        admin().post("/customers/nobody/interest-records", interest("nobody", SPORT)).expect(404);
        admin().get("/customers/nobody/interest-records").expect(404);
        assertThat(admin().get(base).expect(200).data().path("total_items").asLong()).isZero();
    }

    // --- additional addresses ------------------------------------------------------------------

    @Test
    void addressesAreAddedReadFilteredAndReplacedWhole() {
        String id = customer(admin(), "a1@example.com", "Adam", "Addr");
        String base = "/customers/" + id + "/addresses";
        String home = admin().post(base, address(DELIVERY, Map.of("address1", "Dlouhá 1", "city", "Brno",
                "zip", "60200", "country_code", "CZ"))).expect(201).data().path("additional_address_id").asString();
        admin().post(base, address(BILLING, Map.of("city", "Wien", "country_code", "at"))).expect(201);

        JsonNode one = admin().get(base + "/" + home).expect(200).data();
        assertThat(one.path("address_type").asString()).isEqualTo(DELIVERY);
        assertThat(one.path("address").path("address1").asString()).isEqualTo("Dlouhá 1");
        assertThat(one.path("address").path("country_code").asString()).isEqualTo("cz");

        assertThat(admin().get(base).expect(200).data().path("total_items").asLong()).isEqualTo(2);
        JsonNode billing = admin().get(base, "customer_address_type_id", BILLING).expect(200).data();
        assertThat(billing.path("total_items").asLong()).isEqualTo(1);
        assertThat(billing.path("addresses").get(0).path("address").path("city").asString()).isEqualTo("Wien");

        admin().put(base + "/" + home, address(BILLING, Map.of("city", "Olomouc"))).expect(204);
        JsonNode replaced = admin().get(base + "/" + home).expect(200).data();
        assertThat(replaced.path("address_type").asString()).isEqualTo(BILLING);
        assertThat(replaced.path("address").path("city").asString()).isEqualTo("Olomouc");
        assertThat(replaced.path("address").has("address1")).isFalse();
        assertThat(replaced.path("address").has("country_code")).isFalse();

        admin().get(base + "/nope").expect(404);
        admin().put(base + "/nope", address(BILLING, Map.of("city", "Olomouc"))).expect(404);
        String other = customer(admin(), "a2@example.com", "Olga", "Other");
        admin().get("/customers/" + other + "/addresses/" + home).expect(404);
    }

    @Test
    void addressesNeedAKnownTypeAndCountry() {
        String id = customer(admin(), "a3@example.com", "Adam", "Addr");
        String base = "/customers/" + id + "/addresses";
        assertThat(admin().post(base, address("nope", Map.of("city", "Brno", "country_code", "QQ"))).expect(400)
                .invalidParams()).containsExactlyInAnyOrder("additional_address.address_type:not_found",
                "additional_address.address.country_code:not_found");
        assertThat(admin().post(base, Map.of("additional_address", Map.of("address_type", DELIVERY))).expect(400)
                .invalidParams()).containsExactly("additional_address.address:required");
        admin().post("/customers/nobody/addresses", address(DELIVERY, Map.of("city", "Brno"))).expect(404);
        assertThat(admin().get(base).expect(200).data().path("total_items").asLong()).isZero();
    }

    // --- related customers ---------------------------------------------------------------------

    @Test
    void relationsAreAddedListedAndEnded() {
        String parent = customer(admin(), "r1@example.com", "Petra", "Dvořák");
        String child = customer(admin(), "r2@example.com", "Pavel", "Dvořák");
        String base = "/customers/" + parent + "/related-customers";
        String relationId = admin().post(base, relation(child, FAMILY, false)).expect(201).data()
                .path("customer_relation_id").asString();
        assertThat(admin().post(base, relation(child, FAMILY, true)).expect(400).invalidParams())
                .containsExactly("related_customer.related_customer_id:relation_already_exists");
        admin().post(base, relation(child, COMPANY, true)).expect(201);

        JsonNode one = admin().get(base + "/" + relationId).expect(200).data();
        assertThat(one.path("related_customer_id").asString()).isEqualTo(child);
        assertThat(one.path("customer_relation_type_id").asString()).isEqualTo(FAMILY);
        assertThat(one.path("is_leading").asBoolean()).isFalse();
        assertThat(one.path("short_name").asString()).isEqualTo("Pavel D.");
        assertThat(one.path("state").asInt()).isEqualTo(1);
        assertThat(one.path("valid_from").asString()).isNotBlank();
        assertThat(one.has("valid_to")).isFalse();

        assertThat(admin().get(base).expect(200).data().path("total_items").asLong()).isEqualTo(2);
        assertThat(admin().get(base, "customer_relation_type_id", COMPANY).expect(200).data()
                .path("total_items").asLong()).isEqualTo(1);
        assertThat(admin().get(base, "related_customer_id", parent).expect(200).data()
                .path("total_items").asLong()).isZero();
        // relations belong to the customer who made them
        assertThat(admin().get("/customers/" + child + "/related-customers").expect(200).data()
                .path("total_items").asLong()).isZero();

        admin().delete(base + "/" + relationId).expect(204);
        admin().delete(base + "/" + relationId).expect(404);
        assertThat(admin().get(base).expect(200).data().path("total_items").asLong()).isEqualTo(1);
        JsonNode all = admin().get(base, "all_customer_relations", "true").expect(200).data();
        assertThat(all.path("total_items").asLong()).isEqualTo(2);
        JsonNode ended = admin().get(base + "/" + relationId).expect(200).data();
        assertThat(ended.path("state").asInt()).isZero();
        assertThat(ended.path("valid_to").asString()).isNotBlank();
        // an ended relation may be made again
        admin().post(base, relation(child, FAMILY, false)).expect(201);
        assertThat(admin().get(base, "all_customer_relations", "maybe").expect(400).invalidParams())
                .containsExactly("all_customer_relations:invalid_value_format");
    }

    @Test
    void relationsNeedAnotherExistingCustomerAndAKnownType() {
        String id = customer(admin(), "r3@example.com", "Rita", "Rel");
        String base = "/customers/" + id + "/related-customers";
        assertThat(admin().post(base, relation(id, FAMILY, false)).expect(400).invalidParams())
                .containsExactly("related_customer.related_customer_id:not_allowed_value");
        assertThat(admin().post(base, relation("nobody", "nope", false)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("related_customer.related_customer_id:not_found",
                        "related_customer.customer_relation_type_id:not_found");
        Map<String, Object> noLeading = new HashMap<>(Map.of("related_customer_id", "x",
                "customer_relation_type_id", FAMILY));
        assertThat(admin().post(base, Map.of("related_customer", noLeading)).expect(400).invalidParams())
                .containsExactly("related_customer.is_leading:required");
        importer.apply(ProjectFile.load("classpath:project/test-customer-references.yaml"));
        String other = customer(admin(), "r4@example.com", "Otto", "Rel");
        assertThat(admin().post(base, relation(other, Ids.stable("customer_relation_type", "former_household"), false))
                .expect(400).invalidParams()).containsExactly("related_customer.customer_relation_type_id:not_allowed_value");
        admin().post("/customers/nobody/related-customers", relation(id, FAMILY, false)).expect(404);
        admin().get("/customers/nobody/related-customers/x").expect(404);
        admin().get(base + "/nope").expect(404);
        admin().delete(base + "/nope").expect(404);
    }

    // --- Customer API isolation ----------------------------------------------------------------

    @Test
    void aCustomerApiTokenReachesOnlyItsCustomersRecords() {
        String other = customer(admin(), "other-r@example.com", "Olga", "Other");
        String otherAddress = admin().post("/customers/" + other + "/addresses",
                address(DELIVERY, Map.of("city", "Brno"))).expect(201).data().path("additional_address_id").asString();
        String token = customerToken("phone-records");
        Api app = customer().bearer(token);
        for (Api.Response anonymous : List.of(
                app.get("/customers/" + other + "/interest-records"),
                app.get("/customers/" + other + "/addresses"),
                app.get("/customers/" + other + "/related-customers"))) {
            anonymous.expect(403);
        }

        Map<String, Object> body = signUp(person("me-r@example.com", "M", "E"), ESHOP, null);
        body.put("autologin", true);
        String me = app.post("/customers", body).expect(201).data().path("customer_id").asString();
        String interestId = app.post("/customers/" + me + "/interest-records", interest(me, SPORT)).expect(201)
                .data().path("interest_record_id").asString();
        app.put("/customers/" + me + "/interest-records/" + interestId, interest(me, TECH)).expect(204);
        app.get("/customers/" + me + "/interest-records").expect(200);
        String addressId = app.post("/customers/" + me + "/addresses", address(DELIVERY, Map.of("city", "Praha")))
                .expect(201).data().path("additional_address_id").asString();
        app.put("/customers/" + me + "/addresses/" + addressId, address(BILLING, Map.of("city", "Praha")))
                .expect(204);
        app.get("/customers/" + me + "/addresses/" + addressId).expect(200);
        app.get("/customers/" + me + "/addresses").expect(200);
        String relationId = app.post("/customers/" + me + "/related-customers", relation(other, FAMILY, true))
                .expect(201).data().path("customer_relation_id").asString();
        app.get("/customers/" + me + "/related-customers/" + relationId).expect(200);
        app.get("/customers/" + me + "/related-customers").expect(200);
        app.delete("/customers/" + me + "/related-customers/" + relationId).expect(204);
        app.delete("/customers/" + me + "/interest-records/" + interestId).expect(204);

        String others = "/customers/" + other;
        for (Api.Response answer : List.of(
                app.get(others + "/interest-records"),
                app.post(others + "/interest-records", interest(other, SPORT)),
                app.put(others + "/interest-records/x", interest(other, SPORT)),
                app.delete(others + "/interest-records/x"),
                app.get(others + "/addresses"),
                app.post(others + "/addresses", address(DELIVERY, Map.of("city", "Brno"))),
                app.get(others + "/addresses/" + otherAddress),
                app.put(others + "/addresses/" + otherAddress, address(DELIVERY, Map.of("city", "Brno"))),
                app.get(others + "/related-customers"),
                app.post(others + "/related-customers", relation(me, FAMILY, false)),
                app.get(others + "/related-customers/x"),
                app.delete(others + "/related-customers/x"))) {
            assertThat(answer.expect(400).invalidParams()).containsExactly("customer_id:not_belong_to_logged_in_customer");
        }
        // nothing of the other customer changed
        assertThat(admin().get(others + "/addresses/" + otherAddress).expect(200).data()
                .path("address").path("city").asString()).isEqualTo("Brno");
        assertThat(admin().get(others + "/interest-records").expect(200).data().path("total_items").asLong()).isZero();
    }
}
