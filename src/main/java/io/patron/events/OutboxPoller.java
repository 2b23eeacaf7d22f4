package io.patron.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import io.patron.common.Ids;
import io.patron.common.NodeName;
import io.patron.common.PollingLifecycle;
import io.patron.common.PollingLoop;

/**
 * Delivers committed events on this node: claims a batch of due events with a lease, calls their listeners, then
 * marks each delivered, or schedules a retry with exponential backoff, or gives it up after the last attempt. A
 * background virtual thread drains whenever a local transaction published events and every poll interval (events
 * of other nodes, retries, claims of dead nodes whose lease ran out).
 * <p>
 * Two clocks, as for jobs: due times ({@code next_attempt_at}) follow the project clock, leases ({@code claimed_until})
 * real time. A lease says how long a node may be silent before its claims count as abandoned, which has nothing to do
 * with project time: on the project clock, a move of the clock (sandbox, tests) made every claim in flight look
 * expired, and another node or thread delivered those events again while their holder was still delivering them.
 */
@Component
public class OutboxPoller implements PollingLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);
    /** The group of a claim's events whose listeners lock no record (not an id: ids are hexadecimal). */
    private static final String LOCKING_NO_RECORD = "(no locks)";
    /** How soon a node claims again while its deliveries run and nothing else was due. */
    private static final java.time.Duration RECLAIM_PAUSE = java.time.Duration.ofMillis(20);

    private final OutboxRepository repository;
    private final List<DomainEventListener> listeners;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final Clock leaseClock;
    private final EventProperties properties;
    private final String node;
    private final PollingLoop loop;

    @Autowired
    OutboxPoller(OutboxRepository repository, List<DomainEventListener> listeners, TransactionTemplate transactions,
                 JsonMapper json, Clock clock, EventProperties properties, OutboxSignal signal) {
        this(repository, listeners, transactions, json, clock, properties, signal, NodeName.get());
    }

    OutboxPoller(OutboxRepository repository, List<DomainEventListener> listeners, TransactionTemplate transactions,
                 JsonMapper json, Clock clock, EventProperties properties, OutboxSignal signal, String node) {
        this(repository, listeners, transactions, json, clock, Clock.systemUTC(), properties, signal, node);
    }

    /**
     * @param clock      the project clock: when events are due
     * @param leaseClock real time: how long claims hold
     */
    OutboxPoller(OutboxRepository repository, List<DomainEventListener> listeners, TransactionTemplate transactions,
                 JsonMapper json, Clock clock, Clock leaseClock, EventProperties properties, OutboxSignal signal,
                 String node) {
        this.repository = repository;
        this.listeners = List.copyOf(listeners);
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.leaseClock = leaseClock;
        this.properties = properties;
        this.node = node;
        this.loop = new PollingLoop("outbox-poller", properties.pollInterval(), this::drain, signal);
    }

    /**
     * Delivers every event that is due now and returns when they are done (the background thread does the same;
     * both can run at once, as claims are exclusive).
     * <p>
     * Claims follow the free delivery slots: whenever one frees up, the node claims as many due events as there are
     * free slots, plus as many again to keep every slot busy until its next claim. Claiming a whole batch of up to a
     * hundred and delivering it to its end left slots idle behind the batch's slowest delivery, and every event due
     * meanwhile waited for it (the tail of segment refreshes and of the checkout's follow-up work under load). The
     * drain ends when nothing is due and nothing is being delivered.
     *
     * @return the number of events attempted
     */
    public int drain() {
        int concurrency = Math.max(1, properties.concurrency());
        int buried = transactions.execute(status ->
                repository.buryAbandoned(OffsetDateTime.now(leaseClock), properties.maxAttempts()));
        if (buried > 0) {
            log.warn("Gave up {} events whose deliveries were abandoned {} times", buried, properties.maxAttempts());
        }
        int total = 0;
        Semaphore slots = new Semaphore(concurrency);
        // a commit per delivery (of an event, or of a record's events) is its cost: several at once keep a node's throughput up
        try (ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor()) {
            while (true) {
                slots.acquireUninterruptibly();
                int free = slots.availablePermits() + 1;
                slots.release();
                String claimId = node + '/' + Ids.newId();
                List<OutboxRepository.Stored> claimed = claim(claimId, Math.min(properties.batchSize(), free + concurrency));
                if (claimed.isEmpty()) {
                    if (slots.availablePermits() == concurrency) {
                        return total;
                    }
                    // deliveries still run: look again in a moment for events committed meanwhile, rather than wait
                    // for the slowest of them (a claim that finds nothing is one short transaction)
                    try {
                        Thread.sleep(RECLAIM_PAUSE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return total;
                    }
                    continue;
                }
                total += claimed.size();
                List<String> withoutListeners = new ArrayList<>();
                // a transaction's events are mostly about one record (a customer's update and consent, points and
                // credits of one assignment): delivered together, they share one transaction, as do all events whose
                // listeners lock no record (the engine events only recorded in customers' histories)
                Map<String, List<Delivery>> byRecord = new LinkedHashMap<>();
                for (OutboxRepository.Stored stored : claimed) {
                    List<DomainEventListener> targets = targetsOf(stored.type());
                    if (targets.isEmpty()) {
                        withoutListeners.add(stored.id());
                    } else {
                        String group = targets.stream().allMatch(DomainEventListener::locksNoRecords) ? LOCKING_NO_RECORD
                                : stored.aggregateId();
                        byRecord.computeIfAbsent(group, k -> new ArrayList<>())
                                .add(new Delivery(stored, targets));
                    }
                }
                for (List<Delivery> group : byRecord.values()) {
                    slots.acquireUninterruptibly();
                    deliveries.execute(() -> {
                        try {
                            deliver(group, claimId);
                        } catch (RuntimeException e) {
                            log.warn("Could not deliver events {} or record their failure; they are tried again after their lease",
                                    group.stream().map(d -> d.stored().id()).toList(), e);
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (!withoutListeners.isEmpty()) {
                    repository.delivered(withoutListeners, claimId, OffsetDateTime.now(clock));
                }
            }
        }
    }

    private List<OutboxRepository.Stored> claim(String claimId, int limit) {
        return transactions.execute(status -> {
            OffsetDateTime leaseNow = OffsetDateTime.now(leaseClock);
            return repository.claim(claimId, OffsetDateTime.now(clock), leaseNow, leaseNow.plus(properties.lease()), limit);
        });
    }

    /** An event to deliver and the listeners it goes to. */
    private record Delivery(OutboxRepository.Stored stored, List<DomainEventListener> targets) {
    }

    /**
     * Calls the listeners of the events (about one record) in one transaction that also records each event's
     * outcome: one commit for the group. Each listener runs within a savepoint, so a failing one undoes only its own
     * work; the others' work commits with a record of their delivery, and a retry calls only the listeners that
     * failed. When the group's transaction fails as a whole (a lock, a payload), or a claim of the
     * group was lost, its events are delivered again one by one, as a group of one each.
     */
    private void deliver(List<Delivery> group, String claimId) {
        Map<Delivery, Failure> failures;
        try {
            failures = transactions.execute(status -> {
                Map<Delivery, Failure> failed = new LinkedHashMap<>();
                for (Delivery delivery : group) {
                    Failure failure = callListeners(delivery, status);
                    if (failure != null) {
                        failed.put(delivery, failure);
                    }
                }
                List<String> done = group.stream().filter(d -> !failed.containsKey(d)).map(d -> d.stored().id()).toList();
                boolean stillOurs = done.isEmpty()
                        || repository.delivered(done, claimId, OffsetDateTime.now(clock)) == done.size();
                for (Map.Entry<Delivery, Failure> entry : failed.entrySet()) {
                    OutboxRepository.Stored stored = entry.getKey().stored();
                    stillOurs &= repository.failed(stored.id(), claimId, nextAttempt(stored), entry.getValue().describe());
                }
                if (!stillOurs) {
                    status.setRollbackOnly();
                    return null;
                }
                return failed;
            });
        } catch (RuntimeException e) {
            if (group.size() > 1) {
                group.forEach(delivery -> deliver(List.of(delivery), claimId));
                return;
            }
            // the event's transaction itself failed (database, payload): release the claim for a later attempt
            OutboxRepository.Stored stored = group.getFirst().stored();
            Failure failure = new Failure(null, e);
            repository.failed(stored.id(), claimId, nextAttempt(stored), failure.describe());
            failures = Map.of(group.getFirst(), failure);
        }
        if (failures == null) {
            if (group.size() > 1) {
                group.forEach(delivery -> deliver(List.of(delivery), claimId));
            } else {
                // the lease ran out and another node has the event: leave the delivery to it
                log.warn("Event {} was claimed by another node while this one delivered it; undone here",
                        group.getFirst().stored().id());
            }
            return;
        }
        failures.forEach((delivery, failure) -> {
            OutboxRepository.Stored stored = delivery.stored();
            OffsetDateTime next = nextAttempt(stored);
            if (next == null) {
                log.error("Gave up event {} ({}) after {} attempts; last failure {} in {}", stored.id(), stored.type(),
                        stored.attempts(), failure.error().getClass().getName(), failure.listener());
            } else {
                log.warn("Delivery of event {} ({}) failed (attempt {}, {} in {}); next attempt at {}", stored.id(),
                        stored.type(), stored.attempts(), failure.error().getClass().getName(), failure.listener(), next);
            }
        });
    }

    /**
     * Calls the event's listeners that have not handled it yet, each within a savepoint; the first failure, if any.
     * Which listeners handled the event is written down only when one of them failed: the retry then skips the
     * others. When all succeed, the event is marked delivered in this same transaction, which says as much, so the
     * common case writes no delivery rows (two inserts per event that nothing ever read).
     */
    private Failure callListeners(Delivery delivery, TransactionStatus status) {
        OutboxRepository.Stored stored = delivery.stored();
        DomainEvent event = new DomainEvent(stored.id(), stored.type(), stored.aggregateId(), stored.occurredAt(),
                json.readTree(stored.payload()));
        Set<String> handled = stored.attempts() > 1 ? repository.handledBy(stored.id()) : Set.of();
        List<String> succeeded = new ArrayList<>();
        Failure first = null;
        for (DomainEventListener listener : delivery.targets()) {
            String name = listener.listenerName();
            if (handled.contains(name)) {
                continue;
            }
            Object savepoint = status.createSavepoint();
            try {
                listener.onEvent(event);
                status.releaseSavepoint(savepoint);
                succeeded.add(name);
            } catch (Exception e) {
                status.rollbackToSavepoint(savepoint);
                first = first == null ? new Failure(name, e) : first;
            }
        }
        if (first != null) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            succeeded.forEach(name -> repository.recordHandled(stored.id(), name, now));
        }
        return first;
    }

    /** The names of the listeners an event of this type is delivered to (operators, tests). */
    public List<String> listenersOf(String eventType) {
        return targetsOf(eventType).stream().map(DomainEventListener::listenerName).toList();
    }

    private List<DomainEventListener> targetsOf(String eventType) {
        return listeners.stream().filter(l -> l.eventTypes().contains(eventType)).toList();
    }

    /** The time of the next attempt after this one failed, or null when it was the last one allowed. */
    private OffsetDateTime nextAttempt(OutboxRepository.Stored stored) {
        return stored.attempts() >= properties.maxAttempts() ? null
                : OffsetDateTime.now(clock).plus(properties.retryDelay(stored.attempts()));
    }

    /**
     * A failed delivery: the listener (null when the event's transaction failed) and the error. Its message may
     * quote data, so it goes to the event row for operators; the log names only the exception class.
     */
    private record Failure(String listener, Exception error) {
        String describe() {
            return (listener == null ? "" : listener + ": ") + error.getClass().getName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage());
        }
    }

    @Override
    public PollingLoop pollingLoop() {
        return loop;
    }
}
