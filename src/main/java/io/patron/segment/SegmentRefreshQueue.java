package io.patron.segment;

import static io.patron.db.Tables.SEGMENT_REFRESH;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.common.PollingLifecycle;
import io.patron.common.PollingLoop;

/**
 * The customers whose rule-based memberships wait to be evaluated again, and the drain that evaluates them.
 * <p>
 * Lock order is what makes this safe under cash-desk load: a customer's lock always comes before their queue entry.
 * The drain evaluates a customer in one transaction that first locks the customer, then re-evaluates, then removes
 * the entry (if no newer change re-queued it meanwhile). Queueing is an upsert of the entry that the caller's
 * transaction (an outbox delivery) makes just before it commits, after every other listener of the delivery took
 * the locks it needed, so a delivery never waits for a customer while holding an entry. (Refreshing inside the
 * delivery deadlocked with the ledger on PostgreSQL; removing the entry before evaluating left a moment in which a
 * queued refresh was invisible.) A burst of changes to one customer costs one evaluation; any node drains any entry.
 */
@Component
class SegmentRefreshQueue implements PollingLifecycle {

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

    /**
     * Queues the customer when the current transaction commits (at once without one); this node drains right after
     * the commit. Several calls in one transaction queue the customer once.
     */
    void enqueue(String customerId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            upsert(customerId);
            loop.wakeUp();
            return;
        }
        Object key = this;
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(key);
        if (pending == null) {
            Set<String> customers = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(key, customers);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    customers.stream().sorted().forEach(SegmentRefreshQueue.this::upsert);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                    if (status == STATUS_COMMITTED) {
                        loop.wakeUp();
                    }
                }
            });
            pending = customers;
        }
        pending.add(customerId);
    }

    private void upsert(String customerId) {
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
    }

    /**
     * Evaluates every queued customer, one transaction each, and returns how many it evaluated. A refresh that fails
     * (a lock it could not get in time) leaves the entry and ends this drain; the next poll tries again.
     */
    int drain() {
        int evaluated = 0;
        while (true) {
            List<Record2<String, Long>> batch = dsl.select(SEGMENT_REFRESH.CUSTOMER_ID, SEGMENT_REFRESH.VERSION)
                    .from(SEGMENT_REFRESH).orderBy(SEGMENT_REFRESH.CUSTOMER_ID).limit(BATCH).fetch();
            for (Record2<String, Long> entry : batch) {
                try {
                    transactions.executeWithoutResult(status -> refresh(entry.value1(), entry.value2()));
                    evaluated++;
                } catch (RuntimeException e) {
                    log.warn("Segment refresh of a queued customer failed; it stays queued ({})",
                            e.getClass().getSimpleName());
                    return evaluated;
                }
            }
            if (batch.size() < BATCH) {
                return evaluated;
            }
        }
    }

    /** Under the customer's lock: evaluates, then removes the entry unless a newer change re-queued it meanwhile. */
    private void refresh(String customerId, long version) {
        membership.refreshCustomer(customerId);
        dsl.deleteFrom(SEGMENT_REFRESH).where(SEGMENT_REFRESH.CUSTOMER_ID.eq(customerId))
                .and(SEGMENT_REFRESH.VERSION.eq(version)).execute();
    }

    @Override
    public PollingLoop pollingLoop() {
        return loop;
    }
}
