package io.patron.automation;

import static io.patron.automation.AutomationFixtures.event;
import static io.patron.automation.AutomationFixtures.newCustomer;
import static io.patron.db.Tables.AUTOMATION_RUN;
import static io.patron.db.Tables.AUTOMATION_STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.events.OutboxPoller;
import io.patron.jobs.JobScheduler;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.SecondNode;
import io.patron.support.TestDatabase;

/**
 * Marketing automation on two real nodes sharing one PostgreSQL schema (see {@link SecondNode}): events posted to
 * the first node trigger a scenario whose steps assign points, issue a voucher and assign points again. Both nodes
 * deliver the events and carry out the steps, in the background and, on top of that, called on both at the same
 * time; every step still happens exactly once per run: the points once, one voucher.
 */
class TwoNodeAutomationTest extends ApiTest {

    private static final String SCENARIO = "two_nodes_welcome";
    private static final String CAMPAIGN_REWARD = Ids.stable("reward", "RW-CAMPAIGN");
    private static final int CUSTOMERS = 6;

    @Autowired
    DSLContext dsl;
    @Autowired
    ProjectImporter importer;
    @Autowired
    ScenarioRunner firstRunner;
    @Autowired
    OutboxPoller firstPoller;

    private void importProject() throws IOException {
        importProject("test-rewards.yaml");
        importProject("test-loyalty.yaml");
        importProject("test-statuses.yaml");
        // the step names the reward by id, which the project derives from its code
        String text = new ClassPathResource("project/test-automation-two-nodes.yaml")
                .getContentAsString(StandardCharsets.UTF_8).replace("campaign_reward_id", CAMPAIGN_REWARD);
        Path file = Files.createTempFile("test-automation-two-nodes", ".yaml");
        try {
            Files.writeString(file, text);
            importer.apply(ProjectFile.load("file:" + file));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void eachStepOfAScenarioRunsOnceWithTwoApplicationsOnOneDatabase() throws IOException {
        assumeTrue(TestDatabase.postgres(), "nodes share a PostgreSQL database; the embedded H2 belongs to one node");
        ConfigurableApplicationContext second = SecondNode.start();
        String secondPort = second.getEnvironment().getProperty("local.server.port");
        try {
            assertThat(second.getBean(JobScheduler.class).isRunning()).isTrue();
            ScenarioRunner secondRunner = second.getBean(ScenarioRunner.class);
            OutboxPoller secondPoller = second.getBean(OutboxPoller.class);
            assertThat(secondRunner).isNotSameAs(firstRunner);
            // after the second node's start, which imports its own project: the test's scenario is in the database
            importProject();

            Api admin = admin();
            List<String> customers = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                customers.add(newCustomer(admin, "two-nodes-" + i + "@example.com", "Two" + i));
            }
            for (int i = 0; i < CUSTOMERS; i++) {
                admin.post("/events", event("two_nodes_joined", customers.get(i), "joined-" + i, Map.of())).expect(201);
            }
            // both nodes deliver and carry out steps at once, besides their background polling and jobs
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                CompletableFuture.allOf(CompletableFuture.runAsync(firstPoller::drain),
                        CompletableFuture.runAsync(secondPoller::drain),
                        CompletableFuture.runAsync(firstRunner::runDueSteps),
                        CompletableFuture.runAsync(secondRunner::runDueSteps)).join();
                return dsl.fetchCount(AUTOMATION_RUN, AUTOMATION_RUN.SCENARIO_ID.eq(SCENARIO)
                        .and(AUTOMATION_RUN.STATE.eq(ScenarioRepository.DONE))) == CUSTOMERS;
            });

            assertThat(dsl.fetchCount(AUTOMATION_RUN, AUTOMATION_RUN.SCENARIO_ID.eq(SCENARIO)))
                    .as("one run per customer and event").isEqualTo(CUSTOMERS);
            for (String customer : customers) {
                String run = dsl.select(AUTOMATION_RUN.ID).from(AUTOMATION_RUN)
                        .where(AUTOMATION_RUN.SCENARIO_ID.eq(SCENARIO)).and(AUTOMATION_RUN.CUSTOMER_ID.eq(customer))
                        .fetchSingle(AUTOMATION_RUN.ID);
                assertThat(dsl.select(AUTOMATION_STEP.STEP_INDEX, AUTOMATION_STEP.OUTCOME, AUTOMATION_STEP.ATTEMPTS)
                        .from(AUTOMATION_STEP).where(AUTOMATION_STEP.RUN_ID.eq(run)).orderBy(AUTOMATION_STEP.STEP_INDEX)
                        .fetch(r -> r.value1() + ":" + r.value2() + ":" + r.value3()))
                        .containsExactly("0:done:1", "1:done:1", "2:done:1");
                assertThat(admin.get("/point-history", "customer_id", customer).expect(200).data()
                        .path("point_history").valueStream().map(h -> h.path("point_amount").asInt()))
                        .as("points of %s", customer).containsExactlyInAnyOrder(25, 5);
                assertThat(admin.get("/customers/" + customer + "/vouchers").expect(200).data().path("vouchers")
                        .valueStream().map(v -> v.path("reward").path("reward_id").asString()))
                        .as("vouchers of %s", customer).containsExactly(CAMPAIGN_REWARD);
            }
        } finally {
            second.close();
        }
        assertThat(SecondNode.threadsLeft(secondPort)).as("threads of the second node after it closed").isEmpty();
    }
}
