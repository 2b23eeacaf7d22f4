package io.patron.api;

import static io.patron.db.Tables.IDEMPOTENCY_KEY;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Repository;

/** SQL of idempotency keys; every statement commits on its own (no request transaction is open around them). */
@Repository
class IdempotencyRepository {

    /** The states of a key: its first request is running, or its answer is stored. */
    static final String RUNNING = "running";
    static final String DONE = "done";


    record Stored(String requestHash, String state, Integer status, String contentType, String location,
                  byte[] body, OffsetDateTime lockedUntil, OffsetDateTime expiresAt) {
    }

    private final DSLContext dsl;

    IdempotencyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Inserts a running claim; false when the key is already there (the unique key decides between racers). */
    boolean claim(String scope, String keyHash, String requestHash, OffsetDateTime now, OffsetDateTime lockedUntil,
                  OffsetDateTime expiresAt) {
        try {
            return dsl.insertInto(IDEMPOTENCY_KEY)
                    .set(IDEMPOTENCY_KEY.SCOPE, scope).set(IDEMPOTENCY_KEY.KEY_HASH, keyHash).set(IDEMPOTENCY_KEY.REQUEST_HASH, requestHash)
                    .set(IDEMPOTENCY_KEY.STATE, RUNNING).set(IDEMPOTENCY_KEY.CREATED_AT, now).set(IDEMPOTENCY_KEY.LOCKED_UNTIL, lockedUntil)
                    .set(IDEMPOTENCY_KEY.EXPIRES_AT, expiresAt)
                    .onConflict(IDEMPOTENCY_KEY.SCOPE, IDEMPOTENCY_KEY.KEY_HASH).doNothing()
                    .execute() == 1;
        } catch (DataIntegrityViolationException | org.jooq.exception.IntegrityConstraintViolationException e) {
            return false;
        }
    }

    Optional<Stored> find(String scope, String keyHash) {
        return dsl.select(IDEMPOTENCY_KEY.REQUEST_HASH, IDEMPOTENCY_KEY.STATE, IDEMPOTENCY_KEY.STATUS, IDEMPOTENCY_KEY.CONTENT_TYPE, IDEMPOTENCY_KEY.LOCATION, IDEMPOTENCY_KEY.BODY,
                        IDEMPOTENCY_KEY.LOCKED_UNTIL, IDEMPOTENCY_KEY.EXPIRES_AT)
                .from(IDEMPOTENCY_KEY).where(IDEMPOTENCY_KEY.SCOPE.eq(scope)).and(IDEMPOTENCY_KEY.KEY_HASH.eq(keyHash))
                .fetchOptional(r -> new Stored(r.get(IDEMPOTENCY_KEY.REQUEST_HASH), r.get(IDEMPOTENCY_KEY.STATE), r.get(IDEMPOTENCY_KEY.STATUS),
                        r.get(IDEMPOTENCY_KEY.CONTENT_TYPE), r.get(IDEMPOTENCY_KEY.LOCATION), r.get(IDEMPOTENCY_KEY.BODY), r.get(IDEMPOTENCY_KEY.LOCKED_UNTIL),
                        r.get(IDEMPOTENCY_KEY.EXPIRES_AT)));
    }

    /** Takes over a running claim whose holder did not finish in time; only one repeat can win it. */
    boolean takeOver(String scope, String keyHash, OffsetDateTime now, OffsetDateTime lockedUntil) {
        return dsl.update(IDEMPOTENCY_KEY).set(IDEMPOTENCY_KEY.LOCKED_UNTIL, lockedUntil)
                .where(IDEMPOTENCY_KEY.SCOPE.eq(scope)).and(IDEMPOTENCY_KEY.KEY_HASH.eq(keyHash))
                .and(IDEMPOTENCY_KEY.STATE.eq(RUNNING)).and(IDEMPOTENCY_KEY.LOCKED_UNTIL.le(now))
                .execute() == 1;
    }

    void complete(String scope, String keyHash, int status, String contentType, String location, byte[] body) {
        dsl.update(IDEMPOTENCY_KEY)
                .set(IDEMPOTENCY_KEY.STATE, DONE).set(IDEMPOTENCY_KEY.STATUS, status).set(IDEMPOTENCY_KEY.CONTENT_TYPE, contentType)
                .set(IDEMPOTENCY_KEY.LOCATION, location).set(IDEMPOTENCY_KEY.BODY, body).set(IDEMPOTENCY_KEY.LOCKED_UNTIL, (OffsetDateTime) null)
                .where(IDEMPOTENCY_KEY.SCOPE.eq(scope)).and(IDEMPOTENCY_KEY.KEY_HASH.eq(keyHash)).and(IDEMPOTENCY_KEY.STATE.eq(RUNNING))
                .execute();
    }

    /** Drops a running claim, so that the next repeat runs the request again. */
    void release(String scope, String keyHash) {
        dsl.deleteFrom(IDEMPOTENCY_KEY)
                .where(IDEMPOTENCY_KEY.SCOPE.eq(scope)).and(IDEMPOTENCY_KEY.KEY_HASH.eq(keyHash)).and(IDEMPOTENCY_KEY.STATE.eq(RUNNING))
                .execute();
    }

    void removeExpired(String scope, String keyHash, OffsetDateTime now) {
        dsl.deleteFrom(IDEMPOTENCY_KEY)
                .where(IDEMPOTENCY_KEY.SCOPE.eq(scope)).and(IDEMPOTENCY_KEY.KEY_HASH.eq(keyHash)).and(IDEMPOTENCY_KEY.EXPIRES_AT.le(now))
                .execute();
    }

    int removeExpired(OffsetDateTime now) {
        return dsl.deleteFrom(IDEMPOTENCY_KEY).where(IDEMPOTENCY_KEY.EXPIRES_AT.le(now)).execute();
    }
}
