package io.patron.automation;

import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;

/**
 * Records Patron's engine events of built-in types as events of their customers (see {@link BuiltInEventTypes}), for
 * their event history; announced to scenarios, webhooks and segments ({@code event.recorded}) only when one of them
 * follows the type ({@link BuiltInEventFollowers}).
 */
@Component
class EngineEventRecorder implements DomainEventListener {

    private final EventService events;
    private final BuiltInEventFollowers followers;

    EngineEventRecorder(EventService events, BuiltInEventFollowers followers) {
        this.events = events;
        this.followers = followers;
    }

    @Override
    public Set<String> eventTypes() {
        return BuiltInEventTypes.ALL.keySet();
    }

    /** It reads the customer and inserts their history row: events of many customers share a delivery. */
    @Override
    public boolean locksNoRecords() {
        return true;
    }

    @Override
    public void onEvent(DomainEvent event) {
        events.recordEngineEvent(event, followers.followed(event.type()));
    }
}
