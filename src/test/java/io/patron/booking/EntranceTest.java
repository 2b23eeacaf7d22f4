package io.patron.booking;

import static io.patron.booking.BookingTest.ids;
import static io.patron.booking.BookingTest.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Charged entrances: recorded from the POS inbox and the project file, corrected, listed and summed up. */
class EntranceTest extends ApiTest {

    static final String GOLD = "8bed991c68a470e7aaeffbf048";

    @Autowired
    EntranceImport inbox;

    @Autowired
    MutableClock clock;

    @TempDir
    Path dir;

    String jana;
    String petr;
    String janasCard;
    String petrsCard;

    @BeforeEach
    void cards() {
        importProject("test-cards.yaml");
        Api admin = admin();
        jana = newCustomer(admin, "jana@example.com");
        petr = newCustomer(admin, "petr@example.com");
        janasCard = newCard(admin, "77001", jana);
        petrsCard = newCard(admin, "77002", petr);
    }

    static String newCard(Api admin, String number, String customerId) {
        Map<String, Object> card = new HashMap<>();
        card.put("card_number", number);
        card.put("card_type_id", GOLD);
        card.put("state", 1);
        card.put("customer_id", customerId);
        return admin.post("/cards", Map.of("card", card)).expect(201).data().path("card_id").asString();
    }

    int recordFromInbox(String... lines) throws Exception {
        Files.write(dir.resolve("pos-" + System.nanoTime() + ".jsonl"), List.of(lines), StandardCharsets.UTF_8);
        return inbox.importDirectory(dir);
    }

    String entrance(Api admin, String externalId) {
        return admin.get("/entrances", "external_entrance_id", externalId).expect(200).data().path("entrances").get(0)
                .path("entrance_id").asString();
    }

