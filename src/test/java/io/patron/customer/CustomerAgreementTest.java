package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static io.patron.customer.CustomerTest.person;
import static io.patron.customer.CustomerTest.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
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

/**
 * The deprecated {@code personal_information.agreement} of customers: it sets the same consents as
 * {@code consents}, which win when both are sent, and reads show it next to them.
 */
class CustomerAgreementTest extends ApiTest {

    private static final String AT = "customer.personal_information.agreement.";

    @Autowired
    CustomerActionService actions;

    @Autowired
    MutableClock clock;

    private String newsletter;

    @BeforeEach
    void agreements() {
        importProject("test-customer-properties.yaml");
        newsletter = admin().get("/agreements", "text_id", "loyalty_newsletter").expect(200).data()
                .path("agreements").get(0).path("agreement_id").asString();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> withAgreement(Map<String, Object> info, Map<String, Object> agreement) {
        info.put("agreement", agreement);
        return info;
    }

    private static String create(Api api, Map<String, Object> body) {
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    private static void put(Api api, String customerId, Map<String, Object> info) {
        api.put("/customers/" + customerId, Map.of("customer", Map.of("personal_information", info))).expect(204);
    }

    private JsonNode infoOf(String customerId) {
        return admin().get("/customers/" + customerId).expect(200).data().path("personal_information");
    }

    /** consent id → value of a read customer. */
    private static Map<String, Integer> consents(JsonNode info) {
        Map<String, Integer> out = new LinkedHashMap<>();
        info.path("consents").forEach(c -> out.put(c.path("consent_id").asString(), c.path("consent_value").asInt()));
        return out;
    }

    /** consent id → last change of a read customer. */
    private static Map<String, String> changes(JsonNode info) {
        Map<String, String> out = new LinkedHashMap<>();
        info.path("consents").forEach(c -> out.put(c.path("consent_id").asString(), c.path("last_change").asString()));
        return out;
    }

    @Test
    void theAgreementOfASignUpSetsConsentsAndReadsShowBothShapes() {
        String id = create(admin(), signUp(withAgreement(person("old.sdk@example.com", "Olga", "Stará"), Map.of(
                "agreement_gtc", 1, "agreement_marketing_communication", 0,
                "custom_agreements", List.of(Map.of("agreement_id", newsletter, "agreement_value", 1)))), ESHOP, null));
        JsonNode info = infoOf(id);
        assertThat(consents(info)).containsExactlyInAnyOrderEntriesOf(Map.of(CustomerActionService.GTC, 1,
                CustomerActionService.MARKETING, 0, newsletter, 1));
        JsonNode agreement = info.path("agreement");
        assertThat(agreement.path("agreement_gtc").asInt()).isEqualTo(1);
        assertThat(agreement.path("agreement_marketing_communication").asInt()).isZero();
        assertThat(agreement.has("agreement_profiling")).as("never given, so left out").isFalse();
        assertThat(agreement.path("custom_agreements")).hasSize(1);
        assertThat(agreement.path("custom_agreements").get(0).path("agreement_id").asString()).isEqualTo(newsletter);
        assertThat(agreement.path("custom_agreements").get(0).path("agreement_value").asInt()).isEqualTo(1);
        // every consent of a customer names an /agreements item
        for (String consentId : consents(info).keySet()) {
            admin().get("/agreements/" + consentId).expect(200);
        }
        // the list shows the same
        assertThat(admin().get("/customers", "email", "old.sdk@example.com").expect(200).data().path("customers")
                .get(0).path("personal_information")).isEqualTo(info);
        // a customer without consents shows neither field
        String none = create(admin(), signUp(person("none@example.com", "N", "One"), ESHOP, null));
        assertThat(infoOf(none).has("agreement")).isFalse();
        assertThat(infoOf(none).has("consents")).isFalse();
    }

    @Test
    void theAgreementOfAnUpdateChangesOnlyWhatItChanges() {
        String id = create(admin(), signUp(withAgreement(person("update@example.com", "U", "P"),
                Map.of("agreement_gtc", 1, "agreement_marketing_communication", 1)), ESHOP, null));
        Map<String, String> before = changes(infoOf(id));
        var givenBefore = actions.consent(id, CustomerActionService.MARKETING).orElseThrow().given();

        clock.advance(Duration.ofHours(2));
        put(admin(), id, withAgreement(person("update@example.com", "U", "P"), Map.of("agreement_gtc", 1,
                "agreement_marketing_communication", 0, "agreement_profiling", 1,
                "custom_agreements", List.of(Map.of("agreement_id", newsletter, "agreement_value", 2)))));
        JsonNode info = infoOf(id);
        assertThat(consents(info)).containsExactlyInAnyOrderEntriesOf(Map.of(CustomerActionService.GTC, 1,
                CustomerActionService.MARKETING, 0, CustomerActionService.PROFILING, 1, newsletter, 2));
        Map<String, String> after = changes(info);
        assertThat(after.get(CustomerActionService.GTC)).as("same value, same time")
                .isEqualTo(before.get(CustomerActionService.GTC));
        assertThat(after.get(CustomerActionService.MARKETING)).isNotEqualTo(before.get(CustomerActionService.MARKETING));
        assertThat(actions.consent(id, CustomerActionService.MARKETING).orElseThrow().given())
                .as("withdrawing keeps the time it was given").isEqualTo(givenBefore);

        // a PUT with neither consents nor agreement keeps every consent
        clock.advance(Duration.ofHours(1));
        put(admin(), id, person("update@example.com", "U", "P"));
        assertThat(changes(infoOf(id))).isEqualTo(after);
    }

    @Test
    void consentsWinAndTheAgreementSentWithThemIsIgnoredEntirely() {
        Map<String, Object> info = withAgreement(person("both@example.com", "B", "Oth"), Map.of(
                "agreement_gtc", 0, "agreement_profiling", 1, "agreement_marketing_communication", 7,
                "custom_agreements", List.of(Map.of("agreement_id", "no-such-consent", "agreement_value", 9))));
        info.put("consents", List.of(Map.of("consent_id", CustomerActionService.GTC, "consent_value", 1)));
        String id = create(admin(), signUp(info, ESHOP, null));
        assertThat(consents(infoOf(id))).containsExactlyEntriesOf(Map.of(CustomerActionService.GTC, 1));

        Map<String, Object> update = withAgreement(person("both@example.com", "B", "Oth"),
                Map.of("agreement_marketing_communication", 0, "agreement_gtc", 0));
        update.put("consents", List.of(Map.of("consent_id", CustomerActionService.MARKETING, "consent_value", 1)));
        put(admin(), id, update);
        assertThat(consents(infoOf(id))).containsExactlyInAnyOrderEntriesOf(Map.of(CustomerActionService.GTC, 1,
                CustomerActionService.MARKETING, 1));
        // an empty consents list is sent too, so the agreement is ignored and nothing changes
        Map<String, Object> empty = withAgreement(person("both@example.com", "B", "Oth"), Map.of("agreement_gtc", 0));
        empty.put("consents", List.of());
        put(admin(), id, empty);
        assertThat(consents(infoOf(id)).get(CustomerActionService.GTC)).isEqualTo(1);
    }

    @Test
    void badAgreementsAreNamedAndChangeNothing() {
        Map<String, Object> bad = withAgreement(person("bad@example.com", "B", "Ad"), Map.of("agreement_gtc", 3,
                "custom_agreements", List.of(Map.of("agreement_id", newsletter, "agreement_value", 1),
                        Map.of("agreement_id", "no-such-consent", "agreement_value", 1),
                        Map.of("agreement_id", newsletter, "agreement_value", 5),
                        Map.of("agreement_value", 1),
                        Map.of("agreement_id", newsletter))));
        assertThat(admin().post("/customers", signUp(bad, ESHOP, null)).expect(400).invalidParams())
                .containsExactlyInAnyOrder(AT + "agreement_gtc:not_allowed_value",
                        AT + "custom_agreements[1].agreement_id:not_found",
                        AT + "custom_agreements[2].agreement_value:not_allowed_value",
                        AT + "custom_agreements[3].agreement_id:required",
                        AT + "custom_agreements[4].agreement_value:required");
        Map<String, Object> wrongType = withAgreement(person("bad@example.com", "B", "Ad"),
                Map.of("agreement_profiling", "yes"));
        assertThat(admin().post("/customers", signUp(wrongType, ESHOP, null)).expect(400).invalidParams())
                .containsExactly(AT + "agreement_profiling:invalid_value_format");
        assertThat(admin().get("/customers", "email", "bad@example.com").expect(200).data().path("total_items")
                .asLong()).isZero();

        String id = create(admin(), signUp(withAgreement(person("kept@example.com", "Karel", "Kept"),
                Map.of("agreement_gtc", 1)), ESHOP, null));
        JsonNode before = admin().get("/customers/" + id).expect(200).data();
        clock.advance(Duration.ofHours(1));
        Map<String, Object> update = withAgreement(person("kept@example.com", "Changed", "Name"),
                Map.of("agreement_gtc", 0, "custom_agreements",
                        List.of(Map.of("agreement_id", "no-such-consent", "agreement_value", 1))));
        assertThat(admin().put("/customers/" + id, Map.of("customer", Map.of("personal_information", update)))
                .expect(400).invalidParams()).containsExactly(AT + "custom_agreements[0].agreement_id:not_found");
        assertThat(admin().get("/customers/" + id).expect(200).data()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void aRecordPutBackAsReadChangesNoConsent() {
        Map<String, Object> info = withAgreement(person("roundtrip@example.com", "R", "T"), Map.of(
                "agreement_gtc", 1, "custom_agreements", List.of(Map.of("agreement_id", newsletter,
                        "agreement_value", 0))));
        String id = create(admin(), signUp(info, ESHOP, null));
        JsonNode read = admin().get("/customers/" + id).expect(200).data();
        clock.advance(Duration.ofHours(1));
        // the whole record as read, read-only fields, consents and the derived agreement included
        admin().put("/customers/" + id, Map.of("customer", read)).expect(204);
        JsonNode again = admin().get("/customers/" + id).expect(200).data();
        assertThat(again.path("personal_information").path("consents"))
                .isEqualTo(read.path("personal_information").path("consents"));
        assertThat(again.path("personal_information").path("agreement"))
                .isEqualTo(read.path("personal_information").path("agreement"));
    }

    @Test
    void registrationAndUpdateInTheAppTakeTheAgreement() {
        Api app = customer().bearer(customerToken("agreement-phone"));
        Map<String, Object> body = signUp(withAgreement(person("app@example.com", "A", "Pp"),
                Map.of("agreement_gtc", 1, "agreement_profiling", 1)), ESHOP, null);
        body.put("autologin", true);
        String id = create(app, body);
        JsonNode agreement = app.get("/customers/" + id).expect(200).data().path("personal_information")
                .path("agreement");
        assertThat(agreement.path("agreement_gtc").asInt()).isEqualTo(1);
        assertThat(agreement.path("agreement_profiling").asInt()).isEqualTo(1);

        put(app, id, withAgreement(person("app@example.com", "A", "Pp"), Map.of("agreement_profiling", 0)));
        assertThat(consents(infoOf(id))).containsExactlyInAnyOrderEntriesOf(Map.of(CustomerActionService.GTC, 1,
                CustomerActionService.PROFILING, 0));
    }
}
