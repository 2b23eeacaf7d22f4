package io.patron.tier;

import static io.patron.db.Tables.OUTBOX_DELIVERY;
import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.tier.Tiers.MEMBER;
import static io.patron.tier.Tiers.newCustomer;
import static io.patron.tier.Tiers.records;
import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.events.EventType;
import io.patron.events.OutboxPoller;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.StatementCounter;

/**
 * A project without statuses: its events do not go to the statuses, and customers who signed up before statuses were
 * imported get the sign-up status then.
 */
class StatusBackfillTest extends ApiTest {

    @Autowired
    OutboxPoller poller;
    @Autowired
    DSLContext dsl;
    @Autowired
    StatusEvents statusEvents;

    @Test
    void customersWithoutAStatusGetTheSignUpStatusOnceWhenStatusesAreImported() {
        importProject("test-loyalty.yaml");
        Api admin = admin();
        String early = newCustomer(admin, "early@example.com");
        Tiers.deliverEvents(poller, dsl);
        assertThat(records(admin, early)).isEmpty(); // no statuses yet

        importProject("test-statuses.yaml");
        importProject("test-statuses.yaml"); // idempotent
        Tiers.deliverEvents(poller, dsl);
        assertThat(records(admin, early)).extracting(r -> r.path("status_id").asString()).containsExactly(MEMBER);
        assertThat(admin.get("/statuses").data().path("total_items").asInt()).isEqualTo(4);
    }

    @Test
    void withoutStatusesPointsEventsAreDeliveredWithoutTheStatusesUntilStatusesAreImported() {
        importProject("test-loyalty.yaml");
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Tiers.assign(admin, jana, 150, Tiers.CLUB);
        Tiers.deliverEvents(poller, dsl);

        assertThat(records(admin, jana)).isEmpty();
        assertThat(dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.EVENT_TYPE.eq(EventType.POINTS_ASSIGNED)
                .and(OUTBOX_EVENT.STATE.eq("delivered")))).isEqualTo(1);
        assertThat(dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.STATE.ne("delivered"))).isZero();
        assertThat(dsl.fetchCount(OUTBOX_DELIVERY, OUTBOX_DELIVERY.LISTENER.eq(StatusEvents.class.getName()))).isZero();
        // asked for every event delivered: answered from memory, without a statement
        statusEvents.eventTypes();
        assertThat(StatementCounter.count(() -> assertThat(statusEvents.eventTypes()).isEmpty())).isZero();

        importProject("test-statuses.yaml");
        assertThat(statusEvents.eventTypes()).contains(EventType.CUSTOMER_CREATED, EventType.POINTS_ASSIGNED,
                EventType.POINTS_ACTIVATED, EventType.PURCHASE_SENT);
    }
}
