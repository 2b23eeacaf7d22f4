package io.patron.events;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import static io.patron.events.OutboxRepository.DEAD;
import static io.patron.events.OutboxRepository.PENDING;

/**
 * {@code patron.outbox.events{state=pending|dead}}: events waiting for delivery, and events given up that an operator
 * should look at. Counted in the database (all nodes' events), at most once per scrape.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(2);

    private final OutboxRepository repository;
    private Map<String, Integer> counts = Map.of();
    private long countedAt;

    OutboxMetrics(OutboxRepository repository) {
        this.repository = repository;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : new String[] {PENDING, DEAD}) {
            Gauge.builder("patron.outbox.events", () -> count(state))
                    .tag("state", state)
                    .description("Domain events not delivered, by state")
                    .register(registry);
        }
    }

    private synchronized double count(String state) {
        if (System.nanoTime() - countedAt > FRESH.toNanos() || countedAt == 0) {
            try {
                counts = repository.countUndelivered();
                countedAt = System.nanoTime();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }
        return counts.getOrDefault(state, 0);
    }
}
