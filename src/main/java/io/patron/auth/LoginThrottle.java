package io.patron.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.config.PatronProperties;

/**
 * Slows down guessing of one login's password (Enterprise users and customers alike): after
 * {@code free-attempts} failures within the window, the next attempt must wait
 * first-delay × 2^(extra failures), at most max-delay; an early attempt gets a 429.
 * Keys are opaque; callers prefix them by kind so that users and customers never share one.
 * Runs in the caller's transaction, which must not roll back on the 400 it throws after {@link #failed}.
 */
@Component
public class LoginThrottle {

    private final AuthRepository repository;
    private final PatronProperties properties;
    private final Clock clock;

    LoginThrottle(AuthRepository repository, PatronProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** Throws 429 when the key has failed too often to be tried yet. */
    public void check(String key) {
        PatronProperties.LoginThrottle rule = properties.loginThrottle();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime windowStart = now.minus(rule.maxDelay());
        int failures = repository.failures(key, windowStart).orElse(0);
        if (failures < rule.freeAttempts()) {
            return;
        }
        int extra = Math.min(30, failures - rule.freeAttempts());
        Duration delay = rule.firstDelay().multipliedBy(1L << extra);
        if (delay.compareTo(rule.maxDelay()) > 0) {
            delay = rule.maxDelay();
        }
        OffsetDateTime allowedAt = repository.lastFailure(key).orElse(windowStart).plus(delay);
        if (allowedAt.isAfter(now)) {
            long seconds = Math.max(1, Duration.between(now, allowedAt).toSeconds() + 1);
            throw ApiError.tooManyRequests(seconds);
        }
    }

    /** Counts a failed attempt. */
    public void failed(String key) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        repository.recordFailure(key, now, now.minus(properties.loginThrottle().maxDelay()));
    }

    /** Forgets the failures of a key after a successful attempt. */
    public void succeeded(String key) {
        repository.clearFailures(key);
    }
}
