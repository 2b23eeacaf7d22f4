package io.patron.segment;

import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;

/**
 * Keeps rule-based memberships current: after a change of a customer commits, that customer's memberships are
 * evaluated again with the same SQL as a whole segment, restricted to them. Idempotent: a redelivery finds nothing
 * left to change. Points, status and card events are in the list for the condition kinds about them; purchase
 * events join it with purchase condition kinds.
 */
@Component
class SegmentMembershipListener implements DomainEventListener {

    private final SegmentMembership membership;

    SegmentMembershipListener(SegmentMembership membership) {
        this.membership = membership;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventType.CUSTOMER_CREATED, EventType.CUSTOMER_UPDATED, EventType.CONSENT_CHANGED,
                EventType.CARD_ASSIGNED, EventType.STATUS_CHANGED, EventType.POINTS_ASSIGNED, EventType.POINTS_REDEEMED,
                EventType.POINTS_ACTIVATED, EventType.POINTS_EXPIRED, EventType.POINTS_TRANSFERRED);
    }

    @Override
    public void onEvent(DomainEvent event) {
        if (EventType.POINTS_TRANSFERRED.equals(event.type())) {
            // both wallets changed; in id order, as every other evaluation locks customers
            java.util.stream.Stream.of(event.text("from_customer_id"), event.text("to_customer_id"))
                    .filter(java.util.Objects::nonNull).sorted().forEach(membership::refreshCustomer);
            return;
        }
        String customerId = event.text("customer_id");
        membership.refreshCustomer(customerId == null ? event.aggregateId() : customerId);
    }
}
