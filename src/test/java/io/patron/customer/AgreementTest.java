package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import tools.jackson.databind.JsonNode;

/**
 * Consent definitions ({@code /agreements}: the standard three and the project's own, with texts and channel) and
 * the consents of the newsletter sign-up.
 */
class AgreementTest extends ApiTest {

    @Autowired
    CustomerActionService actions;

    @Autowired
    MutableClock clock;

    @Autowired
    ProjectImporter importer;

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

    private static ProjectFile project(Path dir, String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "project", ".yaml");
        Files.writeString(file, yaml);
        return ProjectFile.load(file.toString());
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
    void theThreeStandardConsentsAreListedFirstWithTheirFieldNamesAsIds() {
        Api.Response list = admin().get("/agreements").expect(200);
        assertThat(values(list, "agreement_id").subList(0, 3)).containsExactly(CustomerActionService.GTC,
                CustomerActionService.MARKETING, CustomerActionService.PROFILING);
        assertThat(values(list, "text_id").subList(0, 3)).containsExactly(CustomerActionService.GTC,
                CustomerActionService.MARKETING, CustomerActionService.PROFILING);
        assertThat(values(list, "name").subList(0, 3))
                .containsExactly("Processing of personal data", "Marketing communication", "Profiling");
        JsonNode gtc = admin().header("Accept-Language", "cs").get("/agreements/agreement_gtc").expect(200).data();
        assertThat(gtc.path("name").asString()).isEqualTo("Zpracování osobních údajů");
        assertThat(gtc.path("text").asString()).startsWith("<h1>Souhlas se zpracováním osobních údajů</h1>");
        assertThat(gtc.has("communication_channel_id")).as("covers no single channel").isFalse();
        assertThat(admin().get("/agreements/agreement_marketing_communication").expect(200).data()
                .path("withdrawal_text").asString()).startsWith("<h1>Withdrawal of consent to marketing communication");
    }

    @Test
    void textsFollowAcceptLanguage() {
        Api en = admin();
        Api cs = admin().header("Accept-Language", "cs, en-gb;q=0.8");
        JsonNode english = en.get("/agreements/sms_club").expect(200).data();
        assertThat(english.path("text").asString()).isEqualTo("<p>Send me club news by SMS.</p>");
        assertThat(english.path("withdrawal_text").asString()).isEqualTo("<p>No more SMS, please.</p>");
        JsonNode czech = cs.get("/agreements/sms_club").expect(200).data();
        assertThat(czech.path("text").asString()).isEqualTo("<p>Posílejte mi novinky klubu v SMS.</p>");
        assertThat(czech.path("withdrawal_text").asString()).isEqualTo("<p>Už žádné SMS, prosím.</p>");
        // the list shows the same texts as the detail, in the same language
        Api.Response list = cs.get("/agreements", "text_id", "sms_club").expect(200);
        assertThat(list.data().path("agreements").get(0)).isEqualTo(czech);
        String newsletter = en.get("/agreements", "text_id", "loyalty_newsletter").expect(200).data()
                .path("agreements").get(0).path("agreement_id").asString();
        assertThat(cs.get("/agreements/" + newsletter).expect(200).data().path("withdrawal_text").asString())
                .isEqualTo("<p>Už nechci dostávat newsletter věrnostního klubu. Přihlásit se mohu kdykoli znovu.</p>");
        // texts sort like any first-level field
        List<String> ascending = values(en.get("/agreements", "sort_field", "text").expect(200), "text");
        List<String> descending = values(en.get("/agreements", "sort_field", "text", "sort_direction", "DESC")
                .expect(200), "text");
        assertThat(descending).hasSizeGreaterThan(3).containsExactlyElementsOf(ascending.reversed());
    }

    @Test
    void theListFiltersByCommunicationChannel() {
        String email = "1";
        String sms = "2";
        Api.Response byEmail = admin().get("/agreements", "communication_channel_id", email).expect(200);
        assertThat(values(byEmail, "text_id")).containsExactly("loyalty_newsletter", "partner_offers");
        assertThat(values(byEmail, "communication_channel_id")).containsOnly(email);
        assertThat(byEmail.data().path("total_items").asLong()).isEqualTo(2);

        Api.Response bySms = admin().get("/agreements", "communication_channel_id", sms).expect(200);
        assertThat(values(bySms, "agreement_id")).containsExactly("sms_club");
        assertThat(bySms.data().path("agreements").get(0).path("communication_channel_id").asString()).isEqualTo(sms);

        // combined with text_id (AND), and a channel no agreement covers
        assertThat(values(admin().get("/agreements", "communication_channel_id", email, "text_id", "sms_club")
                .expect(200), "agreement_id")).isEmpty();
        Api.Response viber = admin().get("/agreements", "communication_channel_id", "9").expect(200);
        assertThat(viber.data().path("agreements").size()).isZero();
        assertThat(viber.data().path("total_items").asLong()).isZero();
        // an id that is no channel at all matches nothing either, like any exact filter
        Api.Response unknown = admin().get("/agreements", "communication_channel_id", "no-such-channel").expect(200);
        assertThat(unknown.data().path("total_items").asLong()).isZero();
    }

