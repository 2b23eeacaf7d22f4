package io.patron.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** Customer external applications, and the partners a customer is assigned to. */
class CustomerPartnerTest extends ApiTest {

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
}
