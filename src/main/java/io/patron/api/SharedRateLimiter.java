package io.patron.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Token buckets shared by every node, one row of {@code rate_limit_bucket} per key, spent with
 * one {@code INSERT … ON CONFLICT DO UPDATE} per request (the generic cell rate algorithm).
 *
 * <p>A row keeps only {@code full_at}: the moment, on the database's clock, at which the key's
 * bucket is full again. With {@code step} = 1 s / requests-per-second, a request at {@code now}
 * moves it to {@code max(full_at, now) + step} and is allowed while that stays within
 * {@code burst × step} of {@code now}; a missing row is a full bucket. This is the token bucket
 * of Bucket4j's local buckets (capacity {@code burst}, greedy refill), but the arithmetic runs in
 * the statement under its row lock, so the limit is exact across nodes at one round trip per
 * request and the lock is held for one statement, not for a select-for-update transaction
 * (docs/performance.md, "Customer search"). The database's clock keeps nodes with skewed clocks
 * from spending differently.
 *
 * <p>The connections come from a small pool of the limiter's own whose commits do not wait for
 * the disk ({@code synchronous_commit = off}, see {@link RateLimitConfig#bucketPool}).
 */
final class SharedRateLimiter implements RateLimiter, AutoCloseable {

    static final int CLEANUP_BATCH = 1_000;

    private static final String NOW_NS = "cast(extract(epoch from clock_timestamp()) * 1000000000 as bigint)";

    /** Allowed when the bucket, one step further, stays within the burst; else no row changes. */
    private static final String SPEND = """
            insert into rate_limit_bucket as b (id, full_at) values (?, %s + ?)
            on conflict (id) do update set full_at = greatest(b.full_at + ?, excluded.full_at)
            where greatest(b.full_at + ?, excluded.full_at) <= excluded.full_at + ?""".formatted(NOW_NS);

    private static final String NANOS_UNTIL_FULL = "select b.full_at - %s from rate_limit_bucket b where b.id = ?"
            .formatted(NOW_NS);

    /** Rows whose bucket has been full for a while; {@code skip locked} lets cleaners of several nodes split them. */
    private static final String REMOVE_EXPIRED = """
            delete from rate_limit_bucket where id in (
                select id from rate_limit_bucket where full_at < %s - ? limit ? for update skip locked)"""
            .formatted(NOW_NS);

    private final DataSource pool;
    private final boolean ownsPool;
    private final long stepNanos;
    private final long burst;

    /** @param ownsPool whether {@link #close()} closes the pool (it is the limiter's own, not the application's) */
    SharedRateLimiter(DataSource pool, boolean ownsPool, long requestsPerSecond, long burst) {
        this.pool = pool;
        this.ownsPool = ownsPool;
        this.stepNanos = Math.max(1, 1_000_000_000L / Math.max(1, requestsPerSecond));
        this.burst = Math.max(1, burst);
    }

    @Override
    public long tryConsume(String key) {
        try (Connection connection = pool.getConnection()) {
            try (PreparedStatement spend = connection.prepareStatement(SPEND)) {
                spend.setString(1, key);
                spend.setLong(2, stepNanos);
                spend.setLong(3, stepNanos);
                spend.setLong(4, stepNanos);
                spend.setLong(5, (burst - 1) * stepNanos);
                if (spend.executeUpdate() == 1) {
                    return 0;
                }
            }
            // Refused (the rare path): how long until one step fits into the burst again.
            try (PreparedStatement until = connection.prepareStatement(NANOS_UNTIL_FULL)) {
                until.setString(1, key);
                try (ResultSet row = until.executeQuery()) {
                    long untilFull = row.next() ? Math.max(0, row.getLong(1)) : 0;
                    long waitNanos = untilFull + stepNanos - burst * stepNanos;
                    return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not spend from the rate-limit bucket", e);
        }
    }

    /**
     * Deletes, in batches, the rows whose bucket has been full for longer than {@code keep}: such a
     * row says nothing a missing row would not say.
     *
     * @return the number of rows deleted
     */
    int removeExpired(Duration keep) {
        int total = 0;
        int removed;
        do {
            try (Connection connection = pool.getConnection();
                 PreparedStatement delete = connection.prepareStatement(REMOVE_EXPIRED)) {
                delete.setLong(1, keep.toNanos());
                delete.setInt(2, CLEANUP_BATCH);
                removed = delete.executeUpdate();
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("Could not remove expired rate-limit buckets", e);
            }
            total += removed;
        } while (removed == CLEANUP_BATCH);
        return total;
    }

    /** The pool the buckets are written on. */
    DataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        if (ownsPool && pool instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not close the rate-limit pool", e);
            }
        }
    }
}
