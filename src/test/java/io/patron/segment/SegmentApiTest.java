package io.patron.segment;

import static io.patron.segment.SegmentTestSupport.CLIMBERS;
import static io.patron.segment.SegmentTestSupport.LIFECYCLE_GROUP;
import static io.patron.segment.SegmentTestSupport.MARKETING_GROUP;
import static io.patron.segment.SegmentTestSupport.NEWCOMERS;
import static io.patron.segment.SegmentTestSupport.NEWSLETTER;
import static io.patron.segment.SegmentTestSupport.create;
import static io.patron.segment.SegmentTestSupport.events;
import static io.patron.segment.SegmentTestSupport.info;
import static io.patron.segment.SegmentTestSupport.isMember;
import static io.patron.segment.SegmentTestSupport.members;
import static io.patron.segment.SegmentTestSupport.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** The segment operations: groups and segments read, static segments created and filled by hand. */
class SegmentApiTest extends ApiTest {

    @Autowired
    DSLContext dsl;

    @BeforeEach
    void segments() {
        importProject("test-segments.yaml");
    }

    private String newSegment(String name) {
        return admin().post("/segments", Map.of("name", name, "note", "For the winter campaign", "priority", 47))
                .expect(201).data().path("segment_id").asString();
    }

    private static List<String> ids(JsonNode list, String plural, String field) {
        return list.path(plural).valueStream().map(n -> n.path(field).asString()).toList();
    }

    @Test
    void groupsAreConfiguredTranslatedAndFiltered() {
        JsonNode all = admin().get("/segment-groups").expect(200).data();
        assertThat(all.path("total_items").asLong()).isEqualTo(2);
        JsonNode lifecycle = admin().get("/segment-groups/" + LIFECYCLE_GROUP).expect(200).data();
        assertThat(lifecycle.path("text_id").asString()).isEqualTo("lifecycle");
        assertThat(lifecycle.path("parent_group_id").asString()).isEqualTo(MARKETING_GROUP);
        assertThat(admin().header("Accept-Language", "cs").get("/segment-groups/" + MARKETING_GROUP).expect(200)
                .data().path("name").asString()).isEqualTo("Marketing CZ");
        assertThat(ids(admin().get("/segment-groups", "name", "cycle").expect(200).data(), "segment_groups",
                "segment_group_id")).containsExactly(LIFECYCLE_GROUP);
        assertThat(ids(admin().get("/segment-groups", "text_id", "marketing").expect(200).data(), "segment_groups",
                "segment_group_id")).containsExactly(MARKETING_GROUP);
        assertThat(ids(admin().get("/segment-groups", "sort_field", "text_id", "sort_direction", "DESC").expect(200)
                .data(), "segment_groups", "text_id")).containsExactly("marketing", "lifecycle");
        admin().get("/segment-groups/nope").expect(404);
        // a second import of the same file changes nothing
        String before = lifecycle.path("last_change").asString();
        importProject("test-segments.yaml");
        assertThat(admin().get("/segment-groups/" + LIFECYCLE_GROUP).expect(200).data().path("last_change").asString())
                .isEqualTo(before);
    }

    @Test
    void segmentsAreListedByGroup() {
        assertThat(admin().get("/segments").expect(200).data().path("total_items").asLong()).isEqualTo(5);
        assertThat(ids(admin().get("/segments", "segment_group_ids[]", MARKETING_GROUP).expect(200).data(),
                "segments", "segment_id")).containsExactlyInAnyOrder(NEWSLETTER, CLIMBERS);
        JsonNode newsletter = admin().header("Accept-Language", "cs").get("/segments/" + NEWSLETTER).expect(200).data();
        assertThat(newsletter.path("name").asString()).isEqualTo("Odběratelé novinek");
        assertThat(newsletter.path("segment_group_id").asString()).isEqualTo(MARKETING_GROUP);
        admin().get("/segments/nope").expect(404);
        admin().get("/segments/nope/segment-records").expect(404);
    }

