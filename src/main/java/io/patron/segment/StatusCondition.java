package io.patron.segment;

import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import io.patron.tier.StatusConditions;
import tools.jackson.databind.JsonNode;

import io.patron.events.EventType;

/**
 * {@code kind: status, status_id: gold}: the customer's current status (tier) is the one named. Re-evaluated for a
 * customer when their status changes; a status whose validity ends is caught by the daily pass.
 */
@Component
class StatusCondition implements SegmentConditionKind {

    private final StatusConditions statuses;

    StatusCondition(StatusConditions statuses) {
        this.statuses = statuses;
    }

    @Override
    public String kind() {
        return "status";
    }

    /** A new status record. */
    @Override
    public java.util.Set<String> changedBy(JsonNode params) {
        return java.util.Set.of(EventType.STATUS_CHANGED);
    }

    @Override
    public Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now) {
        return statuses.hasStatus(customerId, SegmentConditionKind.text(params, "status_id"), now);
    }
}
