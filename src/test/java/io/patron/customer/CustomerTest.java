package io.patron.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Sign-up, lookup, full update and the Customer API's view of customers. */
class CustomerTest extends ApiTest {

    static final String ESHOP = Ids.stable("customer_source", "eshop");
    static final String POS = Ids.stable("customer_source", "pos");


    @Autowired
    CustomerService customers;

    @Autowired
    io.patron.support.MutableClock clock;

    @BeforeEach
    void customerProperties() {
        importProject("test-customer-properties.yaml");
    }

    static Map<String, Object> person(String email, String firstName, String lastName) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", firstName);
        info.put("last_name", lastName);
        info.put("email", email);
        info.put("phone", "420777123456");
        info.put("birthdate", "1985-06-15");
        info.put("gender", 2);
        info.put("language_id", "cs");
        info.put("address", Map.of("address1", "Vinohradská 12", "city", "Praha", "zip", "12000",
                "country_code", "CZ"));
        return info;
    }

    static Map<String, Object> signUp(Map<String, Object> info, String sourceId, String externalId) {
        Map<String, Object> source = new HashMap<>();
        source.put("customer_source_id", sourceId);
        if (externalId != null) {
            source.put("external_id", externalId);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", source);
        body.put("autologin", false);
        body.put("password", "S3cret-pass");
        return body;
    }

    String create(Api api, Map<String, Object> body) {
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    @Test
    void signUpStoresTheAccountSourceAndProperties() {
        Map<String, Object> body = signUp(person("Jana.Novakova@Example.com", "Jana", "Nováková"), ESHOP, "E-1001");
        body.put("property_records", List.of(Map.of("property_id", "favourite_sport", "property_value", "running"),
                Map.of("property_id", "kids", "property_value", 2)));
        String id = create(admin(), body);
        Api.Response read = admin().get("/customers/" + id).expect(200);
        var info = read.data().path("personal_information");
        assertThat(info.path("email").asString()).isEqualTo("jana.novakova@example.com");
        assertThat(info.path("first_name").asString()).isEqualTo("Jana");
        assertThat(info.path("birthdate").asString()).isEqualTo("1985-06-15");
        assertThat(info.path("address").path("city").asString()).isEqualTo("Praha");
        assertThat(read.data().path("state").asInt()).isEqualTo(1);
        assertThat(customers.passwordMatches(id, "S3cret-pass")).isTrue();
        // Found by the other system's id.
        Api.Response records = admin().get("/customer-source-records", "customer_source_id", ESHOP,
                "external_id", "E-1001").expect(200);
        assertThat(records.data().path("customer_source_records").get(0).path("customer_id").asString()).isEqualTo(id);
    }

    @Test
    void signUpAtAStoreNeedsAnExistingStore() {
        importProject("test-catalog-owners.yaml");
        Map<String, Object> info = person("store@example.com", "S", "T");
        info.put("store_id", "store-1");
        String id = create(admin(), signUp(info, POS, "POS-S1"));
        assertThat(admin().get("/customers/" + id).expect(200).data().path("personal_information")
                .path("store_id").asString()).isEqualTo("store-1");
        Map<String, Object> other = person("nostore@example.com", "N", "S");
        other.put("store_id", "no-such-store");
        assertThat(admin().post("/customers", signUp(other, POS, null)).expect(400).invalidParams())
                .containsExactly("customer.personal_information.store_id:not_found");
    }

    @Test
    void consentsAreStoredWithTheTimeOfTheirLastChange() {
        String newsletter = admin().get("/agreements", "text_id", "loyalty_newsletter").expect(200)
                .data().path("agreements").get(0).path("agreement_id").asString();
        Map<String, Object> info = person("consent@example.com", "C", "S");
        info.put("consents", List.of(Map.of("consent_id", "agreement_gtc", "consent_value", 1),
                Map.of("consent_id", newsletter, "consent_value", 0)));
        String id = create(admin(), signUp(info, ESHOP, null));
        var consents = admin().get("/customers/" + id).expect(200).data().path("personal_information").path("consents");
        assertThat(consents).hasSize(2);
        String firstChange = consents.get(0).path("last_change").asString();
        assertThat(firstChange).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

        clock.advance(java.time.Duration.ofHours(2));
        Map<String, Object> changed = person("consent@example.com", "C", "S");
        changed.put("consents", List.of(Map.of("consent_id", newsletter, "consent_value", 1)));
        admin().put("/customers/" + id, Map.of("customer", Map.of("personal_information", changed))).expect(204);
        var after = admin().get("/customers", "email", "consent@example.com").expect(200).data().path("customers")
                .get(0).path("personal_information").path("consents");
        assertThat(after).hasSize(2);
        for (var consent : after) {
            if (consent.path("consent_id").asString().equals(newsletter)) {
                assertThat(consent.path("consent_value").asInt()).isEqualTo(1);
                assertThat(consent.path("last_change").asString()).isNotEqualTo(firstChange);
            } else {
                assertThat(consent.path("consent_value").asInt()).as("left out of the PUT, so kept").isEqualTo(1);
                assertThat(consent.path("last_change").asString()).isEqualTo(firstChange);
            }
        }
        Map<String, Object> bad = person("consent2@example.com", "C", "S");
        bad.put("consents", List.of(Map.of("consent_id", "no-such-consent", "consent_value", 1),
                Map.of("consent_id", "agreement_gtc", "consent_value", 5)));
        assertThat(admin().post("/customers", signUp(bad, ESHOP, null)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("customer.personal_information.consents[1].consent_value:not_allowed_value");
        bad.put("consents", List.of(Map.of("consent_id", "no-such-consent", "consent_value", 1)));
        assertThat(admin().post("/customers", signUp(bad, ESHOP, null)).expect(400).invalidParams())
                .containsExactly("customer.personal_information.consents[0].consent_id:not_found");
    }

    @Test
    void emailsAreUniqueWhateverTheirCase() {
        create(admin(), signUp(person("jan@example.com", "Jan", "Novák"), ESHOP, null));
        Api.Response again = admin().post("/customers",
                signUp(person("JAN@example.com", "Jan", "Novák"), POS, null)).expect(400);
        assertThat(again.invalidParams()).containsExactly("customer.personal_information.email:already_exists");
        assertThat(admin().get("/customers").data().path("total_items").asLong()).isEqualTo(1);
    }

    @Test
    void badPersonalInformationIsNamedField_by_field() {
        Map<String, Object> info = person("not-an-email", "A", "B");
        info.put("phone", "+420 777 abc");
        info.put("gender", 9);
        info.put("language_id", "xx");
        info.put("address", Map.of("country_code", "QQ"));
        Api.Response answer = admin().post("/customers", signUp(info, ESHOP, null)).expect(400);
        assertThat(answer.invalidParams()).contains("customer.personal_information.phone:invalid_value_format",
                "customer.personal_information.gender:not_allowed_value");
        Map<String, Object> info2 = person("not-an-email", "A", "B");
        info2.put("language_id", "xx");
        info2.put("address", Map.of("country_code", "QQ"));
        assertThat(admin().post("/customers", signUp(info2, ESHOP, null)).expect(400).invalidParams())
                .containsExactlyInAnyOrder("customer.personal_information.email:invalid_value_format",
                        "customer.personal_information.language_id:not_found",
                        "customer.personal_information.address.country_code:not_found");
        assertThat(admin().get("/customers").data().path("total_items").asLong()).isZero();
    }

    @Test
    void requiredPartsAreNamed() {
        assertThat(admin().post("/customers", Map.of()).expect(400).invalidParams())
                .containsExactlyInAnyOrder("customer:required", "customer_source:required", "autologin:required");
        Map<String, Object> info = person("a@example.com", "A", "B");
        info.remove("language_id");
        assertThat(admin().post("/customers", signUp(info, ESHOP, null)).expect(400).invalidParams())
                .containsExactly("customer.personal_information.language_id:required");
        Map<String, Object> autologin = signUp(person("b@example.com", "A", "B"), ESHOP, null);
        autologin.put("autologin", true);
        autologin.remove("password");
        assertThat(admin().post("/customers", autologin).expect(400).invalidParams()).containsExactly("password:required");
    }

    @Test
    void sourcesAndExternalIdsAreChecked() {
        assertThat(admin().post("/customers", signUp(person("c@example.com", "C", "D"), "no-source", null))
                .expect(400).invalidParams()).containsExactly("customer_source.customer_source_id:not_found");
        String id = create(admin(), signUp(person("d@example.com", "D", "E"), POS, "POS-7"));
        assertThat(admin().post("/customers", signUp(person("e@example.com", "E", "F"), POS, "POS-7"))
                .expect(400).invalidParams()).containsExactly("customer_source.external_id:already_exists");
        admin().post("/customers/" + id + "/customer-source-records",
                Map.of("customer_source_record", Map.of("customer_source_id", ESHOP, "external_id", "W-9"))).expect(201);
        assertThat(admin().get("/customers/" + id + "/customer-source-records").expect(200)
                .data().path("total_items").asLong()).isEqualTo(2);
        assertThat(admin().post("/customers/" + id + "/customer-source-records",
                Map.of("customer_source_record", Map.of("customer_source_id", ESHOP, "external_id", "W-9")))
                .expect(400).invalidParams()).containsExactly("customer_source_record.external_id:already_exists");
        admin().post("/customers/nobody/customer-source-records",
                Map.of("customer_source_record", Map.of("customer_source_id", ESHOP))).expect(404);
    }

    @Test
    void putReplacesTheWholeRecord() {
        String id = create(admin(), signUp(person("f@example.com", "Filip", "Dvořák"), ESHOP, null));
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Filip");
        info.put("last_name", "Dvořák");
        info.put("email", "filip@example.com");
        info.put("language_id", "en");
        admin().put("/customers/" + id, Map.of("customer", Map.of("personal_information", info,
                "customer_id", "read-only-ignored", "state", 0), "password", "New-pass-1")).expect(204);
        var read = admin().get("/customers/" + id).expect(200).data();
        assertThat(read.path("customer_id").asString()).isEqualTo(id);
        assertThat(read.path("state").asInt()).isEqualTo(1);
        var now = read.path("personal_information");
        assertThat(now.path("email").asString()).isEqualTo("filip@example.com");
        assertThat(now.has("phone")).as("left out, so cleared").isFalse();
        assertThat(now.has("address")).isFalse();
        assertThat(now.path("language_id").asString()).isEqualTo("en");
        assertThat(customers.passwordMatches(id, "New-pass-1")).isTrue();
        admin().put("/customers/nobody", Map.of("customer", Map.of("personal_information", info))).expect(404);
    }

    @Test
    void listFilters() {
        String jana = create(admin(), signUp(person("jana@example.com", "Jana", "Nováková"), ESHOP, null));
        Map<String, Object> petr = person("petr@example.com", "Petr", "Svoboda");
        petr.put("birthdate", "1990-01-31");
        petr.put("phone", "420601000111");
        String petrId = create(admin(), signUp(petr, POS, null));
        Api api = admin();
        assertThat(ids(api.get("/customers", "email", "JANA@example.com"))).containsExactly(jana);
        assertThat(ids(api.get("/customers", "phone", "420601000111"))).containsExactly(petrId);
        assertThat(ids(api.get("/customers", "first_name", "petr"))).containsExactly(petrId);
        assertThat(ids(api.get("/customers", "last_name", "Nováková"))).containsExactly(jana);
        assertThat(ids(api.get("/customers", "birthdate", "31.01.1990"))).containsExactly(petrId);
        assertThat(ids(api.get("/customers", "birthdate", "1985-06-15"))).containsExactly(jana);
        assertThat(api.get("/customers", "birthdate", "15/06/1985").expect(400).invalidParams())
                .containsExactly("birthdate:invalid_value_format");
        assertThat(ids(api.get("/customers", "customer_source_id", POS))).containsExactly(petrId);
        assertThat(ids(api.get("/customers", "email_list[]", "jana@example.com", "email_list[]", "petr@example.com")))
                .containsExactlyInAnyOrder(jana, petrId);
        assertThat(ids(api.get("/customers", "customer_ids[]", petrId))).containsExactly(petrId);
        assertThat(ids(api.get("/customers", "first_name", "Nobody"))).isEmpty();
        assertThat(api.get("/customers", "sort_field", "personal_information").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        assertThat(api.get("/customers/" + jana, "customer_short_salutation", "true").expect(200)
                .data().path("personal_information").path("salutation").asString()).isEqualTo("Jana");
        api.get("/customers/nobody").expect(404);
    }

    @Test
    void aCustomerApiTokenSeesOnlyItsLoggedInCustomer() {
        String other = create(admin(), signUp(person("other@example.com", "O", "Ther"), ESHOP, null));
        String token = customerToken("phone-1");
        Api app = customer().bearer(token);
        // Nobody logged in yet: no customer data.
        assertThat(app.get("/customers").expect(200).data().path("total_items").asLong()).isZero();
        app.get("/customers/" + other).expect(403);
        app.get("/customers/" + other + "/customer-source-records").expect(403);
        assertThat(app.get("/customer-source-records").expect(200).data().path("total_items").asLong()).isZero();
        // Sign-up in the app with autologin logs the new customer in.
        Map<String, Object> body = signUp(person("me@example.com", "Me", "Myself"), ESHOP, null);
        body.put("autologin", true);
        String me = create(app, body);
        assertThat(ids(app.get("/customers").expect(200))).containsExactly(me);
        app.get("/customers/" + me).expect(200);
        assertThat(app.get("/customers/" + other).expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(app.put("/customers/" + other, Map.of("customer", Map.of("personal_information",
                person("x@example.com", "X", "Y")))).expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/customers/" + other + "/customer-source-records").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/customer-source-records").expect(200).data().path("customer_source_records")
                .valueStream().map(r -> r.path("customer_id").asString()).distinct().toList()).containsExactly(me);
        // The Enterprise API sees both.
        assertThat(admin().get("/customers").data().path("total_items").asLong()).isEqualTo(2);
    }

    @Test
    void customerSourcesAreTranslated() {
        assertThat(admin().get("/customer-sources").expect(200).data().path("total_items").asLong()).isEqualTo(5);
        assertThat(admin().header("Accept-Language", "cs").get("/customer-sources/" + POS).expect(200)
                .data().path("name").asString()).isEqualTo("Pokladna");
        assertThat(admin().get("/customer-sources", "customer_source_text_id", "eshop").expect(200)
                .data().path("customer_sources").get(0).path("customer_source_id").asString()).isEqualTo(ESHOP);
        admin().get("/customer-sources/nope").expect(404);
    }

    private static List<String> ids(Api.Response answer) {
        List<String> out = new ArrayList<>();
        answer.expect(200).data().path("customers").forEach(c -> out.add(c.path("customer_id").asString()));
        return out;
    }
}
