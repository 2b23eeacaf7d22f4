package io.patron.audit;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The actor of the writes the current thread makes, and the project clock that dates them. Static
 * because H2 creates its trigger objects itself (no Spring wiring); embedded H2 runs a trigger in the
 * thread that wrote, so the trigger sees the actor of its request.
 */
public final class AuditContext {

    private static final ThreadLocal<AuditActor> ACTOR = new ThreadLocal<>();
    private static volatile Supplier<Clock> clock = Clock::systemUTC;

    private AuditContext() {
    }

    /** The actor of the current thread: the request's caller, else the system. */
    public static AuditActor actor() {
        AuditActor actor = ACTOR.get();
        return actor != null ? actor : AuditActor.SYSTEM;
    }

    /**
     * Runs {@code work} with {@code actor} as the actor of its writes, for requests outside the API that authenticate
     * otherwise (a provider's signed callback); the work must open its transaction inside. The previous actor is
     * restored afterwards.
     */
    public static <T> T as(AuditActor actor, Supplier<T> work) {
        AuditActor previous = ACTOR.get();
        ACTOR.set(actor);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                ACTOR.remove();
            } else {
                ACTOR.set(previous);
            }
        }
    }

    static void begin(AuditActor actor) {
        ACTOR.set(actor);
    }

    static void end() {
        ACTOR.remove();
    }

    static Clock clock() {
        return clock.get();
    }

    /** Looked up at the first write: the project clock itself reads the database, which Flyway (and so this) precedes. */
    static void useClock(Supplier<Clock> projectClock) {
        clock = projectClock;
    }
}
