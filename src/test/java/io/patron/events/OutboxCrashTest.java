package io.patron.events;

import static io.patron.db.Tables.OUTBOX_DELIVERY;
import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.events.OutboxRepository.DEAD;
import static io.patron.events.OutboxRepository.DELIVERED;
import static io.patron.events.OutboxRepository.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import io.patron.support.RecordedEvents;
import io.patron.support.TestDatabase;

/**
 * A real crash: another process commits an event, claims it and is killed with SIGKILL in the middle of delivering
 * it. This node delivers the event once the dead process's lease has run out. PostgreSQL only (the embedded H2
 * database of the tests cannot be shared by two processes).
 */
class OutboxCrashTest extends ApiTest {

    @Autowired
    OutboxPoller poller;
    @Autowired
    EventProperties properties;
    @Autowired
    RecordedEvents recordedEvents;
    @Autowired
    DataSource dataSource;
    @Autowired
    DSLContext dsl;
    @Autowired
    MutableClock clock;
    @Autowired
    OutboxRepository repository;
    @Autowired
    List<DomainEventListener> listeners;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    @Test
    void anEventOfAProcessKilledBetweenCommitAndDeliveryIsDeliveredByAnotherNode() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "needs a database two processes share");
        recordedEvents.clear();
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
                OutboxCrashChild.class.getName(), pool.getJdbcUrl(), pool.getUsername()));
        if (pool.getPassword() != null && !pool.getPassword().isEmpty()) {
            command.add(pool.getPassword());
        }
        // This node's poller stays off while the other process runs, so that the other one claims the event.
        poller.stop();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String eventId;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            eventId = CompletableFuture.supplyAsync(() -> {
                try {
                    String committed = null;
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("CHILD COMMITTED ")) {
                            committed = line.substring("CHILD COMMITTED ".length());
                        } else if (line.startsWith("CHILD DELIVERING ") && committed != null) {
                            return committed;
                        }
                    }
                    throw new IllegalStateException("the child process ended first");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(90, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback of the claim, no acknowledgement
            child.waitFor(30, TimeUnit.SECONDS);
        }
        try {
            Record claimed = dsl.select(OUTBOX_EVENT.STATE, OUTBOX_EVENT.ATTEMPTS, OUTBOX_EVENT.CLAIMED_BY).from(OUTBOX_EVENT).where(OUTBOX_EVENT.ID.eq(eventId)).fetchOne();
            assertThat(claimed.get(OUTBOX_EVENT.STATE)).isEqualTo(PENDING);
            assertThat(claimed.get(OUTBOX_EVENT.ATTEMPTS)).isEqualTo(1);
            assertThat(claimed.get(OUTBOX_EVENT.CLAIMED_BY)).startsWith("child/");

            poller.start();
            assertThat(poller.drain()).isZero(); // the dead process's lease still holds
            // The lease is real time: this node's poller would deliver the event in five minutes. A node of this
            // process whose real time runs ahead shows it now; moving the project clock frees nothing.
            clock.advance(properties.lease().plusSeconds(1));
            assertThat(poller.drain()).isZero();
            MutableClock leases = new MutableClock(java.time.Clock.systemUTC());
            leases.advance(properties.lease().plusSeconds(1));
            OutboxPoller survivor = new OutboxPoller(repository, listeners, transactions, json, clock, leases, properties,
                    new OutboxSignal(), "survivor");
            assertThat(survivor.drain()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(dsl.select(OUTBOX_EVENT.STATE).from(OUTBOX_EVENT).where(OUTBOX_EVENT.ID.eq(eventId)).fetchOne(OUTBOX_EVENT.STATE))
                            .isEqualTo(DELIVERED));
            assertThat(recordedEvents.received()).extracting(DomainEvent::id).containsExactly(eventId);
            assertThat(dsl.select(OUTBOX_EVENT.ATTEMPTS).from(OUTBOX_EVENT).where(OUTBOX_EVENT.ID.eq(eventId)).fetchOne(OUTBOX_EVENT.ATTEMPTS)).isEqualTo(2);
        } finally {
            poller.start();
        }
    }
}
