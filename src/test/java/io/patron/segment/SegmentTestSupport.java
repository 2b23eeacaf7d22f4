package io.patron.segment;

import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.db.Tables.SEGMENT_REFRESH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.patron.db.Tables.SEGMENT_MEMBER;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import io.patron.common.Ids;
import io.patron.events.OutboxPoller;
import io.patron.support.Api;

/** Customers and membership checks shared by the segment tests. */
final class SegmentTestSupport {

    static final String ESHOP = Ids.stable("customer_source", "eshop");
    static final String MARKETING = "agreement_marketing_communication";
    static final String NEWSLETTER = Ids.stable("segment", "newsletter");
    static final String NEWCOMERS = Ids.stable("segment", "newcomers");
    static final String CLIMBERS = Ids.stable("segment", "climbers");
    static final String SLOVAKS_OR_NO_PHONE = Ids.stable("segment", "slovaks_or_no_phone");
    static final String PARENTS_NOT_SUBSCRIBED = Ids.stable("segment", "parents_not_subscribed");
    static final String MARKETING_GROUP = Ids.stable("segment_group", "marketing");
    static final String LIFECYCLE_GROUP = Ids.stable("segment_group", "lifecycle");

    private SegmentTestSupport() {
    }

    /** Personal information: Czech with a phone, unless changed; {@code marketing} the marketing consent value. */
    static Map<String, Object> info(String email, String country, String phone, Integer marketing) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Eva");
        info.put("last_name", "Nová");
        info.put("email", email);
        if (phone != null) {
            info.put("phone", phone);
        }
        info.put("language_id", "cs");
        info.put("address", Map.of("city", "Praha", "country_code", country));
        if (marketing != null) {
            info.put("consents", List.of(Map.of("consent_id", MARKETING, "consent_value", marketing)));
        }
        return info;
    }

    static Map<String, Object> signUp(Map<String, Object> info) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        body.put("password", "S3cret-pass");
        return body;
    }

    static String create(Api api, Map<String, Object> info) {
        return api.post("/customers", signUp(info)).expect(201).data().path("customer_id").asString();
    }

    static void replace(Api api, String customerId, Map<String, Object> info) {
        api.put("/customers/" + customerId, Map.of("customer", Map.of("personal_information", info))).expect(204);
    }

    /**
     * Every event delivered and every customer the deliveries queued for a refresh evaluated: memberships are as
     * current as the listener makes them (a delivery that lost a lock is retried after a backoff).
     */
    static void settle(DSLContext dsl, OutboxPoller poller) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            poller.drain();
            assertThat(dsl.fetchCount(OUTBOX_EVENT, OUTBOX_EVENT.STATE.eq("pending"))).isZero();
            assertThat(dsl.fetchCount(SEGMENT_REFRESH)).isZero();
        });
    }

    static boolean isMember(DSLContext dsl, String segmentId, String customerId) {
        return dsl.fetchExists(SEGMENT_MEMBER, SEGMENT_MEMBER.SEGMENT_ID.eq(segmentId)
                .and(SEGMENT_MEMBER.CUSTOMER_ID.eq(customerId)));
    }

    static List<String> members(DSLContext dsl, String segmentId) {
        return dsl.select(SEGMENT_MEMBER.CUSTOMER_ID).from(SEGMENT_MEMBER).where(SEGMENT_MEMBER.SEGMENT_ID.eq(segmentId))
                .orderBy(SEGMENT_MEMBER.CUSTOMER_ID).fetch(SEGMENT_MEMBER.CUSTOMER_ID);
    }

    /** The events of one segment published about the customer, as "type segment_id", in order. */
    static List<String> events(DSLContext dsl, String customerId, String segmentId) {
        return events(dsl, customerId).stream().filter(e -> e.endsWith(" " + segmentId)).toList();
    }

    /** The segment events published about the customer, as "type segment_id", in order. */
    static List<String> events(DSLContext dsl, String customerId) {
        return dsl.select(OUTBOX_EVENT.EVENT_TYPE, OUTBOX_EVENT.PAYLOAD).from(OUTBOX_EVENT)
                .where(OUTBOX_EVENT.AGGREGATE_ID.eq(customerId)).and(OUTBOX_EVENT.EVENT_TYPE.like("segment.%"))
                .orderBy(OUTBOX_EVENT.OCCURRED_AT, OUTBOX_EVENT.ID)
                .fetch(r -> r.value1() + " " + Api.JSON.readTree(r.value2()).path("segment_id").asString());
    }
}