    @Test
    void entrancesArriveThroughTheInboxAndAreListedCorrectedAndSummedUp() throws Exception {
        LocalDate today = LocalDate.now(clock);
        String day = "{\"pos_id\": 6, \"external_entrance_id\": \"SKI-1\", \"card_number\": \"77001\","
                + " \"name\": \"One day pass\", \"resort_name\": \"Špindl\", \"entrance_type_id\": 1,"
                + " \"charged_price\": 45.5, \"product_ids\": [\"p1\", \"p2\"], \"charge_date\": \"" + today + " 08:00:00\","
                + " \"valid_from\": \"" + today + "\", \"valid_to\": \"" + today + "\", \"customer_category_name\": \"Adult\","
                + " \"usages\": [{\"date\": \"" + today + "\", \"distance_km\": 32.5, \"elevation_m\": 4100}]}";
        String season = "{\"pos_id\": 6, \"external_entrance_id\": \"SKI-2\", \"card_id\": \"" + janasCard + "\","
                + " \"name\": \"Season pass\", \"entrance_type_id\": 0, \"valid_from\": \"" + today.minusDays(30) + "\","
                + " \"valid_to\": \"" + today.minusDays(1) + "\", \"usages\": [{\"date\": \"" + today.minusDays(3)
                + "\", \"distance_km\": 10, \"elevation_m\": 900}, {\"date\": \"" + today.minusDays(2)
                + "\", \"distance_km\": 12.25}]}";
        String cancelled = "{\"pos_id\": 9, \"external_entrance_id\": \"AX-1\", \"card_number\": \"77002\","
                + " \"entrance_type_id\": 2, \"state\": 0, \"valid_from\": \"" + today + "\", \"valid_to\": \""
                + today.plusDays(2) + "\"}";
        assertThat(recordFromInbox(day, season, cancelled, "{\"pos_id\": 6, \"external_entrance_id\": \"X\","
                + " \"card_number\": \"nobody\"}", "not json")).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("done").resolve(Files.list(dir.resolve("done"))
                .filter(p -> p.toString().endsWith(".errors")).findFirst().orElseThrow().getFileName())))
                .hasSize(2);
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".jsonl")).count()).isZero();

        Api admin = admin();
        String ski1 = entrance(admin, "SKI-1");
        JsonNode one = admin.get("/entrances/" + ski1).expect(200).data();
        assertThat(one.path("customer_id").asString()).isEqualTo(jana);
        assertThat(one.path("card_id").asString()).isEqualTo(janasCard);
        assertThat(one.path("charged_price").asDouble()).isEqualTo(45.5);
        assertThat(one.path("product_ids").asString()).isEqualTo("p1,p2");
        assertThat(one.path("valid_from").asString()).isEqualTo(today.toString());
        assertThat(one.path("state").asInt()).isEqualTo(1);
        admin.get("/entrances/nope").expect(404);

        assertThat(admin.get("/entrances").expect(200).data().path("total_items").asInt()).isEqualTo(3);
        assertThat(ids(admin.get("/entrances", "pos_id", "9"), "entrances", "external_entrance_id"))
                .containsExactly("AX-1");
        assertThat(ids(admin.get("/entrances", "is_cancelled", "true"), "entrances", "external_entrance_id"))
                .containsExactly("AX-1");
        assertThat(ids(admin.get("/entrances", "is_valid", "true", "is_cancelled", "false"), "entrances",
                "external_entrance_id")).containsExactly("SKI-1");
        assertThat(ids(admin.get("/entrances", "customer_id", jana, "entrance_type_id", "0"), "entrances",
                "external_entrance_id")).containsExactly("SKI-2");
        assertThat(ids(admin.get("/entrances", "card_id", petrsCard), "entrances", "external_entrance_id"))
                .containsExactly("AX-1");
        assertThat(ids(admin.get("/entrances", "product_id", "p2"), "entrances", "external_entrance_id"))
                .containsExactly("SKI-1");
        assertThat(ids(admin.get("/entrances", "valid_from", today.plusDays(1).toString()), "entrances",
                "external_entrance_id")).containsExactly("AX-1");
        assertThat(ids(admin.get("/entrances", "name", "season", "resort_name", "pindl"), "entrances",
                "external_entrance_id")).isEmpty();
        assertThat(admin.get("/entrances", "pos_id", "5").expect(400).invalidParams())
                .containsExactly("pos_id:not_allowed_value");
        assertThat(admin.get("/entrances", "valid_to", "tomorrow").expect(400).invalidParams())
                .containsExactly("valid_to:invalid_value_format");

        // overview over the validity range; the POS reporting the same entrance again updates it
        JsonNode overview = admin.get("/entrances/actions/overview").expect(200).data();
        assertThat(overview.path("sold_entrances").asInt()).isEqualTo(3);
        assertThat(overview.path("active_entrances").asInt()).isEqualTo(2);
        assertThat(overview.path("canceled_entrances").asInt()).isEqualTo(1);
        assertThat(overview.path("deactivated_entrances").asInt()).isZero();
        assertThat(admin.get("/entrances/actions/overview", "valid_from", today.toString(), "pos_id", "6")
                .expect(200).data().path("sold_entrances").asInt()).isEqualTo(1);
        assertThat(admin.get("/entrances/actions/overview", "pos_id", "7").expect(400).invalidParams())
                .containsExactly("pos_id:not_allowed_value");
        recordFromInbox(day.replace("45.5", "40"));
        assertThat(admin.get("/entrances/" + ski1).expect(200).data().path("charged_price").asDouble())
                .isEqualTo(40.0);
        assertThat(admin.get("/entrances").expect(200).data().path("total_items").asInt()).isEqualTo(3);

        // PUT deactivates in Patron (and reactivates); what the POS cancelled stays cancelled
        admin.put("/entrances/" + ski1, Map.of("entrance", Map.of("entrance_id", ski1, "pos_id", 6, "state", 0,
                "entrance_type_id", 2, "card_id", "ignored"))).expect(204);
        one = admin.get("/entrances/" + ski1).expect(200).data();
        assertThat(one.path("state").asInt()).isZero();
        assertThat(one.path("entrance_type_id").asInt()).isEqualTo(2);
        assertThat(one.has("cancelled_at")).isTrue();
        assertThat(admin.get("/entrances/actions/overview").expect(200).data().path("deactivated_entrances").asInt())
                .isEqualTo(1);
        admin.put("/entrances/" + ski1, Map.of("entrance", Map.of("entrance_id", ski1, "pos_id", 6, "state", 1)))
                .expect(204);
        assertThat(admin.get("/entrances/" + ski1).expect(200).data().has("cancelled_at")).isFalse();
        String ax1 = entrance(admin, "AX-1");
        assertThat(admin.put("/entrances/" + ax1, Map.of("entrance", Map.of("entrance_id", ax1, "pos_id", 9,
                "state", 1))).expect(400).invalidParams()).containsExactly("entrance.state:not_allowed_value");
        assertThat(admin.put("/entrances/" + ax1, Map.of("entrance", Map.of("entrance_id", ski1, "pos_id", 6,
                "state", 0))).expect(400).invalidParams())
                .containsExactly("entrance.entrance_id:not_allowed_value", "entrance.pos_id:not_allowed_value");
        assertThat(admin.put("/entrances/" + ax1, Map.of("entrance", Map.of("entrance_id", ax1, "pos_id", 9)))
                .expect(400).invalidParams()).containsExactly("entrance.state:required");
        admin.put("/entrances/nope", Map.of("entrance", Map.of("entrance_id", "nope", "pos_id", 9, "state", 1)))
                .expect(404);

        // statistics: distance, elevation and days of use of the customer's active entrances
        JsonNode stats = admin.get("/entrances/actions/customer-stats", "customer_id", jana).expect(200).data();
        assertThat(stats.path("distance").asDouble()).isEqualTo(54.75);
        assertThat(stats.path("elevation").asDouble()).isEqualTo(5000.0);
        assertThat(stats.path("skier_days").asInt()).isEqualTo(3);
        assertThat(stats.path("ski_achievement_text_id").asString()).isEqualTo("skier_days_1");
        JsonNode none = admin.get("/entrances/actions/customer-stats", "customer_id", petr).expect(200).data();
        assertThat(none.path("skier_days").asInt()).isZero();
        assertThat(none.has("ski_achievement_text_id")).isFalse();
        assertThat(admin.get("/entrances/actions/customer-stats").expect(400).invalidParams())
                .containsExactly("customer_id:required");
        admin.get("/entrances/actions/customer-stats", "customer_id", "nobody").expect(404);
    }

    @Test
    void theProjectFileRecordsEntrancesToo() {
        importProject("test-entrances.yaml");
        Api admin = admin();
        assertThat(ids(admin.get("/entrances", "customer_id", jana), "entrances", "external_entrance_id"))
                .containsExactly("EPOS-7");
        importProject("test-entrances.yaml");
        assertThat(admin.get("/entrances").expect(200).data().path("total_items").asInt()).isEqualTo(1);
    }

    @Test
    void aCustomerSeesOnlyTheirOwnEntrances() throws Exception {
        Api app = customer().bearer(customerToken("phone-1"));
        Map<String, Object> signUp = new HashMap<>();
        signUp.put("customer", Map.of("personal_information", Map.of("first_name", "Me", "last_name", "Myself",
                "email", "me@example.com", "language_id", "cs")));
        signUp.put("customer_source", Map.of("customer_source_id", BookingTest.ESHOP));
        signUp.put("autologin", true);
        signUp.put("password", "S3cret-pass");
        String me = app.post("/customers", signUp).expect(201).data().path("customer_id").asString();
        Api admin = admin();
        newCard(admin, "77009", me);
        recordFromInbox("{\"pos_id\": 3, \"external_entrance_id\": \"MINE\", \"card_number\": \"77009\"}",
                "{\"pos_id\": 3, \"external_entrance_id\": \"THEIRS\", \"card_number\": \"77002\"}");
        String mine = entrance(admin, "MINE");
        String theirs = entrance(admin, "THEIRS");

        assertThat(ids(app.get("/entrances"), "entrances", "entrance_id")).containsExactly(mine);
        assertThat(ids(app.get("/entrances", "customer_id", petr), "entrances", "entrance_id")).isEmpty();
        app.get("/entrances/" + mine).expect(200);
        assertThat(app.get("/entrances/" + theirs).expect(400).invalidParams())
                .containsExactly("entrance_id:not_belong_to_logged_in_customer");
        app.get("/entrances/actions/customer-stats", "customer_id", me).expect(200);
        assertThat(app.get("/entrances/actions/customer-stats", "customer_id", petr).expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        app.get("/entrances/actions/overview").expect(403);
        app.put("/entrances/" + mine, Map.of("entrance", Map.of("entrance_id", mine, "pos_id", 3, "state", 0)))
                .expect(403);
        assertThat(admin.get("/entrances/" + mine).expect(200).data().path("state").asInt()).isEqualTo(1);
    }
}
