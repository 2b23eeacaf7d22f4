package io.patron.segment;

import static io.patron.db.Tables.SEGMENT;
import static io.patron.db.Tables.SEGMENT_MEMBER;
import static io.patron.segment.SegmentTestSupport.CLIMBERS;
import static io.patron.segment.SegmentTestSupport.NEWCOMERS;
import static io.patron.segment.SegmentTestSupport.NEWSLETTER;
import static io.patron.segment.SegmentTestSupport.PARENTS_NOT_SUBSCRIBED;
import static io.patron.segment.SegmentTestSupport.SLOVAKS_OR_NO_PHONE;
import static io.patron.segment.SegmentTestSupport.create;
import static io.patron.segment.SegmentTestSupport.events;
import static io.patron.segment.SegmentTestSupport.info;
import static io.patron.segment.SegmentTestSupport.isMember;
import static io.patron.segment.SegmentTestSupport.members;
import static io.patron.segment.SegmentTestSupport.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.events.OutboxPoller;
import io.patron.support.ApiTest;
import io.patron.support.JobRuns;
import io.patron.support.MutableClock;

/**
 * Rule-based membership: each condition kind evaluated in SQL over all customers, applied as a difference with its
 * events, kept current after a customer's change, and moved on by the daily pass when time alone changes it.
 */
class SegmentMembershipTest extends ApiTest {

    @Autowired
    DSLContext dsl;
    @Autowired
    SegmentMembership membership;
    @Autowired
    SegmentRepository repository;
    @Autowired
    OutboxPoller poller;
    @Autowired
    MutableClock clock;
    @Autowired
    JobRuns jobs;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private SegmentMembership.Change evaluate(String segmentId) {
        return membership.evaluate(repository.ruleBased().stream().filter(s -> s.id().equals(segmentId)).findFirst()
                .orElseThrow());
    }

    private OffsetDateTime evaluatedAt(String segmentId) {
        return dsl.select(SEGMENT.EVALUATED_AT).from(SEGMENT).where(SEGMENT.ID.eq(segmentId)).fetchOne(SEGMENT.EVALUATED_AT);
    }

    private OffsetDateTime memberSince(String segmentId, String customerId) {
        return dsl.select(SEGMENT_MEMBER.CREATED_AT).from(SEGMENT_MEMBER).where(SEGMENT_MEMBER.SEGMENT_ID.eq(segmentId))
                .and(SEGMENT_MEMBER.CUSTOMER_ID.eq(customerId)).fetchOne(SEGMENT_MEMBER.CREATED_AT);
    }

    private void property(String customerId, String property, Object value) {
        admin().post("/customers/" + customerId + "/property-records",
                Map.of("property_record", Map.of("property_id", property, "property_value", value))).expect(201);
    }

    /**
     * Every event delivered (by this thread or the background poller). A delivery that lost a deadlock against
     * another listener's is retried after its backoff (10 s), hence the longer wait.
     */
    private void awaitDelivered() {
        SegmentTestSupport.settle(dsl, poller);
    }

    /** Customers made before the segments exist, their events delivered: only a whole evaluation sees them. */
    private record Population(String subscribed, String withdrawn, String slovak, String noPhone, String climber,
                              String parent) {
    }

    private Population population() {
        Population p = new Population(
                create(admin(), info("subscribed@example.com", "CZ", "420777000001", 1)),
                create(admin(), info("withdrawn@example.com", "CZ", "420777000002", 0)),
                create(admin(), info("slovak@example.com", "SK", "421777000003", null)),
                create(admin(), info("nophone@example.com", "CZ", null, null)),
                create(admin(), info("climber@example.com", "CZ", "420777000005", 1)),
                create(admin(), info("parent@example.com", "CZ", "420777000006", 0)));
        importProject("test-customer-properties.yaml");
        property(p.climber(), "favourite_sport", "climbing");
        property(p.subscribed(), "favourite_sport", "running");
        property(p.parent(), "kids", 2);
        property(p.subscribed(), "kids", 2);
        awaitDelivered();
        importProject("test-segments.yaml");
        return p;
    }

