package io.patron.segment;

import java.time.OffsetDateTime;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.patron.events.EventType;
import io.patron.purchase.PurchaseConditions;
import tools.jackson.databind.JsonNode;

/**
 * Condition kinds over purchase history, each with an optional window of the last {@code days} days (project time;
 * time-relative, so the daily pass moves customers out of it):
 * <ul>
 * <li>{@code purchase_turnover}: {@code currency_id}, {@code at_least} and/or {@code at_most} — the bills' sum in the
 * currency, cancellations subtracted;</li>
 * <li>{@code purchase_count}: {@code at_least} and/or {@code at_most} — bills not cancelled;</li>
 * <li>{@code no_purchase_within}: {@code days} required — no bill (not cancelled) in the window, customers who never
 * bought included.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PurchaseConditionKinds {

    @Bean
    SegmentConditionKind purchaseTurnoverCondition(PurchaseConditions purchases) {
        return SegmentConditionKind.of("purchase_turnover", PurchaseConditionKinds::changedBy, (params, customerId, now) -> SegmentConditionKind.inRange(params,
                purchases.turnover(customerId, SegmentConditionKind.text(params, "currency_id"), since(params, now))));
    }

    @Bean
    SegmentConditionKind purchaseCountCondition(PurchaseConditions purchases) {
        return SegmentConditionKind.of("purchase_count", PurchaseConditionKinds::changedBy, (params, customerId, now) -> SegmentConditionKind.inRange(params,
                purchases.purchaseCount(customerId, since(params, now))));
    }

    @Bean
    SegmentConditionKind noPurchaseWithinCondition(PurchaseConditions purchases) {
        return SegmentConditionKind.of("no_purchase_within", PurchaseConditionKinds::changedBy, (params, customerId, now) -> {
            if (!params.has("days")) {
                throw new IllegalArgumentException("'days' is required");
            }
            return purchases.noPurchaseSince(customerId, since(params, now));
        });
    }

    /** A purchase sent or cancelled (leaving a window is the daily pass's). */
    private static Set<String> changedBy(JsonNode params) {
        return Set.of(EventType.PURCHASE_SENT, EventType.PURCHASE_CANCELLED);
    }

    private static OffsetDateTime since(JsonNode params, OffsetDateTime now) {
        Integer days = SegmentConditionKind.optionalInteger(params, "days", 1);
        return days == null ? null : now.minusDays(days);
    }
}
