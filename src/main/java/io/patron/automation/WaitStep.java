package io.patron.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * {@code { kind: wait, minutes: N }} (or {@code hours}, {@code days}), or {@code { kind: wait, until: "09:00" }}:
 * the next such local time of the project. Waits follow the project clock, so the sandbox clock fast-forwards them.
 */
@Component
class WaitStep implements AutomationStep {

    private final Clock clock;

    WaitStep(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "wait";
    }

    @Override
    public void check(JsonNode settings) {
        if (settings.hasNonNull("until")) {
            try {
                LocalTime.parse(settings.get("until").asString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("wait: until must be a time HH:MM");
            }
        } else if (duration(settings).isZero() || duration(settings).isNegative()) {
            throw new IllegalArgumentException("wait: give minutes, hours or days (positive), or until");
        }
    }

    private static Duration duration(JsonNode settings) {
        return Duration.ofMinutes(settings.path("minutes").asLong(0))
                .plusHours(settings.path("hours").asLong(0))
                .plusDays(settings.path("days").asLong(0));
    }

    @Override
    public StepResult run(StepContext context) {
        if (context.settings().hasNonNull("until")) {
            LocalTime at = LocalTime.parse(context.settings().get("until").asString());
            ZonedDateTime now = context.now().atZoneSameInstant(clock.getZone());
            ZonedDateTime next = now.with(at);
            if (!next.isAfter(now)) {
                next = next.plusDays(1);
            }
            return new StepResult.WaitUntil(next.toOffsetDateTime());
        }
        OffsetDateTime until = context.now().plus(duration(context.settings()));
        return new StepResult.WaitUntil(until);
    }
}
