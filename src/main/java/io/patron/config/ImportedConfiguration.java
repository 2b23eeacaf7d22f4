package io.patron.config;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Per-node copies of what the project import configures (scenarios, webhooks, segment rules), for hot paths that
 * would otherwise query the configuration for every event. A copy is read again after this node's next import
 * (start, sandbox reset, tests) commits, and at the latest after {@link #MAX_AGE}, which bounds how long an import
 * made by another node goes unseen here.
 */
@Component
public class ImportedConfiguration {

    /** How long a copy serves at most (another node's import is seen within this time). */
    public static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final AtomicLong imports = new AtomicLong();

    /** Called by {@link ProjectImporter} once an import committed. */
    void imported() {
        imports.incrementAndGet();
    }

    /** A copy of what {@code loader} reads, served until the next import or for {@link #MAX_AGE}. */
    public <T> Supplier<T> cached(Supplier<T> loader) {
        return new Copy<>(loader);
    }

    private final class Copy<T> implements Supplier<T> {

        private record Held<T>(T value, long imports, long loadedAt) {
        }

        private final Supplier<T> loader;
        private volatile Held<T> held;

        Copy(Supplier<T> loader) {
            this.loader = loader;
        }

        @Override
        public T get() {
            // the import count is read before loading: an import committing meanwhile makes the next call load again
            long count = imports.get();
            long now = System.nanoTime();
            Held<T> current = held;
            if (current != null && current.imports() == count && now - current.loadedAt() < MAX_AGE.toNanos()) {
                return current.value();
            }
            T value = loader.get();
            held = new Held<>(value, count, now);
            return value;
        }
    }
}
