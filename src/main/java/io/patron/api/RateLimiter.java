package io.patron.api;

/** Per-caller request budget; see {@code RateLimitConfig} for the single-node and shared variants. */
public interface RateLimiter {

    /**
     * Takes one request from the key's budget.
     *
     * @return 0 when the request may go on, else the seconds to wait before the next one
     */
    long tryConsume(String key);
}
