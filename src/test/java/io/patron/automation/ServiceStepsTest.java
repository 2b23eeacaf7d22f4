package io.patron.automation;

import static io.patron.automation.AutomationFixtures.event;
import static io.patron.automation.AutomationFixtures.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * The steps that act through other capabilities: points assigned, a static segment entered and left, a message of
 * a template queued; a step the other capability refuses fails at once, changes nothing and the run goes on.
 */
class ServiceStepsTest extends ApiTest {

    private static final String CLUB_MEMBERS = Ids.stable("segment", "club_members");
    private static final String RECEIPT = Ids.stable("message_template", "receipt");
    private static final String CAMPAIGN_REWARD = Ids.stable("reward", "RW-CAMPAIGN");
    private static final String CASH_DESK_REWARD = Ids.stable("reward", "RW-CASH10");
    private static final String CALLBACK = Ids.stable("task_type", "callback");

    @Autowired
    ProjectImporter importer;
    @Autowired
    ScenarioRunner runner;
    @Autowired
    io.patron.support.MutableClock clock;

    @BeforeEach
    void project() throws IOException {
        importProject("test-rewards.yaml");
        importProject("test-loyalty.yaml");
        importProject("test-messages.yaml");
        importProject("test-statuses.yaml");
        // the steps name the segment and the template by id, which the project derives from their text ids
        String text = new ClassPathResource("project/test-automation-services.yaml")
                .getContentAsString(StandardCharsets.UTF_8)
                .replace("club_members_id", CLUB_MEMBERS).replace("receipt_id", RECEIPT)
                .replace("campaign_reward_id", CAMPAIGN_REWARD)
                .replace("callback_type_id", CALLBACK).replace("cash_desk_reward_id", CASH_DESK_REWARD);
        importYaml(text);
    }

    private void importYaml(String yaml) throws IOException {
        Path file = Files.createTempFile("test-automation", ".yaml");
        try {
            Files.writeString(file, yaml);
            importer.apply(ProjectFile.load("file:" + file));
        } finally {
            Files.delete(file);
        }
    }

    private Api operator() {
        return Api.root(port).bearer(loginToken(LOGIN, PASSWORD));
    }

    private JsonNode run(String scenario, String customerId) {
        JsonNode runs = operator().get("/admin/automation/runs", "scenario_id", scenario, "customer_id", customerId)
                .expect(200).data();
        return runs.path("total_items").asInt() == 1 ? runs.path("runs").get(0) : null;
    }

