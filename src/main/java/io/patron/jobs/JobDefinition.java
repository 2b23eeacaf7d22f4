package io.patron.jobs;

import java.time.Duration;

/** A job the scheduler runs: its row name, interval, lease and work. */
public record JobDefinition(String name, Duration interval, Duration lease, Runnable task) {
}
