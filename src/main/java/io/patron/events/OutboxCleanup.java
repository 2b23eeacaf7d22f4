package io.patron.events;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.patron.jobs.CoordinatedJob;

/** Deletes delivered events after the retention period; dead ones stay until an operator deals with them. */
@Component
class OutboxCleanup {

    private static final Logger log = LoggerFactory.getLogger(OutboxCleanup.class);
    private static final int BATCH = 1_000;

    private final OutboxRepository repository;
    private final EventProperties properties;
    private final Clock clock;

    OutboxCleanup(OutboxRepository repository, EventProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** Batch by batch, each its own statement: a crash keeps what was deleted, and the next run goes on. */
    @CoordinatedJob(name = "events.delete-delivered", every = "1h")
    void deleteDelivered() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(properties.retention());
        int total = 0;
        int deleted;
        do {
            deleted = repository.deleteDelivered(before, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Deleted {} delivered events older than {}", total, properties.retention());
        }
    }
}
