package io.patron.jobs;

import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.db.Tables.SCHEDULED_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.events.DomainEvents;
import io.patron.events.OutboxPoller;
import io.patron.support.ApiTest;
import io.patron.support.SecondNode;
import io.patron.support.TestDatabase;

/**
 * Two real nodes: this test's shared application context and a second Spring Boot application started on the same
 * PostgreSQL schema (its own server on a random port, its own pool, scheduler and outbox poller). A coordinated job
 * runs once per period, and each outbox event reaches its listener once, whichever node gets there first. The second
 * application is started only here and closed at the end, with its threads.
 */
class TwoApplicationContextsTest extends ApiTest {

    private static final int EVENTS = 40;

    @Autowired
    DSLContext dsl;
    @Autowired
    TwoNodeProbe firstProbe;
    @Autowired
    JobScheduler firstScheduler;
    @Autowired
    OutboxPoller firstPoller;
    @Autowired
    DomainEvents events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    java.time.Clock clock;

    @Test
    void aJobRunsOncePerPeriodAndAnEventIsDeliveredOnceWithTwoApplicationsOnOneDatabase() {
        assumeTrue(TestDatabase.postgres(), "nodes share a PostgreSQL database; the embedded H2 belongs to one node");
        ConfigurableApplicationContext second = SecondNode.start();
        String secondPort = second.getEnvironment().getProperty("local.server.port");
        JobScheduler secondScheduler;
        OutboxPoller secondPoller;
        try {
            assertThat(second.getEnvironment().getProperty("spring.datasource.url")).contains(TestDatabase.schema());
            TwoNodeProbe secondProbe = second.getBean(TwoNodeProbe.class);
            secondScheduler = second.getBean(JobScheduler.class);
            secondPoller = second.getBean(OutboxPoller.class);
            assertThat(secondProbe).isNotSameAs(firstProbe);
            assertThat(secondScheduler.isRunning()).isTrue();
            // the first node to poll adds the job's row; its first run is one period later
            await().atMost(Duration.ofSeconds(30)).until(() -> dsl.fetchExists(SCHEDULED_JOB,
                    SCHEDULED_JOB.NAME.eq(TwoNodeProbe.JOB)));

            // the shared context has run the job whenever other tests moved the clock past an hour: count from here
            int runsBefore = firstProbe.runs() + secondProbe.runs();
            for (int period = 1; period <= 4; period++) {
                dsl.update(SCHEDULED_JOB).set(SCHEDULED_JOB.NEXT_RUN_AT, OffsetDateTime.now(clock).minusSeconds(1))
                        .where(SCHEDULED_JOB.NAME.eq(TwoNodeProbe.JOB)).execute();
                firstScheduler.wakeUp();
                secondScheduler.wakeUp();
                int expected = period;
                await().atMost(Duration.ofSeconds(30)).until(() -> dsl.fetchExists(SCHEDULED_JOB,
                        SCHEDULED_JOB.NAME.eq(TwoNodeProbe.JOB).and(SCHEDULED_JOB.RUNS.eq((long) expected))
                                .and(SCHEDULED_JOB.CLAIMED_BY.isNull())));
                // both nodes looked (again): the job is not due before its next period
                assertThat(firstScheduler.runDueJobs()).doesNotContain(TwoNodeProbe.JOB);
                assertThat(secondScheduler.runDueJobs()).doesNotContain(TwoNodeProbe.JOB);
                assertThat(firstProbe.runs() + secondProbe.runs() - runsBefore).as("runs after period %d", period)
                        .isEqualTo(period);
            }

            List<String> published = new ArrayList<>();
            transactions.executeWithoutResult(s -> {
                for (int i = 0; i < EVENTS; i++) {
                    published.add(events.publish(TwoNodeProbe.EVENT, "probe-" + i, Map.of("n", i)));
                }
            });
            // both nodes drain at once, besides their own polling
            CompletableFuture.allOf(CompletableFuture.runAsync(firstPoller::drain),
                    CompletableFuture.runAsync(secondPoller::drain)).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> dsl.fetchCount(OUTBOX_EVENT,
                    OUTBOX_EVENT.ID.in(published).and(OUTBOX_EVENT.DELIVERED_AT.isNotNull())) == EVENTS);
            List<String> deliveries = new ArrayList<>(firstProbe.delivered());
            deliveries.addAll(secondProbe.delivered());
            Map<String, Long> times = deliveries.stream().collect(Collectors.groupingBy(id -> id, HashMap::new,
                    Collectors.counting()));
            assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(published);
            assertThat(times.values()).as("deliveries per event").containsOnly(1L);
        } finally {
            second.close();
        }
        assertThat(second.isActive()).isFalse();
        assertThat(secondScheduler.isRunning()).isFalse();
        assertThat(secondPoller.isRunning()).isFalse();
        assertThat(SecondNode.threadsLeft(secondPort)).as("threads of the second node after it closed").isEmpty();
    }
}
