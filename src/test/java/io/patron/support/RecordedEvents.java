package io.patron.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;

/**
 * A listener of every event type Patron publishes and of the test types {@code test.*}: records each delivery, and
 * fails on purpose for the aggregates a test names.
 */
public class RecordedEvents implements DomainEventListener {

    public static final String TEST_TYPE = "test.happened";

    private final String name;
    private final java.util.Queue<DomainEvent> received = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    public RecordedEvents(String name) {
        this.name = name;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventType.CUSTOMER_CREATED, EventType.CUSTOMER_UPDATED, EventType.CUSTOMER_DELETED,
                EventType.CONSENT_CHANGED, EventType.CARD_ASSIGNED, TEST_TYPE);
    }

    @Override
    public String listenerName() {
        return RecordedEvents.class.getName() + '/' + name;
    }

    @Override
    public void onEvent(DomainEvent event) {
        AtomicInteger failures = failuresLeft.get(event.aggregateId());
        if (failures != null && failures.getAndDecrement() > 0) {
            throw new IllegalStateException("failing on purpose for " + event.aggregateId());
        }
        received.add(event);
    }

    /** The next {@code times} deliveries of events about this aggregate fail. */
    public void failFor(String aggregateId, int times) {
        failuresLeft.put(aggregateId, new AtomicInteger(times));
    }

    public List<DomainEvent> received() {
        return List.copyOf(received);
    }

    public List<DomainEvent> about(String aggregateId) {
        return received.stream().filter(e -> e.aggregateId().equals(aggregateId)).toList();
    }

    public void clear() {
        received.clear();
        failuresLeft.clear();
    }
}
