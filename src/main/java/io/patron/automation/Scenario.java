package io.patron.automation;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A scenario of the project file: what starts it (an event type, the absence of an awaited event after one, or a
 * schedule such as birthdays), the conditions a customer must meet, and the steps run for them.
 * <pre>
 * scenarios:
 *   - id: abandoned_cart
 *     name: Abandoned cart
 *     trigger:
 *       event_type: cart_updated
 *       unless: { event_types: [purchase.sent, eshop_order], within_minutes: 60 }
 *     conditions:
 *       - { consent: marketing }
 *       - { event_property: cart_value, op: gte, value: 500 }
 *     steps:
 *       - { kind: send_email, subject: { en: "..." }, body: { en: "..." } }
 * </pre>
 */
record Scenario(String id, String name, Trigger trigger, List<Condition> conditions, List<Step> steps) {

    static final String EVENT = "event";
    static final String ABSENCE = "absence";
    static final String SCHEDULE = "schedule";
    static final String BIRTHDAY = "birthday";
    /** Scheduled: {@code days_before} days before some of the customer's points expire. */
    static final String POINTS_EXPIRING = "points_expiring";

    /**
     * What starts a run: an event of {@code eventType}; with {@code unlessTypes}, only when none of those event
     * types follows for the customer within {@code within}; or a {@code schedule} at a local time of the day.
     */
    record Trigger(String eventType, List<String> unlessTypes, Duration within, String schedule, LocalTime at,
                   int daysBefore) {
        String kind() {
            return schedule != null ? SCHEDULE : unlessTypes != null ? ABSENCE : EVENT;
        }
    }

    /**
     * One condition: a value of the trigger event's properties, of a customer field or property compared with
     * {@code op} ({@value #OPS}), or a consent the customer gave (value 1).
     */
    record Condition(String eventProperty, String customerField, String customerProperty, String consent,
                     String consentChannel, String segment, String status, String op, JsonNode value) {
        static final String OPS = "eq, ne, gt, gte, lt, lte, contains, exists";
    }

    /** A step: its kind (a {@link AutomationStep} bean) and its settings as written in the project file. */
    record Step(String kind, JsonNode settings) {
    }

    private static final Set<String> OP_NAMES = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "contains", "exists");

    /** Reads a scenario's definition; an {@link IllegalArgumentException} names what is wrong. */
    static Scenario parse(String id, String name, JsonNode definition) {
        JsonNode trigger = definition.path("trigger");
        if (!trigger.isObject()) {
            throw new IllegalArgumentException("scenario " + id + ": trigger is required");
        }
        Trigger parsed;
        if (trigger.hasNonNull("schedule")) {
            String schedule = trigger.get("schedule").asString();
            if (!BIRTHDAY.equals(schedule) && !POINTS_EXPIRING.equals(schedule)) {
                throw new IllegalArgumentException("scenario " + id + ": schedule must be " + BIRTHDAY + " or "
                        + POINTS_EXPIRING);
            }
            int daysBefore = 0;
            if (POINTS_EXPIRING.equals(schedule)) {
                JsonNode days = trigger.get("days_before");
                if (days == null || !days.isIntegralNumber() || days.asInt() < 0 || days.asInt() > 366) {
                    throw new IllegalArgumentException("scenario " + id + ": days_before must be a whole number 0-366");
                }
                daysBefore = days.asInt();
            }
            LocalTime at;
            try {
                at = trigger.hasNonNull("at") ? LocalTime.parse(trigger.get("at").asString()) : LocalTime.MIDNIGHT;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("scenario " + id + ": at must be a time HH:MM");
            }
            parsed = new Trigger(null, null, null, schedule, at, daysBefore);
        } else if (trigger.hasNonNull("event_type")) {
            JsonNode unless = trigger.path("unless");
            if (unless.isObject()) {
                List<String> types = new ArrayList<>();
                unless.path("event_types").forEach(t -> types.add(t.asString()));
                long minutes = unless.path("within_minutes").asLong(0);
                if (types.isEmpty() || minutes <= 0) {
                    throw new IllegalArgumentException(
                            "scenario " + id + ": unless needs event_types and a positive within_minutes");
                }
                parsed = new Trigger(trigger.get("event_type").asString(), List.copyOf(types),
                        Duration.ofMinutes(minutes), null, null, 0);
            } else {
                parsed = new Trigger(trigger.get("event_type").asString(), null, null, null, null, 0);
            }
        } else {
            throw new IllegalArgumentException("scenario " + id + ": trigger needs event_type or schedule");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode c : definition.path("conditions")) {
            String op = c.path("op").asString("eq");
            Condition condition = new Condition(text(c, "event_property"), text(c, "customer_field"),
                    text(c, "customer_property"), text(c, "consent"), text(c, "consent_channel"), text(c, "segment"),
                    text(c, "status"), op, c.get("value"));
            int subjects = (condition.eventProperty() == null ? 0 : 1) + (condition.customerField() == null ? 0 : 1)
                    + (condition.customerProperty() == null ? 0 : 1) + (condition.consent() == null ? 0 : 1)
                    + (condition.consentChannel() == null ? 0 : 1) + (condition.segment() == null ? 0 : 1)
                    + (condition.status() == null ? 0 : 1);
            if (subjects != 1) {
                throw new IllegalArgumentException("scenario " + id + ": a condition names one of event_property,"
                        + " customer_field, customer_property, consent, consent_channel, segment, status");
            }
            if (!OP_NAMES.contains(op)) {
                throw new IllegalArgumentException("scenario " + id + ": op must be one of " + Condition.OPS);
            }
            boolean membership = condition.segment() != null || condition.status() != null;
            if (membership && !op.equals("eq") && !op.equals("ne")) {
                throw new IllegalArgumentException("scenario " + id + ": a segment or status condition takes op eq or ne");
            }
            boolean consent = condition.consent() != null || condition.consentChannel() != null;
            if (!consent && !membership && !"exists".equals(op) && condition.value() == null) {
                throw new IllegalArgumentException("scenario " + id + ": a condition with op " + op + " needs a value");
            }
            conditions.add(condition);
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : definition.path("steps")) {
            if (!s.hasNonNull("kind")) {
                throw new IllegalArgumentException("scenario " + id + ": every step needs a kind");
            }
            steps.add(new Step(s.get("kind").asString(), s));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("scenario " + id + ": steps are required");
        }
        return new Scenario(id, name, parsed, List.copyOf(conditions), List.copyOf(steps));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
