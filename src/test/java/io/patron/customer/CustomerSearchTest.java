package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static io.patron.customer.CustomerTest.person;
import static io.patron.customer.CustomerTest.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** search-customers: cash-desk identification by names, birthdate and card number. */
class CustomerSearchTest extends ApiTest {

    @BeforeEach
    void cardTypes() {
        importProject("test-cards.yaml");
    }

    private String customer(String email, String first, String last, String birthdate) {
        Map<String, Object> info = person(email, first, last);
        info.put("birthdate", birthdate);
        return admin().post("/customers", signUp(info, ESHOP, null)).expect(201).data().path("customer_id")
                .asString();
    }

    private static List<String> found(Api.Response answer) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : answer.data().path("strict")) {
            assertThat(item.path("match").asInt()).isEqualTo(100);
            ids.add(item.path("customer_id").asString());
        }
        return ids;
    }

    @Test
    void searchFindsSeveralAndStrictModeExactlyOne() {
        String jana = customer("jana1@example.com", "Jana", "Nováková", "1985-06-15");
        String twin = customer("jana2@example.com", "Jana", "Nováková", "1985-06-15");
        String other = customer("petr@example.com", "Petr", "Novák", "1990-01-01");
        CustomerLoginTest.newCard(admin(), "SRCH-1", jana, 1);
        CustomerLoginTest.newCard(admin(), "SRCH-2", twin, 1);
        CustomerLoginTest.newCard(admin(), "SRCH-BLOCKED", other, 0);

        Api api = admin();
        assertThat(found(api.get("/customers/actions/search-customers", "first_name", "jana", "last_name",
                "NOVÁKOVÁ").expect(200))).containsExactlyInAnyOrder(jana, twin);
        assertThat(found(api.get("/customers/actions/search-customers", "birthdate", "15.06.1985", "mode", "none")
                .expect(200))).containsExactlyInAnyOrder(jana, twin);
        assertThat(found(api.get("/customers/actions/search-customers", "card_number", "SRCH-2").expect(200)))
                .containsExactly(twin);
        assertThat(found(api.get("/customers/actions/search-customers", "card_number", "SRCH-BLOCKED")
                .expect(200))).isEmpty();
        assertThat(found(api.get("/customers/actions/search-customers").expect(200))).isEmpty();

        assertThat(found(api.get("/customers/actions/search-customers", "mode", "strict", "first_name", "Jana",
                "last_name", "Nováková", "birthdate", "1985-06-15", "card_number", "SRCH-1").expect(200)))
                .containsExactly(jana);
        assertThat(found(api.get("/customers/actions/search-customers", "mode", "strict", "first_name", "Petr",
                "last_name", "Nováková", "birthdate", "1985-06-15", "card_number", "SRCH-1").expect(200)))
                .isEmpty();
        assertThat(api.get("/customers/actions/search-customers", "mode", "strict", "first_name", "Jana",
                "card_number", "SRCH-1").expect(400).invalidParams())
                .containsExactlyInAnyOrder("last_name:required", "birthdate:required");
        assertThat(api.get("/customers/actions/search-customers", "birthdate", "15/06/1985").expect(400)
                .invalidParams()).containsExactly("birthdate:invalid_value_format");
        assertThat(api.get("/customers/actions/search-customers", "mode", "fuzzy", "first_name", "Jana")
                .expect(400).invalidParams()).containsExactly("mode:not_allowed_value");
    }

    @Test
    void searchIsOnlyInTheEnterpriseApi() {
        Api.Response answer = customer().bearer(customerToken("phone-search"))
                .get("/customers/actions/search-customers", "first_name", "Jana").expect(403);
        assertThat(answer.error().path("type").asString()).isEqualTo("interface_not_allowed_exception");
        enterprise().get("/customers/actions/search-customers", "first_name", "Jana").expect(401);
    }
}
