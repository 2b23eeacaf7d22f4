package io.patron.automation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Marketing automation ({@code patron.automation.*}).
 *
 * @param mailFrom               sender of the scenarios' emails
 * @param stepMaxAttempts        attempts of a failing step before it is recorded failed (the run then goes on)
 * @param stepFirstRetryDelay    wait before a failed step's second attempt; doubles with every further one
 * @param webhookMaxAttempts     attempts of a webhook delivery before it becomes a dead letter
 * @param webhookFirstRetryDelay wait before a failed delivery's second attempt; doubles with every further one
 * @param webhookMaxRetryDelay   the longest wait between two attempts of a delivery
 * @param webhookTimeout         how long a receiver may take to answer
 * @param batchSize              runs or deliveries one job pass takes at most
 */
@ConfigurationProperties("patron.automation")
public record AutomationProperties(
        @DefaultValue("noreply@patron.local") String mailFrom,
        @DefaultValue("5") int stepMaxAttempts,
        @DefaultValue("1m") Duration stepFirstRetryDelay,
        @DefaultValue("8") int webhookMaxAttempts,
        @DefaultValue("30s") Duration webhookFirstRetryDelay,
        @DefaultValue("6h") Duration webhookMaxRetryDelay,
        @DefaultValue("10s") Duration webhookTimeout,
        @DefaultValue("200") int batchSize) {

    /** The wait after {@code failedAttempts} failures: {@code first}, doubled per further failure, at most {@code max}. */
    static Duration backoff(Duration first, Duration max, int failedAttempts) {
        Duration delay = first;
        for (int i = 1; i < failedAttempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
