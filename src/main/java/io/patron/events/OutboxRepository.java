package io.patron.events;

import static io.patron.events.EventTables.*;
import static org.jooq.impl.DSL.inline;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The outbox's SQL: insert, claim with a lease, acknowledge, retry, give up, clean up. */
@Repository
class OutboxRepository {

    /** A stored event as a delivery sees it. */
    record Stored(String id, String type, String aggregateId, String payload, OffsetDateTime occurredAt, int attempts) {
    }

    private final DSLContext dsl;

    OutboxRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(String id, String type, String aggregateId, String payload, OffsetDateTime now) {
        dsl.insertInto(OUTBOX_EVENT)
                .set(ID, id).set(TYPE, type).set(AGGREGATE_ID, aggregateId).set(PAYLOAD, payload)
                .set(OCCURRED_AT, now).set(STATE, PENDING).set(ATTEMPTS, 0).set(NEXT_ATTEMPT_AT, now)
                .execute();
    }

    /** Pending, due, and not held by a live claim. */
    private static Condition claimable(OffsetDateTime now) {
        return STATE.eq(PENDING).and(NEXT_ATTEMPT_AT.le(now))
                .and(CLAIMED_UNTIL.isNull().or(CLAIMED_UNTIL.lt(now)));
    }

    /**
     * Claims up to {@code limit} due events for {@code claimId} until {@code until} and counts the attempt (call it in a
     * transaction). Rows another node is claiming right now are skipped, not waited for; the conditional update
     * keeps a claim exclusive even where that skipping is not available.
     */
    List<Stored> claim(String claimId, OffsetDateTime now, OffsetDateTime until, int limit) {
        List<String> ids = dsl.select(ID).from(OUTBOX_EVENT)
                .where(claimable(now))
                .orderBy(NEXT_ATTEMPT_AT, ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(ID);
        if (ids.isEmpty()) {
            return List.of();
        }
        dsl.update(OUTBOX_EVENT)
                .set(CLAIMED_BY, claimId).set(CLAIMED_UNTIL, until).set(ATTEMPTS, ATTEMPTS.plus(inline(1)))
                .where(ID.in(ids)).and(claimable(now))
                .execute();
        return dsl.select(ID, TYPE, AGGREGATE_ID, PAYLOAD, OCCURRED_AT, ATTEMPTS).from(OUTBOX_EVENT)
                .where(CLAIMED_BY.eq(claimId)).and(STATE.eq(PENDING))
                .orderBy(OCCURRED_AT, ID)
                .fetch(r -> new Stored(r.get(ID), r.get(TYPE), r.get(AGGREGATE_ID), r.get(PAYLOAD),
                        r.get(OCCURRED_AT), r.get(ATTEMPTS)));
    }

    /**
     * Gives up events whose claim expired after the last allowed attempt: a node died delivering each of them
     * (perhaps because of the event), so it is not tried again.
     */
    int buryAbandoned(OffsetDateTime now, int maxAttempts) {
        return dsl.update(OUTBOX_EVENT)
                .set(STATE, DEAD).set(CLAIMED_BY, (String) null).set(CLAIMED_UNTIL, (OffsetDateTime) null)
                .set(LAST_ERROR, "The node delivering it stopped before finishing, " + maxAttempts + " times")
                .where(STATE.eq(PENDING)).and(ATTEMPTS.ge(maxAttempts)).and(CLAIMED_UNTIL.lt(now))
                .execute();
    }

    /** The listeners that have handled the event already. */
    Set<String> handledBy(String eventId) {
        return dsl.select(DELIVERY_LISTENER).from(OUTBOX_DELIVERY).where(DELIVERY_EVENT.eq(eventId))
                .fetchSet(DELIVERY_LISTENER);
    }

    /** Records that a listener handled the event (in the listener's transaction). */
    void recordHandled(String eventId, String listener, OffsetDateTime now) {
        dsl.insertInto(OUTBOX_DELIVERY)
                .set(DELIVERY_EVENT, eventId).set(DELIVERY_LISTENER, listener).set(DELIVERY_AT, now)
                .execute();
    }

    /**
     * Marks claimed events delivered and returns how many were; fewer when a claim was lost (its lease ran out and
     * another node took the event).
     */
    int delivered(Collection<String> eventIds, String claimId, OffsetDateTime now) {
        return dsl.update(OUTBOX_EVENT)
                .set(STATE, DELIVERED).set(DELIVERED_AT, now).set(LAST_ERROR, (String) null)
                .set(CLAIMED_BY, (String) null).set(CLAIMED_UNTIL, (OffsetDateTime) null)
                .where(ID.in(eventIds)).and(CLAIMED_BY.eq(claimId))
                .execute();
    }

    /** Releases a claimed event after a failed attempt: tried again at {@code nextAttempt}, or dead when null. */
    boolean failed(String eventId, String claimId, OffsetDateTime nextAttempt, String error) {
        Map<Field<?>, Object> values = new HashMap<>();
        values.put(STATE, nextAttempt == null ? DEAD : PENDING);
        if (nextAttempt != null) {
            values.put(NEXT_ATTEMPT_AT, nextAttempt);
        }
        values.put(LAST_ERROR, error.length() > 1000 ? error.substring(0, 1000) : error);
        values.put(CLAIMED_BY, null);
        values.put(CLAIMED_UNTIL, null);
        return dsl.update(OUTBOX_EVENT).set(values)
                .where(ID.eq(eventId)).and(CLAIMED_BY.eq(claimId))
                .execute() == 1;
    }

    /** Deletes up to {@code limit} events delivered before {@code before} (their delivery records go with them). */
    int deleteDelivered(OffsetDateTime before, int limit) {
        List<String> ids = dsl.select(ID).from(OUTBOX_EVENT)
                .where(STATE.eq(DELIVERED)).and(DELIVERED_AT.lt(before))
                .limit(limit)
                .fetch(ID);
        return ids.isEmpty() ? 0 : dsl.deleteFrom(OUTBOX_EVENT).where(ID.in(ids)).execute();
    }

    /** Events not delivered (yet), by state: {@code pending} and {@code dead} (metrics, operators). */
    Map<String, Integer> countUndelivered() {
        Field<Integer> count = DSL.count();
        return dsl.select(STATE, count).from(OUTBOX_EVENT).where(STATE.in(PENDING, DEAD)).groupBy(STATE)
                .fetchMap(STATE, count);
    }
}
