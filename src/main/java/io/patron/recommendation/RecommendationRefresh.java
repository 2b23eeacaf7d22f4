package io.patron.recommendation;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.catalog.CatalogQueries;
import io.patron.common.PollingLoop;
import io.patron.jobs.CoordinatedJob;
import io.patron.purchase.PurchaseHistory;

/**
 * Rebuilds the score tables from the whole purchase history, one set-based statement per table (no loop over
 * customers): the customers' purchases per product and per product group, then the products' popularity and their
 * co-purchases from those. Each table is rebuilt in a transaction of its own, so readers always see a whole table
 * (the previous one until the commit) and a node that dies mid-run leaves nothing half-written.
 */
@Component
public class RecommendationRefresh {

    private static final Logger log = LoggerFactory.getLogger(RecommendationRefresh.class);
    /** The co-purchased products kept per product: the strongest links, enough for any call's candidates. */
    static final int PAIRS_PER_PRODUCT = 100;

    /** What one refresh wrote. */
    public record Result(int customerProducts, int customerGroups, int products, int pairs, long durationMs) {
    }

    private final RecommendationRepository repository;
    private final PurchaseHistory history;
    private final CatalogQueries catalog;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean atStart;
    /** The job's interval (its schedule and the skip of {@link #periodicRefresh} alike). */
    private static final String EVERY = "15m";
    static final Duration INTERVAL = DurationStyle.detectAndParse(EVERY);
    /** One rebuild at a time on this node (the start's, the job's): two would insert the same rows. */
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();

    RecommendationRefresh(RecommendationRepository repository, PurchaseHistory history, CatalogQueries catalog,
                          TransactionTemplate transactions, Clock clock,
                          @Value("${patron.recommendations.refresh-at-start:true}") boolean atStart) {
        this.repository = repository;
        this.history = history;
        this.catalog = catalog;
        this.transactions = transactions;
        this.clock = clock;
        this.atStart = atStart;
    }

    /**
     * The periodic refresh: new purchases and cancellations show in the recommendations within this interval (plus a
     * rebuild's duration). A rebuild that ended less than the interval ago (the start's on this node, or any node's)
     * is not followed at once by another: the job's own schedule knows only its runs, and at a million customers a
     * rebuild takes minutes of both cores, so a start used to rebuild twice in a row.
     */
    @CoordinatedJob(name = "recommendations.refresh", every = EVERY, lease = "10m")
    public void periodicRefresh() {
        running.lock(); // a rebuild going on (the start's) is waited for and then counts as recent
        try {
            OffsetDateTime last = transactions.execute(s -> repository.lastRefreshEnd());
            if (last != null && last.isAfter(OffsetDateTime.now(clock).minus(INTERVAL))) {
                log.debug("Recommendations last rebuilt until {}, less than {} ago: this run skipped", last, INTERVAL);
                return;
            }
            rebuild();
        } finally {
            running.unlock();
        }
    }

    /** Rebuilds the score tables now, whenever the last rebuild was (the start, tests, operators). */
    public Result refresh() {
        running.lock();
        try {
            return rebuild();
        } finally {
            running.unlock();
        }
    }

    private Result rebuild() {
        long started = System.nanoTime();
        OffsetDateTime at = OffsetDateTime.now(clock);
        int customerProducts = transactions.execute(s -> repository.rebuildCustomerProducts(history.productLines()));
        int customerGroups = transactions.execute(s -> repository.rebuildCustomerGroups(history.productLines(),
                catalog.productGroups()));
        int products = transactions.execute(s -> repository.rebuildPopularity());
        int pairs = transactions.execute(s -> repository.rebuildPairs(PAIRS_PER_PRODUCT));
        // outside a transaction: the vacuum drops the rows the rebuild replaced, the analyze plans for the new ones
        repository.vacuumScores();
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        transactions.executeWithoutResult(s -> repository.recordRefresh(at, durationMs, customerProducts, pairs));
        log.info("Recommendations refreshed in {} ms: {} customer products, {} customer groups, {} products, {} pairs",
                durationMs, customerProducts, customerGroups, products, pairs);
        return new Result(customerProducts, customerGroups, products, pairs, durationMs);
    }

    /**
     * At start the scores are rebuilt at once rather than at the job's first run (a demo's purchases, a restored
     * database), in the background and never during a data reset. Several nodes starting together may each do it:
     * a rebuild is idempotent.
     */
    @EventListener(ApplicationReadyEvent.class)
    void refreshAtStart() {
        if (!atStart) {
            return;
        }
        Thread.ofVirtual().name("recommendations-first-refresh").start(() -> {
            try {
                PollingLoop.runAsPoll(this::refresh);
            } catch (RuntimeException e) {
                log.warn("First refresh of the recommendations failed; the job retries it", e);
            }
        });
    }
}