    @Test
    void aStaticSegmentIsCreatedEmptyAndFilledByHand() {
        String segment = newSegment("Winter 2025");
        JsonNode read = admin().get("/segments/" + segment).expect(200).data();
        assertThat(read.path("name").asString()).isEqualTo("Winter 2025");
        assertThat(read.path("note").asString()).isEqualTo("For the winter campaign");
        assertThat(read.has("segment_group_id")).isFalse();
        assertThat(admin().get("/segments/" + segment + "/segment-records").expect(200).data()
                .path("total_items").asLong()).isZero();

        String eva = create(admin(), info("eva@example.com", "CZ", "420777000001", null));
        String jan = create(admin(), info("jan@example.com", "CZ", "420777000002", null));
        admin().post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", eva)).expect(204);
        admin().post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", jan)).expect(204);
        // adding a member again changes nothing and tells nobody
        admin().post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", eva)).expect(204);
        JsonNode records = admin().get("/segments/" + segment + "/segment-records").expect(200).data();
        assertThat(records.path("total_items").asLong()).isEqualTo(2);
        assertThat(ids(records, "segment_records", "customer_id")).containsExactlyInAnyOrder(eva, jan);
        JsonNode first = records.path("segment_records").get(0);
        assertThat(first.path("segment_id").asString()).isEqualTo(segment);
        assertThat(first.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        // paged like every list
        JsonNode page = admin().get("/segments/" + segment + "/segment-records", "count", "1", "offset", "1").expect(200).data();
        assertThat(page.path("total_items").asLong()).isEqualTo(2);
        assertThat(page.path("segment_records")).hasSize(1);

        JsonNode ofEva = admin().get("/customers/" + eva + "/segment-records").expect(200).data();
        assertThat(ids(ofEva, "segment_records", "segment_id")).contains(segment).doesNotContain(NEWSLETTER);

        admin().post("/segments/" + segment + "/actions/remove-customer", Map.of("customer_id", eva)).expect(204);
        admin().post("/segments/" + segment + "/actions/remove-customer", Map.of("customer_id", eva)).expect(204);
        assertThat(members(dsl, segment)).containsExactly(jan);
        assertThat(events(dsl, eva, segment)).containsExactly("segment.entered " + segment, "segment.left " + segment);
        assertThat(events(dsl, jan, segment)).containsExactly("segment.entered " + segment);
    }

    @Test
    void theCustomersRecordsAreFilteredByGroup() {
        String eva = create(admin(), info("eva@example.com", "CZ", "420777000001", 1));
        String segment = newSegment("Winter");
        admin().post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", eva)).expect(204);
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(isMember(dsl, NEWSLETTER, eva)).isTrue());
        assertThat(ids(admin().get("/customers/" + eva + "/segment-records").expect(200).data(), "segment_records",
                "segment_id")).containsExactlyInAnyOrder(segment, NEWSLETTER, NEWCOMERS);
        assertThat(ids(admin().get("/customers/" + eva + "/segment-records", "segment_group_ids[]", MARKETING_GROUP)
                .expect(200).data(), "segment_records", "segment_id")).containsExactly(NEWSLETTER);
        admin().get("/customers/nobody/segment-records").expect(404);
    }

    @Test
    void parallelAddsOfOneCustomerMakeOneMembership() throws Exception {
        String eva = create(admin(), info("eva@example.com", "CZ", "420777000001", null));
        String segment = newSegment("Winter");
        Api api = admin();
        int n = 8;
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return api.post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", eva))
                            .status();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(204);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(members(dsl, segment)).containsExactly(eva);
        assertThat(events(dsl, eva, segment)).containsExactly("segment.entered " + segment);
    }

