package io.patron.jobs;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;

/**
 * A coordinated job and an event listener that count what they do on this node (one instance per application
 * context), for {@link TwoApplicationContextsTest}. The job runs once an hour: elsewhere it only keeps a row.
 */
@Component
public class TwoNodeProbe implements DomainEventListener {

    static final String JOB = "test.two-nodes";
    static final String EVENT = "test.two-nodes";

    private final AtomicInteger runs = new AtomicInteger();
    private final Queue<String> delivered = new ConcurrentLinkedQueue<>();

    @CoordinatedJob(name = JOB, every = "1h", lease = "1m")
    public void run() {
        runs.incrementAndGet();
    }

    int runs() {
        return runs.get();
    }

    List<String> delivered() {
        return List.copyOf(delivered);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EVENT);
    }

    @Override
    public void onEvent(DomainEvent event) {
        delivered.add(event.id());
    }
}
