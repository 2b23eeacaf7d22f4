package io.patron.events;

import static io.patron.db.Tables.OUTBOX_DELIVERY;
import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.events.OutboxRepository.DEAD;
import static io.patron.events.OutboxRepository.DELIVERED;
import static io.patron.events.OutboxRepository.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import io.patron.support.RecordedEvents;
import io.patron.support.TestDatabase;

/** Domain events: written with their data, delivered after commit, at least once, by one node. */
class OutboxTest extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    DomainEvents events;
    @Autowired
    OutboxPoller poller;
    @Autowired
    OutboxRepository repository;
    @Autowired
    EventProperties properties;
    @Autowired
    List<DomainEventListener> listeners;
    @Autowired
    RecordedEvents recordedEvents;
    @Autowired
    RecordedEvents otherRecordedEvents;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DSLContext dsl;
    @Autowired
    JsonMapper json;
    @Autowired
    MutableClock clock;

    /** Real time for the leases of this test's own nodes, moved apart from the project clock. */
    private final MutableClock leases = new MutableClock(java.time.Clock.systemUTC());

    private OutboxPoller node(String name, List<DomainEventListener> nodeListeners) {
        return new OutboxPoller(repository, nodeListeners, transactions, json, clock, leases, properties,
                new OutboxSignal(), name);
    }

    @BeforeEach
    void forgetDeliveries() {
        recordedEvents.clear();
        otherRecordedEvents.clear();
    }

    private String prometheus() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String publishTest(String aggregateId) {
        return transactions.execute(s -> events.publish(RecordedEvents.TEST_TYPE, aggregateId, Map.of("n", 1)));
    }

    private Record row(String eventId) {
        return dsl.select(OUTBOX_EVENT.STATE, OUTBOX_EVENT.ATTEMPTS, OUTBOX_EVENT.NEXT_ATTEMPT_AT, OUTBOX_EVENT.CLAIMED_BY, OUTBOX_EVENT.LAST_ERROR, OUTBOX_EVENT.OCCURRED_AT).from(OUTBOX_EVENT)
                .where(OUTBOX_EVENT.ID.eq(eventId)).fetchOne();
    }

    private void awaitState(String eventId, String state, int attempts) {
        await().atMost(WAIT).untilAsserted(() -> {
            Record row = row(eventId);
            assertThat(row.get(OUTBOX_EVENT.STATE)).isEqualTo(state);
            assertThat(row.get(OUTBOX_EVENT.ATTEMPTS)).isEqualTo(attempts);
            assertThat(row.get(OUTBOX_EVENT.CLAIMED_BY)).isNull();
        });
    }

    @Test
    void customerAndCardWritesPublishTheirEvents() {
        importProject("test-cards.yaml");
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Eva");
        info.put("last_name", "Events");
        info.put("email", "eva.events@example.com");
        info.put("language_id", "cs");
        info.put("consents", List.of(Map.of("consent_id", "agreement_gtc", "consent_value", 1)));
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", io.patron.common.Ids.stable("customer_source", "eshop")));
        body.put("autologin", false);
        String customerId = admin().post("/customers", body).expect(201).data().path("customer_id").asString();

        await().atMost(WAIT).untilAsserted(() -> assertThat(recordedEvents.about(customerId))
                .extracting(DomainEvent::type)
                .containsExactlyInAnyOrder(EventType.CUSTOMER_CREATED, EventType.CONSENT_CHANGED));
        DomainEvent created = recordedEvents.about(customerId).stream()
                .filter(e -> e.type().equals(EventType.CUSTOMER_CREATED)).findFirst().orElseThrow();
        assertThat(created.text("customer_id")).isEqualTo(customerId);
        assertThat(created.id()).hasSize(26);
        assertThat(created.occurredAt()).isBetween(OffsetDateTime.now(clock).minusMinutes(1), OffsetDateTime.now(clock));
        DomainEvent consent = recordedEvents.about(customerId).stream()
                .filter(e -> e.type().equals(EventType.CONSENT_CHANGED)).findFirst().orElseThrow();
        assertThat(consent.text("consent_id")).isEqualTo("agreement_gtc");
        assertThat(consent.payload().get("consent_value").asInt()).isEqualTo(1);

        // The same consent value again changes nothing: only the update is published.
        info.put("first_name", "Eva Marie");
        admin().put("/customers/" + customerId, Map.of("customer", Map.of("personal_information", info))).expect(204);
        await().atMost(WAIT).untilAsserted(() -> assertThat(recordedEvents.about(customerId))
                .extracting(DomainEvent::type).contains(EventType.CUSTOMER_UPDATED));
        info.put("consents", List.of(Map.of("consent_id", "agreement_gtc", "consent_value", 0)));
        admin().put("/customers/" + customerId, Map.of("customer", Map.of("personal_information", info))).expect(204);
        await().atMost(WAIT).untilAsserted(() -> assertThat(recordedEvents.about(customerId))
                .filteredOn(e -> e.type().equals(EventType.CONSENT_CHANGED))
                .extracting(e -> e.payload().get("consent_value").asInt()).containsExactlyInAnyOrder(1, 0));

        Map<String, Object> card = new HashMap<>();
        card.put("card_number", "EV-1");
        card.put("card_type_id", "8bed991c68a470e7aaeffbf048");
        card.put("state", 1);
        String free = admin().post("/cards", Map.of("card", card)).expect(201).data().path("card_id").asString();
        admin().post("/cards/actions/assign-free-card", Map.of("customer_id", customerId,
                "card_type_id", "8bed991c68a470e7aaeffbf048")).expect(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(recordedEvents.about(free)).singleElement()
                .satisfies(e -> {
                    assertThat(e.type()).isEqualTo(EventType.CARD_ASSIGNED);
                    assertThat(e.text("customer_id")).isEqualTo(customerId);
                    assertThat(e.text("card_id")).isEqualTo(free);
                }));
        // Every listener got each event once.
        assertThat(otherRecordedEvents.about(customerId)).hasSameSizeAs(recordedEvents.about(customerId));
    }

    @Test
    void aRefusedWriteOrARolledBackTransactionPublishesNothing() {
        admin().post("/customers", Map.of()).expect(400);
        String id = transactions.execute(s -> {
            String eventId = events.publish(RecordedEvents.TEST_TYPE, "rolled-back", Map.of());
            s.setRollbackOnly();
            return eventId;
        });
        poller.drain();
        assertThat(row(id)).isNull();
        assertThat(dsl.fetchCount(OUTBOX_EVENT)).isZero();
        assertThat(recordedEvents.received()).isEmpty();
    }

    @Test
    void publishingNeedsTheCallersTransaction() {
        assertThatThrownBy(() -> events.publish(RecordedEvents.TEST_TYPE, "x", Map.of()))
                .isInstanceOf(IllegalStateException.class);
        TransactionTemplate readOnly = new TransactionTemplate(transactions.getTransactionManager());
        readOnly.setReadOnly(true);
        assertThatThrownBy(() -> readOnly.executeWithoutResult(s -> events.publish(RecordedEvents.TEST_TYPE, "x", Map.of())))
                .isInstanceOf(IllegalStateException.class);
        assertThat(dsl.fetchCount(OUTBOX_EVENT)).isZero();
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffAndOnlyForTheListenerThatFailed() {
        otherRecordedEvents.failFor("flaky", 2);
        String id = publishTest("flaky");
        awaitState(id, PENDING, 1);
        assertThat(recordedEvents.about("flaky")).hasSize(1);
        Record first = row(id);
        assertThat(first.get(OUTBOX_EVENT.LAST_ERROR)).contains("failing on purpose");
        assertThat(Duration.between(first.get(OUTBOX_EVENT.OCCURRED_AT), first.get(OUTBOX_EVENT.NEXT_ATTEMPT_AT)))
                .isBetween(properties.firstRetryDelay(), properties.firstRetryDelay().plusSeconds(5));
        // Not before its time.
        poller.drain();
        assertThat(row(id).get(OUTBOX_EVENT.ATTEMPTS)).isEqualTo(1);

        clock.advance(properties.firstRetryDelay().plusSeconds(1));
        awaitState(id, PENDING, 2);
        Record second = row(id);
        // The wait doubles.
        assertThat(Duration.between(OffsetDateTime.now(clock), second.get(OUTBOX_EVENT.NEXT_ATTEMPT_AT)))
                .isBetween(properties.firstRetryDelay().multipliedBy(2).minusSeconds(5),
                        properties.firstRetryDelay().multipliedBy(2));

        clock.advance(properties.firstRetryDelay().multipliedBy(2).plusSeconds(1));
        awaitState(id, DELIVERED, 3);
        assertThat(otherRecordedEvents.about("flaky")).hasSize(1);
        // The listener that succeeded the first time was not called again.
        assertThat(recordedEvents.about("flaky")).hasSize(1);
        assertThat(row(id).get(OUTBOX_EVENT.LAST_ERROR)).isNull();
    }

    @Test
    void aListenerFailingInsideTheDeliveryTransactionUndoesOnlyItsOwnWork() {
        AtomicInteger flakyCalls = new AtomicInteger();
        DomainEventListener followUp = new DomainEventListener() {
            @Override
            public java.util.Set<String> eventTypes() {
                return java.util.Set.of("test.savepoint");
            }

            @Override
            public void onEvent(DomainEvent event) {
                events.publish("test.followup", event.aggregateId(), Map.of("of", event.id()));
            }
        };
        DomainEventListener flaky = new DomainEventListener() {
            @Override
            public java.util.Set<String> eventTypes() {
                return java.util.Set.of("test.savepoint");
            }

            @Override
            public void onEvent(DomainEvent event) {
                // a service method joining the delivery's transaction fails: it marks that transaction rollback-only
                transactions.executeWithoutResult(s -> {
                    events.publish("test.followup", "flaky-work", Map.of());
                    if (flakyCalls.incrementAndGet() == 1) {
                        throw new IllegalStateException("failing inside a joined transaction");
                    }
                });
            }

            @Override
            public String listenerName() {
                return "flaky";
            }
        };
        OutboxPoller local = new OutboxPoller(repository, List.of(followUp, flaky), transactions, json, clock,
                properties, new OutboxSignal(), "local");
        poller.stop();
        try {
            String id = transactions.execute(s -> events.publish("test.savepoint", "saved", Map.of()));
            local.drain();
            Record failed = row(id);
            assertThat(failed.get(OUTBOX_EVENT.STATE)).isEqualTo(PENDING);
            assertThat(failed.get(OUTBOX_EVENT.LAST_ERROR)).startsWith("flaky: ").contains("failing inside a joined transaction");
            // the other listener's work committed, the failing one's was undone
            assertThat(dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.EVENT_TYPE.eq("test.followup").and(OUTBOX_EVENT.AGGREGATE_ID.eq("saved")))).isEqualTo(1);
            assertThat(dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.AGGREGATE_ID.eq("flaky-work"))).isZero();
            // the retry's guide: which listener handled it already
            assertThat(dsl.select(OUTBOX_DELIVERY.LISTENER).from(OUTBOX_DELIVERY).where(OUTBOX_DELIVERY.EVENT_ID.eq(id))
                    .fetch(OUTBOX_DELIVERY.LISTENER)).containsExactly(followUp.listenerName());

            clock.advance(properties.firstRetryDelay().plusSeconds(1));
            local.drain();
            assertThat(row(id).get(OUTBOX_EVENT.STATE)).isEqualTo(DELIVERED);
            assertThat(row(id).get(OUTBOX_EVENT.ATTEMPTS)).isEqualTo(2);
            assertThat(flakyCalls.get()).isEqualTo(2);
            assertThat(dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.EVENT_TYPE.eq("test.followup").and(OUTBOX_EVENT.AGGREGATE_ID.eq("saved")))).isEqualTo(1);
            assertThat(dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.AGGREGATE_ID.eq("flaky-work"))).isEqualTo(1);
        } finally {
            poller.start();
        }
    }

    @Test
    void anEventThatKeepsFailingIsGivenUpAndKept() {
        recordedEvents.failFor("poison", Integer.MAX_VALUE);
        String id = publishTest("poison");
        for (int attempt = 1; attempt < properties.maxAttempts(); attempt++) {
            awaitState(id, PENDING, attempt);
            clock.advance(properties.maxRetryDelay().plusSeconds(1));
        }
        awaitState(id, DEAD, properties.maxAttempts());
        assertThat(row(id).get(OUTBOX_EVENT.LAST_ERROR)).contains(RecordedEvents.class.getName()).contains("failing on purpose");
        clock.advance(Duration.ofDays(30));
        poller.drain();
        assertThat(row(id).get(OUTBOX_EVENT.STATE)).isEqualTo(DEAD);
        assertThat(recordedEvents.about("poison")).isEmpty();
        assertThat(repository.countUndelivered()).containsEntry(DEAD, 1);
        // operators see it in the metrics
        await().atMost(WAIT).untilAsserted(() -> assertThat(prometheus())
                .contains("patron_outbox_events{state=\"dead\"} 1.0").contains("patron_outbox_events{state=\"pending\"} 0.0"));
    }

    @Test
    void anEventClaimedByANodeThatDiedIsDeliveredAfterTheLease() {
        // Committed and claimed in one go by a node that then died: no acknowledgement, the lease never released.
        String id = transactions.execute(s -> {
            String eventId = events.publish(RecordedEvents.TEST_TYPE, "orphan", Map.of("n", 1));
            dsl.update(OUTBOX_EVENT).set(OUTBOX_EVENT.CLAIMED_BY, "dead-node/1")
                    .set(OUTBOX_EVENT.CLAIMED_UNTIL, OffsetDateTime.now(leases).plus(properties.lease()))
                    .set(OUTBOX_EVENT.ATTEMPTS, 1).where(OUTBOX_EVENT.ID.eq(eventId)).execute();
            return eventId;
        });
        OutboxPoller survivor = node("survivor", listeners);
        assertThat(poller.drain()).isZero();
        assertThat(survivor.drain()).isZero();
        // the lease is real time: moving the project clock past it frees nothing
        clock.advance(Duration.ofDays(30));
        assertThat(poller.drain()).isZero();
        assertThat(survivor.drain()).isZero();
        assertThat(row(id).get(OUTBOX_EVENT.CLAIMED_BY)).isEqualTo("dead-node/1");
        assertThat(recordedEvents.about("orphan")).isEmpty();

        leases.advance(properties.lease().plusSeconds(1));
        assertThat(survivor.drain()).isEqualTo(1);
        awaitState(id, DELIVERED, 2);
        assertThat(recordedEvents.about("orphan")).hasSize(1);
        assertThat(otherRecordedEvents.about("orphan")).hasSize(1);
    }

    /**
     * The sandbox (or a test) moves the project clock while a node delivers an event: its claim must still hold.
     * Measured on the project clock it looked expired, and another node (here the application's own poller, which
     * has no listener of the type and would have marked it delivered at once) took the event from its holder.
     */
    @Test
    void aClockMoveDuringADeliveryLetsNoOtherNodeTakeTheEvent() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DomainEventListener slow = new DomainEventListener() {
            @Override
            public java.util.Set<String> eventTypes() {
                return java.util.Set.of("test.held");
            }

            @Override
            public void onEvent(DomainEvent event) throws InterruptedException {
                calls.incrementAndGet();
                delivering.countDown();
                release.await(20, TimeUnit.SECONDS);
            }

            @Override
            public String listenerName() {
                return "slow";
            }
        };
        OutboxPoller holder = node("holder", List.of(slow));
        OutboxPoller other = node("other", List.of(slow));
        // the application's poller may claim the event first (and mark it delivered, having no listener of it)
        poller.stop();
        String id;
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            id = transactions.execute(s -> events.publish("test.held", "held", Map.of()));
            Future<Integer> held = thread.submit(holder::drain);
            assertThat(delivering.await(10, TimeUnit.SECONDS)).isTrue();
            poller.start();
            clock.advance(Duration.ofDays(40));
            assertThat(other.drain()).isZero();
            assertThat(poller.drain()).isZero();
            assertThat(row(id).get(OUTBOX_EVENT.CLAIMED_BY)).startsWith("holder/");
            release.countDown();
            assertThat(held.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            release.countDown();
            thread.shutdown();
            poller.start();
        }
        assertThat(calls.get()).isEqualTo(1);
        Record delivered = row(id);
        assertThat(delivered.get(OUTBOX_EVENT.STATE)).isEqualTo(DELIVERED);
        assertThat(delivered.get(OUTBOX_EVENT.ATTEMPTS)).isEqualTo(1);
        // acknowledged with its listener's work: no delivery record needed
        assertThat(dsl.fetchCount(OUTBOX_DELIVERY, OUTBOX_DELIVERY.EVENT_ID.eq(id))).isZero();
    }

    /**
     * A claim's events about one record share a transaction; a listener failing on one of them undoes only its own
     * work, and that event alone is tried again.
     */
    @Test
    void eventsAboutOneRecordAreDeliveredInOneTransaction() {
        TransactionCount deliveryTransactions = new TransactionCount();
        DomainEventListener listener = new DomainEventListener() {
            @Override
            public java.util.Set<String> eventTypes() {
                return java.util.Set.of("test.grouped");
            }

            @Override
            public void onEvent(DomainEvent event) {
                deliveryTransactions.seen();
                if ("fail".equals(event.text("n"))) {
                    throw new IllegalStateException("failing on purpose");
                }
            }
        };
        OutboxPoller node = node("grouping", List.of(listener));
        poller.stop(); // it would mark the test events delivered, having no listener of them
        List<String> ids;
        try {
            ids = transactions.execute(s -> List.of(
                    events.publish("test.grouped", "record-a", Map.of("n", "1")),
                    events.publish("test.grouped", "record-b", Map.of("n", "1")),
                    events.publish("test.grouped", "record-a", Map.of("n", "fail")),
                    events.publish("test.grouped", "record-a", Map.of("n", "3"))));
            assertThat(node.drain()).isEqualTo(4);
        } finally {
            poller.start();
        }
        assertThat(deliveryTransactions.count.get()).isEqualTo(2);
        assertThat(row(ids.get(0)).get(OUTBOX_EVENT.STATE)).isEqualTo(DELIVERED);
        assertThat(row(ids.get(1)).get(OUTBOX_EVENT.STATE)).isEqualTo(DELIVERED);
        assertThat(row(ids.get(3)).get(OUTBOX_EVENT.STATE)).isEqualTo(DELIVERED);
        Record failed = row(ids.get(2));
        assertThat(failed.get(OUTBOX_EVENT.STATE)).isEqualTo(PENDING);
        assertThat(failed.get(OUTBOX_EVENT.CLAIMED_BY)).isNull();
        assertThat(failed.get(OUTBOX_EVENT.LAST_ERROR)).contains("failing on purpose");
        assertThat(failed.get(OUTBOX_EVENT.NEXT_ATTEMPT_AT)).isAfter(OffsetDateTime.now(clock));
        // the acknowledged events need no delivery record, nor the failed one (its only listener failed)
        assertThat(dsl.fetchCount(OUTBOX_DELIVERY, OUTBOX_DELIVERY.EVENT_ID.in(ids))).isZero();
    }

    /** Events whose listeners lock no record share a delivery transaction across records. */
    @Test
    void eventsOfListenersThatLockNoRecordShareATransaction() {
        TransactionCount deliveryTransactions = new TransactionCount();
        List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        DomainEventListener recorder = new DomainEventListener() {
            @Override
            public java.util.Set<String> eventTypes() {
                return java.util.Set.of("test.recorded");
            }

            @Override
            public void onEvent(DomainEvent event) {
                deliveryTransactions.seen();
                delivered.add(event.aggregateId());
            }

            @Override
            public boolean locksNoRecords() {
                return true;
            }
        };
        OutboxPoller node = node("shared", List.of(recorder));
        poller.stop();
        try {
            transactions.executeWithoutResult(s -> {
                for (int i = 0; i < 5; i++) {
                    events.publish("test.recorded", "record-" + i, Map.of());
                }
            });
            assertThat(node.drain()).isEqualTo(5);
        } finally {
            poller.start();
        }
        assertThat(delivered).containsExactlyInAnyOrder("record-0", "record-1", "record-2", "record-3", "record-4");
        assertThat(deliveryTransactions.count.get()).isEqualTo(1);
    }

    /** Counts the distinct transactions a listener was called in. */
    private static final class TransactionCount {
        private final Object key = new Object();
        final AtomicInteger count = new AtomicInteger();

        void seen() {
            if (!TransactionSynchronizationManager.hasResource(key)) {
                TransactionSynchronizationManager.bindResource(key, Boolean.TRUE);
                count.incrementAndGet();
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResource(key);
                    }
                });
            }
        }
    }

    /** Claims follow the free slots: events due after a slow delivery began go through the other slots meanwhile. */
    @Test
    void aSlowDeliveryDoesNotHoldBackEventsDueAfterIt() throws Exception {
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> quick = java.util.Collections.synchronizedList(new ArrayList<>());
        DomainEventListener listener = new DomainEventListener() {
            @Override
            public java.util.Set<String> eventTypes() {
                return java.util.Set.of("test.slow", "test.quick");
            }

            @Override
            public void onEvent(DomainEvent event) throws InterruptedException {
                if (event.type().equals("test.slow")) {
                    delivering.countDown();
                    release.await(20, TimeUnit.SECONDS);
                } else {
                    quick.add(event.aggregateId());
                }
            }
        };
        OutboxPoller node = node("slots", List.of(listener));
        poller.stop(); // it would mark the test events delivered, having no listener of them
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            transactions.execute(s -> events.publish("test.slow", "slow", Map.of()));
            Future<Integer> drained = thread.submit(node::drain);
            assertThat(delivering.await(10, TimeUnit.SECONDS)).isTrue();
            transactions.executeWithoutResult(s -> {
                for (int i = 0; i < 10; i++) {
                    events.publish("test.quick", "quick-" + i, Map.of());
                }
            });
            await().atMost(WAIT).untilAsserted(() -> assertThat(quick).hasSize(10));
            assertThat(drained.isDone()).isFalse();
            release.countDown();
            assertThat(drained.get(20, TimeUnit.SECONDS)).isEqualTo(11);
        } finally {
            release.countDown();
            thread.shutdown();
            poller.start();
        }
    }

    @Test
    void anEventCommittedWhileNoPollerRunsIsDeliveredAtTheNextStart() throws Exception {
        poller.stop();
        try {
            String id = publishTest("while-down");
            Thread.sleep(600);
            assertThat(row(id).get(OUTBOX_EVENT.STATE)).isEqualTo(PENDING);
            assertThat(recordedEvents.about("while-down")).isEmpty();
            poller.start();
            awaitState(id, DELIVERED, 1);
            assertThat(recordedEvents.about("while-down")).hasSize(1);
        } finally {
            poller.start();
        }
    }

    @Test
    void severalPollersOnOneDatabaseDeliverEachEventOnce() throws Exception {
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        DomainEventListener counting = new DomainEventListener() {
            @Override
            public java.util.Set<String> eventTypes() {
                return java.util.Set.of("test.counted");
            }

            @Override
            public void onEvent(DomainEvent event) {
                deliveries.computeIfAbsent(event.id(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
        List<OutboxPoller> nodes = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            nodes.add(new OutboxPoller(repository, List.of(counting), transactions, json, clock, properties,
                    new OutboxSignal(), "node-" + n));
        }
        int count = 300;
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < count; i++) {
                events.publish("test.counted", "agg-" + i, Map.of("i", i));
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Integer>> drained = new ArrayList<>();
            for (OutboxPoller node : nodes) {
                drained.add(threads.submit(node::drain));
            }
            for (Future<Integer> f : drained) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        // The application's own poller may have taken some (it has no listener of this type): all are delivered.
        await().atMost(WAIT).untilAsserted(() -> assertThat(dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.STATE.eq(DELIVERED)))
                .isEqualTo(count));
        assertThat(deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void deliveredEventsAreDeletedAfterTheRetentionDeadOnesAreKept() {
        String delivered = publishTest("old");
        awaitState(delivered, DELIVERED, 1);
        String dead = transactions.execute(s -> {
            String eventId = events.publish(RecordedEvents.TEST_TYPE, "dead", Map.of());
            dsl.update(OUTBOX_EVENT).set(OUTBOX_EVENT.STATE, DEAD).where(OUTBOX_EVENT.ID.eq(eventId)).execute();
            return eventId;
        });
        new OutboxCleanup(repository, properties, clock).deleteDelivered();
        assertThat(row(delivered)).isNotNull();
        clock.advance(properties.retention().plusMinutes(1));
        new OutboxCleanup(repository, properties, clock).deleteDelivered();
        assertThat(row(delivered)).isNull();
        assertThat(row(dead)).isNotNull();
    }

    @Test
    void theEventsTableIsVacuumedOnceDeliveriesLeftEnoughDeadRowsBehind() {
        List<String> published = IntStream.range(0, 20).mapToObj(i -> publishTest("vacuum-" + i)).toList();
        published.forEach(eventId -> awaitState(eventId, DELIVERED, 1));
        assertThat(repository.vacuumWhenDead(Long.MAX_VALUE)).isFalse();
        if (!TestDatabase.postgres()) {
            assertThat(repository.vacuumWhenDead(0)).as("nothing to vacuum on H2").isFalse();
            return;
        }
        String vacuums = "select vacuum_count from pg_stat_user_tables where schemaname = current_schema() "
                + "and relname = 'outbox_event'";
        long before = dsl.resultQuery(vacuums).fetchOne(0, Long.class);
        // each delivery left a dead row version; backends report them at most once a second
        await().atMost(WAIT).until(() -> repository.vacuumWhenDead(10));
        assertThat(dsl.resultQuery(vacuums).fetchOne(0, Long.class)).isEqualTo(before + 1);
    }

    @Test
    void retryDelaysDoubleUpToTheMaximum() {
        EventProperties p = new EventProperties(Duration.ofSeconds(1), 10, Duration.ofMinutes(1), 10,
                Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofDays(1), 1);
        assertThat(List.of(p.retryDelay(1), p.retryDelay(2), p.retryDelay(3), p.retryDelay(4), p.retryDelay(30)))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                        Duration.ofMinutes(1), Duration.ofMinutes(1));
        assertThat(listeners).contains(recordedEvents, otherRecordedEvents);
    }
}
