package io.patron.segment;

import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import io.patron.customer.CustomerConditions;

/**
 * {@code kind: registered_within, days: 90}: the account was created in the last {@code days} days. Time-relative:
 * a customer leaves without any change of theirs, which the daily pass catches.
 */
@Component
class RegisteredWithinCondition implements SegmentConditionKind {

    private final CustomerConditions customers;

    RegisteredWithinCondition(CustomerConditions customers) {
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "registered_within";
    }

    /** Nothing the customer does: only their creation and the passing of time (the daily pass). */
    @Override
    public java.util.Set<String> changedBy(JsonNode params) {
        return java.util.Set.of();
    }

    @Override
    public Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now) {
        int days = SegmentConditionKind.integer(params, "days");
        if (days < 1) {
            throw new IllegalArgumentException("'days' must be at least 1");
        }
        return customers.createdSince(now.minusDays(days));
    }
}
