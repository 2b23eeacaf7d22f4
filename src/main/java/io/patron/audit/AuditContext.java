package io.patron.audit;

import java.time.Clock;

/**
 * The actor of the writes the current thread makes, and the project clock that dates them. Static
 * because H2 creates its trigger objects itself (no Spring wiring); embedded H2 runs a trigger in the
 * thread that wrote, so the trigger sees the actor of its request.
 */
public final class AuditContext {

    private static final ThreadLocal<AuditActor> ACTOR = new ThreadLocal<>();
    private static volatile Clock clock = Clock.systemUTC();

    private AuditContext() {
    }

    /** The actor of the current thread: the request's caller, else the system. */
    public static AuditActor actor() {
        AuditActor actor = ACTOR.get();
        return actor != null ? actor : AuditActor.SYSTEM;
    }

    static void begin(AuditActor actor) {
        ACTOR.set(actor);
    }

    static void end() {
        ACTOR.remove();
    }

    static Clock clock() {
        return clock;
    }

    static void useClock(Clock projectClock) {
        clock = projectClock;
    }
}
