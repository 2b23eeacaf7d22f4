package io.patron.tier;

import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;

/**
 * Moves statuses on the events that change a customer's qualification: a new customer gets the sign-up status;
 * points that start to count (assigned, earned, activated) and purchases may lift them to a higher status. Each
 * evaluation reads the current state, so a repeated delivery changes nothing. A project without statuses gets none
 * of these events delivered to it: there is nothing to give, and each delivery locked the customer for nothing.
 */
@Component
class StatusEvents implements DomainEventListener {

    private static final Set<String> QUALIFICATION = Set.of(EventType.POINTS_ASSIGNED, EventType.POINTS_ACTIVATED,
            EventType.PURCHASE_SENT);
    private static final Set<String> TYPES = Set.of(EventType.CUSTOMER_CREATED, EventType.POINTS_ASSIGNED,
            EventType.POINTS_ACTIVATED, EventType.PURCHASE_SENT);

    private final StatusService statuses;
    private final StatusRepository repository;

    StatusEvents(StatusService statuses, StatusRepository repository) {
        this.statuses = statuses;
        this.repository = repository;
    }

    /** None without statuses (asked for each event; the memory of the configuration answers). */
    @Override
    public Set<String> eventTypes() {
        return repository.anyStatus() ? TYPES : Set.of();
    }

    @Override
    public void onEvent(DomainEvent event) {
        String customerId = event.text("customer_id");
        if (customerId == null) {
            return;
        }
        if (event.type().equals(EventType.CUSTOMER_CREATED)) {
            statuses.signUp(customerId);
        } else if (QUALIFICATION.contains(event.type())) {
            statuses.reevaluate(customerId);
        }
    }
}
