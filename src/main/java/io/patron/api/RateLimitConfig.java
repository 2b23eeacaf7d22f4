package io.patron.api;

import java.sql.Connection;
import java.time.Duration;
import java.util.function.Function;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.patron.config.PatronProperties;

/**
 * Token buckets per caller ({@link Caller#limitKey()}): {@code requests-per-second} refill,
 * {@code burst} capacity. On PostgreSQL the buckets live in the {@code rate_limit_bucket} table
 * (Bucket4j, row lock per bucket), so several nodes share one budget; on the embedded H2 database,
 * which only one process can open, they live in this node's memory.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfig {

    @Bean
    RateLimiter rateLimiter(DataSource dataSource, PatronProperties properties) throws Exception {
        PatronProperties.RateLimit limit = properties.rateLimit();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(Math.max(1, limit.burst()))
                        .refillGreedy(Math.max(1, limit.requestsPerSecond()), Duration.ofSeconds(1))
                        .build())
                .build();
        Function<String, Bucket> buckets;
        if (isPostgres(dataSource)) {
            PostgreSQLSelectForUpdateBasedProxyManager<String> shared =
                    Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                            .primaryKeyMapper(PrimaryKeyMapper.STRING)
                            .table("rate_limit_bucket").idColumn("id").stateColumn("state")
                            .expiresAtColumn("expires_at")
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                            .build();
            buckets = key -> shared.builder().build(key, () -> configuration);
        } else {
            buckets = key -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build();
        }
        LoadingCache<String, Bucket> byKey = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(100_000)
                .build(buckets::apply);
        return key -> {
            ConsumptionProbe probe = byKey.get(key).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return 0;
            }
            return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        };
    }

    static boolean isPostgres(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }
}
