package io.patron.store;

import static io.patron.store.StoreTest.CLOSED;
import static io.patron.store.StoreTest.RETAILER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Partners, their property records and the partner properties, defined by the project file. */
class PartnerTest extends ApiTest {


    @BeforeEach
    void partners() {
        importProject("test-stores.yaml");
    }

    private static List<String> names(Api.Response list) {
        List<String> names = new ArrayList<>();
        list.data().path("partners").forEach(p -> names.add(p.path("name").asString()));
        return names;
    }

    @Test
    void partnersAreListedOnBothInterfaces() {
        Api.Response list = admin().get("/partners").expect(200);
        assertThat(list.data().path("total_items").asInt()).isEqualTo(2);
        assertThat(names(list)).containsExactly("Test Retail Ltd.", "Closed Partner");
        assertThat(names(customer().bearer(customerToken("dev")).header("Accept-Language", "cs")
                .get("/partners").expect(200))).containsExactly("Testovací obchod s.r.o.", "Closed Partner");
        assertThat(names(admin().get("/partners", "sort_field", "state").expect(200)))
                .containsExactly("Closed Partner", "Test Retail Ltd.");
        assertThat(names(admin().get("/partners", "sort_field", "name", "sort_direction", "DESC", "count", "1")
                .expect(200))).containsExactly("Test Retail Ltd.");
        assertThat(admin().get("/partners", "sort_field", "address").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
    }

    @Test
    void aPartnerIsReadWithItsAddress() {
        JsonNode retailer = admin().get("/partners/" + RETAILER).expect(200).data();
        assertThat(retailer.path("name").asString()).isEqualTo("Test Retail Ltd.");
        assertThat(retailer.path("registration_id").asString()).isEqualTo("12345678");
        assertThat(retailer.path("vat_id").asString()).isEqualTo("CZ12345678");
        assertThat(retailer.path("email").asString()).isEqualTo("info@retail.test");
        assertThat(retailer.path("phone").asString()).isEqualTo("420212345678");
        assertThat(retailer.path("address").path("address1").asString()).isEqualTo("Na Příkopě");
        assertThat(retailer.path("address").path("country_code").asString()).isEqualTo("cz");
        assertThat(retailer.path("state").asInt()).isEqualTo(1);
        JsonNode closed = admin().get("/partners/" + CLOSED).expect(200).data();
        assertThat(closed.path("state").asInt()).isZero();
        assertThat(closed.has("address")).isFalse();
        assertThat(admin().get("/partners/nope").expect(404).error().path("error_data").path("resource_name")
                .asString()).isEqualTo("partners");
    }

    @Test
    void aPartnerShowsItsPropertyRecords() {
        JsonNode records = customer().bearer(customerToken("dev")).header("Accept-Language", "cs")
                .get("/partners/" + RETAILER + "/property-records").expect(200).data();
        assertThat(records.path("total_items").asInt()).isEqualTo(2);
        List<String> values = new ArrayList<>();
        records.path("property_records").forEach(r -> values.add(r.path("property_name").asString() + "="
                + r.path("property_value").asString()));
        assertThat(values).containsExactlyInAnyOrder("Založeno=2009-03-01", "Hotline=800123456");
        assertThat(admin().get("/partners/" + CLOSED + "/property-records").expect(200).data()
                .path("total_items").asInt()).isZero();
        admin().get("/partners/nope/property-records").expect(404);
    }

    @Test
    void partnerPropertiesAreListedOnlyInTheEnterpriseApi() {
        Api.Response list = admin().get("/partner-properties").expect(200);
        assertThat(list.data().path("total_items").asInt()).isEqualTo(2);
        assertThat(admin().get("/partner-properties", "name", "HOT").expect(200).data().path("partner_properties")
                .get(0).path("property_id").asString()).isEqualTo("hotline");
        Api customer = customer().bearer(customerToken("dev"));
        assertThat(customer.get("/partner-properties").expect(403).error().path("type").asString())
                .isEqualTo("interface_not_allowed_exception");
        // the contract opens the detail to both interfaces
        JsonNode founded = customer.header("Accept-Language", "cs").get("/partner-properties/founded").expect(200)
                .data();
        assertThat(founded.path("name").asString()).isEqualTo("Založeno");
        assertThat(founded.path("data_type").asString()).isEqualTo("date");
        admin().get("/partner-properties/parking").expect(404);
    }
}