    @Test
    void eachConditionKindSelectsItsCustomers() {
        Population p = population();
        for (String segment : List.of(NEWSLETTER, NEWCOMERS, CLIMBERS, SLOVAKS_OR_NO_PHONE, PARENTS_NOT_SUBSCRIBED)) {
            assertThat(members(dsl, segment)).as(segment).isEmpty();
            evaluate(segment);
        }
        assertThat(members(dsl, NEWSLETTER)).containsExactlyInAnyOrder(p.subscribed(), p.climber());
        assertThat(members(dsl, NEWCOMERS)).hasSize(6);
        assertThat(members(dsl, CLIMBERS)).containsExactly(p.climber());
        assertThat(members(dsl, SLOVAKS_OR_NO_PHONE)).containsExactlyInAnyOrder(p.slovak(), p.noPhone());
        assertThat(members(dsl, PARENTS_NOT_SUBSCRIBED)).containsExactly(p.parent());
        assertThat(events(dsl, p.climber())).containsExactlyInAnyOrder("segment.entered " + NEWSLETTER,
                "segment.entered " + NEWCOMERS, "segment.entered " + CLIMBERS);
        assertThat(evaluatedAt(CLIMBERS)).isNotNull();
    }

    @Test
    void anEvaluationChangesOnlyWhatChanged() {
        Population p = population();
        assertThat(evaluate(NEWSLETTER)).isEqualTo(new SegmentMembership.Change(2, 0));
        OffsetDateTime since = memberSince(NEWSLETTER, p.subscribed());
        assertThat(evaluate(NEWSLETTER)).isEqualTo(new SegmentMembership.Change(0, 0));

        // behind the listener's back (no event): one withdraws, one subscribes
        dsl.update(io.patron.db.Tables.CUSTOMER_CONSENT).set(io.patron.db.Tables.CUSTOMER_CONSENT.CONSENT_VALUE, 0)
                .where(io.patron.db.Tables.CUSTOMER_CONSENT.CUSTOMER_ID.eq(p.climber())).execute();
        dsl.update(io.patron.db.Tables.CUSTOMER_CONSENT).set(io.patron.db.Tables.CUSTOMER_CONSENT.CONSENT_VALUE, 1)
                .where(io.patron.db.Tables.CUSTOMER_CONSENT.CUSTOMER_ID.eq(p.withdrawn())).execute();
        // a minute later (less than the daily job's 5-minute interval, which would evaluate the other segments too)
        clock.advance(Duration.ofMinutes(1));
        assertThat(evaluate(NEWSLETTER)).isEqualTo(new SegmentMembership.Change(1, 1));
        assertThat(members(dsl, NEWSLETTER)).containsExactlyInAnyOrder(p.subscribed(), p.withdrawn());
        // the member who stayed keeps the record it had
        assertThat(memberSince(NEWSLETTER, p.subscribed()))
                .isEqualTo(since);
        assertThat(events(dsl, p.climber())).containsExactly("segment.entered " + NEWSLETTER,
                "segment.left " + NEWSLETTER);
        assertThat(events(dsl, p.withdrawn())).containsExactly("segment.entered " + NEWSLETTER);
        assertThat(events(dsl, p.subscribed())).containsExactly("segment.entered " + NEWSLETTER);
    }

