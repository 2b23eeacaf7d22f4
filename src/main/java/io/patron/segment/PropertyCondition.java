package io.patron.segment;

import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import io.patron.customer.CustomerConditions;
import io.patron.events.EventType;

/**
 * {@code kind: property}: the customer's custom property {@code property_id} has the value {@code equals}
 * (compared by the property's data type, as the customer list's property filter does).
 */
@Component
class PropertyCondition implements SegmentConditionKind {

    private final CustomerConditions customers;

    PropertyCondition(CustomerConditions customers) {
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "property";
    }

    /** The customer or their property records changed. */
    @Override
    public java.util.Set<String> changedBy(JsonNode params) {
        return java.util.Set.of(EventType.CUSTOMER_UPDATED);
    }

    @Override
    public Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now) {
        return customers.property(customerId, SegmentConditionKind.text(params, "property_id"),
                SegmentConditionKind.text(params, "equals"));
    }
}
