package io.patron.segment;

import static io.patron.db.Tables.SEGMENT_REFRESH;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
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
    /** Customers one transaction evaluates together (their locks are held until it commits). */
    static final int TOGETHER = 50;

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
     * Evaluates every queued customer and returns how many it evaluated: up to {@link #TOGETHER} customers a
     * transaction, so a queue that grew under load drains in a few statements per batch rather than per customer.
     * A batch that fails (a lock it could not get in time) is tried again customer by customer; a customer that still
     * fails stays queued for the next drain, which walks the queue afresh, and the others go on.
     */
    int drain() {
        int evaluated = 0;
        String after = null;
        while (true) {
            var queued = dsl.select(SEGMENT_REFRESH.CUSTOMER_ID, SEGMENT_REFRESH.VERSION).from(SEGMENT_REFRESH);
            List<Record2<String, Long>> batch = (after == null ? queued : queued.where(SEGMENT_REFRESH.CUSTOMER_ID.gt(after)))
                    .orderBy(SEGMENT_REFRESH.CUSTOMER_ID).limit(BATCH).fetch();
            for (int from = 0; from < batch.size(); from += TOGETHER) {
                evaluated += refresh(batch.subList(from, Math.min(batch.size(), from + TOGETHER)));
            }
            if (batch.size() < BATCH) {
                return evaluated;
            }
            after = batch.getLast().value1();
        }
    }

    /** Refreshes the entries' customers in one transaction, or one by one when that fails; returns how many. */
    private int refresh(List<Record2<String, Long>> entries) {
        try {
            transactions.executeWithoutResult(status -> refreshTogether(entries));
            return entries.size();
        } catch (RuntimeException e) {
            if (entries.size() == 1) {
                log.warn("Segment refresh of a queued customer failed; it stays queued ({})", e.getClass().getSimpleName());
                return 0;
            }
            int refreshed = 0;
            for (Record2<String, Long> entry : entries) {
                refreshed += refresh(List.of(entry));
            }
            return refreshed;
        }
    }

    /** Under the customers' locks: evaluates, then removes each entry unless a newer change re-queued it meanwhile. */
    private void refreshTogether(List<Record2<String, Long>> entries) {
        membership.refreshCustomers(entries.stream().map(Record2::value1).toList());
        dsl.deleteFrom(SEGMENT_REFRESH)
                .where(DSL.row(SEGMENT_REFRESH.CUSTOMER_ID, SEGMENT_REFRESH.VERSION).in(entries.stream()
                        .map(entry -> DSL.row(entry.value1(), entry.value2())).toList()))
                .execute();
    }

    @Override
    public PollingLoop pollingLoop() {
        return loop;
    }
}
