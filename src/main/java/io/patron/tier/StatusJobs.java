package io.patron.tier;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.jobs.CoordinatedJob;

/**
 * Ends status records whose validity passed and re-evaluates their customers, on the project clock. Each record is
 * one step in its own transaction under its customer's lock; a step re-reads the record and does nothing when it was
 * already handled, so runs are idempotent and go on from what was committed.
 */
@Component
class StatusJobs {

    private static final int BATCH = 200;

    private final StatusRepository repository;
    private final StatusService service;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StatusJobs(StatusRepository repository, StatusService service, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.service = service;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Answers the records ended. */
    @CoordinatedJob(name = "tier.end-status-validity", every = "1m")
    public int endValidity() {
        int done = 0;
        while (true) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<StatusRepository.Row> batch = transactions.execute(status -> repository.ended(now, BATCH));
            int before = done;
            for (StatusRepository.Row row : batch) {
                if (Boolean.TRUE.equals(transactions.execute(status -> service.endValidity(row.id())))) {
                    done++;
                }
            }
            if (batch.size() < BATCH || done == before) {
                return done;
            }
        }
    }
}
