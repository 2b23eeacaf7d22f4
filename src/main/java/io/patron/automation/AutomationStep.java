package io.patron.automation;

import java.time.OffsetDateTime;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A kind of scenario step ({@code kind} in the project file). Register one as a Spring bean and scenarios can use
 * it: this is how assigning points, issuing a voucher or adding to a segment plug in once those capabilities exist.
 * A step runs inside its run's transaction, together with the record that it ran: database work done through
 * services joining that transaction commits exactly once with it. Work outside the database (a message, an HTTP
 * call) may be repeated after a crash between it and the commit; it carries {@link StepContext#idempotencyKey()}
 * so a receiver can tell a repeat.
 */
public interface AutomationStep {

    /** The {@code kind} of steps this bean runs, e.g. {@code send_email}. */
    String kind();

    /** Checks a step's settings when the project file is imported; throw IllegalArgumentException naming the problem. */
    default void check(JsonNode settings) {
    }

    /**
     * Runs the step. An exception is a failure tried again with backoff ({@link PermanentFailure}: not tried
     * again); after the last attempt the step is recorded failed and the run goes on with its next step.
     */
    StepResult run(StepContext context) throws Exception;

    /** What a step gets: its run, its settings, the customer and (for event triggers) the event that started it. */
    record StepContext(String runId, int stepIndex, String scenarioId, String customerId, JsonNode settings,
                       TriggerEvent event, OffsetDateTime now) {

        /** Unique per run and step: the same on every attempt, different for every other step. */
        public String idempotencyKey() {
            return runId + ":" + stepIndex;
        }
    }

    /** The event that started a run: its id, type (text id), time, property values by property id, and data. */
    record TriggerEvent(String eventId, String eventType, OffsetDateTime createdAt, Map<String, Object> properties,
                        JsonNode data) {
    }

    /** How a step ended: done (with a short detail for the run history), or waiting until a time. */
    sealed interface StepResult {
        record Done(String detail) implements StepResult {
        }

        record WaitUntil(OffsetDateTime until) implements StepResult {
        }

        static StepResult done(String detail) {
            return new Done(detail);
        }
    }

    /** A failure that another attempt cannot fix (the customer has no email address...). */
    class PermanentFailure extends RuntimeException {
        public PermanentFailure(String message) {
            super(message);
        }
    }
}
