package io.patron.events;

import static io.patron.db.Tables.OUTBOX_DELIVERY;
import static io.patron.db.Tables.OUTBOX_EVENT;
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

import io.patron.common.BulkSql;

/** The outbox's SQL: insert, claim with a lease, acknowledge, retry, give up, clean up. */
@Repository
class OutboxRepository {

    /** The states of an outbox event. */
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";

    /** A stored event as a delivery sees it. */
    record Stored(String id, String type, String aggregateId, String payload, OffsetDateTime occurredAt, int attempts) {
    }

    private final DSLContext dsl;

    OutboxRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(String id, String type, String aggregateId, String payload, OffsetDateTime now) {
        dsl.insertInto(OUTBOX_EVENT)
                .set(OUTBOX_EVENT.ID, id).set(OUTBOX_EVENT.EVENT_TYPE, type).set(OUTBOX_EVENT.AGGREGATE_ID, aggregateId).set(OUTBOX_EVENT.PAYLOAD, payload)
                .set(OUTBOX_EVENT.OCCURRED_AT, now).set(OUTBOX_EVENT.STATE, PENDING).set(OUTBOX_EVENT.ATTEMPTS, 0).set(OUTBOX_EVENT.NEXT_ATTEMPT_AT, now)
                .execute();
    }

    /** A new event of {@link #insertAll}. */
    record NewEvent(String id, String aggregateId, String payload) {
    }

    /** Inserts events of one type in multi-row statements (chunks H2's parser takes). */
    void insertAll(String type, List<NewEvent> events, OffsetDateTime now) {
        for (List<NewEvent> chunk : io.patron.common.BulkSql.chunks(dsl, events)) {
            var insert = dsl.insertInto(OUTBOX_EVENT, OUTBOX_EVENT.ID, OUTBOX_EVENT.EVENT_TYPE, OUTBOX_EVENT.AGGREGATE_ID,
                    OUTBOX_EVENT.PAYLOAD, OUTBOX_EVENT.OCCURRED_AT, OUTBOX_EVENT.STATE, OUTBOX_EVENT.ATTEMPTS,
                    OUTBOX_EVENT.NEXT_ATTEMPT_AT);
            for (NewEvent event : chunk) {
                insert = insert.values(event.id(), type, event.aggregateId(), event.payload(), now, PENDING, 0, now);
            }
            insert.execute();
        }
    }

    /** Pending, due at {@code now} (project time), and not held by a claim still live at {@code leaseNow} (real time). */
    private static Condition claimable(OffsetDateTime now, OffsetDateTime leaseNow) {
        return OUTBOX_EVENT.STATE.eq(PENDING).and(OUTBOX_EVENT.NEXT_ATTEMPT_AT.le(now))
                .and(OUTBOX_EVENT.CLAIMED_UNTIL.isNull().or(OUTBOX_EVENT.CLAIMED_UNTIL.lt(leaseNow)));
    }

