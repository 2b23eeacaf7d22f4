package io.patron.segment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import io.patron.loyalty.LoyaltyConditions;
import tools.jackson.databind.JsonNode;

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

    @Override
    public Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now) {
        String pointTypeId = SegmentConditionKind.text(params, "point_type_id");
        BigDecimal atLeast = number(params, "at_least");
        BigDecimal atMost = number(params, "at_most");
        if (atLeast == null && atMost == null) {
            throw new IllegalArgumentException("give 'at_least', 'at_most' or both");
        }
        if (atLeast != null && atMost != null && atLeast.compareTo(atMost) > 0) {
            throw new IllegalArgumentException("'at_least' is greater than 'at_most'");
        }
        Field<BigDecimal> balance = loyalty.pointBalance(customerId, pointTypeId);
        Condition condition = org.jooq.impl.DSL.noCondition();
        if (atLeast != null) {
            condition = condition.and(balance.ge(atLeast));
        }
        if (atMost != null) {
            condition = condition.and(balance.le(atMost));
        }
        return condition;
    }

    private static BigDecimal number(JsonNode params, String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("'" + name + "' must be a number");
        }
        return value.decimalValue();
    }
}
