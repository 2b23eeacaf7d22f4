package io.patron.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** The demo project imports cleanly (again over itself: imports are idempotent) and its documented credentials work. */
class DemoProjectTest extends ApiTest {

    @Autowired
    ProjectImporter importer;

    @BeforeEach
    void importDemo() {
        assertThat(ProjectImporter.demoFiles()).isNotEmpty();
        ProjectImporter.demoFiles().forEach(file -> importer.apply(ProjectFile.load(file)));
    }

    @Test
    void demoUsersLogInThroughTheDemoApplications() {
        enterprise().post("/users/actions/login", Map.of("user_external_application_id", "demo-enterprise-app",
                "login", "demo@patron.local", "password", "demo-password")).expect(200);
        enterprise().post("/users/actions/login", Map.of("user_external_application_id", "demo-enterprise-app",
                "login", "cashier@patron.local", "password", "cashier-password")).expect(200);
        customer().post("/tokens", Map.of(
                "device", Map.of("device_id", "demo-phone", "device_system", "iOS", "device_name", "iPhone",
                        "device_type", "phone"),
                "setup", Map.of("language_id", "cs", "allowed_gps", true, "allowed_notifications", true),
                "external_application_id", "demo-customer-app")).expect(201);
    }

    @Test
    void demoAgreementsFollowTheDefaultOnesEachForItsChannel() {
        JsonNode agreements = admin().get("/agreements").expect(200).data().path("agreements");
        assertThat(agreements.size()).isEqualTo(7);
        assertThat(agreements.get(0).path("agreement_id").asString()).isEqualTo("agreement_gtc");
        assertThat(agreements.get(5).path("text_id").asString()).isEqualTo("sms_flash_sales");
        assertThat(agreements.get(6).path("text_id").asString()).isEqualTo("nearby_store_offers");
        JsonNode bySms = admin().header("Accept-Language", "cs").get("/agreements", "communication_channel_id", "2")
                .expect(200).data().path("agreements");
        assertThat(bySms.size()).isEqualTo(1);
        assertThat(bySms.get(0).path("name").asString()).isEqualTo("Bleskové slevy v SMS");
        assertThat(bySms.get(0).path("text").asString()).contains("Patron Club");
    }

    @Test
    void demoCustomersAreFoundByEmailAndByTheirErpNumberOnce() {
        importDemo();
        String source = Ids.stable("customer_source", "import");
        JsonNode records = admin().get("/customer-source-records", "customer_source_id", source, "count", "1")
                .expect(200).data();
        // Imported twice, yet each of the 300 customers once.
        assertThat(records.path("total_items").asLong()).isEqualTo(300);

        JsonNode first = admin().get("/customer-source-records", "customer_source_id", source,
                "external_id", "ERP-000001").expect(200).data().path("customer_source_records");
        assertThat(first.size()).isEqualTo(1);
        String id = first.get(0).path("customer_id").asString();
        JsonNode person = admin().get("/customers/" + id).expect(200).data().path("personal_information");
        String email = person.path("email").asString();
        assertThat(email).endsWith("@demo.patron.local");
        assertThat(person.path("phone").asString()).startsWith("420");
        assertThat(person.path("birthdate").asString()).isNotBlank();
        assertThat(person.path("address").path("city").asString()).isNotBlank();

        JsonNode byEmail = admin().get("/customers", "email", email).expect(200).data().path("customers");
        assertThat(byEmail.size()).isEqualTo(1);
        assertThat(byEmail.get(0).path("customer_id").asString()).isEqualTo(id);
        assertThat(admin().get("/customers/" + id + "/cards").expect(200).data().path("cards").size()).isEqualTo(1);
        JsonNode properties = admin().get("/customers/" + id + "/property-records").expect(200).data()
                .path("property_records");
        assertThat(properties.size()).isEqualTo(2);

        String fifth = admin().get("/customer-source-records", "customer_source_id", source,
                "external_id", "ERP-000005").expect(200).data().path("customer_source_records").get(0)
                .path("customer_id").asString();
        assertThat(admin().get("/customers/" + fifth + "/cards").expect(200).data().path("cards").size()).isZero();
    }

    @Autowired
    io.patron.events.OutboxPoller poller;

    @Test
    void demoCustomersShareReferralCodesThatWelcomeTheirFriends() {
        String source = Ids.stable("customer_source", "import");
        String member = admin().get("/customer-source-records", "customer_source_id", source,
                "external_id", "ERP-000001").expect(200).data().path("customer_source_records").get(0)
                .path("customer_id").asString();
        JsonNode referral = admin().get("/customers/" + member + "/referrals").expect(200).data().path("referrals")
                .get(0);
        String code = referral.path("code").asString();
        assertThat(code).startsWith("PATRON-").hasSize("PATRON-".length() + 8);
        assertThat(referral.path("referral_campaign_id").asString())
                .isEqualTo(Ids.stable("referral_campaign", "bring_a_friend"));
        assertThat(referral.path("valid_to").asString()).isNotBlank();
        assertThat(admin().get("/customers/" + member + "/referrals", "referral_campaign_id",
                Ids.stable("referral_campaign", "spring_friends")).expect(200).data().path("referrals").get(0)
                .path("code").asString()).startsWith("SPRING-");

        Map<String, Object> info = Map.of("first_name", "Petra", "last_name", "Friend", "email", "petra@example.com",
                "language_id", "en");
        String friend = admin().post("/customers", Map.of("customer", Map.of("personal_information", info),
                "customer_source", Map.of("customer_source_id", Ids.stable("customer_source", "eshop")),
                "autologin", false, "referral_code", code)).expect(201).data().path("customer_id").asString();
        assertThat(admin().get("/customers/" + friend + "/related-customers").expect(200).data()
                .path("related_customers").get(0).path("related_customer_id").asString()).isEqualTo(member);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            poller.drain();
            // besides the welcome scenario's voucher of every new customer
            assertThat(admin().get("/customers/" + friend + "/vouchers").expect(200).data().path("vouchers")
                    .valueStream().map(v -> v.path("reward").path("reward_id").asString()))
                    .contains(Ids.stable("reward", "FRIEND-WELCOME"));
        });
        assertThat(admin().get("/customers/" + friend + "/points").expect(200).data().path("points").get(0)
                .path("assigned_points").decimalValue()).isEqualByComparingTo("50");
    }
}
