package io.patron.segment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import io.patron.customer.CustomerConditions;
import io.patron.events.EventType;

/**
 * {@code kind: customer_field}: a field of the customer's personal information has one of the values
 * ({@code field: country_code, in: [CZ, SK]}) or is present or absent ({@code field: phone, present: true}).
 */
@Component
class CustomerFieldCondition implements SegmentConditionKind {

    private final CustomerConditions customers;

    CustomerFieldCondition(CustomerConditions customers) {
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "customer_field";
    }

    /** The personal information replaced. */
    @Override
    public java.util.Set<String> changedBy(JsonNode params) {
        return java.util.Set.of(EventType.CUSTOMER_UPDATED);
    }

    @Override
    public Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now) {
        String field = SegmentConditionKind.text(params, "field");
        JsonNode in = params.get("in");
        JsonNode present = params.get("present");
        if ((in == null) == (present == null)) {
            throw new IllegalArgumentException("a customer_field condition takes either 'in' or 'present'");
        }
        if (present != null) {
            if (!present.isBoolean()) {
                throw new IllegalArgumentException("'present' must be true or false");
            }
            return customers.fieldPresent(field, present.asBoolean());
        }
        List<String> values = new ArrayList<>();
        if (in.isArray()) {
            in.forEach(v -> values.add(v.asString()));
        } else if (in.isValueNode()) {
            values.add(in.asString());
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("'in' must name at least one value");
        }
        return customers.fieldIn(field, values);
    }
}