    @Test
    void twoWholeEvaluationsAtOnceLetEachCustomerEnterOnce() throws Exception {
        Population p = population();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<SegmentMembership.Change>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(threads.submit(() -> {
                    start.await();
                    return evaluate(NEWSLETTER);
                }));
            }
            start.countDown();
            int entered = 0;
            for (var run : runs) {
                entered += run.get().entered();
            }
            assertThat(entered).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
        assertThat(members(dsl, NEWSLETTER)).containsExactlyInAnyOrder(p.subscribed(), p.climber());
        assertThat(events(dsl, p.subscribed(), NEWSLETTER)).containsExactly("segment.entered " + NEWSLETTER);
        assertThat(events(dsl, p.climber(), NEWSLETTER)).containsExactly("segment.entered " + NEWSLETTER);
    }

    @Test
    void aCustomersChangeUpdatesTheirMembershipsAfterCommit() {
        importProject("test-segments.yaml");
        String eva = create(admin(), info("eva@example.com", "CZ", "420777000001", 1));
        await().untilAsserted(() -> assertThat(isMember(dsl, NEWSLETTER, eva)).isTrue());
        await().untilAsserted(() -> assertThat(isMember(dsl, NEWCOMERS, eva)).isTrue());
        assertThat(isMember(dsl, SLOVAKS_OR_NO_PHONE, eva)).isFalse();

        // personal information: the consent withdrawn and the phone removed
        replace(admin(), eva, info("eva@example.com", "CZ", null, 0));
        await().untilAsserted(() -> assertThat(isMember(dsl, NEWSLETTER, eva)).isFalse());
        await().untilAsserted(() -> assertThat(isMember(dsl, SLOVAKS_OR_NO_PHONE, eva)).isTrue());

        // a property record
        property(eva, "favourite_sport", "climbing");
        await().untilAsserted(() -> assertThat(isMember(dsl, CLIMBERS, eva)).isTrue());
        property(eva, "kids", 2);
        await().untilAsserted(() -> assertThat(isMember(dsl, PARENTS_NOT_SUBSCRIBED, eva)).isTrue());

        awaitDelivered();
        assertThat(events(dsl, eva)).containsExactlyInAnyOrder("segment.entered " + NEWSLETTER,
                "segment.entered " + NEWCOMERS, "segment.left " + NEWSLETTER,
                "segment.entered " + SLOVAKS_OR_NO_PHONE, "segment.entered " + CLIMBERS,
                "segment.entered " + PARENTS_NOT_SUBSCRIBED);
        // a redelivered or repeated evaluation finds nothing to change
        SegmentMembership.Change again = transactions.execute(s -> membership.refreshCustomers(java.util.List.of(eva)));
        assertThat(again).isEqualTo(new SegmentMembership.Change(0, 0));
    }

    @Test
    void theDailyPassMovesTimeRelativeRules() {
        importProject("test-segments.yaml");
        String eva = create(admin(), info("eva@example.com", "CZ", "420777000001", null));
        await().untilAsserted(() -> assertThat(isMember(dsl, NEWCOMERS, eva)).isTrue());
        awaitDelivered();
        assertThat(events(dsl, eva, NEWCOMERS)).containsExactly("segment.entered " + NEWCOMERS);
        // nothing of eva changes; 91 days later she is no newcomer (delivered events are gone by then); the two jobs'
        // rows exist before the move, or a scheduler that had not polled since the data reset adds them after it,
        // due an interval later
        jobs.registerNow("events.delete-delivered", "segments.evaluate");
        clock.advance(Duration.ofDays(91));
        // every job is due after such a jump: the two this test depends on run here (the background may run them too)
        jobs.awaitEffect("events.delete-delivered", Duration.ofSeconds(60),
                () -> !events(dsl, eva, NEWCOMERS).contains("segment.entered " + NEWCOMERS));
        jobs.awaitEffect("segments.evaluate", Duration.ofSeconds(60), () -> !isMember(dsl, NEWCOMERS, eva));
        assertThat(events(dsl, eva, NEWCOMERS)).containsExactly("segment.left " + NEWCOMERS);
        assertThat(evaluatedAt(NEWCOMERS))
                .isAfter(OffsetDateTime.now(clock).minusHours(1));
    }

    @Test
    void aChangedRuleIsEvaluatedAgainAndABadRuleStopsTheImport() {
        importProject("test-segments.yaml");
        evaluate(NEWSLETTER);
        assertThat(evaluatedAt(NEWSLETTER)).isNotNull();
        importProject("test-segments-changed.yaml");
        assertThat(evaluatedAt(NEWSLETTER)).isNull();
        assertThat(repository.dueForEvaluation(OffsetDateTime.now(clock))).extracting(SegmentRepository.RuleBased::id)
                .contains(NEWSLETTER);
        for (String file : List.of("test-segments-bad-kind.yaml", "test-segments-bad-field.yaml")) {
            assertThatThrownBy(() -> importProject(file)).hasMessageContaining("Section 'segments'")
                    .hasMessageContaining("rule");
        }
    }
}
