package io.patron.reference;

import static io.patron.db.Tables.REFERENCE_DATA_STAMP;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jooq.DSLContext;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.Page;
import io.patron.common.PollingLifecycle;
import io.patron.common.PollingLoop;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Reference data (countries, currencies, languages, lookups, with their translations) served from this node's memory.
 * It changes only through the project import. This is the import's first part: it writes a new random stamp in the
 * import's transaction, lets every read of that transaction go to the database (the import reads what it just
 * wrote, e.g. a channel's id by its text id) and empties this node's memory when the transaction ends. Every other node reads
 * the stamp once per {@code patron.reference.poll-interval} and empties its memory when the stamp changed, so another
 * node's import is seen within that interval; between two changes no answer reads the database.
 * <p>
 * An entry carries the generation it was loaded in. Emptying the memory starts a new generation, and entries of an
 * older one are never served: a read that began before a change and stored its answer after it is not served later.
 */
@Component
public class ReferenceCache implements ProjectImport, PollingLifecycle {

    /** {@code patron.reference.*}: how often a node looks for another node's import. */
    @ConfigurationProperties("patron.reference")
    public record Properties(@DefaultValue("1s") Duration pollInterval) {
    }

    private record Entry(long generation, Object value) {
    }

    /** Bounds the memory: weighed by items held, so many filtered variants of a list cannot exhaust the heap. */
    private static final long MAX_ITEMS = 200_000;

    /** Bound to an import's transaction: its reads bypass the memory. */
    private static final Object IMPORTING = new Object();

    private final DSLContext dsl;
    private final PollingLoop loop;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<String, Entry> entries = Caffeine.newBuilder()
            .maximumWeight(MAX_ITEMS)
            .weigher((String key, Entry e) -> weight(e.value))
            .build();
    private volatile String seenStamp;

    ReferenceCache(DSLContext dsl, Properties properties) {
        this.dsl = dsl;
        this.loop = new PollingLoop("reference-data", properties.pollInterval(), this::poll, new PollingLoop.Signal());
    }

    /** The cached value of {@code key}, loaded by {@code load} (in the caller's transaction) when absent. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> load) {
        if (TransactionSynchronizationManager.hasResource(IMPORTING)) {
            return load.get();
        }
        long current = generation.get();
        Entry hit = entries.getIfPresent(key);
        if (hit != null && hit.generation == current) {
            return (T) hit.value;
        }
        T value = load.get();
        entries.put(key, new Entry(current, value));
        return value;
    }

    /**
     * The key of a list call: the resource, the request's language and every query parameter (sorted), so that two
     * calls share an entry only when they ask the same thing.
     */
    public static String listKey(String resource, ListParams params, Language language) {
        StringBuilder key = new StringBuilder(resource).append('|');
        if (language != null) {
            key.append(language.id()).append('/').append(language.fallback());
        }
        HttpServletRequest request = params.request();
        Map<String, String[]> sorted = new TreeMap<>(request.getParameterMap());
        sorted.forEach((name, values) -> {
            key.append('|').append(name);
            for (String value : values) {
                // the length first: no two different parameter lists give the same key
                key.append('=').append(value.length()).append(':').append(value);
            }
        });
        return key.toString();
    }

    /** Empties this node's memory at once (a change of this node, a data reset). */
    public void invalidate() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    /** Runs first: the import's later parts read reference data it may have changed. */
    @Override
    public int order() {
        return Integer.MIN_VALUE;
    }

    /** Writes the stamp once per transaction: one import run (all its files) is one change for the other nodes. */
    @Override
    public void apply(ProjectFile file) {
        if (TransactionSynchronizationManager.hasResource(IMPORTING)) {
            return;
        }
        String stamp = UUID.randomUUID().toString();
        int updated = dsl.update(REFERENCE_DATA_STAMP).set(REFERENCE_DATA_STAMP.STAMP, stamp)
                .where(REFERENCE_DATA_STAMP.ID.eq(1)).execute();
        if (updated == 0) {
            dsl.insertInto(REFERENCE_DATA_STAMP, REFERENCE_DATA_STAMP.ID, REFERENCE_DATA_STAMP.STAMP)
                    .values(1, stamp).onDuplicateKeyUpdate().set(REFERENCE_DATA_STAMP.STAMP, stamp).execute();
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.bindResource(IMPORTING, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(IMPORTING);
                    if (status == STATUS_COMMITTED) {
                        // this node's own change: its next poll has nothing to empty again
                        seenStamp = stamp;
                    }
                    invalidate();
                }
            });
        } else {
            invalidate();
        }
    }

    /** One poll: the stamp, and the memory emptied when another node's import (or a data reset) changed it. */
    void poll() {
        String stamp = dsl.select(REFERENCE_DATA_STAMP.STAMP).from(REFERENCE_DATA_STAMP)
                .where(REFERENCE_DATA_STAMP.ID.eq(1)).fetchOne(REFERENCE_DATA_STAMP.STAMP);
        if (!Objects.equals(stamp, seenStamp)) {
            seenStamp = stamp;
            invalidate();
        }
    }

    private static int weight(Object value) {
        if (value instanceof Page<?> page) {
            return 1 + page.items().size();
        }
        if (value instanceof Collection<?> collection) {
            return 1 + collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return 1 + map.size();
        }
        return 1;
    }

    @Override
    public PollingLoop pollingLoop() {
        return loop;
    }
}
