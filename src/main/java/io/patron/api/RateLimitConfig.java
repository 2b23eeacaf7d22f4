package io.patron.api;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.patron.config.PatronProperties;
import io.patron.jobs.CoordinatedJob;

/**
 * Token buckets per caller ({@link Caller#limitKey()}): {@code requests-per-second} refill,
 * {@code burst} capacity. On PostgreSQL the buckets live in the {@code rate_limit_bucket} table
 * (Bucket4j, row lock per bucket), so several nodes share one budget; on the embedded H2 database,
 * which only one process can open, they live in this node's memory.
 *
 * <p>How a node talks to the shared rows is {@code patron.rate-limit.optimization}:
 * <ul>
 * <li>{@code delaying} (default): a token lease. A node spends from its own copy of the bucket and
 *     writes what it spent back to the row after {@code requests-per-second / 10} requests or
 *     100 ms, whichever comes first, in one transaction that also refreshes its copy. What it
 *     spent is charged even when the row has run dry meanwhile (the row goes into debt and the
 *     next requests wait it off), so the overshoot never accumulates: over any T seconds all N
 *     nodes together let through at most {@code burst + rate × T + N × rate / 10}. On one node it
 *     is exact. Under load, one round trip per key and node every 100 ms at most.</li>
 * <li>{@code batching}: concurrent requests of one key on one node wait for the transaction in
 *     flight and then go to the database together, as one transaction: exact across nodes
 *     ({@code burst + rate × T}), one round trip per batch.</li>
 * <li>{@code none}: one database transaction per request (row lock per bucket).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfig {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

    /** A bucket row is kept this long after its bucket would be full again; then it may be deleted. */
    static final Duration KEEP_FULL_BUCKET = Duration.ofMinutes(1);
    /** With {@code delaying}: the longest a node's copy of a bucket goes without writing it back. */
    static final Duration MAX_UNSYNCHRONIZED_TIME = Duration.ofMillis(100);

    /**
     * With {@code delaying}: how many requests a node lets through from its own copy of a bucket
     * before it writes them back; each node may overshoot the shared budget by at most this many.
     */
    static long leaseTokens(long requestsPerSecond) {
        return Math.max(1, requestsPerSecond / 10);
    }

    @Bean
    BucketRateLimiter rateLimiter(DataSource dataSource, PatronProperties properties) throws Exception {
        PatronProperties.RateLimit limit = properties.rateLimit();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(Math.max(1, limit.burst()))
                        .refillGreedy(Math.max(1, limit.requestsPerSecond()), Duration.ofSeconds(1))
                        .build())
                .build();
        if (isPostgres(dataSource)) {
            HikariDataSource bucketPool = bucketPool(dataSource, limit.poolSize());
            PostgreSQLSelectForUpdateBasedProxyManager<String> shared =
                    Bucket4jPostgreSQL.selectForUpdateBasedBuilder(bucketPool == null ? dataSource : bucketPool)
                            .primaryKeyMapper(PrimaryKeyMapper.STRING)
                            .table("rate_limit_bucket").idColumn("id").stateColumn("state")
                            .expiresAtColumn("expires_at")
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKET))
                            .build();
            Optimization sync = switch (limit.optimization()) {
                case BATCHING -> Optimizations.batching();
                case DELAYING -> Optimizations.delaying(new DelayParameters(
                        leaseTokens(limit.requestsPerSecond()), MAX_UNSYNCHRONIZED_TIME));
                case NONE -> null;
            };
            Function<String, Bucket> unoptimized = key -> shared.builder().build(key, () -> configuration);
            return new BucketRateLimiter(sync == null ? unoptimized
                    : key -> shared.builder().withOptimization(sync).build(key, () -> configuration),
                    unoptimized, shared, bucketPool);
        }
        return new BucketRateLimiter(key -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build(),
                null, null, null);
    }

    /**
     * A small pool of its own for the bucket rows, whose transactions commit without waiting for
     * the WAL flush ({@code synchronous_commit = off}). A bucket update is not business data: if
     * the database crashed right after one, a caller would get back the few requests it had spent
     * in the last fraction of a second. Waiting for the disk on every API request cost 2 to 4 ms
     * of latency (docs/performance.md). Locks and visibility are unchanged, so the limit stays
     * exact across nodes. Null when the application's pool is not Hikari (then that one is used).
     */
    static HikariDataSource bucketPool(DataSource dataSource, int size) throws java.sql.SQLException {
        if (!dataSource.isWrapperFor(HikariDataSource.class)) {
            return null;
        }
        HikariDataSource main = dataSource.unwrap(HikariDataSource.class);
        HikariConfig config = new HikariConfig();
        config.setPoolName("rate-limit");
        config.setJdbcUrl(main.getJdbcUrl());
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        config.setDataSourceProperties(main.getDataSourceProperties());
        config.setMaximumPoolSize(Math.max(1, size));
        config.setMinimumIdle(1);
        config.setConnectionInitSql("set synchronous_commit = off");
        return new HikariDataSource(config);
    }

    /** Deletes expired bucket rows on PostgreSQL; does nothing on H2. */
    @Bean
    ExpiredBucketCleanup expiredBucketCleanup(BucketRateLimiter rateLimiter) {
        return new ExpiredBucketCleanup(rateLimiter);
    }

    static boolean isPostgres(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    /** The buckets of this node: local ones, or proxies of the shared rows (then with a cleaner). */
    static final class BucketRateLimiter implements RateLimiter, AutoCloseable {

        static final int CLEANUP_BATCH = 1_000;

        private final LoadingCache<String, Bucket> byKey;
        private final Function<String, Bucket> unoptimized;
        private final ExpiredEntriesCleaner cleaner;
        private final HikariDataSource pool;

        /**
         * @param buckets     the bucket of a key as requests use it (possibly with an optimization)
         * @param unoptimized the shared bucket of a key without optimization, or null for local buckets
         * @param cleaner     deletes expired shared buckets, or null for local buckets
         * @param pool        the connection pool of the shared buckets, closed with the limiter, or null
         */
        BucketRateLimiter(Function<String, Bucket> buckets, Function<String, Bucket> unoptimized,
                          ExpiredEntriesCleaner cleaner, HikariDataSource pool) {
            this.pool = pool;
            this.byKey = Caffeine.newBuilder()
                    .expireAfterAccess(Duration.ofMinutes(10))
                    .maximumSize(100_000)
                    .build(buckets::apply);
            this.unoptimized = unoptimized;
            this.cleaner = cleaner;
        }

        @Override
        public long tryConsume(String key) {
            ConsumptionProbe probe;
            try {
                probe = byKey.get(key).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                if (unoptimized == null || !bucketMissing(e)) {
                    throw e;
                }
                // Bucket4j 8.14's batching cannot create a missing bucket (a new key, or a row the
                // cleanup deleted) for a batch of several requests: the whole batch fails with
                // BucketNotFoundException and consumes nothing. A single unbatched call creates it.
                probe = unoptimized.apply(key).tryConsumeAndReturnRemaining(1);
            }
            if (probe.isConsumed()) {
                return 0;
            }
            return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        }

        private static boolean bucketMissing(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BucketNotFoundException) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Deletes the shared bucket rows whose {@code expires_at} has passed, in batches. Bucket4j
         * claims each batch with {@code FOR UPDATE SKIP LOCKED}, so cleaners on several nodes split
         * the work instead of blocking each other, and a row a request holds is skipped. A deleted
         * bucket was full anyway; the next request for its key starts a new full one.
         *
         * @return the number of rows deleted (always 0 for node-local buckets)
         */
        int removeExpired() {
            if (cleaner == null) {
                return 0;
            }
            int total = 0;
            int removed;
            do {
                removed = cleaner.removeExpired(CLEANUP_BATCH);
                total += removed;
            } while (removed == CLEANUP_BATCH);
            return total;
        }

        /** The pool of the shared buckets (null when they use the application's pool or are local). */
        HikariDataSource bucketPool() {
            return pool;
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /** Runs {@link BucketRateLimiter#removeExpired()} every five minutes on one node. */
    static final class ExpiredBucketCleanup {

        private final BucketRateLimiter rateLimiter;

        ExpiredBucketCleanup(BucketRateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
        }

        @CoordinatedJob(name = "rate-limit.remove-expired-buckets", every = "5m")
        void removeExpiredBuckets() {
            try {
                int removed = rateLimiter.removeExpired();
                if (removed > 0) {
                    log.debug("Removed {} expired rate-limit buckets", removed);
                }
            } catch (RuntimeException e) {
                log.warn("Could not remove expired rate-limit buckets; will retry", e);
            }
        }
    }
}
