package io.patron.events;

import java.util.Set;

/**
 * Receives the events of its types after their transaction committed, at least once: a listener that throws is
 * called again later (with backoff), so it must be idempotent (by {@link DomainEvent#id()}). It runs inside the
 * event's delivery transaction, within a savepoint, and its delivery is recorded there: database work a listener does
 * (through services joining that transaction) commits exactly once, and a failure undoes only its own work.
 * Register one as a Spring bean.
 */
public interface DomainEventListener {

    /**
     * The event types this listener receives ({@link EventType}). Asked for every event delivered, so a listener may
     * narrow it to what the project's configuration uses (answering from a copy, never with a query); an event no
     * listener receives is marked delivered without a delivery of its own.
     */
    Set<String> eventTypes();

    void onEvent(DomainEvent event) throws Exception;

    /**
     * True for a listener that locks no record (it only reads, and inserts rows of its own): its events may share a
     * delivery transaction with events about other records without two deliveries ever waiting for each other's
     * locks. Events go to such a shared transaction only when every listener of theirs says so.
     */
    default boolean locksNoRecords() {
        return false;
    }

    /** The name deliveries are recorded under; stable across restarts (the class name by default). */
    default String listenerName() {
        return org.springframework.util.ClassUtils.getUserClass(this).getName();
    }
}
