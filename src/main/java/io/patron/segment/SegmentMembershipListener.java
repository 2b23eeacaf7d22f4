package io.patron.segment;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.common.Ids;
import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;

/**
 * Keeps rule-based memberships current: every change a condition kind can depend on (the customer's data and
 * consents, points, status, cards, purchases, recorded events) queues the customer for a refresh, which evaluates
 * their memberships again with the same SQL as a whole segment, restricted to them. The listener only queues: the
 * refresh runs after the delivery commits, in a transaction of its own (see {@link SegmentRefreshQueue}), because
 * refreshing inside the delivery deadlocked with the ledger on PostgreSQL under concurrent cash-desk load.
 * Idempotent: a redelivery queues the customer once more, and a refresh that finds nothing to change changes nothing.
 */
@Component
class SegmentMembershipListener implements DomainEventListener {

    private static final Set<String> CHANGES = Set.of(EventType.CUSTOMER_CREATED, EventType.CUSTOMER_UPDATED,
            EventType.CONSENT_CHANGED, EventType.POINTS_ASSIGNED, EventType.POINTS_REDEEMED, EventType.POINTS_ACTIVATED,
            EventType.POINTS_EXPIRED, EventType.POINTS_TRANSFERRED, EventType.STATUS_CHANGED, EventType.CARD_ASSIGNED,
            EventType.PURCHASE_SENT, EventType.PURCHASE_CANCELLED, EventType.EVENT_RECORDED);

    /**
     * The automation package records every engine event as an event of a built-in type (id derived from the engine
     * event's name, as every project id): the records of entering and leaving a segment are what a refresh itself
     * publishes, so following them would refresh the customer once more for nothing.
     */
    private static final Set<String> OWN_RECORDS = Set.of(Ids.stable("event_type", EventType.SEGMENT_ENTERED),
            Ids.stable("event_type", EventType.SEGMENT_LEFT));

    private final SegmentRefreshQueue queue;

    SegmentMembershipListener(SegmentRefreshQueue queue) {
        this.queue = queue;
    }

    @Override
    public Set<String> eventTypes() {
        return CHANGES;
    }

    @Override
    public void onEvent(DomainEvent event) {
        if (event.type().equals(EventType.EVENT_RECORDED) && OWN_RECORDS.contains(event.text("event_type_id"))) {
            return;
        }
        Set<String> customers = new LinkedHashSet<>();
        for (String field : new String[] {"customer_id", "from_customer_id", "to_customer_id"}) {
            String id = event.text(field);
            if (id != null) {
                customers.add(id);
            }
        }
        if (customers.isEmpty() && event.type().startsWith("customer.")) {
            customers.add(event.aggregateId());
        }
        customers.forEach(queue::enqueue);
    }
}
