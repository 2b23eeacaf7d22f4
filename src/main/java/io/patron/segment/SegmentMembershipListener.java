package io.patron.segment;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;

/**
 * Keeps rule-based memberships current: every change a configured rule depends on ({@link FollowedChanges}: the
 * customer's data and consents, points, status, cards, purchases, recorded events of the types a rule names, as the
 * rules' condition kinds say) queues the customer for a refresh, which evaluates their memberships again with the
 * same SQL as a whole segment, restricted to them. Changes no rule depends on are not even delivered to it (without
 * rule-based segments, none is). The listener only queues: the refresh runs after the delivery commits, in a
 * transaction of its own (see {@link SegmentRefreshQueue}), because refreshing inside the delivery deadlocked with
 * the ledger on PostgreSQL under concurrent cash-desk load. Idempotent: a redelivery queues the customer once more,
 * and a refresh that finds nothing to change changes nothing.
 */
@Component
class SegmentMembershipListener implements DomainEventListener {

    private final SegmentRefreshQueue queue;
    private final FollowedChanges followed;

    SegmentMembershipListener(SegmentRefreshQueue queue, FollowedChanges followed) {
        this.queue = queue;
        this.followed = followed;
    }

    /** The changes the configured rules depend on (asked for each event; a copy of the configuration answers). */
    @Override
    public Set<String> eventTypes() {
        return followed.get().eventTypes();
    }

    @Override
    public void onEvent(DomainEvent event) {
        if (event.type().equals(EventType.EVENT_RECORDED) && !followed.get().recorded(event.text("event_type_id"))) {
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
