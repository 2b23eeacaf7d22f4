package io.patron.automation;

import static io.patron.db.Tables.EVENT;

import java.time.OffsetDateTime;
import java.util.Set;

import org.jooq.impl.DSL;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.patron.segment.SegmentConditionKind;

/**
 * The segment condition kind over recorded events, offered by this package to the segment package's rules (which
 * cannot see events): {@code kind: event_within, event_type_id: ..., days: 30} and optionally {@code at_least: 3}
 * (default 1) — the customer has that many events of the type, created in the last {@code days} days.
 */
@Configuration(proxyBeanMethods = false)
class EventConditionKinds {

    @Bean
    SegmentConditionKind eventWithinCondition() {
        // an event of the type may bring the customer in; leaving the window is the daily pass's
        return SegmentConditionKind.of("event_within",
                params -> Set.of(SegmentConditionKind.recorded(SegmentConditionKind.text(params, "event_type_id"))),
                (params, customerId, now) -> {
                    String typeId = SegmentConditionKind.text(params, "event_type_id");
                    Integer days = SegmentConditionKind.optionalInteger(params, "days", 1);
                    if (days == null) {
                        throw new IllegalArgumentException("'days' is required");
                    }
                    Integer atLeast = SegmentConditionKind.optionalInteger(params, "at_least", 1);
                    OffsetDateTime since = now.minusDays(days);
                    var count = DSL.field(DSL.select(DSL.count()).from(EVENT).where(EVENT.CUSTOMER_ID.eq(customerId))
                            .and(EVENT.EVENT_TYPE_ID.eq(typeId)).and(EVENT.CREATED_AT.ge(since)).and(EVENT.STATE.eq(1)));
                    return count.ge(atLeast == null ? 1 : atLeast);
                });
    }
}
