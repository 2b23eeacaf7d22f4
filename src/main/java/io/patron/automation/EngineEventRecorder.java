package io.patron.automation;

import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;

/** Records Patron's engine events of built-in types as events of their customers (see {@link BuiltInEventTypes}). */
@Component
class EngineEventRecorder implements DomainEventListener {

    private final EventService events;

    EngineEventRecorder(EventService events) {
        this.events = events;
    }

    @Override
    public Set<String> eventTypes() {
        return BuiltInEventTypes.ALL.keySet();
    }

    @Override
    public void onEvent(DomainEvent event) {
        events.recordEngineEvent(event);
    }
}
