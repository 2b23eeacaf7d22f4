package io.patron.segment;

import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;

import tools.jackson.databind.JsonNode;

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
}
