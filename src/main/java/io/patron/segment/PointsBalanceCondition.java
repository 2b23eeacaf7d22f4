package io.patron.segment;

import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import io.patron.loyalty.LoyaltyConditions;
import tools.jackson.databind.JsonNode;

import io.patron.events.EventType;

/**
 * {@code kind: points_balance, point_type_id: ..., at_least: 500} (and/or {@code at_most}): the customer's
 * spendable points of the type lie in the range, both ends included; a customer without points has zero.
 * Re-evaluated for a customer after each change of their points.
 */
@Component
class PointsBalanceCondition implements SegmentConditionKind {

    private final LoyaltyConditions loyalty;

    PointsBalanceCondition(LoyaltyConditions loyalty) {
        this.loyalty = loyalty;
    }

    @Override
    public String kind() {
        return "points_balance";
    }

    /** Movements of points; purchases too (a checkout earns and spends, a cancellation takes points back). */
    @Override
    public java.util.Set<String> changedBy(JsonNode params) {
        return java.util.Set.of(EventType.POINTS_ASSIGNED, EventType.POINTS_REDEEMED, EventType.POINTS_ACTIVATED, EventType.POINTS_EXPIRED, EventType.POINTS_TRANSFERRED, EventType.PURCHASE_SENT, EventType.PURCHASE_CANCELLED);
    }

    @Override
    public Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now) {
        String pointTypeId = SegmentConditionKind.text(params, "point_type_id");
        return SegmentConditionKind.inRange(params, loyalty.pointBalance(customerId, pointTypeId));
    }
}
