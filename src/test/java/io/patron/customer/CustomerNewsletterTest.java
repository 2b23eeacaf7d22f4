package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static io.patron.customer.CustomerTest.POS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

class CustomerNewsletterTest extends ApiTest {

    @Autowired
    CustomerActionService actions;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void customerProperties() {
        importProject("test-customer-properties.yaml");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> signUp(String contact, String sourceId, Map<String, Object> agreements) {
        return agreements == null ? Map.of("contact", contact, "customer_source_id", sourceId)
                : Map.of("contact", contact, "customer_source_id", sourceId, "agreements", agreements);
    }

    private List<String> customersWith(String param, String value) {
        var out = new java.util.ArrayList<String>();
        admin().get("/customers", param, value).expect(200).data().path("customers")
                .forEach(c -> out.add(c.path("customer_id").asString()));
        return out;
    }

    private List<String> sourcesOf(String customerId) {
        var out = new java.util.ArrayList<String>();
        admin().get("/customers/" + customerId + "/customer-source-records").expect(200).data()
                .path("customer_source_records").forEach(r -> out.add(r.path("customer_source_id").asString()));
        return out;
    }

    @Test
    void anUnknownContactBecomesANewCustomerWithTheSourceAndConsents() {
        admin().post("/customers/actions/newsletters-sign-up",
                signUp("News.Reader@Example.com", ESHOP, Map.of("agreement_gtc", 1, "agreement_marketing_communication", 1)))
                .expect(204);
        List<String> found = customersWith("email", "news.reader@example.com");
        assertThat(found).hasSize(1);
        String id = found.get(0);
        assertThat(sourcesOf(id)).containsExactly(ESHOP);
        var gtc = actions.consent(id, CustomerActionService.GTC).orElseThrow();
        assertThat(gtc.value()).isEqualTo(1);
        assertThat(gtc.given()).isNotNull();
        assertThat(actions.consent(id, CustomerActionService.PROFILING)).isEmpty();
    }

    @Test
    void aKnownContactOnlyGainsTheSourceAndTheConsents() {
        String id = createCustomer();
        admin().post("/customers/actions/newsletters-sign-up",
                signUp("JAN@example.com", POS, Map.of("agreement_profiling", 1))).expect(204);
        assertThat(customersWith("email", "jan@example.com")).containsExactly(id);
        assertThat(sourcesOf(id)).containsExactlyInAnyOrder(ESHOP, POS);
        var profiling = actions.consent(id, CustomerActionService.PROFILING).orElseThrow();

        clock.advance(Duration.ofHours(1));
        // The same value again changes nothing; the source is not added twice.
        admin().post("/customers/actions/newsletters-sign-up",
                signUp("jan@example.com", POS, Map.of("agreement_profiling", 1))).expect(204);
        assertThat(actions.consent(id, CustomerActionService.PROFILING).orElseThrow()).isEqualTo(profiling);
        assertThat(sourcesOf(id)).hasSize(2);

        clock.advance(Duration.ofHours(1));
        admin().post("/customers/actions/newsletters-sign-up",
                signUp("jan@example.com", POS, Map.of("agreement_profiling", 0))).expect(204);
        var withdrawn = actions.consent(id, CustomerActionService.PROFILING).orElseThrow();
        assertThat(withdrawn.value()).isZero();
        assertThat(withdrawn.lastChange()).isAfter(profiling.lastChange());
        assertThat(withdrawn.given()).isEqualTo(profiling.given());
    }

    private String createCustomer() {
        return admin().post("/customers", CustomerTest.signUp(CustomerTest.person("jan@example.com", "Jan", "Novák"),
                ESHOP, null)).expect(201).data().path("customer_id").asString();
    }

    @Test
    void aCustomerApiTokenWithNoCustomerLoggedInSignsUpContacts() {
        customer().bearer(customerToken("newsletter-device")).post("/customers/actions/newsletters-sign-up",
                signUp("app.reader@example.com", ESHOP, Map.of("agreement_gtc", 1))).expect(204);
        assertThat(customersWith("email", "app.reader@example.com")).hasSize(1);
    }

    @Test
    void partnerRecordsOfTheSignUpMustNamePartnersAndAreAdded() {
        importProject("test-catalog-owners.yaml");
        assertThat(admin().post("/customers/actions/newsletters-sign-up", Map.of("contact", "partner@example.com",
                "customer_source_id", ESHOP, "partner_records", List.of(Map.of("partner_id", "nope"))))
                .expect(400).invalidParams()).containsExactly("partner_records[0].partner_id:not_found");
        assertThat(customersWith("email", "partner@example.com")).isEmpty();
        for (int round = 0; round < 2; round++) {
            admin().post("/customers/actions/newsletters-sign-up", Map.of("contact", "partner@example.com",
                    "customer_source_id", ESHOP, "partner_records", List.of(Map.of("partner_id", "partner-1"))))
                    .expect(204);
        }
        String id = customersWith("email", "partner@example.com").getFirst();
        var records = admin().get("/customers/" + id + "/partner-records").expect(200).data();
        assertThat(records.path("total_items").asLong()).isEqualTo(1);
    }

    @Test
    void aPhoneNumberIsAContactToo() {
        admin().post("/customers/actions/newsletters-sign-up", signUp("420 777 555 444", ESHOP, null))
                .expect(204);
        List<String> found = customersWith("phone", "420777555444");
        assertThat(found).hasSize(1);
        admin().post("/customers/actions/newsletters-sign-up", signUp("420777555444", POS, null)).expect(204);
        assertThat(customersWith("phone", "420777555444")).isEqualTo(found);
        assertThat(sourcesOf(found.get(0))).containsExactlyInAnyOrder(ESHOP, POS);
    }

    @Test
    void invalidContactsSourcesAndConsentsAreRefused() {
        assertThat(admin().post("/customers/actions/newsletters-sign-up", signUp("not a contact", "nope",
                Map.of("custom_agreements", List.of(Map.of("agreement_id", "x", "agreement_value", 1)))))
                .expect(400).invalidParams()).containsExactlyInAnyOrder("contact:invalid_value_format",
                "customer_source_id:not_found", "agreements.custom_agreements[0].agreement_id:not_found");
        admin().post("/customers/actions/newsletters-sign-up", Map.of("contact", "a@example.com"))
                .expect(400);
        assertThat(customersWith("email", "a@example.com")).isEmpty();
    }
}