    @Test
    void aChannelIsNamedByItsTextIdAndAnUnknownOneStopsTheImport(@TempDir Path dir) throws IOException {
        String before = admin().get("/agreements/sms_club").expect(200).body();
        assertThatThrownBy(() -> importer.apply(project(dir, """
                agreements:
                  - text_id: fax_offers
                    name: Offers by fax
                  - text_id: sms_club
                    name: { en: SMS club, cs: SMS klub }
                    communication_channel: fax
                """))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Section 'agreements'").hasMessageContaining("item 2")
                .hasMessageContaining("communication_channel 'fax'").hasMessageContaining("known: email, sms");
        // nothing of the refused file is kept
        admin().get("/agreements", "text_id", "fax_offers").expect(200);
        assertThat(admin().get("/agreements", "text_id", "fax_offers").expect(200).data().path("total_items")
                .asLong()).isZero();
        assertThat(admin().get("/agreements/sms_club").expect(200).body()).isEqualTo(before);
        // an id is not a text id
        assertThatThrownBy(() -> importer.apply(project(dir, """
                agreements:
                  - text_id: sms_club
                    communication_channel: "2"
                """))).hasMessageContaining("communication_channel '2'");
    }

    @Test
    void aLaterFileKeepsTextsAndChannelItLeavesOutAndMovesTheLastChangeOnlyOnAChange(@TempDir Path dir)
            throws IOException {
        JsonNode first = admin().get("/agreements/sms_club").expect(200).data();
        clock.advance(Duration.ofHours(1));
        importProject("test-agreements.yaml");
        assertThat(admin().get("/agreements/sms_club").expect(200).data()).as("the same file again").isEqualTo(first);

        importer.apply(project(dir, """
                agreements:
                  - id: sms_club
                    text_id: sms_club
                    position: 10
                    name: { en: SMS club, cs: SMS klub }
                """));
        assertThat(admin().get("/agreements/sms_club").expect(200).data())
                .as("a rename that repeats only the name keeps texts and channel").isEqualTo(first);

        importer.apply(project(dir, """
                agreements:
                  - id: sms_club
                    text_id: sms_club
                    position: 10
                    name: { en: SMS club, cs: SMS klub }
                    communication_channel: viber
                """));
        JsonNode moved = admin().get("/agreements/sms_club").expect(200).data();
        assertThat(moved.path("communication_channel_id").asString()).isEqualTo("9");
        assertThat(moved.path("last_change").asString()).isNotEqualTo(first.path("last_change").asString());
        assertThat(moved.path("text").asString()).isEqualTo(first.path("text").asString());

        clock.advance(Duration.ofHours(1));
        importer.apply(project(dir, """
                agreements:
                  - id: sms_club
                    text_id: sms_club
                    position: 10
                    name: { en: SMS club, cs: SMS klub }
                    withdrawal_text: { cs: "<p>Odhlašuji se z SMS klubu.</p>" }
                """));
        JsonNode reworded = admin().header("Accept-Language", "cs").get("/agreements/sms_club").expect(200).data();
        assertThat(reworded.path("withdrawal_text").asString()).isEqualTo("<p>Odhlašuji se z SMS klubu.</p>");
        assertThat(reworded.path("last_change").asString()).isNotEqualTo(moved.path("last_change").asString());
        assertThat(admin().get("/agreements/sms_club").expect(200).data().path("withdrawal_text").asString())
                .as("the language not given keeps its text").isEqualTo("<p>No more SMS, please.</p>");
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
    void theSignUpChecksConsentValues() {
        Map<String, Object> bad = Map.of("contact", "values@example.com", "customer_source_id", ESHOP,
                "agreements", Map.of("agreement_gtc", 3, "custom_agreements", List.of(
                        Map.of("agreement_id", "sms_club", "agreement_value", -1), Map.of("agreement_id", "sms_club"))));
        assertThat(admin().post("/customers/actions/newsletters-sign-up", bad).expect(400).invalidParams())
                .containsExactlyInAnyOrder("agreements.agreement_gtc:not_allowed_value",
                        "agreements.custom_agreements[0].agreement_value:not_allowed_value",
                        "agreements.custom_agreements[1].agreement_value:required");
        assertThat(admin().get("/customers", "email", "values@example.com").expect(200).data()
                .path("total_items").asLong()).isZero();
        // a standard consent is an /agreements item, so a custom agreement may name it too
        Map<String, Object> standard = Map.of("contact", "standard@example.com", "customer_source_id", ESHOP,
                "agreements", Map.of("custom_agreements", List.of(
                        Map.of("agreement_id", CustomerActionService.PROFILING, "agreement_value", 1))));
        admin().post("/customers/actions/newsletters-sign-up", standard).expect(204);
        String customerId = admin().get("/customers", "email", "standard@example.com").expect(200).data()
                .path("customers").get(0).path("customer_id").asString();
        assertThat(actions.consent(customerId, CustomerActionService.PROFILING).orElseThrow().value()).isEqualTo(1);
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
