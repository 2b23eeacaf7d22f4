package io.patron.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotency keys of writes: how long a key's answer is kept ({@code retention}, project time),
 * how long a repeat waits for a first attempt still running ({@code max-wait}), and after how long a
 * running first attempt counts as abandoned (its node died) so that a repeat may run it again.
 */
@ConfigurationProperties("patron.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("10s") Duration maxWait,
        @DefaultValue("5m") Duration abandonAfter) {
}
