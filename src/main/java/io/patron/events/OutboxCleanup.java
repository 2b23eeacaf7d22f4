package io.patron.events;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.patron.jobs.CoordinatedJob;

/**
 * Deletes delivered events after the retention period (dead ones stay until an operator deals with them), and keeps
 * the index of pending events small on PostgreSQL.
 */
@Component
class OutboxCleanup {

    private static final Logger log = LoggerFactory.getLogger(OutboxCleanup.class);
    private static final int BATCH = 1_000;
    /**
     * Each delivered event leaves a dead row version behind, and an entry in the partial index of pending events
     * until a vacuum removes it: with 25,000 of them a claim read a thousand heap pages (4 ms instead of 0.05 ms,
     * docs/performance.md, fifth sitting).
     */
    private static final long DEAD_ROWS = 1_000;

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

    /** Outside a transaction (a vacuum cannot run in one); a no-op on H2 and while few rows are dead. */
    @CoordinatedJob(name = "events.vacuum-outbox", every = "30s")
    void vacuumOutbox() {
        repository.vacuumWhenDead(DEAD_ROWS);
    }
}
