package io.patron.automation;

import static io.patron.db.Tables.WEBHOOK_DELIVERY;
import static io.patron.db.Tables.WEBHOOK_ENDPOINT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** SQL of webhook endpoints and deliveries. */
@Repository
class WebhookRepository {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";

    record Endpoint(String id, String url, String secret, String eventTypesJson) {
    }

    record Delivery(String id, String endpointId, String url, String secret, String payload, int attempts) {
    }

    /** A delivery as operators see it (no secret, no payload). */
    record DeliveryView(String deliveryId, String endpointId, String dedupeKey, String state, Integer attempts,
                        Integer lastStatus, String lastError, OffsetDateTime nextAttemptAt, OffsetDateTime createdAt,
                        OffsetDateTime deliveredAt) {
    }

    private final DSLContext dsl;

    WebhookRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void upsertEndpoint(String id, String url, String secret, String eventTypesJson, int state) {
        if (dsl.update(WEBHOOK_ENDPOINT).set(WEBHOOK_ENDPOINT.URL, url).set(WEBHOOK_ENDPOINT.SECRET, secret)
                .set(WEBHOOK_ENDPOINT.EVENT_TYPES, eventTypesJson).set(WEBHOOK_ENDPOINT.STATE, state)
                .where(WEBHOOK_ENDPOINT.ID.eq(id)).execute() == 0) {
            dsl.insertInto(WEBHOOK_ENDPOINT).set(WEBHOOK_ENDPOINT.ID, id).set(WEBHOOK_ENDPOINT.URL, url)
                    .set(WEBHOOK_ENDPOINT.SECRET, secret).set(WEBHOOK_ENDPOINT.EVENT_TYPES, eventTypesJson)
                    .set(WEBHOOK_ENDPOINT.STATE, state).execute();
        }
    }

