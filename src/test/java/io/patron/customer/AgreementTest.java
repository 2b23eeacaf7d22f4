package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import tools.jackson.databind.JsonNode;

/** Consent definitions ({@code /agreements}) and the custom consents of the newsletter sign-up. */
class AgreementTest extends ApiTest {

    @Autowired
    CustomerActionService actions;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void agreements() {
        importProject("test-customer-properties.yaml");
        importProject("test-agreements.yaml");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static List<String> values(Api.Response answer, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : answer.data().path("agreements")) {
            values.add(item.path(field).asString());
        }
        return values;
    }

    @Test
    void agreementsAreListedFilteredAndReadOneByOne() {
        Api.Response list = admin().get("/agreements").expect(200);
        assertThat(values(list, "text_id")).contains("loyalty_newsletter", "partner_offers", "sms_club");
        assertThat(list.data().path("total_items").asLong()).isEqualTo(values(list, "agreement_id").size());
        assertThat(values(list, "agreement_id")).doesNotHaveDuplicates().contains("sms_club");

        Api.Response filtered = admin().get("/agreements", "text_id", "partner_offers").expect(200);
        assertThat(values(filtered, "text_id")).containsExactly("partner_offers");
        String id = values(filtered, "agreement_id").get(0);

        JsonNode one = admin().header("Accept-Language", "cs").get("/agreements/" + id).expect(200).data();
        assertThat(one.path("agreement_id").asString()).isEqualTo(id);
        assertThat(one.path("name").asString()).isEqualTo("Nabídky partnerů");
        assertThat(one.path("last_change").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(admin().get("/agreements/sms_club").expect(200).data().path("name").asString())
                .isEqualTo("SMS club");
        admin().get("/agreements/nope").expect(404);
    }

    @Test
    void importingAgainKeepsTheIds() {
        List<String> before = values(admin().get("/agreements").expect(200), "agreement_id");
        importProject("test-agreements.yaml");
        assertThat(values(admin().get("/agreements").expect(200), "agreement_id")).isEqualTo(before);
    }

    @Test
    void theSignUpStoresCustomConsentsWithTheirTime() {
        Map<String, Object> given = Map.of("contact", "consents@example.com", "customer_source_id", ESHOP,
                "agreements", Map.of("agreement_gtc", 1,
                        "custom_agreements", List.of(Map.of("agreement_id", "sms_club", "agreement_value", 1))));
        admin().post("/customers/actions/newsletters-sign-up", given).expect(204);
        String customerId = admin().get("/customers", "email", "consents@example.com").expect(200).data()
                .path("customers").get(0).path("customer_id").asString();
        var sms = actions.consent(customerId, "sms_club").orElseThrow();
        assertThat(sms.value()).isEqualTo(1);
        assertThat(sms.given()).isNotNull();
        assertThat(actions.consent(customerId, CustomerActionService.GTC).orElseThrow().value()).isEqualTo(1);

        clock.advance(Duration.ofHours(1));
        Map<String, Object> withdrawn = Map.of("contact", "consents@example.com", "customer_source_id", ESHOP,
                "agreements", Map.of(
                        "custom_agreements", List.of(Map.of("agreement_id", "sms_club", "agreement_value", 0))));
        admin().post("/customers/actions/newsletters-sign-up", withdrawn).expect(204);
        var after = actions.consent(customerId, "sms_club").orElseThrow();
        assertThat(after.value()).isZero();
        assertThat(after.given()).isEqualTo(sms.given());
        assertThat(after.lastChange()).isAfter(sms.lastChange());
    }

    @Test
    void aCustomConsentMustNameADefinition() {
        Map<String, Object> unknown = Map.of("contact", "nobody@example.com", "customer_source_id", ESHOP,
                "agreements", Map.of("custom_agreements", List.of(
                        Map.of("agreement_id", "sms_club", "agreement_value", 1),
                        Map.of("agreement_id", "nope", "agreement_value", 1))));
        assertThat(admin().post("/customers/actions/newsletters-sign-up", unknown).expect(400).invalidParams())
                .containsExactly("agreements.custom_agreements[1].agreement_id:not_found");
        admin().get("/customers", "email", "nobody@example.com").expect(200);
        assertThat(admin().get("/customers", "email", "nobody@example.com").expect(200).data()
                .path("customers").size()).isZero();
    }
}
