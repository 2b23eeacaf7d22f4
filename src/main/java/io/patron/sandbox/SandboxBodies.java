package io.patron.sandbox;

/** Request and response bodies of the sandbox controls. */
final class SandboxBodies {

    private SandboxBodies() {
    }

    /** {@code POST /sandbox/clock}: exactly one of a project time or an offset from real time. */
    record ClockChange(String time, String offset) {
    }

    /** The project clock: its time, its offset from real time (ISO-8601 and seconds) and its zone. */
    record ClockState(String time, String offset, long offsetSeconds, String timeZone) {
    }
}
