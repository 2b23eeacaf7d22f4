package io.patron.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Hints and a customer's hint records, audiences (Enterprise only), customer engagement setups. */
class HintTest extends ApiTest {

    @BeforeEach
    void project() {
        importProject("test-customer-properties.yaml");
        importProject("test-hints.yaml");
    }

    @Test
    void hintsComeFromTheProjectFile() {
        JsonNode all = admin().header("Accept-Language", "cs").get("/recommendations").expect(200).data();
        assertThat(all.path("recommendations")).extracting(h -> h.path("name").asString())
                .containsExactly("Tipy pro členy", "Ski service", "Old hint");
        String tips = Ids.stable("hint", "for_everyone");
        JsonNode one = admin().get("/recommendations/" + tips).expect(200).data();
        assertThat(one.path("brief_description").asString()).isEqualTo("How to earn more points");
        assertThat(one.path("picture_urls").get(0).asString()).isEqualTo("https://cdn.patron.test/tips.png");
        assertThat(admin().get("/recommendations", "name", "SKI").expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
        admin().get("/recommendations/nope").expect(404);
    }

    @Test
    void aCustomerSeesTheHintsWhoseTargetTheyMatch() {
        String skier = MessageTest.customer(admin(), "Sam", "sam@example.com", null, "en", Map.of());
        String other = MessageTest.customer(admin(), "Ola", "ola@example.com", null, "en", Map.of());
        admin().post("/customers/" + skier + "/property-records",
                Map.of("property_record", Map.of("property_id", "favourite_sport", "property_value", "ski"))).expect(201);
        admin().post("/customers/" + other + "/property-records",
                Map.of("property_record", Map.of("property_id", "favourite_sport", "property_value", "golf")))
                .expect(201);
        assertThat(names(admin().get("/customers/" + skier + "/recommendation-records")))
                .containsExactly("Loyalty tips", "Ski service");
        assertThat(names(admin().get("/customers/" + other + "/recommendation-records")))
                .containsExactly("Loyalty tips");
        assertThat(names(admin().get("/customers/" + skier + "/recommendation-records", "name", "ski")))
                .containsExactly("Ski service");
        admin().get("/customers/nobody/recommendation-records").expect(404);

        // the Customer API: one's own only
        Api app = customer().bearer(customerToken("phone-1"));
        Map<String, Object> signUp = new HashMap<>();
        signUp.put("customer", Map.of("personal_information", Map.of("first_name", "Mia", "email", "mia@example.com",
                "language_id", "en")));
        signUp.put("customer_source", Map.of("customer_source_id", Ids.stable("customer_source", "eshop")));
        signUp.put("autologin", true);
        signUp.put("password", "S3cret-pass-42");
        String mia = app.post("/customers", signUp).expect(201).data().path("customer_id").asString();
        assertThat(names(app.get("/customers/" + mia + "/recommendation-records"))).containsExactly("Loyalty tips");
        assertThat(app.get("/customers/" + skier + "/recommendation-records").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
    }

    @Test
    void hintsTargetSegmentMembersAndStatusHolders() {
        importProject("test-loyalty.yaml");
        importProject("test-statuses.yaml");
        importProject("test-hints-targets.yaml");
        // created after the statuses: both hold the sign-up status "member"
        String vip = MessageTest.customer(admin(), "Vic", "vic@example.com", null, "en", Map.of());
        String plain = MessageTest.customer(admin(), "Pat", "pat@example.com", null, "en", Map.of());
        admin().post("/customers/" + vip + "/property-records",
                Map.of("property_record", Map.of("property_id", "favourite_sport", "property_value", "ski"))).expect(201);
        String segment = Ids.stable("segment", "hint_vips");
        assertThat(names(admin().get("/customers/" + vip + "/recommendation-records")))
                .containsExactlyInAnyOrder("Loyalty tips", "Ski service", "Members' corner");
        admin().post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", vip)).expect(204);
        // a member of the segment now; "Silver skiers" stays hidden: the skier holds no silver status
        assertThat(names(admin().get("/customers/" + vip + "/recommendation-records")))
                .containsExactlyInAnyOrder("Loyalty tips", "Ski service", "VIP corner", "Members' corner", "VIP members");
        assertThat(names(admin().get("/customers/" + plain + "/recommendation-records")))
                .containsExactlyInAnyOrder("Loyalty tips", "Members' corner");
        admin().post("/segments/" + segment + "/actions/remove-customer", Map.of("customer_id", vip)).expect(204);
        assertThat(names(admin().get("/customers/" + vip + "/recommendation-records")))
                .containsExactlyInAnyOrder("Loyalty tips", "Ski service", "Members' corner");
    }

    @Test
    void aHintTargetMustNameAnExistingSegmentOrStatus() {
        importProject("test-loyalty.yaml");
        importProject("test-statuses.yaml");
        assertThatThrownBy(() -> importProject("test-hints-bad-segment.yaml"))
                .hasMessageContaining("no_such_segment");
        assertThatThrownBy(() -> importProject("test-hints-bad-status.yaml")).hasMessageContaining("platinum");
    }

    static java.util.List<String> names(Api.Response answer) {
        java.util.List<String> names = new java.util.ArrayList<>();
        answer.expect(200).data().path("recommendations").forEach(h -> names.add(h.path("name").asString()));
        return names;
    }

    @Test
    void audiencesAreForTheEnterpriseApiOnly() {
        JsonNode all = admin().get("/audiences").expect(200).data();
        assertThat(all.path("total_items").asInt()).isEqualTo(2);
        assertThat(admin().get("/audiences", "communication_channel_id", "2").expect(200).data().path("audiences")
                .get(0).path("name").asString()).isEqualTo("SMS fans");
        assertThat(admin().get("/audiences", "name", "reader").expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
        String newsletter = Ids.stable("audience", "newsletter");
        assertThat(admin().get("/audiences/" + newsletter).expect(200).data().path("communication_channel_id")
                .asString()).isEqualTo("1");
        admin().get("/audiences/nope").expect(404);
        Api app = customer().bearer(customerToken("phone-1"));
        assertThat(app.get("/audiences").expect(403).error().path("type").asString())
                .isEqualTo("interface_not_allowed_exception");
        app.get("/audiences/" + newsletter).expect(403);
    }

    @Test
    void engagementSetupsAreServedAsConfiguredAndNeverHoldCredentials() {
        String eshop = Ids.stable("customer_engagement_setup", "eshop");
        JsonNode setup = customer().bearer(customerToken("web-1")).get("/customer-engagement-setups/" + eshop)
                .expect(200).data();
        assertThat(Api.JSON.readTree(setup.path("setup").asString()).path("cookie_days").asInt()).isEqualTo(30);
        assertThat(admin().get("/customer-engagement-setups").expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
        admin().get("/customer-engagement-setups/nope").expect(404);
        assertThatThrownBy(() -> HintImport.refuseCredentials(Api.JSON.readTree(
                "{\"tracking\": {\"api_key\": \"x\"}}"), "setup")).hasMessageContaining("api_key");
    }
}
