package io.patron.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Coordinated jobs ({@code patron.jobs.*}).
 *
 * @param pollInterval how often a node looks for due jobs
 * @param retryDelay   wait before a failed job runs again (at most its interval)
 */
@ConfigurationProperties("patron.jobs")
public record JobProperties(
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("1m") Duration retryDelay) {
}
