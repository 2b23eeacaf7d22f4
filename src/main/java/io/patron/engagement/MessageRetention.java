package io.patron.engagement;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.jobs.CoordinatedJob;

/** Deletes messages (with their attachments) older than the project's retention period, and expired codes. */
@Component
class MessageRetention {

    private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);
    private static final int BATCH = 1_000;

    private final MessageRepository messages;
    private final OtpService otps;
    private final EngagementProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MessageRetention(MessageRepository messages, OtpService otps, EngagementProperties properties,
                     TransactionTemplate transactions, Clock clock) {
        this.messages = messages;
        this.otps = otps;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Batch by batch, each in its own transaction: a crash keeps what was deleted, and the next run goes on. */
    @CoordinatedJob(name = "engagement.delete-old-messages", every = "1h")
    void deleteOldMessages() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(properties.messageRetention());
        int total = 0;
        int deleted;
        do {
            deleted = transactions.execute(s -> messages.deleteOlderThan(before, BATCH));
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Deleted {} messages older than {}", total, properties.messageRetention());
        }
    }

    /** One-time passwords a day after they expired: nothing can verify them any more. */
    @CoordinatedJob(name = "engagement.delete-expired-otps", every = "1h")
    void deleteExpiredOtps() {
        otps.deleteExpired();
    }
}