    List<Endpoint> activeEndpoints() {
        return dsl.select(WEBHOOK_ENDPOINT.ID, WEBHOOK_ENDPOINT.URL, WEBHOOK_ENDPOINT.SECRET, WEBHOOK_ENDPOINT.EVENT_TYPES)
                .from(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.STATE.eq(1))
                .fetch(r -> new Endpoint(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    Optional<Endpoint> endpoint(String id) {
        return dsl.select(WEBHOOK_ENDPOINT.ID, WEBHOOK_ENDPOINT.URL, WEBHOOK_ENDPOINT.SECRET, WEBHOOK_ENDPOINT.EVENT_TYPES)
                .from(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id)).and(WEBHOOK_ENDPOINT.STATE.eq(1))
                .fetchOptional(r -> new Endpoint(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Queues a delivery once per endpoint and key (an event redelivered to this listener queues nothing new). */
    boolean enqueue(String id, String endpointId, String dedupeKey, String payload, OffsetDateTime now) {
        if (dsl.fetchExists(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId)
                .and(WEBHOOK_DELIVERY.DEDUPE_KEY.eq(dedupeKey)))) {
            return false;
        }
        dsl.insertInto(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.ID, id).set(WEBHOOK_DELIVERY.ENDPOINT_ID, endpointId)
                .set(WEBHOOK_DELIVERY.DEDUPE_KEY, dedupeKey).set(WEBHOOK_DELIVERY.PAYLOAD, payload)
                .set(WEBHOOK_DELIVERY.STATE, PENDING).set(WEBHOOK_DELIVERY.ATTEMPTS, 0)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, now).set(WEBHOOK_DELIVERY.CREATED_AT, now).execute();
        return true;
    }

    List<String> due(OffsetDateTime now, int limit) {
        return dsl.select(WEBHOOK_DELIVERY.ID).from(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.STATE.eq(PENDING)).and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .orderBy(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERY.ID).limit(limit)
                .fetch(WEBHOOK_DELIVERY.ID);
    }

    /** Locks a delivery that is still due, skipping one another transaction holds. */
    Optional<Delivery> lockDue(String id, OffsetDateTime now) {
        return dsl.select(WEBHOOK_DELIVERY.ID, WEBHOOK_DELIVERY.ENDPOINT_ID, WEBHOOK_ENDPOINT.URL,
                        WEBHOOK_ENDPOINT.SECRET, WEBHOOK_DELIVERY.PAYLOAD, WEBHOOK_DELIVERY.ATTEMPTS)
                .from(WEBHOOK_DELIVERY.join(WEBHOOK_ENDPOINT).on(WEBHOOK_ENDPOINT.ID.eq(WEBHOOK_DELIVERY.ENDPOINT_ID)))
                .where(WEBHOOK_DELIVERY.ID.eq(id)).and(WEBHOOK_DELIVERY.STATE.eq(PENDING))
                .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .forUpdate().of(WEBHOOK_DELIVERY).skipLocked()
                .fetchOptional(r -> new Delivery(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    void delivered(String id, int attempts, int status, OffsetDateTime now) {
        dsl.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.STATE, DELIVERED).set(WEBHOOK_DELIVERY.ATTEMPTS, attempts)
                .set(WEBHOOK_DELIVERY.LAST_STATUS, status).set(WEBHOOK_DELIVERY.LAST_ERROR, (String) null)
                .set(WEBHOOK_DELIVERY.DELIVERED_AT, now).where(WEBHOOK_DELIVERY.ID.eq(id)).execute();
    }

    /** A failed attempt: tried again at {@code nextAttempt}, or a dead letter when null. */
    void failed(String id, int attempts, Integer status, String error, OffsetDateTime nextAttempt) {
        var update = dsl.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.ATTEMPTS, attempts)
                .set(WEBHOOK_DELIVERY.LAST_STATUS, status)
                .set(WEBHOOK_DELIVERY.LAST_ERROR, error.length() > 1000 ? error.substring(0, 1000) : error)
                .set(WEBHOOK_DELIVERY.STATE, nextAttempt == null ? DEAD : PENDING);
        if (nextAttempt != null) {
            update = update.set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, nextAttempt);
        }
        update.where(WEBHOOK_DELIVERY.ID.eq(id)).execute();
    }

    /** A dead letter goes back to the queue, due now, with a fresh count of attempts; false when it is none. */
    boolean replay(String id, OffsetDateTime now) {
        return dsl.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.STATE, PENDING).set(WEBHOOK_DELIVERY.ATTEMPTS, 0)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, now)
                .where(WEBHOOK_DELIVERY.ID.eq(id)).and(WEBHOOK_DELIVERY.STATE.eq(DEAD)).execute() == 1;
    }

    boolean exists(String id) {
        return dsl.fetchExists(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.ID.eq(id));
    }

    List<DeliveryView> deliveries(String state, String endpointId, int count, int offset) {
        return dsl.select(WEBHOOK_DELIVERY.ID, WEBHOOK_DELIVERY.ENDPOINT_ID, WEBHOOK_DELIVERY.DEDUPE_KEY,
                        WEBHOOK_DELIVERY.STATE, WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.LAST_STATUS,
                        WEBHOOK_DELIVERY.LAST_ERROR, WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERY.CREATED_AT,
                        WEBHOOK_DELIVERY.DELIVERED_AT)
                .from(WEBHOOK_DELIVERY).where(filter(state, endpointId))
                .orderBy(WEBHOOK_DELIVERY.CREATED_AT.desc(), WEBHOOK_DELIVERY.ID).limit(count).offset(offset)
                .fetch(r -> new DeliveryView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10()));
    }

    int countDeliveries(String state, String endpointId) {
        return dsl.fetchCount(WEBHOOK_DELIVERY, filter(state, endpointId));
    }

    private static Condition filter(String state, String endpointId) {
        return DSL.and(state == null ? DSL.noCondition() : WEBHOOK_DELIVERY.STATE.eq(state),
                endpointId == null ? DSL.noCondition() : WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId));
    }
}
