package io.patron.segment;

import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import io.patron.customer.CustomerConditions;
import io.patron.events.EventType;

/**
 * {@code kind: consent}: the customer's value of a consent ({@code consent_id}) is {@code value}: 1 given (the
 * default), 0 withdrawn, 2 not set (no record counts as not set).
 */
@Component
class ConsentCondition implements SegmentConditionKind {

    private final CustomerConditions customers;

    ConsentCondition(CustomerConditions customers) {
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "consent";
    }

    /** A consent given or withdrawn (also through a replaced customer). */
    @Override
    public java.util.Set<String> changedBy(JsonNode params) {
        return java.util.Set.of(EventType.CONSENT_CHANGED, EventType.CUSTOMER_UPDATED);
    }

    @Override
    public Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now) {
        String consentId = SegmentConditionKind.text(params, "consent_id");
        int value = params.has("value") ? SegmentConditionKind.integer(params, "value") : 1;
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("'value' must be 0, 1 or 2");
        }
        return customers.consent(customerId, consentId, value);
    }
}
