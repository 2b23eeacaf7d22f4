package io.patron.api;

import static io.patron.api.IdempotencyTables.*;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Repository;

/** SQL of idempotency keys; every statement commits on its own (no request transaction is open around them). */
@Repository
class IdempotencyRepository {

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
                    .set(IK_SCOPE, scope).set(IK_KEY_HASH, keyHash).set(IK_REQUEST_HASH, requestHash)
                    .set(IK_STATE, RUNNING).set(IK_CREATED, now).set(IK_LOCKED_UNTIL, lockedUntil)
                    .set(IK_EXPIRES, expiresAt)
                    .onConflict(IK_SCOPE, IK_KEY_HASH).doNothing()
                    .execute() == 1;
        } catch (DataIntegrityViolationException | org.jooq.exception.IntegrityConstraintViolationException e) {
            return false;
        }
    }

    Optional<Stored> find(String scope, String keyHash) {
        return dsl.select(IK_REQUEST_HASH, IK_STATE, IK_STATUS, IK_CONTENT_TYPE, IK_LOCATION, IK_BODY,
                        IK_LOCKED_UNTIL, IK_EXPIRES)
                .from(IDEMPOTENCY_KEY).where(IK_SCOPE.eq(scope)).and(IK_KEY_HASH.eq(keyHash))
                .fetchOptional(r -> new Stored(r.get(IK_REQUEST_HASH), r.get(IK_STATE), r.get(IK_STATUS),
                        r.get(IK_CONTENT_TYPE), r.get(IK_LOCATION), r.get(IK_BODY), r.get(IK_LOCKED_UNTIL),
                        r.get(IK_EXPIRES)));
    }

    /** Takes over a running claim whose holder did not finish in time; only one repeat can win it. */
    boolean takeOver(String scope, String keyHash, OffsetDateTime now, OffsetDateTime lockedUntil) {
        return dsl.update(IDEMPOTENCY_KEY).set(IK_LOCKED_UNTIL, lockedUntil)
                .where(IK_SCOPE.eq(scope)).and(IK_KEY_HASH.eq(keyHash))
                .and(IK_STATE.eq(RUNNING)).and(IK_LOCKED_UNTIL.le(now))
                .execute() == 1;
    }

    void complete(String scope, String keyHash, int status, String contentType, String location, byte[] body) {
        dsl.update(IDEMPOTENCY_KEY)
                .set(IK_STATE, DONE).set(IK_STATUS, status).set(IK_CONTENT_TYPE, contentType)
                .set(IK_LOCATION, location).set(IK_BODY, body).set(IK_LOCKED_UNTIL, (OffsetDateTime) null)
                .where(IK_SCOPE.eq(scope)).and(IK_KEY_HASH.eq(keyHash)).and(IK_STATE.eq(RUNNING))
                .execute();
    }

    /** Drops a running claim, so that the next repeat runs the request again. */
    void release(String scope, String keyHash) {
        dsl.deleteFrom(IDEMPOTENCY_KEY)
                .where(IK_SCOPE.eq(scope)).and(IK_KEY_HASH.eq(keyHash)).and(IK_STATE.eq(RUNNING))
                .execute();
    }

    void removeExpired(String scope, String keyHash, OffsetDateTime now) {
        dsl.deleteFrom(IDEMPOTENCY_KEY)
                .where(IK_SCOPE.eq(scope)).and(IK_KEY_HASH.eq(keyHash)).and(IK_EXPIRES.le(now))
                .execute();
    }

    int removeExpired(OffsetDateTime now) {
        return dsl.deleteFrom(IDEMPOTENCY_KEY).where(IK_EXPIRES.le(now)).execute();
    }
}
