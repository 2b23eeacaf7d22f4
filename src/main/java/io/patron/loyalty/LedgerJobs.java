package io.patron.loyalty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.jobs.CoordinatedJob;

/**
 * The ledger's coordinated jobs: pending lots become spendable, lots past their end expire, reservations past their
 * expiration end. Each lot (reservation) is one step in its own transaction under its customer's wallet lock; a
 * step re-reads the record and does nothing when another run already did it, so the jobs are idempotent and go on
 * from what was committed after a node dies. Until a job has run, the reads and spends already treat a lot past
 * its end as not spendable and a reservation past its expiration as not holding.
 */
@Component
class LedgerJobs {

    private static final int BATCH = 200;

    private final LedgerRepository repository;
    private final LedgerService ledger;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LedgerJobs(LedgerRepository repository, LedgerService ledger, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
    }

    @CoordinatedJob(name = "loyalty.activate-pending", every = "1m")
    public int activatePending() {
        return run(now -> repository.duePending(now, BATCH), lot -> ledger.activate(lot.id()));
    }

    @CoordinatedJob(name = "loyalty.expire-lots", every = "1m")
    public int expireLots() {
        return run(now -> repository.dueExpiry(now, BATCH), lot -> ledger.expire(lot.id()));
    }

    @CoordinatedJob(name = "loyalty.expire-reservations", every = "1m")
    public int expireReservations() {
        return run(now -> repository.dueReservations(now, BATCH), ledger::expireReservation);
    }

    /** Runs every due step, batch after batch, until a batch finds nothing left to do; answers the steps done. */
    private <T> int run(Function<OffsetDateTime, List<T>> due, Function<T, Boolean> step) {
        int done = 0;
        while (true) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<T> batch = transactions.execute(status -> due.apply(now));
            int before = done;
            for (T item : batch) {
                if (Boolean.TRUE.equals(transactions.execute(status -> step.apply(item)))) {
                    done++;
                }
            }
            if (batch.size() < BATCH || done == before) {
                return done;
            }
        }
    }
}
