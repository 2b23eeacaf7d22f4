package io.patron.automation;

import static io.patron.automation.AutomationFixtures.event;
import static io.patron.automation.AutomationFixtures.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import mockwebserver3.RecordedRequest;

import tools.jackson.databind.JsonNode;

import io.patron.common.WebhookSignatures;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Events delivered to webhook endpoints: signed, retried with backoff, dead letters replayed by an operator. */
class WebhookTest extends ApiTest {

    static final String SECRET = "test-webhook-secret-0123456789";

    @Autowired
    ProjectImporter importer;
    @Autowired
    MutableClock clock;
    @Autowired
    WebhookService webhooks;

    WebhookReceiver receiver;
    String jana;

    /** Adds a webhook endpoint for the event types, pointing at the receiver (written as a project file). */
    static void addEndpoint(ProjectImporter importer, String id, String url, String eventTypes) throws Exception {
        Path file = Files.createTempFile("patron-webhooks", ".yaml");
        Files.writeString(file, "webhooks:\n  - id: " + id + "\n    url: " + url + "\n    secret: " + SECRET
                + "\n    event_types: " + eventTypes + "\n");
        try {
            importer.apply(ProjectFile.load("file:" + file));
        } finally {
            Files.delete(file);
        }
    }

    @BeforeEach
    void endpoint() throws Exception {
        importProject("test-automation.yaml");
        receiver = new WebhookReceiver();
        addEndpoint(importer, "crm", receiver.url(), "[store_visit]");
        jana = newCustomer(admin(), "jana@example.com", "Jana");
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private JsonNode deliveries(String state) {
        return operator().get("/admin/webhooks/deliveries", "state", state).expect(200).data();
    }

    /** The operators' endpoints, outside the CareCloud paths. */
    private Api operator() {
        return Api.root(port).bearer(loginToken(LOGIN, PASSWORD));
    }

    @Test
    void anEventOfAConfiguredTypeArrivesSignedOnce() throws Exception {
        String id = admin().post("/events", event("store_visit", jana, "v1", Map.of(), "visited_store", "Praha"))
                .expect(201).data().path("event_id").asString();
        admin().post("/events", event("order_completed", jana, "o1", Map.of())).expect(201);
        await().atMost(ScenarioTest.WAIT).until(() -> receiver.received().size() == 1
                && deliveries("delivered").path("total_items").asInt() == 1);
        RecordedRequest request = receiver.received().getFirst();
        String body = request.getBody().utf8();
        String timestamp = request.getHeaders().get("Patron-Webhook-Timestamp");
        assertThat(request.getHeaders().get("Patron-Webhook-Signature"))
                .isEqualTo(WebhookSignatures.sign(SECRET, Long.parseLong(timestamp), body))
                .isNotEqualTo(WebhookSignatures.sign("another-secret-0123456789", Long.parseLong(timestamp), body));
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode json = Api.JSON.readTree(body);
        assertThat(json.path("type").asString()).isEqualTo("event.recorded");
        assertThat(json.path("event").path("event_id").asString()).isEqualTo(id);
        assertThat(json.path("event").path("event_type").asString()).isEqualTo("store_visit");
        assertThat(json.path("event").path("property_records").get(0).path("property_value").asString())
                .isEqualTo("Praha");
        // the order is not a type of the endpoint: nothing else arrives, even after another pass
        webhooks.sendDue();
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheDeliveryLaterOnce() {
        receiver.answer(500, 503, 500);
        admin().post("/events", event("store_visit", jana, "v1", Map.of())).expect(201);
        await().atMost(ScenarioTest.WAIT).until(() -> receiver.received().size() == 1);
        // backoff: 30 s, 60 s, 120 s on the project clock
        for (int attempt = 2; attempt <= 4; attempt++) {
            clock.advance(Duration.ofSeconds(30L << (attempt - 2)).plusSeconds(1));
            webhooks.sendDue();
            int expected = attempt;
            await().atMost(ScenarioTest.WAIT).until(() -> receiver.received().size() == expected);
        }
        JsonNode delivered = deliveries("delivered");
        assertThat(delivered.path("total_items").asInt()).isEqualTo(1);
        assertThat(delivered.path("deliveries").get(0).path("attempts").asInt()).isEqualTo(4);
        List<String> ids = receiver.received().stream().map(r -> r.getHeaders().get("Patron-Webhook-Id")).distinct()
                .toList();
        assertThat(ids).hasSize(1);
        clock.advance(Duration.ofHours(24));
        webhooks.sendDue();
        assertThat(receiver.received()).hasSize(4);
    }

    @Test
    void aDeliveryGivenUpIsADeadLetterAnOperatorReplays() {
        receiver.afterwards(500);
        admin().post("/events", event("store_visit", jana, "v1", Map.of())).expect(201);
        await().atMost(ScenarioTest.WAIT).until(() -> receiver.received().size() == 1);
        while (deliveries("dead").path("total_items").asInt() == 0) {
            clock.advance(Duration.ofHours(7));
            webhooks.sendDue();
        }
        assertThat(receiver.received()).hasSize(8);
        JsonNode dead = deliveries("dead").path("deliveries").get(0);
        assertThat(dead.path("last_status").asInt()).isEqualTo(500);
        String id = dead.path("delivery_id").asString();

        receiver.afterwards(200);
        Api.root(port).post("/admin/webhooks/deliveries/" + id + "/actions/replay", Map.of()).expect(401);
        operator().post("/admin/webhooks/deliveries/" + id + "/actions/replay", Map.of()).expect(204);
        await().atMost(ScenarioTest.WAIT).until(() -> deliveries("delivered").path("total_items").asInt() == 1);
        assertThat(receiver.received()).hasSize(9);
        assertThat(operator().post("/admin/webhooks/deliveries/" + id + "/actions/replay", Map.of()).expect(400)
                .invalidParams()).containsExactly("delivery_id:not_allowed_value");
        operator().post("/admin/webhooks/deliveries/nope/actions/replay", Map.of()).expect(404);
        assertThat(operator().get("/admin/webhooks/deliveries", "state", "lost").expect(400).invalidParams())
                .containsExactly("state:not_allowed_value");
    }

    @Test
    void onlyHttpsReceiversOrLocalOnesInTheSandbox() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> addEndpoint(importer, "plain",
                "http://example.com/hook", "['*']")).hasMessageContaining("https");
    }
}