    private JsonNode finishedRun(String scenario, String customerId) {
        try {
            await().atMost(ScenarioTest.WAIT).until(() -> {
                runner.runDueSteps();
                JsonNode run = run(scenario, customerId);
                return run != null && List.of("done", "failed").contains(run.path("state").asString());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The run did not finish: " + run(scenario, customerId), e);
        }
        return run(scenario, customerId);
    }

    private List<Integer> pointAmounts(Api admin, String customerId) {
        return admin.get("/point-history", "customer_id", customerId).expect(200).data().path("point_history")
                .valueStream().map(h -> h.path("point_amount").asInt()).toList();
    }

    @Test
    void aScenarioAssignsPointsMovesTheCustomerInASegmentAndQueuesAMessage() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com", "Jana");
        admin.post("/events", event("club_joined", jana, "join-1", Map.of())).expect(201);

        JsonNode run = finishedRun("club_welcome", jana);
        assertThat(run.path("state").asString()).isEqualTo("done");
        assertThat(run.path("steps").valueStream().map(s -> s.path("kind").asString() + ":" + s.path("outcome").asString()))
                .containsExactly("assign_points:done", "add_to_segment:done", "send_message:done",
                        "remove_from_segment:done", "add_to_segment:done", "issue_voucher:done");
        assertThat(admin.get("/customers/" + jana + "/vouchers").expect(200).data().path("vouchers").valueStream()
                .map(v -> v.path("reward").path("reward_id").asString())).containsExactly(CAMPAIGN_REWARD);

        assertThat(pointAmounts(admin, jana)).containsExactly(25);
        JsonNode history = admin.get("/point-history", "customer_id", jana).expect(200).data().path("point_history").get(0);
        assertThat(history.toString()).contains("Welcome to the club");
        assertThat(admin.get("/customers/" + jana + "/segment-records").expect(200).data().path("segment_records")
                .valueStream().map(r -> r.path("segment_id").asString())).contains(CLUB_MEMBERS);
        JsonNode messages = admin.get("/messages", "customer_id", jana).expect(200).data().path("messages");
        assertThat(messages.valueStream().map(m -> m.path("message_template_id").asString())).containsExactly(RECEIPT);
    }

    @Test
    void aStepTheOtherCapabilityRefusesFailsAtOnceChangesNothingAndTheRunGoesOn() {
        Api admin = admin();
        String petr = newCustomer(admin, "petr@example.com", "Petr");
        admin.post("/events", event("club_misconfigured", petr, "bad-1", Map.of())).expect(201);

        JsonNode run = finishedRun("club_misconfigured", petr);
        assertThat(run.path("state").asString()).isEqualTo("failed");
        List<JsonNode> steps = run.path("steps").valueStream().toList();
        assertThat(steps).extracting(s -> s.path("outcome").asString()).containsExactly("failed", "failed", "failed", "done");
        // refused: not tried again, and the refusal names what was wrong
        assertThat(steps.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(steps.get(0).toString()).contains("point_type_id");
        assertThat(steps.get(1).path("attempts").asInt()).isEqualTo(1);
        assertThat(steps.get(2).toString()).contains("cash-desk reward has no vouchers");
        assertThat(admin.get("/customers/" + petr + "/vouchers").expect(200).data().path("vouchers")).isEmpty();
        assertThat(pointAmounts(admin, petr)).containsExactly(5);
        assertThat(admin.get("/customers/" + petr + "/segment-records").expect(200).data().path("segment_records")
                .valueStream().map(r -> r.path("segment_id").asString())).doesNotContain(CLUB_MEMBERS);
    }

    @Test
    void conditionsOnTheCurrentStatusAndOnSegmentMembership() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com", "Jana");
        admin.post("/events", event("club_visit", jana, "visit-1", Map.of())).expect(201);
        runner.runDueSteps();
        // a member without the silver status: no run
        await().during(java.time.Duration.ofSeconds(2)).atMost(ScenarioTest.WAIT).until(() -> run("silver_visit", jana) == null);

        admin.post("/customers/actions/set-status-record", io.patron.tier.Tiers.setStatus(jana, "st-silver", null, null))
                .expect(200);
        admin.post("/events", event("club_visit", jana, "visit-2", Map.of())).expect(201);
        assertThat(finishedRun("silver_visit", jana).path("state").asString()).isEqualTo("done");
        assertThat(pointAmounts(admin, jana)).containsExactly(7);

        // in the club segment now: the condition "not a member" no longer holds
        admin.post("/segments/" + CLUB_MEMBERS + "/actions/add-customer", Map.of("customer_id", jana)).expect(204);
        admin.post("/events", event("club_visit", jana, "visit-3", Map.of())).expect(201);
        await().during(java.time.Duration.ofSeconds(2)).atMost(ScenarioTest.WAIT).until(() -> {
            runner.runDueSteps();
            return operator().get("/admin/automation/runs", "scenario_id", "silver_visit", "customer_id", jana)
                    .expect(200).data().path("total_items").asInt() == 1;
        });
        assertThat(pointAmounts(admin, jana)).containsExactly(7);
    }

    /** A customer without the marketing consent; {@code smsClub} the value of the consent covering SMS, or null. */
    private static String customerWithConsents(Api admin, String email, Integer smsClub) {
        List<Map<String, Object>> consents = new java.util.ArrayList<>();
        consents.add(Map.of("consent_id", AutomationFixtures.MARKETING, "consent_value", 0));
        if (smsClub != null) {
            consents.add(Map.of("consent_id", "sms_club", "consent_value", smsClub));
        }
        Map<String, Object> info = Map.of("first_name", "Sms", "last_name", "Tester", "email", email,
                "language_id", "en", "consents", consents);
        return admin.post("/customers", Map.of("customer", Map.of("personal_information", info),
                "customer_source", Map.of("customer_source_id", AutomationFixtures.ESHOP), "autologin", false,
                "password", AutomationFixtures.PASSWORD)).expect(201).data().path("customer_id").asString();
    }

    @Test
    void aConsentToTheChannelDecidesAsItDoesForMessages() throws IOException {
        importProject("test-agreements.yaml");
        Api admin = admin();
        String jana = customerWithConsents(admin, "jana@example.com", 1);
        String petr = customerWithConsents(admin, "petr@example.com", 0);
        String eva = newCustomer(admin, "eva@example.com", "Eva"); // the marketing consent covers every channel
        for (String customer : List.of(jana, petr, eva)) {
            admin.post("/events", event("club_sms_offer", customer, "offer-" + customer, Map.of())).expect(201);
        }
        assertThat(finishedRun("sms_offer", jana).path("state").asString()).isEqualTo("done");
        assertThat(finishedRun("sms_offer", eva).path("state").asString()).isEqualTo("done");
        assertThat(pointAmounts(admin, jana)).containsExactly(3);
        await().during(java.time.Duration.ofSeconds(2)).atMost(ScenarioTest.WAIT).until(() -> {
            runner.runDueSteps();
            return run("sms_offer", petr) == null;
        });
        assertThat(pointAmounts(admin, petr)).isEmpty();
    }

    @Test
    void aStepOpensATaskAboutTheCustomerOnce() {
        importProject("test-tasks.yaml");
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com", "Jana");
        admin.post("/events", event("club_complaint", jana, "complaint-1", Map.of())).expect(201);
        JsonNode run = finishedRun("complaint_callback", jana);
        assertThat(run.path("state").asString()).isEqualTo("done");
        JsonNode tasks = admin.get("/tasks", "customer_id", jana).expect(200).data();
        assertThat(tasks.path("total_items").asInt()).isEqualTo(1);
        JsonNode task = tasks.path("tasks").get(0);
        assertThat(task.path("task_type_id").asString()).isEqualTo(CALLBACK);
        assertThat(task.path("task_state_id").asString()).isEqualTo(Ids.stable("task_state", "new"));
        assertThat(task.path("task_title").asString()).isEqualTo("Call the member back");
        assertThat(task.path("task_priority").asInt()).isEqualTo(1);
        assertThat(task.path("due_date").asString())
                .isEqualTo(java.time.LocalDate.now(clock).plusDays(2).toString());
        // the step is done: running due steps again opens nothing more
        runner.runDueSteps();
        assertThat(admin.get("/tasks", "customer_id", jana).expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
    }

    @Test
    void customersWhosePointsExpireInThirtyDaysGetOneRunPerExpiryDay() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com", "Jana");
        String petr = newCustomer(admin, "petr@example.com", "Petr");
        io.patron.tier.Tiers.assign(admin, jana, 50, "pt-bonus"); // bonus points end 30 days after the day earned
        io.patron.tier.Tiers.assign(admin, petr, 50, "pt-club"); // club points never end
        runner.startPointsExpiringRuns();
        runner.startPointsExpiringRuns();
        JsonNode runs = operator().get("/admin/automation/runs", "scenario_id", "points_expiring_soon").expect(200).data();
        assertThat(runs.path("total_items").asInt()).isEqualTo(1);
        assertThat(runs.path("runs").get(0).path("customer_id").asString()).isEqualTo(jana);
        assertThat(runs.path("runs").get(0).path("trigger_key").asString())
                .isEqualTo("points_expiring:" + java.time.LocalDate.now(clock).plusDays(30));
    }

    @Test
    void badStepSettingsStopTheImport() {
        Map<String, String> problems = Map.of("{ kind: assign_points, amount: -5, partner_id: p }", "assign_points: amount",
                "{ kind: assign_points, amount: 5 }", "assign_points: partner_id",
                "{ kind: add_to_segment }", "add_to_segment: segment_id",
                "{ kind: send_message, message_template_id: x }", "send_message: communication_channel_id");
        assertThatThrownBy(() -> importYaml("""
                scenarios:
                  - id: broken
                    name: Broken
                    trigger: { event_type: customer.created }
                    conditions: [ { segment: x, op: gt } ]
                    steps: [ { kind: wait, minutes: 1 } ]
                """)).hasMessageContaining("segment or status condition takes op eq or ne");
        assertThatThrownBy(() -> importYaml("""
                scenarios:
                  - id: broken
                    name: Broken
                    trigger: { schedule: points_expiring }
                    steps: [ { kind: wait, minutes: 1 } ]
                """)).hasMessageContaining("days_before");
        for (var problem : problems.entrySet()) {
            String bad = problem.getKey();
            String yaml = """
                    scenarios:
                      - id: broken
                        name: Broken
                        trigger: { event_type: customer.created }
                        steps:
                          - %s
                    """.formatted(bad);
            assertThatThrownBy(() -> importYaml(yaml)).as(bad).hasMessageContaining(problem.getValue());
        }
    }
}