    /**
     * Claims up to {@code limit} events due at {@code now} (project time) for {@code claimId} until {@code until}
     * (real time, as {@code leaseNow}) and counts the attempt (call it in a transaction). Rows another node is
     * claiming right now are skipped, not waited for; the conditional update keeps a claim exclusive even where that
     * skipping is not available.
     */
    List<Stored> claim(String claimId, OffsetDateTime now, OffsetDateTime leaseNow, OffsetDateTime until, int limit) {
        List<String> ids = dsl.select(OUTBOX_EVENT.ID).from(OUTBOX_EVENT)
                .where(claimable(now, leaseNow))
                .orderBy(OUTBOX_EVENT.NEXT_ATTEMPT_AT, OUTBOX_EVENT.ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(OUTBOX_EVENT.ID);
        if (ids.isEmpty()) {
            return List.of();
        }
        dsl.update(OUTBOX_EVENT)
                .set(OUTBOX_EVENT.CLAIMED_BY, claimId).set(OUTBOX_EVENT.CLAIMED_UNTIL, until).set(OUTBOX_EVENT.ATTEMPTS, OUTBOX_EVENT.ATTEMPTS.plus(inline(1)))
                .where(OUTBOX_EVENT.ID.in(ids)).and(claimable(now, leaseNow))
                .execute();
        return dsl.select(OUTBOX_EVENT.ID, OUTBOX_EVENT.EVENT_TYPE, OUTBOX_EVENT.AGGREGATE_ID, OUTBOX_EVENT.PAYLOAD, OUTBOX_EVENT.OCCURRED_AT, OUTBOX_EVENT.ATTEMPTS).from(OUTBOX_EVENT)
                // by the ids just claimed (primary key): by claim alone, it scanned every pending event per claim; and
                // no state, which let PostgreSQL read the partial index of pending events, dead entries and all
                .where(OUTBOX_EVENT.ID.in(ids)).and(OUTBOX_EVENT.CLAIMED_BY.eq(claimId))
                .orderBy(OUTBOX_EVENT.OCCURRED_AT, OUTBOX_EVENT.ID)
                .fetch(r -> new Stored(r.get(OUTBOX_EVENT.ID), r.get(OUTBOX_EVENT.EVENT_TYPE), r.get(OUTBOX_EVENT.AGGREGATE_ID), r.get(OUTBOX_EVENT.PAYLOAD),
                        r.get(OUTBOX_EVENT.OCCURRED_AT), r.get(OUTBOX_EVENT.ATTEMPTS)));
    }

    /**
     * Gives up events whose claim expired (before {@code leaseNow}, real time) after the last allowed attempt: a node
     * died delivering each of them (perhaps because of the event), so it is not tried again.
     */
    int buryAbandoned(OffsetDateTime leaseNow, int maxAttempts) {
        return dsl.update(OUTBOX_EVENT)
                .set(OUTBOX_EVENT.STATE, DEAD).set(OUTBOX_EVENT.CLAIMED_BY, (String) null).set(OUTBOX_EVENT.CLAIMED_UNTIL, (OffsetDateTime) null)
                .set(OUTBOX_EVENT.LAST_ERROR, "The node delivering it stopped before finishing, " + maxAttempts + " times")
                .where(OUTBOX_EVENT.STATE.eq(PENDING)).and(OUTBOX_EVENT.ATTEMPTS.ge(maxAttempts)).and(OUTBOX_EVENT.CLAIMED_UNTIL.lt(leaseNow))
                .execute();
    }

    /** The listeners that have handled the event already. */
    Set<String> handledBy(String eventId) {
        return dsl.select(OUTBOX_DELIVERY.LISTENER).from(OUTBOX_DELIVERY).where(OUTBOX_DELIVERY.EVENT_ID.eq(eventId))
                .fetchSet(OUTBOX_DELIVERY.LISTENER);
    }

    /** Records that a listener handled the event, in the delivery's transaction, when another of its listeners failed. */
    void recordHandled(String eventId, String listener, OffsetDateTime now) {
        dsl.insertInto(OUTBOX_DELIVERY)
                .set(OUTBOX_DELIVERY.EVENT_ID, eventId).set(OUTBOX_DELIVERY.LISTENER, listener).set(OUTBOX_DELIVERY.DELIVERED_AT, now)
                .execute();
    }

    /**
     * Marks claimed events delivered and returns how many were; fewer when a claim was lost (its lease ran out and
     * another node took the event).
     */
    int delivered(Collection<String> eventIds, String claimId, OffsetDateTime now) {
        return dsl.update(OUTBOX_EVENT)
                .set(OUTBOX_EVENT.STATE, DELIVERED).set(OUTBOX_EVENT.DELIVERED_AT, now).set(OUTBOX_EVENT.LAST_ERROR, (String) null)
                .set(OUTBOX_EVENT.CLAIMED_BY, (String) null).set(OUTBOX_EVENT.CLAIMED_UNTIL, (OffsetDateTime) null)
                .where(OUTBOX_EVENT.ID.in(eventIds)).and(OUTBOX_EVENT.CLAIMED_BY.eq(claimId))
                .execute();
    }

    /** Releases a claimed event after a failed attempt: tried again at {@code nextAttempt}, or dead when null. */
    boolean failed(String eventId, String claimId, OffsetDateTime nextAttempt, String error) {
        Map<Field<?>, Object> values = new HashMap<>();
        values.put(OUTBOX_EVENT.STATE, nextAttempt == null ? DEAD : PENDING);
        if (nextAttempt != null) {
            values.put(OUTBOX_EVENT.NEXT_ATTEMPT_AT, nextAttempt);
        }
        values.put(OUTBOX_EVENT.LAST_ERROR, error.length() > 1000 ? error.substring(0, 1000) : error);
        values.put(OUTBOX_EVENT.CLAIMED_BY, null);
        values.put(OUTBOX_EVENT.CLAIMED_UNTIL, null);
        return dsl.update(OUTBOX_EVENT).set(values)
                .where(OUTBOX_EVENT.ID.eq(eventId)).and(OUTBOX_EVENT.CLAIMED_BY.eq(claimId))
                .execute() == 1;
    }

    /** Vacuums the events' table when more than {@code minDeadRows} of its row versions are dead (PostgreSQL). */
    boolean vacuumWhenDead(long minDeadRows) {
        return !BulkSql.vacuumWhenDead(dsl, minDeadRows, OUTBOX_EVENT).isEmpty();
    }

    /** Deletes up to {@code limit} events delivered before {@code before} (their delivery records go with them). */
    int deleteDelivered(OffsetDateTime before, int limit) {
        List<String> ids = dsl.select(OUTBOX_EVENT.ID).from(OUTBOX_EVENT)
                .where(OUTBOX_EVENT.STATE.eq(DELIVERED)).and(OUTBOX_EVENT.DELIVERED_AT.lt(before))
                .limit(limit)
                .fetch(OUTBOX_EVENT.ID);
        return ids.isEmpty() ? 0 : dsl.deleteFrom(OUTBOX_EVENT).where(OUTBOX_EVENT.ID.in(ids)).execute();
    }

    /**
     * Events not delivered (yet), by state: {@code pending} and {@code dead} (metrics, operators); a count per state,
     * each served by that state's partial index on PostgreSQL.
     */
    Map<String, Integer> countUndelivered() {
        Field<Integer> pending = DSL.field(DSL.selectCount().from(OUTBOX_EVENT).where(OUTBOX_EVENT.STATE.eq(PENDING)));
        Field<Integer> dead = DSL.field(DSL.selectCount().from(OUTBOX_EVENT).where(OUTBOX_EVENT.STATE.eq(DEAD)));
        var counts = dsl.select(pending, dead).fetchOne();
        Map<String, Integer> undelivered = new HashMap<>();
        if (counts.value1() > 0) {
            undelivered.put(PENDING, counts.value1());
        }
        if (counts.value2() > 0) {
            undelivered.put(DEAD, counts.value2());
        }
        return undelivered;
    }
}
