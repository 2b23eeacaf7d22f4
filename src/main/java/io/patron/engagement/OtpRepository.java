package io.patron.engagement;

import static io.patron.db.Tables.ONE_TIME_PASSWORD;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL of one-time passwords. */
@Repository
class OtpRepository {

    record Stored(String requestId, String applicationId, String codeHash, OffsetDateTime expiresAt,
                  OffsetDateTime usedAt) {
    }

    private final DSLContext dsl;

    OtpRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(String requestId, String applicationId, String channelId, String recipient, String codeHash,
                OffsetDateTime now, OffsetDateTime expiresAt) {
        dsl.insertInto(ONE_TIME_PASSWORD)
                .set(ONE_TIME_PASSWORD.REQUEST_ID, requestId)
                .set(ONE_TIME_PASSWORD.EXTERNAL_APPLICATION_ID, applicationId)
                .set(ONE_TIME_PASSWORD.COMMUNICATION_CHANNEL_ID, channelId)
                .set(ONE_TIME_PASSWORD.RECIPIENT, recipient)
                .set(ONE_TIME_PASSWORD.CODE_HASH, codeHash)
                .set(ONE_TIME_PASSWORD.ATTEMPTS, 0)
                .set(ONE_TIME_PASSWORD.CREATED_AT, now)
                .set(ONE_TIME_PASSWORD.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** Codes sent to this recipient since {@code since}. */
    int sentSince(String recipient, OffsetDateTime since) {
        return dsl.fetchCount(ONE_TIME_PASSWORD, ONE_TIME_PASSWORD.RECIPIENT.eq(recipient)
                .and(ONE_TIME_PASSWORD.CREATED_AT.gt(since)));
    }

    /** Counts one verification attempt; false when the request is unknown or has no attempts left. */
    boolean takeAttempt(String requestId, int maxAttempts) {
        return dsl.update(ONE_TIME_PASSWORD).set(ONE_TIME_PASSWORD.ATTEMPTS, ONE_TIME_PASSWORD.ATTEMPTS.plus(1))
                .where(ONE_TIME_PASSWORD.REQUEST_ID.eq(requestId))
                .and(ONE_TIME_PASSWORD.ATTEMPTS.lt(maxAttempts))
                .execute() == 1;
    }

    Optional<Stored> find(String requestId) {
        return dsl.selectFrom(ONE_TIME_PASSWORD).where(ONE_TIME_PASSWORD.REQUEST_ID.eq(requestId))
                .fetchOptional(r -> new Stored(r.getRequestId(), r.getExternalApplicationId(), r.getCodeHash(),
                        r.getExpiresAt(), r.getUsedAt()));
    }

    /** Marks the code used; false when another verification used it first. */
    boolean use(String requestId, OffsetDateTime now) {
        return dsl.update(ONE_TIME_PASSWORD).set(ONE_TIME_PASSWORD.USED_AT, now)
                .where(ONE_TIME_PASSWORD.REQUEST_ID.eq(requestId)).and(ONE_TIME_PASSWORD.USED_AT.isNull())
                .execute() == 1;
    }

    int deleteExpiredBefore(OffsetDateTime before) {
        return dsl.deleteFrom(ONE_TIME_PASSWORD).where(ONE_TIME_PASSWORD.EXPIRES_AT.lt(before)).execute();
    }
}