    @Test
    void aRuleBasedSegmentRefusesMembersByHand() {
        String eva = create(admin(), info("eva@example.com", "CZ", "420777000001", 0));
        for (String action : List.of("add-customer", "remove-customer")) {
            Api.Response refused = admin().post("/segments/" + NEWSLETTER + "/actions/" + action,
                    Map.of("customer_id", eva)).expect(400);
            assertThat(refused.invalidParams()).containsExactly("segment_id:not_allowed_value");
        }
        assertThat(isMember(dsl, NEWSLETTER, eva)).isFalse();
        assertThat(events(dsl, eva, NEWSLETTER)).isEmpty();
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        String eva = create(admin(), info("eva@example.com", "CZ", "420777000001", null));
        String segment = newSegment("Winter");
        assertThat(admin().post("/segments", Map.of("note", "no name")).expect(400).invalidParams())
                .containsExactly("name:required");
        assertThat(admin().post("/segments", Map.of("name", "")).expect(400).invalidParams())
                .containsExactly("name:empty");
        assertThat(admin().post("/segments", Map.of("name", "Too high", "priority", 101)).expect(400).invalidParams())
                .containsExactly("priority:not_allowed_value");
        assertThat(admin().post("/segments", Map.of("name", "Negative", "priority", -1)).expect(400).invalidParams())
                .containsExactly("priority:not_allowed_value");
        assertThat(admin().post("/segments", Map.of("name", "Text", "priority", "high")).expect(400).invalidParams())
                .containsExactly("priority:invalid_value_format");
        assertThat(admin().post("/segments", Map.of("name", "x".repeat(256))).expect(400).invalidParams())
                .containsExactly("name:invalid_value_format");
        assertThat(admin().get("/segments").expect(200).data().path("total_items").asLong()).isEqualTo(6);

        assertThat(admin().post("/segments/" + segment + "/actions/add-customer", Map.of()).expect(400)
                .invalidParams()).containsExactly("customer_id:required");
        assertThat(admin().post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", "nobody"))
                .expect(400).invalidParams()).containsExactly("customer_id:not_found");
        assertThat(admin().post("/segments/" + segment + "/actions/remove-customer", Map.of("customer_id", "nobody"))
                .expect(400).invalidParams()).containsExactly("customer_id:not_found");
        admin().post("/segments/nope/actions/add-customer", Map.of("customer_id", eva)).expect(404);
        assertThat(admin().get("/segments/" + segment + "/segment-records", "count", "0").expect(400).invalidParams())
                .containsExactly("count:not_allowed_value");
        assertThat(admin().get("/segments", "sort_field", "priority").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        assertThat(members(dsl, segment)).isEmpty();
        assertThat(events(dsl, eva, segment)).isEmpty();
    }

    @Test
    void theCustomerApiReadsOnlyItsOwnRecordsAndChangesNothing() {
        String other = create(admin(), info("other@example.com", "CZ", "420777000001", null));
        String segment = newSegment("Winter");
        admin().post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", other)).expect(204);

        Api app = customer().bearer(customerToken("phone-s"));
        Map<String, Object> body = new HashMap<>(signUp(info("me@example.com", "CZ", "420777000009", null)));
        body.put("autologin", true);
        String me = app.post("/customers", body).expect(201).data().path("customer_id").asString();
        admin().post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", me)).expect(204);

        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(isMember(dsl, NEWCOMERS, me)).isTrue());
        assertThat(ids(app.get("/customers/" + me + "/segment-records").expect(200).data(), "segment_records",
                "segment_id")).containsExactlyInAnyOrder(segment, NEWCOMERS);
        assertThat(app.get("/customers/" + other + "/segment-records").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        JsonNode seen = app.get("/segments/" + segment + "/segment-records").expect(200).data();
        assertThat(ids(seen, "segment_records", "customer_id")).containsExactly(me);
        assertThat(seen.path("total_items").asLong()).isEqualTo(1);
        // groups and segments themselves are readable, as other reference data
        app.get("/segments/" + segment).expect(200);
        app.get("/segment-groups").expect(200);

        for (Api.Response answer : List.of(
                app.post("/segments", Map.of("name", "Mine")),
                app.post("/segments/" + segment + "/actions/add-customer", Map.of("customer_id", me)),
                app.post("/segments/" + segment + "/actions/remove-customer", Map.of("customer_id", me)))) {
            assertThat(answer.expect(403).error().path("type").asString()).isEqualTo("interface_not_allowed_exception");
        }
        assertThat(members(dsl, segment)).containsExactlyInAnyOrder(me, other);
        // a token without a logged-in customer sees no records
        Api anonymous = customer().bearer(customerToken("phone-t"));
        assertThat(anonymous.get("/segments/" + segment + "/segment-records").expect(200).data()
                .path("total_items").asLong()).isZero();
    }
}
