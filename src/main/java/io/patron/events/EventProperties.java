package io.patron.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery of domain events ({@code patron.events.*}).
 *
 * @param pollInterval    how often a node looks for due events it was not woken for (events of other nodes, retries)
 * @param batchSize       the most events one claim takes (a node claims as many as it has free delivery slots, plus as
 *                        many again, up to this)
 * @param lease           how long a claim holds; a node that dies holding one loses it after this time
 * @param maxAttempts     deliveries tried before an event is given up ({@code dead}, kept for operators)
 * @param firstRetryDelay wait before the second attempt; it doubles with every further one
 * @param maxRetryDelay   the longest wait between attempts
 * @param retention       how long delivered events are kept before a job deletes them
 * @param concurrency     events one node delivers at the same time (each in its own transaction)
 */
@ConfigurationProperties("patron.events")
public record EventProperties(
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("10s") Duration firstRetryDelay,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("4") int concurrency) {

    /** The wait after the given number of failed attempts (1 for the first failure). */
    Duration retryDelay(int failedAttempts) {
        Duration delay = firstRetryDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
