package io.patron.events;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import io.patron.common.Ids;
import io.patron.common.NodeName;

/**
 * Delivers committed events on this node: claims a batch of due events with a lease, calls their listeners, then
 * marks each delivered, or schedules a retry with exponential backoff, or gives it up after the last attempt. A
 * background virtual thread drains whenever a local transaction published events and every poll interval (events
 * of other nodes, retries, claims of dead nodes whose lease ran out).
 */
@Component
public class OutboxPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

    private final OutboxRepository repository;
    private final List<DomainEventListener> listeners;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final EventProperties properties;
    private final OutboxSignal signal;
    private final String node;

    private volatile boolean running;
    private Thread thread;

    @Autowired
    OutboxPoller(OutboxRepository repository, List<DomainEventListener> listeners, TransactionTemplate transactions,
                 JsonMapper json, Clock clock, EventProperties properties, OutboxSignal signal) {
        this(repository, listeners, transactions, json, clock, properties, signal, NodeName.get());
    }

    OutboxPoller(OutboxRepository repository, List<DomainEventListener> listeners, TransactionTemplate transactions,
                 JsonMapper json, Clock clock, EventProperties properties, OutboxSignal signal, String node) {
        this.repository = repository;
        this.listeners = List.copyOf(listeners);
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.signal = signal;
        this.node = node;
    }

    /**
     * Delivers every event that is due now, batch after batch, on the calling thread (the background thread does the
     * same; both can run at once, as claims are exclusive).
     *
     * @return the number of events attempted
     */
    public int drain() {
        int total = 0;
        int claimed;
        do {
            claimed = deliverBatch();
            total += claimed;
        } while (claimed == properties.batchSize());
        return total;
    }

    private int deliverBatch() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String claimId = node + '/' + Ids.newId();
        List<OutboxRepository.Stored> batch = transactions.execute(status -> {
            int buried = repository.buryAbandoned(now, properties.maxAttempts());
            if (buried > 0) {
                log.warn("Gave up {} events whose deliveries were abandoned {} times", buried, properties.maxAttempts());
            }
            return repository.claim(claimId, now, now.plus(properties.lease()), properties.batchSize());
        });
        for (OutboxRepository.Stored stored : batch) {
            deliver(stored, claimId);
        }
        return batch.size();
    }

    private void deliver(OutboxRepository.Stored stored, String claimId) {
        List<DomainEventListener> targets = listeners.stream()
                .filter(l -> l.eventTypes().contains(stored.type()))
                .toList();
        String current = null;
        try {
            DomainEvent event = new DomainEvent(stored.id(), stored.type(), stored.aggregateId(), stored.occurredAt(),
                    json.readTree(stored.payload()));
            Set<String> handled = stored.attempts() > 1 && !targets.isEmpty() ? repository.handledBy(stored.id()) : Set.of();
            for (DomainEventListener listener : targets) {
                String name = listener.listenerName();
                if (handled.contains(name)) {
                    continue;
                }
                current = name;
                transactions.executeWithoutResult(status -> {
                    try {
                        listener.onEvent(event);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new ListenerFailure(e);
                    }
                    repository.recordHandled(stored.id(), name, OffsetDateTime.now(clock));
                });
            }
            if (!repository.delivered(stored.id(), claimId, OffsetDateTime.now(clock))) {
                log.warn("Event {} was delivered after its claim ran out; another node may deliver it again", stored.id());
            }
        } catch (RuntimeException e) {
            Throwable cause = e instanceof ListenerFailure ? e.getCause() : e;
            int attempts = stored.attempts();
            OffsetDateTime next = attempts >= properties.maxAttempts() ? null
                    : OffsetDateTime.now(clock).plus(properties.retryDelay(attempts));
            // the message may quote data: it goes to the event row for operators, the log names only the exception
            String error = (current == null ? "" : current + ": ") + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            repository.failed(stored.id(), claimId, next, error);
            if (next == null) {
                log.error("Gave up event {} ({}) after {} attempts; last failure {} in {}", stored.id(), stored.type(),
                        attempts, cause.getClass().getName(), current);
            } else {
                log.warn("Delivery of event {} ({}) failed (attempt {}, {} in {}); next attempt at {}", stored.id(),
                        stored.type(), attempts, cause.getClass().getName(), current, next);
            }
        }
    }

    /** A listener's checked exception, carried out of its transaction. */
    private static final class ListenerFailure extends RuntimeException {
        ListenerFailure(Exception cause) {
            super(cause);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofVirtual().name("outbox-poller").start(this::pollUntilStopped);
    }

    private void pollUntilStopped() {
        while (running) {
            try {
                drain();
            } catch (RuntimeException e) {
                log.warn("Outbox poll failed; trying again in {}", properties.pollInterval(), e);
            }
            try {
                signal.await(properties.pollInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        signal.wakeUp();
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
