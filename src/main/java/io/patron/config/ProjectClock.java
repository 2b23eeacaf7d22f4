package io.patron.config;

import static io.patron.db.Tables.PROJECT_CLOCK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.locks.ReentrantLock;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's clock: real time plus the offset an integrator set through the sandbox, in the
 * project's time zone. The offset lives in the database ({@code project_clock}), so every node
 * runs the same project time; a node reads it again when its copy is older than
 * {@link #REFRESH} (on the first use after that, never blocking a caller while another thread
 * reads), so a change made on another node is followed within about a second. Without
 * {@code patron.sandbox} the offset is always zero and the database is never asked.
 */
public class ProjectClock extends Clock {

    private static final Logger log = LoggerFactory.getLogger(ProjectClock.class);
    public static final Duration REFRESH = Duration.ofSeconds(1);

    private final ZoneId zone;
    /** Autocommit statements on a connection of their own (never the caller's transaction); null without sandbox. */
    private final DSLContext direct;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Duration offset = Duration.ZERO;
    private volatile long readAtNanos;
    private volatile boolean read;

    public ProjectClock(ZoneId zone, DSLContext direct) {
        this.zone = zone;
        this.direct = direct;
    }

    /** Whether the offset can be moved (sandbox on). */
    public boolean movable() {
        return direct != null;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        ProjectClock parent = this;
        return other.equals(zone) ? this : new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId again) {
                return parent.withZone(again);
            }

            @Override
            public Instant instant() {
                return parent.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset());
    }

    /** How far the project time runs ahead of real time, as last read (at most about {@link #REFRESH} ago). */
    public Duration offset() {
        if (direct != null && (!read || System.nanoTime() - readAtNanos > REFRESH.toNanos()) && reading.tryLock()) {
            try {
                load();
            } finally {
                reading.unlock();
            }
        }
        return offset;
    }

    /** Sets the offset for every node (this one at once, the others within {@link #REFRESH}). */
    public void setOffset(Duration newOffset) {
        if (direct == null) {
            throw new IllegalStateException("The project clock moves only in a sandbox (patron.sandbox)");
        }
        reading.lock();
        try {
            OffsetDateTime changed = OffsetDateTime.now(ZoneOffset.UTC);
            if (newOffset.isZero()) {
                direct.deleteFrom(PROJECT_CLOCK).execute();
            } else {
                direct.insertInto(PROJECT_CLOCK)
                        .set(PROJECT_CLOCK.ID, 1).set(PROJECT_CLOCK.OFFSET_MILLIS, newOffset.toMillis()).set(PROJECT_CLOCK.CHANGED_AT, changed)
                        .onConflict(PROJECT_CLOCK.ID).doUpdate()
                        .set(PROJECT_CLOCK.OFFSET_MILLIS, newOffset.toMillis()).set(PROJECT_CLOCK.CHANGED_AT, changed)
                        .execute();
            }
            remember(Duration.ofMillis(newOffset.toMillis()));
        } finally {
            reading.unlock();
        }
    }

    /** Reads the offset again now (after the data was reset, or in tests). */
    public void refresh() {
        if (direct == null) {
            return;
        }
        reading.lock();
        try {
            load();
        } finally {
            reading.unlock();
        }
    }

    private void load() {
        try {
            Long millis = direct.select(PROJECT_CLOCK.OFFSET_MILLIS).from(PROJECT_CLOCK).where(PROJECT_CLOCK.ID.eq(1))
                    .fetchOne(PROJECT_CLOCK.OFFSET_MILLIS);
            remember(millis == null ? Duration.ZERO : Duration.ofMillis(millis));
        } catch (RuntimeException e) {
            // Before the migrations ran, or the database is briefly away: keep the last offset, try again later.
            readAtNanos = System.nanoTime();
            log.debug("Could not read the project clock offset; keeping {}", offset, e);
        }
    }

    private void remember(Duration value) {
        offset = value;
        readAtNanos = System.nanoTime();
        read = true;
    }
}
