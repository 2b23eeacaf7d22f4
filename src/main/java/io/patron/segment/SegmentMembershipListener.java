package io.patron.segment;

import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;

/**
 * Keeps rule-based memberships current: after a change of a customer commits, that customer's memberships are
 * evaluated again with the same SQL as a whole segment, restricted to them. Idempotent: a redelivery finds nothing
 * left to change. Points, status and card changes are not followed yet: under concurrent cash-desk load on
 * PostgreSQL the refreshes deadlocked with the ledger and exhausted the pool, so those condition kinds are kept
 * current by the daily pass until the listener batches its refreshes.
 */
@Component
class SegmentMembershipListener implements DomainEventListener {

    private final SegmentMembership membership;

    SegmentMembershipListener(SegmentMembership membership) {
        this.membership = membership;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventType.CUSTOMER_CREATED, EventType.CUSTOMER_UPDATED, EventType.CONSENT_CHANGED);
    }

    @Override
    public void onEvent(DomainEvent event) {
        String customerId = event.text("customer_id");
        membership.refreshCustomer(customerId == null ? event.aggregateId() : customerId);
    }
}
