package io.patron.events;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

import io.patron.common.Ids;

/**
 * Publishes domain events: {@code publish} writes the event to the outbox in the caller's transaction, so the event
 * exists exactly when the data it describes was committed; a rolled-back transaction leaves no event.
 */
@Component
public class DomainEvents {

    private final OutboxRepository repository;
    private final JsonMapper json;
    private final Clock clock;
    private final OutboxSignal signal;

    DomainEvents(OutboxRepository repository, JsonMapper json, Clock clock, OutboxSignal signal) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
        this.signal = signal;
    }

    /**
     * Records an event in the current transaction and returns its id.
     *
     * @param type        one of {@link EventType}
     * @param aggregateId the id of the record the event is about
     * @param payload     a record or map, serialized to JSON with snake_case names
     * @throws IllegalStateException outside a transaction: an event must commit or roll back with its data
     */
    public String publish(String type, String aggregateId, Object payload) {
        requireTransaction(type);
        String id = Ids.newId();
        repository.insert(id, type, aggregateId, json.writeValueAsString(payload), OffsetDateTime.now(clock));
        wakeUpAfterCommit();
        return id;
    }

    /** One event of a {@link #publishAll} call: the record it is about and its payload. */
    public record Pending(String aggregateId, Object payload) {
    }

    /**
     * Records many events of one type in the current transaction, as {@link #publish} does one by one, but in
     * multi-row statements (a segment evaluation may publish thousands at once). Returns their ids, in order.
     */
    public java.util.List<String> publishAll(String type, java.util.List<Pending> events) {
        requireTransaction(type);
        if (events.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<OutboxRepository.NewEvent> rows = events.stream()
                .map(e -> new OutboxRepository.NewEvent(Ids.newId(), e.aggregateId(), json.writeValueAsString(e.payload())))
                .toList();
        repository.insertAll(type, rows, OffsetDateTime.now(clock));
        wakeUpAfterCommit();
        return rows.stream().map(OutboxRepository.NewEvent::id).toList();
    }

    private static void requireTransaction(String type) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            throw new IllegalStateException("Domain event " + type + " published outside a read-write transaction");
        }
    }

    private void wakeUpAfterCommit() {
        if (!TransactionSynchronizationManager.hasResource(this)) {
            // one wake-up per transaction, however many events it publishes
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.wakeUp();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(DomainEvents.this);
                }
            });
        }
    }
}
