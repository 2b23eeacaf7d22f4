package io.patron.segment;

import static io.patron.db.Tables.SEGMENT_REFRESH;

import java.time.Duration;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.common.PollingLoop;

/**
 * The customers whose rule-based memberships wait to be evaluated again. Queueing is one upsert in the caller's
 * transaction (the outbox delivery of a change), with no lock on the customer; after that transaction commits, this
 * node's drain takes each queued customer off the queue and evaluates them in a transaction whose only lock is that
 * customer's. So a refresh never holds a customer lock in the middle of another listener's work, and a burst of
 * changes to one customer (a cash desk's spend, earning and status change) costs one evaluation. Any node drains any entry: the
 * delete of the entry decides who evaluates, and an entry re-queued meanwhile (a newer version) stays for the next
 * drain, so no change is ever missed.
 */
@Component
class SegmentRefreshQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentRefreshQueue.class);
    /** Entries one round of the drain reads. */
    static final int BATCH = 200;

    private final DSLContext dsl;
    private final SegmentMembership membership;
    private final TransactionTemplate transactions;
    private final PollingLoop loop;

    SegmentRefreshQueue(DSLContext dsl, SegmentMembership membership, TransactionTemplate transactions,
                        @Value("${patron.segments.refresh-poll-interval:1s}") Duration pollInterval) {
        this.dsl = dsl;
        this.membership = membership;
        this.transactions = transactions;
        this.loop = new PollingLoop("segment-refresh", pollInterval, this::drain);
    }

    /** Queues the customer in the current transaction; this node drains right after it commits. */
    void enqueue(String customerId) {
        try {
            dsl.insertInto(SEGMENT_REFRESH).set(SEGMENT_REFRESH.CUSTOMER_ID, customerId)
                    .set(SEGMENT_REFRESH.VERSION, 1L)
                    .onConflict(SEGMENT_REFRESH.CUSTOMER_ID).doUpdate()
                    .set(SEGMENT_REFRESH.VERSION, SEGMENT_REFRESH.VERSION.plus(1L))
                    .execute();
        } catch (DuplicateKeyException e) {
            // H2 only: its MERGE is not atomic against a concurrent insert of the same customer (PostgreSQL's
            // ON CONFLICT is), and a failed statement does not end an H2 transaction, so count the change now
            dsl.update(SEGMENT_REFRESH).set(SEGMENT_REFRESH.VERSION, SEGMENT_REFRESH.VERSION.plus(1L))
                    .where(SEGMENT_REFRESH.CUSTOMER_ID.eq(customerId)).execute();
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    loop.wakeUp();
                }
            });
        } else {
            loop.wakeUp();
        }
    }

    /**
     * Evaluates every queued customer and returns how many it evaluated: each entry is taken in one transaction and
     * the customer evaluated in the next. A refresh that fails queues the customer again and ends the drain (the
     * next poll tries again); a node that dies between the two leaves the customer to the daily pass.
     */
    int drain() {
        int evaluated = 0;
        while (true) {
            List<Record2<String, Long>> batch = dsl.select(SEGMENT_REFRESH.CUSTOMER_ID, SEGMENT_REFRESH.VERSION)
                    .from(SEGMENT_REFRESH).orderBy(SEGMENT_REFRESH.CUSTOMER_ID).limit(BATCH).fetch();
            int taken = 0;
            for (Record2<String, Long> entry : batch) {
                if (!Boolean.TRUE.equals(transactions.execute(status -> take(entry.value1(), entry.value2())))) {
                    continue;
                }
                try {
                    transactions.executeWithoutResult(status -> membership.refreshCustomer(entry.value1()));
                    taken++;
                } catch (RuntimeException e) {
                    log.warn("Segment refresh of a queued customer failed; queued again", e);
                    transactions.executeWithoutResult(status -> enqueue(entry.value1()));
                    return evaluated + taken;
                }
            }
            evaluated += taken;
            if (batch.size() < BATCH) {
                return evaluated;
            }
        }
    }

    /**
     * Takes the entry if it is still the version read (another node or a newer change otherwise has it), in a
     * transaction of its own: the refresh that follows must hold no lock on the queue while it waits for the
     * customer's lock, since a delivery holding that customer's lock may be queueing them at the same moment.
     */
    private boolean take(String customerId, long version) {
        return dsl.deleteFrom(SEGMENT_REFRESH).where(SEGMENT_REFRESH.CUSTOMER_ID.eq(customerId))
                .and(SEGMENT_REFRESH.VERSION.eq(version)).execute() == 1;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
