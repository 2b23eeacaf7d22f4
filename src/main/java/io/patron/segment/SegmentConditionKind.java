package io.patron.segment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import tools.jackson.databind.JsonNode;

import io.patron.events.EventType;

/**
 * One kind of condition of a rule-based segment, e.g. {@code consent} or {@code registered_within}: turns its
 * configured parameters into an SQL condition about one customer, correlated with the customer id column of the
 * query that selects the segment's members. A new kind (points balance, purchase aggregates, events in a window)
 * is one more bean of this type that asks its capability's service for the condition.
 */
public interface SegmentConditionKind {

    /** The {@code kind} this class handles in a rule. */
    String kind();

    /**
     * Every change of a customer the segments can follow: the engine events after which a kind that does not say
     * otherwise is evaluated again for their customer ({@link EventType#EVENT_RECORDED}: any recorded event).
     */
    Set<String> ANY_CHANGE = Set.of(EventType.CUSTOMER_CREATED, EventType.CUSTOMER_UPDATED,
            EventType.CONSENT_CHANGED, EventType.POINTS_ASSIGNED, EventType.POINTS_REDEEMED, EventType.POINTS_ACTIVATED,
            EventType.POINTS_EXPIRED, EventType.POINTS_TRANSFERRED, EventType.STATUS_CHANGED, EventType.CARD_ASSIGNED,
            EventType.PURCHASE_SENT, EventType.PURCHASE_CANCELLED, EventType.EVENT_RECORDED);

    /**
     * The changes of a customer (engine event types, {@link EventType}) after which this condition may hold
     * differently for them, so that the customer is evaluated again; a condition over recorded events of one type
     * names {@link #recorded(String)}. Only changes the customer makes count: time-relative conditions are moved
     * by the daily pass, and a new customer is evaluated whatever the rule. By default: {@link #ANY_CHANGE}.
     */
    default Set<String> changedBy(JsonNode params) {
        return ANY_CHANGE;
    }

    /** For {@link #changedBy}: recorded events ({@link EventType#EVENT_RECORDED}) of this event type id only. */
    static String recorded(String eventTypeId) {
        return EventType.EVENT_RECORDED + '/' + eventTypeId;
    }

    /**
     * The condition for the parameters of one rule item.
     *
     * @param params     the rule item (its {@code kind} included)
     * @param customerId the customer id column of the query the condition is part of
     * @param now        the project time of the evaluation, for time-relative conditions
     * @throws IllegalArgumentException when the parameters are missing or wrong (the import names the item)
     */
    Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now);

    /** A required text parameter. */
    static String text(JsonNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull() || !value.isValueNode() || value.asString().isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
        return value.asString();
    }

    /** A required whole-number parameter. */
    static int integer(JsonNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number");
        }
        return value.asInt();
    }

    /** An optional whole-number parameter of at least {@code min}; null when absent. */
    static Integer optionalInteger(JsonNode params, String name, int min) {
        if (params.get(name) == null || params.get(name).isNull()) {
            return null;
        }
        int value = integer(params, name);
        if (value < min) {
            throw new IllegalArgumentException("'" + name + "' must be at least " + min);
        }
        return value;
    }

    /** An optional number parameter; null when absent. */
    static BigDecimal number(JsonNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("'" + name + "' must be a number");
        }
        return value.decimalValue();
    }

    /**
     * {@code at_least} and/or {@code at_most} (both ends included) applied to a measured value: at least one of them
     * is required, and they must not cross.
     */
    static Condition inRange(JsonNode params, Field<BigDecimal> value) {
        BigDecimal atLeast = number(params, "at_least");
        BigDecimal atMost = number(params, "at_most");
        if (atLeast == null && atMost == null) {
            throw new IllegalArgumentException("give 'at_least', 'at_most' or both");
        }
        if (atLeast != null && atMost != null && atLeast.compareTo(atMost) > 0) {
            throw new IllegalArgumentException("'at_least' is greater than 'at_most'");
        }
        Condition condition = DSL.noCondition();
        if (atLeast != null) {
            condition = condition.and(value.ge(atLeast));
        }
        if (atMost != null) {
            condition = condition.and(value.le(atMost));
        }
        return condition;
    }

    /** How a kind defined by {@link #of} builds its condition (the same contract as {@link #condition}). */
    @FunctionalInterface
    interface Builder {
        Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now);
    }

    /** A kind as a bean method's one-liner, for capabilities that offer several small kinds. */
    static SegmentConditionKind of(String kind, Builder builder) {
        return of(kind, params -> ANY_CHANGE, builder);
    }

    /** As {@link #of(String, Builder)}, with what changes it ({@link #changedBy}). */
    static SegmentConditionKind of(String kind, java.util.function.Function<JsonNode, Set<String>> changedBy,
                                   Builder builder) {
        return new SegmentConditionKind() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Set<String> changedBy(JsonNode params) {
                return changedBy.apply(params);
            }

            @Override
            public Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now) {
                return builder.condition(params, customerId, now);
            }
        };
    }
}
