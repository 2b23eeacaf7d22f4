package io.patron.automation;

import static io.patron.automation.AutomationFixtures.typeId;
import static io.patron.db.Tables.AUTOMATION_RUN;
import static io.patron.db.Tables.EVENT;
import static io.patron.db.Tables.OUTBOX_DELIVERY;
import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.db.Tables.SEGMENT_MEMBER;
import static io.patron.db.Tables.WEBHOOK_DELIVERY;
import static io.patron.tier.Tiers.assign;
import static io.patron.tier.Tiers.newCustomer;
import static io.patron.tier.Tiers.reduce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.events.EventType;
import io.patron.events.OutboxPoller;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.tier.Tiers;

/**
 * A points write fans out only to what uses it: its built-in event always goes into the customer's history, but is
 * announced ({@code event.recorded}) only when a scenario, webhook or segment follows its type, and the segments
 * follow points only when a rule is over points. Configuration imported later is followed from then on.
 */
class EngineEventFanOutTest extends ApiTest {

    private static final String RECORDER = EngineEventRecorder.class.getName();
    private static final String STATUSES = "io.patron.tier.StatusEvents";
    private static final String SEGMENTS = "io.patron.segment.SegmentMembershipListener";

    @Autowired
    DSLContext dsl;
    @Autowired
    OutboxPoller poller;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
    }

    private void deliver() {
        Tiers.deliverEvents(poller, dsl);
    }

    private Set<String> outboxIds() {
        return dsl.select(OUTBOX_EVENT.ID).from(OUTBOX_EVENT).fetchSet(OUTBOX_EVENT.ID);
    }

    /** The types of the outbox events written since {@code before}, all delivered. */
    private List<String> typesSince(Set<String> before) {
        assertThat(dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.ID.notIn(before).and(OUTBOX_EVENT.STATE.ne("delivered"))))
                .isZero();
        return dsl.select(OUTBOX_EVENT.EVENT_TYPE).from(OUTBOX_EVENT).where(OUTBOX_EVENT.ID.notIn(before))
                .fetch(OUTBOX_EVENT.EVENT_TYPE);
    }

    private String onlyEventSince(Set<String> before, String type) {
        return dsl.select(OUTBOX_EVENT.ID).from(OUTBOX_EVENT).where(OUTBOX_EVENT.ID.notIn(before))
                .and(OUTBOX_EVENT.EVENT_TYPE.eq(type)).fetchSingle(OUTBOX_EVENT.ID);
    }

    /** The listeners the event went to (all succeeded: {@link #typesSince} checks that it was delivered). */
    private List<String> listenersOf(String eventId) {
        return poller.listenersOf(dsl.select(OUTBOX_EVENT.EVENT_TYPE).from(OUTBOX_EVENT).where(OUTBOX_EVENT.ID.eq(eventId))
                .fetchSingle(OUTBOX_EVENT.EVENT_TYPE));
    }

    private int runs(String customerId) {
        return dsl.fetchCount(AUTOMATION_RUN, AUTOMATION_RUN.CUSTOMER_ID.eq(customerId)
                .and(AUTOMATION_RUN.SCENARIO_ID.eq("thanks_for_points")));
    }

    private int history(Api admin, String customerId, String type) {
        return admin.get("/customers/" + customerId + "/events", "event_type_id", typeId(type)).expect(200).data()
                .path("total_items").asInt();
    }

    @Test
    void anAssignmentNothingFollowsGoesIntoTheHistoryWithoutFanOut() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        deliver();
        Set<String> before = outboxIds();
        int recorded = dsl.fetchCount(EVENT, EVENT.CUSTOMER_ID.eq(jana));
        int deliveries = dsl.fetchCount(OUTBOX_DELIVERY);

        assign(admin, jana, 10, "pt-club");
        deliver();

        // one outbox event, delivered to the history only: no event.recorded, no segment refresh, and no status
        // evaluation (the project has no statuses)
        assertThat(typesSince(before)).containsExactly(EventType.POINTS_ASSIGNED);
        String points = onlyEventSince(before, EventType.POINTS_ASSIGNED);
        assertThat(listenersOf(points)).containsExactly(RECORDER);
        // acknowledged with the recorder's work: no delivery record
        assertThat(dsl.fetchCount(OUTBOX_DELIVERY)).isEqualTo(deliveries);
        // the customer's history still shows it
        assertThat(dsl.fetchCount(EVENT, EVENT.CUSTOMER_ID.eq(jana))).isEqualTo(recorded + 1);
        assertThat(history(admin, jana, EventType.POINTS_ASSIGNED)).isEqualTo(1);
    }

    @Test
    void aScenarioAndAWebhookImportedLaterGetTheTypesTheyFollowOnce() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        assign(admin, jana, 10, "pt-club");
        deliver();
        assertThat(runs(jana)).isZero();

        importProject("test-automation-fanout.yaml");
        Set<String> before = outboxIds();
        assign(admin, jana, 20, "pt-club");
        deliver();
        assertThat(typesSince(before)).containsExactlyInAnyOrder(EventType.POINTS_ASSIGNED, EventType.EVENT_RECORDED);
        assertThat(runs(jana)).isEqualTo(1);
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERY)).isZero();
        // a redelivery of the engine event records and announces nothing more
        String points = onlyEventSince(before, EventType.POINTS_ASSIGNED);
        dsl.update(OUTBOX_EVENT).set(OUTBOX_EVENT.STATE, "pending").where(OUTBOX_EVENT.ID.eq(points)).execute();
        dsl.deleteFrom(OUTBOX_DELIVERY).where(OUTBOX_DELIVERY.EVENT_ID.eq(points)).execute();
        deliver();
        assertThat(typesSince(before)).containsExactlyInAnyOrder(EventType.POINTS_ASSIGNED, EventType.EVENT_RECORDED);
        assertThat(runs(jana)).isEqualTo(1);

        before = outboxIds();
        reduce(admin, jana, 5, "pt-club");
        deliver();
        assertThat(typesSince(before)).containsExactlyInAnyOrder(EventType.POINTS_REDEEMED, EventType.EVENT_RECORDED);
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERY)).isEqualTo(1);
        assertThat(runs(jana)).isEqualTo(1);
        assertThat(history(admin, jana, EventType.POINTS_ASSIGNED)).isEqualTo(2);
        assertThat(history(admin, jana, EventType.POINTS_REDEEMED)).isEqualTo(1);
    }

    @Test
    void onlyARuleOverPointsMakesTheSegmentsFollowPoints() {
        importProject("test-customer-properties.yaml");
        importProject("test-segments.yaml"); // consents, fields, properties, registration: nothing over points
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        deliver();
        Set<String> before = outboxIds();
        assign(admin, jana, 150, "pt-club");
        deliver();
        assertThat(listenersOf(onlyEventSince(before, EventType.POINTS_ASSIGNED))).containsExactly(RECORDER);

        importProject("test-statuses.yaml");
        importProject("test-cards.yaml");
        importProject("test-segments-loyalty.yaml"); // savers: at least 100 club points
        before = outboxIds();
        assign(admin, jana, 1, "pt-club");
        deliver();
        assertThat(listenersOf(onlyEventSince(before, EventType.POINTS_ASSIGNED)))
                .containsExactlyInAnyOrder(RECORDER, STATUSES, SEGMENTS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dsl.fetchCount(SEGMENT_MEMBER,
                SEGMENT_MEMBER.SEGMENT_ID.eq(Ids.stable("segment", "savers")).and(SEGMENT_MEMBER.CUSTOMER_ID.eq(jana))))
                .isEqualTo(1));
    }
}
