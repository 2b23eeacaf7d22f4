package io.patron.tier;

import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.tier.Tiers.CLUB;
import static io.patron.tier.Tiers.MEMBER;
import static io.patron.tier.Tiers.SILVER;
import static io.patron.tier.Tiers.assign;
import static io.patron.tier.Tiers.current;
import static io.patron.tier.Tiers.newCustomer;
import static io.patron.tier.Tiers.records;
import static io.patron.tier.Tiers.setStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.events.EventType;
import io.patron.events.OutboxPoller;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import tools.jackson.databind.JsonNode;

/** Statuses over time (the test clock): a record ends on its last day and the job downgrades, renews or lifts. */
class StatusTimeTest extends ApiTest {

    @Autowired
    OutboxPoller poller;
    @Autowired
    DSLContext dsl;
    @Autowired
    MutableClock clock;
    @Autowired
    StatusJobs jobs;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
        importProject("test-statuses.yaml");
    }

    private void deliver() {
        Tiers.deliverEvents(poller, dsl);
    }

    /** Moves the test clock to a local time of the project. */
    private void moveTo(LocalDateTime local) {
        ZonedDateTime target = local.atZone(clock.getZone());
        clock.advance(Duration.between(ZonedDateTime.now(clock), target));
    }

    /** Status changes published since a moment (the outbox clean-up deletes delivered events a week old). */
    private List<String> statusEventsSince(String customerId, java.time.OffsetDateTime since) {
        return dsl.select(OUTBOX_EVENT.PAYLOAD).from(OUTBOX_EVENT)
                .where(OUTBOX_EVENT.EVENT_TYPE.eq(EventType.STATUS_CHANGED))
                .and(OUTBOX_EVENT.AGGREGATE_ID.eq(customerId)).and(OUTBOX_EVENT.OCCURRED_AT.ge(since))
                .fetch(OUTBOX_EVENT.PAYLOAD);
    }

    @Test
    void aTierDowngradesOnTheDayItsValidityEndsWhenItWasNotEarnedAgain() {
        String jana = newCustomer(admin(), "jana@example.com");
        deliver();
        assign(admin(), jana, 1000, CLUB);
        deliver();
        LocalDate today = LocalDate.now(clock);
        LocalDate lastDay = today.plusMonths(12);
        assertThat(current(admin(), jana)).isEqualTo(SILVER);

        moveTo(lastDay.atTime(12, 0));
        assertThat(jobs.endValidity()).isZero();
        Api admin = admin(); // a fresh login: the earlier tokens expired with the months
        assertThat(current(admin, jana)).isEqualTo(SILVER);

        java.time.OffsetDateTime ended = java.time.OffsetDateTime.now(clock);
        moveTo(lastDay.plusDays(1).atTime(0, 0, 30));
        // the scheduler may have run the job already: whichever run ends the record does it once
        jobs.endValidity();
        assertThat(jobs.endValidity()).as("a second run finds nothing").isZero();
        admin = admin();
        List<JsonNode> records = records(admin, jana);
        assertThat(records).extracting(r -> r.path("status_id").asString()).containsExactly(MEMBER, SILVER, MEMBER);
        JsonNode silver = records.get(1);
        assertThat(silver.path("valid_to").asString()).isEqualTo(lastDay + " 23:59:59");
        assertThat(silver.path("state").asInt()).isEqualTo(2);
        JsonNode member = records.get(2);
        assertThat(member.path("valid_from").asString()).isEqualTo(lastDay.plusDays(1) + " 00:00:00");
        assertThat(member.path("valid_to").asString()).isEqualTo(lastDay.plusDays(1).plusMonths(12) + " 23:59:59");
        assertThat(statusEventsSince(jana, ended)).singleElement().asString()
                .contains("\"status_id\":\"" + MEMBER + "\"").contains("\"previous_status_id\":\"" + SILVER + "\"");
    }

    @Test
    void aTierEarnedAgainWithinItsValidityIsRenewedAndTheConditionsSaidWhatWasMissing() {
        String petr = newCustomer(admin(), "petr@example.com");
        deliver();
        assign(admin(), petr, 1000, CLUB);
        deliver();
        LocalDate lastDay = LocalDate.now(clock).plusMonths(12);

        moveTo(lastDay.minusMonths(1).atTime(10, 0));
        assign(admin(), petr, 700, CLUB);
        deliver();
        JsonNode conditions = records(admin(), petr, "valid_now", "true").getFirst().path("purchase_conditions");
        assertThat(conditions.path("keep_status_points").asInt()).isEqualTo(300);
        assign(admin(), petr, 300, CLUB);
        deliver();
        assertThat(records(admin(), petr, "valid_now", "true").getFirst().path("purchase_conditions")
                .path("keep_status_points").asInt()).isZero();

        java.time.OffsetDateTime ended = java.time.OffsetDateTime.now(clock);
        moveTo(lastDay.plusDays(1).atTime(1, 0));
        jobs.endValidity();
        List<JsonNode> records = records(admin(), petr);
        assertThat(records).extracting(r -> r.path("status_id").asString()).containsExactly(MEMBER, SILVER, SILVER);
        assertThat(records.get(2).path("valid_from").asString()).isEqualTo(lastDay.plusDays(1) + " 00:00:00");
        assertThat(current(admin(), petr)).isEqualTo(SILVER);
        assertThat(statusEventsSince(petr, ended)).as("a renewal is no change of status").isEmpty();
    }

    @Test
    void aManualStatusHoldsUntilItEndsThenTheCustomerGetsWhatTheyQualifyFor() {
        String adam = newCustomer(admin(), "adam@example.com");
        deliver();
        LocalDate end = LocalDate.now(clock).plusMonths(1);
        admin().post("/customers/actions/set-status-record", setStatus(adam, MEMBER, null, end + " 23:59:59"))
                .expect(200);
        assign(admin(), adam, 1500, CLUB);
        deliver();
        assertThat(current(admin(), adam)).isEqualTo(MEMBER);

        moveTo(end.atTime(23, 0));
        assertThat(jobs.endValidity()).isZero();
        assertThat(current(admin(), adam)).isEqualTo(MEMBER);

        moveTo(end.plusDays(1).atTime(0, 5));
        jobs.endValidity();
        assertThat(current(admin(), adam)).isEqualTo(SILVER);
        assertThat(records(admin(), adam, "valid_now", "true").getFirst().path("valid_from").asString())
                .isEqualTo(end.plusDays(1) + " 00:00:00");
    }
}
