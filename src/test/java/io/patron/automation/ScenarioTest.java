package io.patron.automation;

import static io.patron.automation.AutomationFixtures.cart;
import static io.patron.automation.AutomationFixtures.event;
import static io.patron.automation.AutomationFixtures.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import mockwebserver3.RecordedRequest;

import tools.jackson.databind.JsonNode;

import io.patron.common.WebhookSignatures;
import io.patron.config.ProjectImporter;
import io.patron.events.DomainEvent;
import io.patron.events.EventType;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import io.patron.support.TestSmtp;

/**
 * Scenarios end to end: started by events (posted and built-in), by the absence of a purchase after a cart event,
 * by birthdays; every step kind; retries of failing steps; redelivery running nothing twice; the run history.
 */
class ScenarioTest extends ApiTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(TestSmtp.PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    /** Deliveries and job passes are quick; a shared, loaded test machine is not. */
    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    MutableClock clock;
    @Autowired
    ScenarioRunner runner;
    @Autowired
    ScenarioRepository runs;
    @Autowired
    ProjectImporter importer;
    @Autowired
    TransactionTemplate transactions;

    WebhookReceiver receiver;

    @BeforeEach
    void project() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        importProject("test-automation.yaml");
        receiver = new WebhookReceiver();
        WebhookTest.addEndpoint(importer, "crm", receiver.url(), "[order_completed]");
        importProject("test-automation-visits.yaml");
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private List<MimeMessage> mailTo(String email) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(email);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The operators' endpoints, outside the CareCloud paths. */
    private Api operator() {
        return Api.root(port).bearer(loginToken(LOGIN, PASSWORD));
    }

    private JsonNode runsOf(String scenario, String customerId) {
        List<String> query = new java.util.ArrayList<>(List.of("scenario_id", scenario));
        if (customerId != null) {
            query.addAll(List.of("customer_id", customerId));
        }
        return operator().get("/admin/automation/runs", query.toArray(String[]::new)).expect(200).data();
    }

    private JsonNode onlyRun(String scenario, String customerId) {
        JsonNode data = runsOf(scenario, customerId);
        assertThat(data.path("total_items").asInt()).isEqualTo(1);
        return data.path("runs").get(0);
    }

    /** Delivers the "event recorded" outbox entry of an event to the runner again, as a redelivery would. */
    private void redeliver(String eventId, String customerId) {
        DomainEvent event = new DomainEvent("redelivered-" + eventId, EventType.EVENT_RECORDED, eventId,
                OffsetDateTime.now(clock), Api.JSON.valueToTree(Map.of("event_id", eventId, "customer_id", customerId)));
        transactions.executeWithoutResult(s -> runner.onEvent(event));
    }

    @Test
    void aNewCustomerGetsTheWelcomeEmail() throws Exception {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        await().atMost(WAIT).until(() -> mailTo("jana@example.com").size() == 1);
        MimeMessage welcome = mailTo("jana@example.com").getFirst();
        assertThat(welcome.getSubject()).isEqualTo("Welcome, Jana");
        assertThat(welcome.getContent().toString()).contains("Hello Jana");
        assertThat(welcome.getFrom()[0].toString()).isEqualTo("noreply@patron.local");
        await().atMost(WAIT).until(() -> "done".equals(onlyRun("welcome", jana).path("state").asString()));
        JsonNode run = onlyRun("welcome", jana);
        assertThat(run.path("steps").get(0).path("kind").asString()).isEqualTo("send_email");
        assertThat(run.path("steps").get(0).path("outcome").asString()).isEqualTo("done");

        // a customer who does not meet the conditions gets no run
        String nobody = newCustomer(admin(), "nobody@example.com", "Nobody");
        String created = AutomationFixtures.typeId(EventType.CUSTOMER_CREATED);
        await().atMost(WAIT).until(() -> admin().get("/customers/" + nobody + "/events", "event_type_id", created)
                .expect(200).data().path("total_items").asInt() == 1);
        String createdEvent = admin().get("/customers/" + nobody + "/events", "event_type_id", created).expect(200)
                .data().path("customer_events").get(0).path("event_id").asString();
        redeliver(createdEvent, nobody);
        assertThat(runsOf("welcome", nobody).path("total_items").asInt()).isZero();
    }

    @Test
    void anAbandonedCartIsRemindedAfterAnHourWithoutPurchase() {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        String petr = newCustomer(admin(), "petr@example.com", "Petr");
        String eva = newCustomer(admin(), "eva@example.com", "Eva");
        String janasCart = admin().post("/events", cart(jana, "cart-1", 149.9)).expect(201).data().path("event_id").asString();
        admin().post("/events", cart(petr, "cart-2", 300)).expect(201);
        String evasCart = admin().post("/events", cart(eva, "cart-3", 20)).expect(201).data().path("event_id").asString();
        await().atMost(WAIT).until(() -> runsOf("abandoned_cart", null).path("total_items").asInt() == 2);
        // a small cart does not meet the conditions
        redeliver(evasCart, eva);
        assertThat(runsOf("abandoned_cart", eva).path("total_items").asInt()).isZero();

        // Petr buys within the hour; nobody is reminded before it is over
        clock.advance(Duration.ofMinutes(30));
        admin().post("/events", event("order_completed", petr, "order-1", Map.of())).expect(201);
        runner.runDueSteps();
        assertThat(mailTo("jana@example.com").stream().map(ScenarioTest::subject)).noneMatch(s -> s.contains("cart"));
        assertThat(onlyRun("abandoned_cart", jana).path("state").asString()).isEqualTo("waiting");

        clock.advance(Duration.ofMinutes(31));
        await().atMost(WAIT).until(() -> mailTo("jana@example.com").stream()
                .map(ScenarioTest::subject).anyMatch(s -> s.equals("Your cart of 149.9 is waiting")));
        await().atMost(WAIT).until(() -> "skipped".equals(onlyRun("abandoned_cart", petr)
                .path("state").asString()));
        assertThat(mailTo("petr@example.com").stream().map(ScenarioTest::subject)).noneMatch(s -> s.contains("cart"));
        await().atMost(WAIT).until(() -> "done".equals(onlyRun("abandoned_cart", jana)
                .path("state").asString()));

        // a redelivered cart event starts nothing again, and a second pass sends nothing again
        redeliver(janasCart, jana);
        runner.runDueSteps();
        assertThat(runsOf("abandoned_cart", jana).path("total_items").asInt()).isEqualTo(1);
        assertThat(mailTo("jana@example.com").stream().map(ScenarioTest::subject)
                .filter(s -> s.contains("cart")).count()).isEqualTo(1);
    }

    @Test
    void aStepRecordedOnceIsNeverRunAgain() {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        await().atMost(WAIT).until(() -> "done".equals(runsOf("welcome", jana).path("runs")
                .path(0).path("state").asString()));
        String runId = onlyRun("welcome", jana).path("run_id").asString();
        // as if the node had crashed after the step committed, before the run moved on: the run is due at step 0 again
        OffsetDateTime now = OffsetDateTime.now(clock);
        transactions.executeWithoutResult(s -> runs.advance(runId, 0, now, false, ScenarioRepository.WAITING, now));
        runner.runDueSteps();
        assertThat(onlyRun("welcome", jana).path("state").asString()).isEqualTo("done");
        assertThat(mailTo("jana@example.com")).hasSize(1);
    }

    @Test
    void birthdaysAreGreetedOnceAYear() {
        LocalDate today = LocalDate.now(clock);
        String jana = newCustomer(admin(), "jana@example.com", "Jana", null, null, today.minusYears(30).toString());
        newCustomer(admin(), "petr@example.com", "Petr", null, null, today.minusYears(30).plusDays(2).toString());
        runner.startBirthdayRuns();
        await().atMost(WAIT).until(() -> mailTo("jana@example.com").stream()
                .map(ScenarioTest::subject).anyMatch("Happy birthday, Jana"::equals));
        runner.startBirthdayRuns();
        clock.advance(Duration.ofMinutes(5));
        runner.startBirthdayRuns();
        runner.runDueSteps();
        assertThat(runsOf("birthday", null).path("total_items").asInt()).isEqualTo(1);
        assertThat(onlyRun("birthday", jana).path("trigger_key").asString()).isEqualTo("birthday:" + today.getYear());
        assertThat(mailTo("petr@example.com").stream().map(ScenarioTest::subject)).noneMatch(s -> s.contains("birthday"));
    }

    @Test
    void aWaitThenAWebhookCallRetriedThenAnEmail() throws Exception {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        receiver.answer(500);
        admin().post("/events", event("store_visit", jana, "visit-1", Map.of(), "visited_store", "Praha")).expect(201);
        admin().post("/events", event("store_visit", jana, "visit-2", Map.of(), "visited_store", "Brno")).expect(201);
        await().atMost(WAIT).until(() -> runsOf("store_visit_follow_up", jana).path("runs").path(0)
                .path("steps").size() == 1);
        JsonNode waiting = onlyRun("store_visit_follow_up", jana);
        assertThat(waiting.path("steps").get(0).path("kind").asString()).isEqualTo("wait");
        assertThat(waiting.path("state").asString()).isEqualTo("waiting");
        assertThat(receiver.received()).isEmpty();

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        await().atMost(WAIT).until(() -> onlyRun("store_visit_follow_up", jana).path("attempts").asInt() == 1);
        clock.advance(Duration.ofMinutes(2));
        await().atMost(WAIT).until(() -> mailTo("jana@example.com").stream()
                .map(ScenarioTest::subject).anyMatch("How was your visit in Praha?"::equals));
        assertThat(receiver.received()).hasSize(2);
        RecordedRequest call = receiver.received().get(1);
        String body = call.getBody().utf8();
        assertThat(call.getHeaders().get("Patron-Webhook-Signature")).isEqualTo(WebhookSignatures.sign(
                WebhookTest.SECRET, Long.parseLong(call.getHeaders().get("Patron-Webhook-Timestamp")), body));
        assertThat(receiver.received().stream().map(r -> r.getHeaders().get("Patron-Webhook-Id")).distinct())
                .hasSize(1);
        assertThat(Api.JSON.readTree(body).path("event").path("external_id").asString()).isEqualTo("visit-1");
        await().atMost(WAIT).until(() -> "done".equals(onlyRun("store_visit_follow_up", jana)
                .path("state").asString()));
        JsonNode steps = onlyRun("store_visit_follow_up", jana).path("steps");
        assertThat(steps.get(1).path("kind").asString()).isEqualTo("call_webhook");
        assertThat(steps.get(1).path("attempts").asInt()).isEqualTo(2);
        assertThat(steps.get(2).path("outcome").asString()).isEqualTo("done");
    }

    @Test
    void aStepFailingEveryAttemptIsRecordedFailedAndTheRunGoesOn() {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        receiver.afterwards(500);
        admin().post("/events", event("store_visit", jana, "visit-1", Map.of(), "visited_store", "Praha")).expect(201);
        // the wait has begun (its step is recorded) before the clock moves
        await().atMost(WAIT).until(() -> runsOf("store_visit_follow_up", jana).path("runs").path(0)
                .path("steps").size() == 1);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        for (int attempt = 1; attempt <= 5; attempt++) {
            int expected = attempt;
            await().atMost(WAIT).until(() -> receiver.received().size() == expected);
            clock.advance(Duration.ofMinutes(20));
        }
        await().atMost(WAIT).until(() -> "failed".equals(onlyRun("store_visit_follow_up", jana)
                .path("state").asString()));
        JsonNode steps = onlyRun("store_visit_follow_up", jana).path("steps");
        assertThat(steps.get(1).path("outcome").asString()).isEqualTo("failed");
        assertThat(steps.get(1).path("attempts").asInt()).isEqualTo(5);
        assertThat(steps.get(1).path("detail").asString()).contains("500");
        assertThat(steps.get(2).path("outcome").asString()).isEqualTo("done");
        assertThat(mailTo("jana@example.com").stream().map(ScenarioTest::subject))
                .contains("How was your visit in Praha?");
        assertThat(receiver.received()).hasSize(5);
    }

    @Test
    void theRunHistoryIsForAdminsOnly() {
        Api.root(port).get("/admin/automation/runs").expect(401);
        importProject("test-audit-users.yaml");
        Api.root(port).bearer(loginToken("cashier@patron.test", "Cashier-Pass-42")).get("/admin/automation/runs")
                .expect(403);
        assertThat(operator().get("/admin/automation/runs", "state", "lost").expect(400).invalidParams())
                .containsExactly("state:not_allowed_value");
        assertThat(operator().get("/admin/automation/runs").expect(200).data().path("total_items").asInt()).isZero();
    }
}
