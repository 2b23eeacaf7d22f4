package io.patron.customer;

import static org.assertj.core.api.Assertions.assertThat;

import static io.patron.customer.CustomerTest.ESHOP;
import static io.patron.customer.CustomerTest.person;
import static io.patron.customer.CustomerTest.signUp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** Customer external applications, and the partners a customer is assigned to. */
class CustomerPartnerTest extends ApiTest {

    @BeforeEach
    void partners() {
        importProject("test-customer-partners.yaml");
    }

    private String customer(Api api, String email) {
        return api.post("/customers", signUp(person(email, "A", "B"), ESHOP, null)).expect(201)
                .data().path("customer_id").asString();
    }

    private static Map<String, Object> record(String partnerId) {
        return Map.of("partner_record", Map.of("partner_id", partnerId));
    }

    private static List<String> ids(Api.Response answer, String list, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : answer.data().path(list)) {
            values.add(item.path(field).asString());
        }
        return values;
    }

    @Test
    void customerExternalApplicationsAreTheCustomerApiApplicationsWithoutSecrets() {
        Api.Response list = admin().get("/customer-external-applications").expect(200);
        List<String> ids = ids(list, "customer_external_applications", "external_application_id");
        assertThat(ids).contains(CUSTOMER_APP).doesNotContain(ENTERPRISE_APP);
        assertThat(list.data().path("total_items").asLong()).isEqualTo(ids.size());

        JsonNode one = admin().get("/customer-external-applications/" + CUSTOMER_APP).expect(200).data();
        assertThat(one.path("text_id").asString()).isEqualTo(CUSTOMER_APP);
        assertThat(one.path("state").asInt()).isEqualTo(1);
        assertThat(one.path("name").asString()).isNotBlank();
        assertThat(one.path("last_change").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*");
        assertThat(one.propertyNames()).containsExactlyInAnyOrder("external_application_id", "text_id", "name",
                "last_change", "state");

        assertThat(ids(admin().get("/customer-external-applications", "text_id", CUSTOMER_APP).expect(200),
                "customer_external_applications", "external_application_id")).containsExactly(CUSTOMER_APP);
        assertThat(admin().get("/customer-external-applications", "text_id", "nope").expect(200)
                .data().path("total_items").asLong()).isZero();
        admin().get("/customer-external-applications/" + ENTERPRISE_APP).expect(404);
        admin().get("/customer-external-applications/nope").expect(404);

        // anonymous apps and the Customer API read them too
        enterprise().get("/customer-external-applications").expect(200);
        customer().get("/customer-external-applications/" + CUSTOMER_APP).expect(200);
        customer().bearer(customerToken("phone-apps")).get("/customer-external-applications").expect(200);
    }

    @Test
    void partnerRecordsAreAddedListedAndDeleted() {
        String id = customer(admin(), "partner@example.com");
        String a = admin().post("/customers/" + id + "/partner-records", record("partner-a")).expect(201)
                .data().path("partner_record_id").asString();
        admin().post("/customers/" + id + "/partner-records", record("partner-b")).expect(201);
        Api.Response list = admin().get("/customers/" + id + "/partner-records", "sort_field", "partner_id")
                .expect(200);
        assertThat(ids(list, "partner_records", "partner_id")).containsExactly("partner-a", "partner-b");
        assertThat(list.data().path("total_items").asLong()).isEqualTo(2);
        assertThat(list.data().path("partner_records").get(0).path("last_change").asString()).isNotBlank();

        assertThat(admin().post("/customers/" + id + "/partner-records", record("partner-a")).expect(400)
                .invalidParams()).containsExactly("partner_record.partner_id:relation_already_exists");
        assertThat(admin().post("/customers/" + id + "/partner-records", record("nope")).expect(400)
                .invalidParams()).containsExactly("partner_record.partner_id:not_found");
        admin().post("/customers/nope/partner-records", record("partner-a")).expect(404);
        admin().get("/customers/nope/partner-records").expect(404);

        admin().delete("/customers/" + id + "/partner-records/" + a).expect(204);
        admin().delete("/customers/" + id + "/partner-records/" + a).expect(404);
        assertThat(ids(admin().get("/customers/" + id + "/partner-records").expect(200), "partner_records",
                "partner_id")).containsExactly("partner-b");
    }

    @Test
    void setPartnersReplacesAllAssignments() {
        String id = customer(admin(), "set@example.com");
        String b = admin().post("/customers/" + id + "/partner-records", record("partner-b")).expect(201)
                .data().path("partner_record_id").asString();
        admin().post("/customers/actions/set-partners", Map.of("customer_id", id, "partner_records",
                List.of(Map.of("partner_id", "partner-a"), Map.of("partner_id", "partner-b")))).expect(204);
        Api.Response list = admin().get("/customers/" + id + "/partner-records", "sort_field", "partner_id")
                .expect(200);
        assertThat(ids(list, "partner_records", "partner_id")).containsExactly("partner-a", "partner-b");
        assertThat(list.data().path("partner_records").get(1).path("partner_record_id").asString()).isEqualTo(b);

        admin().post("/customers/actions/set-partners", Map.of("customer_id", id, "partner_records",
                List.of(Map.of("partner_id", "partner-a")))).expect(204);
        assertThat(ids(admin().get("/customers/" + id + "/partner-records").expect(200), "partner_records",
                "partner_id")).containsExactly("partner-a");

        assertThat(admin().post("/customers/actions/set-partners", Map.of("customer_id", id, "partner_records",
                List.of(Map.of("partner_id", "partner-b"), Map.of("partner_id", "nope")))).expect(400)
                .invalidParams()).containsExactly("partner_records[1].partner_id:not_found");
        assertThat(ids(admin().get("/customers/" + id + "/partner-records").expect(200), "partner_records",
                "partner_id")).containsExactly("partner-a");

        admin().post("/customers/actions/set-partners", Map.of("customer_id", id, "partner_records", List.of()))
                .expect(204);
        assertThat(admin().get("/customers/" + id + "/partner-records").expect(200)
                .data().path("total_items").asLong()).isZero();
        admin().post("/customers/actions/set-partners", Map.of("customer_id", "nope", "partner_records",
                List.of())).expect(404);
    }

    @Test
    void theCustomerApiAddsPartnersOnlyToItsCustomer() {
        String other = customer(admin(), "other-partner@example.com");
        Api app = customer().bearer(customerToken("phone-partner"));
        Map<String, Object> body = signUp(person("me-partner@example.com", "M", "E"), ESHOP, null);
        body.put("autologin", true);
        String me = app.post("/customers", body).expect(201).data().path("customer_id").asString();
        app.post("/customers/" + me + "/partner-records", record("partner-a")).expect(201);
        assertThat(app.post("/customers/" + other + "/partner-records", record("partner-a")).expect(400)
                .invalidParams()).containsExactly("customer_id:not_belong_to_logged_in_customer");
        customer().bearer(customerToken("phone-anon")).post("/customers/" + me + "/partner-records",
                record("partner-b")).expect(403);
        for (Api.Response answer : List.of(
                app.get("/customers/" + me + "/partner-records"),
                app.delete("/customers/" + me + "/partner-records/x"),
                app.post("/customers/actions/set-partners", Map.of("customer_id", me, "partner_records",
                        List.of())))) {
            assertThat(answer.expect(403).error().path("type").asString()).isEqualTo("interface_not_allowed_exception");
        }
        assertThat(admin().get("/customers/" + me + "/partner-records").expect(200)
                .data().path("total_items").asLong()).isEqualTo(1);
    }
}
