package io.patron.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock tests can move forward (token expiry, validity windows); reset to the project clock before
 * each test. It runs on top of the project clock, so the sandbox's moves show through it too.
 */
public final class MutableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    public MutableClock(Clock base) {
        this.base = base;
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId other) {
        MutableClock clock = new MutableClock(base.withZone(other));
        clock.offset = offset;
        return clock;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }
}
