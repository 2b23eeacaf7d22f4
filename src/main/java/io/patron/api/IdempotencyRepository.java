package io.patron.api;

import static io.patron.db.Tables.IDEMPOTENCY_KEY;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Repository;

import io.patron.db.tables.IdempotencyKey;

/** SQL of idempotency keys; every statement commits on its own (no request transaction is open around them). */
@Repository
class IdempotencyRepository {

    /** The states of a key: its first request is running, or its answer is stored. */
    static final String RUNNING = "running";
    static final String DONE = "done";

    /** The generated table, by a short name. */
    private static final IdempotencyKey KEY = IDEMPOTENCY_KEY;


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
            return dsl.insertInto(KEY)
                    .set(KEY.SCOPE, scope).set(KEY.KEY_HASH, keyHash).set(KEY.REQUEST_HASH, requestHash)
                    .set(KEY.STATE, RUNNING).set(KEY.CREATED_AT, now).set(KEY.LOCKED_UNTIL, lockedUntil)
                    .set(KEY.EXPIRES_AT, expiresAt)
                    .onConflict(KEY.SCOPE, KEY.KEY_HASH).doNothing()
                    .execute() == 1;
        } catch (DataIntegrityViolationException | org.jooq.exception.IntegrityConstraintViolationException e) {
            return false;
        }
    }

    Optional<Stored> find(String scope, String keyHash) {
        return dsl.select(KEY.REQUEST_HASH, KEY.STATE, KEY.STATUS, KEY.CONTENT_TYPE, KEY.LOCATION, KEY.BODY,
                        KEY.LOCKED_UNTIL, KEY.EXPIRES_AT)
                .from(KEY).where(KEY.SCOPE.eq(scope)).and(KEY.KEY_HASH.eq(keyHash))
                .fetchOptional(r -> new Stored(r.get(KEY.REQUEST_HASH), r.get(KEY.STATE), r.get(KEY.STATUS),
                        r.get(KEY.CONTENT_TYPE), r.get(KEY.LOCATION), r.get(KEY.BODY), r.get(KEY.LOCKED_UNTIL),
                        r.get(KEY.EXPIRES_AT)));
    }

    /** Takes over a running claim whose holder did not finish in time; only one repeat can win it. */
    boolean takeOver(String scope, String keyHash, OffsetDateTime now, OffsetDateTime lockedUntil) {
        return dsl.update(KEY).set(KEY.LOCKED_UNTIL, lockedUntil)
                .where(KEY.SCOPE.eq(scope)).and(KEY.KEY_HASH.eq(keyHash))
                .and(KEY.STATE.eq(RUNNING)).and(KEY.LOCKED_UNTIL.le(now))
                .execute() == 1;
    }

    void complete(String scope, String keyHash, int status, String contentType, String location, byte[] body) {
        dsl.update(KEY)
                .set(KEY.STATE, DONE).set(KEY.STATUS, status).set(KEY.CONTENT_TYPE, contentType)
                .set(KEY.LOCATION, location).set(KEY.BODY, body).set(KEY.LOCKED_UNTIL, (OffsetDateTime) null)
                .where(KEY.SCOPE.eq(scope)).and(KEY.KEY_HASH.eq(keyHash)).and(KEY.STATE.eq(RUNNING))
                .execute();
    }

    /** Drops a running claim, so that the next repeat runs the request again. */
    void release(String scope, String keyHash) {
        dsl.deleteFrom(KEY)
                .where(KEY.SCOPE.eq(scope)).and(KEY.KEY_HASH.eq(keyHash)).and(KEY.STATE.eq(RUNNING))
                .execute();
    }

    void removeExpired(String scope, String keyHash, OffsetDateTime now) {
        dsl.deleteFrom(KEY)
                .where(KEY.SCOPE.eq(scope)).and(KEY.KEY_HASH.eq(keyHash)).and(KEY.EXPIRES_AT.le(now))
                .execute();
    }

    int removeExpired(OffsetDateTime now) {
        return dsl.deleteFrom(KEY).where(KEY.EXPIRES_AT.le(now)).execute();
    }
}
