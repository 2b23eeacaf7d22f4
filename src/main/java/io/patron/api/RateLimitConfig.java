package io.patron.api;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import io.patron.config.PatronProperties;

/**
 * Token buckets per caller ({@link Caller#limitKey()}): {@code requests-per-second} refill,
 * {@code burst} capacity. On PostgreSQL the buckets are rows of {@code rate_limit_bucket}, so
 * several nodes share one exact budget ({@link SharedRateLimiter}, one statement per request); on
 * the embedded H2 database, which only one process can open, they are Bucket4j buckets in this
 * node's memory ({@link LocalRateLimiter}).
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfig {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

    /** A bucket row is kept this long after its bucket is full again; then it may be deleted. */
    static final Duration KEEP_FULL_BUCKET = Duration.ofMinutes(1);

    @Bean
    RateLimiter rateLimiter(DataSource dataSource, PatronProperties properties) throws Exception {
        PatronProperties.RateLimit limit = properties.rateLimit();
        if (isPostgres(dataSource)) {
            HikariDataSource own = bucketPool(dataSource, limit.poolSize());
            return new SharedRateLimiter(own == null ? dataSource : own, own != null,
                    limit.requestsPerSecond(), limit.burst());
        }
        return new LocalRateLimiter(limit.requestsPerSecond(), limit.burst());
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

    /** Deletes long-full bucket rows on PostgreSQL; does nothing on H2. */
    @Bean
    ExpiredBucketCleanup expiredBucketCleanup(RateLimiter rateLimiter) {
        return new ExpiredBucketCleanup(rateLimiter);
    }

    static boolean isPostgres(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    /** Bucket4j buckets in this node's memory, one per key (for the embedded, single-process database). */
    static final class LocalRateLimiter implements RateLimiter {

        private final LoadingCache<String, Bucket> byKey;

        LocalRateLimiter(long requestsPerSecond, long burst) {
            Bandwidth bandwidth = Bandwidth.builder()
                    .capacity(Math.max(1, burst))
                    .refillGreedy(Math.max(1, requestsPerSecond), Duration.ofSeconds(1))
                    .build();
            this.byKey = Caffeine.newBuilder()
                    .expireAfterAccess(Duration.ofMinutes(10))
                    .maximumSize(100_000)
                    .build(key -> Bucket.builder().addLimit(bandwidth).build());
        }

        @Override
        public long tryConsume(String key) {
            ConsumptionProbe probe = byKey.get(key).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return 0;
            }
            return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        }
    }

    /** Runs {@link SharedRateLimiter#removeExpired} every five minutes on every node. */
    static final class ExpiredBucketCleanup {

        private final RateLimiter rateLimiter;

        ExpiredBucketCleanup(RateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
        }

        @Scheduled(fixedDelay = 5, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
        void removeExpiredBuckets() {
            if (!(rateLimiter instanceof SharedRateLimiter shared)) {
                return;
            }
            try {
                int removed = shared.removeExpired(KEEP_FULL_BUCKET);
                if (removed > 0) {
                    log.debug("Removed {} expired rate-limit buckets", removed);
                }
            } catch (RuntimeException e) {
                log.warn("Could not remove expired rate-limit buckets; will retry", e);
            }
        }
    }
}
