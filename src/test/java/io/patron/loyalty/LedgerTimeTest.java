package io.patron.loyalty;

import static io.patron.loyalty.Ledger.BONUS;
import static io.patron.loyalty.Ledger.CLUB;
import static io.patron.loyalty.Ledger.assertConsistent;
import static io.patron.loyalty.Ledger.assign;
import static io.patron.loyalty.Ledger.change;
import static io.patron.loyalty.Ledger.history;
import static io.patron.loyalty.Ledger.newCustomer;
import static io.patron.loyalty.Ledger.reserve;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.api.ApiTime;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import tools.jackson.databind.JsonNode;

/** The project clock moves the ledger: pending points activate and lots expire on their day; overviews say so before. */
class LedgerTimeTest extends ApiTest {

    @Autowired
    MutableClock clock;

    @Autowired
    LedgerJobs jobs;

    @Autowired
    LoyaltyLedger read;

    @Autowired
    LedgerConsistency consistency;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
        // start at noon of a day, so that "the next day" never depends on when the test runs
        ZonedDateTime now = ZonedDateTime.now(clock);
        clock.advance(Duration.between(now, now.toLocalDate().plusDays(1).atTime(12, 0).atZone(now.getZone())));
    }

    @Test
    void pendingPointsActivateOnTheDayTheirPeriodEndsAndExpireAfterTheirLastDay() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        LocalDate earned = LocalDate.now(clock);
        String lot = assign(admin, jana, 40, BONUS);
        JsonNode record = admin.get("/points/" + lot).data();
        assertThat(record.path("state").asInt()).isEqualTo(2);
        assertThat(record.path("valid_to").asString()).isEqualTo(earned.plusDays(30) + " 23:59:59");
        assertThat(read.pointBalance(jana, BONUS).pending()).isEqualByComparingTo("40");
        assertThat(read.pointBalance(jana, BONUS).available()).isEqualByComparingTo("0");
        // the expiration is known beforehand
        assertThat(read.nextExpiring(jana, BONUS, null).orElseThrow().amount()).isEqualByComparingTo("40");
        assertThat(read.nextExpiring(jana, BONUS, null).orElseThrow().validTo().toLocalDate())
                .isEqualTo(earned.plusDays(30));
        assertThat(read.nextExpiring(jana, CLUB, null)).isEmpty();

        clock.advance(Duration.ofDays(13).plusHours(11)); // 23:00 of the 13th day: still pending
        admin = admin(); // the enterprise token of before has expired
        assertThat(jobs.activatePending()).isZero();
        assertThat(admin.post("/points/actions/reduce-points", change(jana, 1, BONUS)).expect(400).invalidParams())
                .containsExactly("amount:not_allowed_value");

        clock.advance(Duration.ofHours(1)); // midnight: the 14th day
        admin = admin(); // the enterprise token of before has expired
        jobs.activatePending(); // (the scheduler may have run it already: the steps are idempotent)
        assertThat(jobs.activatePending()).isZero();
        assertThat(admin.get("/points/" + lot).data().path("state").asInt()).isEqualTo(1);
        assertThat(read.pointBalance(jana, BONUS).available()).isEqualByComparingTo("40");
        admin.post("/points/actions/reduce-points", change(jana, 10, BONUS)).expect(201);

        clock.advance(Duration.ofDays(16).plusHours(23).plusMinutes(59)); // 23:59 of the last day: still valid
        admin = admin(); // the enterprise token of before has expired
        assertThat(jobs.expireLots()).isZero();
        assertThat(read.pointBalance(jana, BONUS).available()).isEqualByComparingTo("30");
        clock.advance(Duration.ofMinutes(2)); // past the last day, before the job ran: no longer spendable
        admin = admin(); // the enterprise token of before has expired
        assertThat(read.pointBalance(jana, BONUS).available()).isEqualByComparingTo("0");
        assertThat(admin.get("/points/" + lot).data().path("state").asInt()).isEqualTo(2);
        assertThat(admin.post("/points/actions/reduce-points", change(jana, 1, BONUS)).expect(400).invalidParams())
                .containsExactly("amount:not_allowed_value");
        jobs.expireLots();
        assertThat(jobs.expireLots()).isZero();
        assertThat(history(admin, jana)).extracting(h -> h.path("point_amount").asInt())
                .containsExactly(40, 40, -10, -30);
        assertThat(history(admin, jana).getLast().path("point_operation_type").asString()).isEqualTo("Expiration");
        assertThat(read.movementSums(jana, BONUS, null, null, null).expired()).isEqualByComparingTo("30");
        assertThat(read.movementSums(jana, BONUS, null, null, null).earned()).isEqualByComparingTo("40");
        assertThat(read.movementSums(jana, BONUS, null, null, null).redeemed()).isEqualByComparingTo("10");
        assertConsistent(consistency);
    }

    @Test
    void aReservationPastItsExpirationHoldsNothingAndTheJobEndsIt() {
        Api admin = admin();
        String petr = newCustomer(admin, "petr@example.com");
        assign(admin, petr, 10, CLUB);
        String in = ZonedDateTime.now(clock).plusHours(1).format(ApiTime.DATE_TIME);
        admin.post("/point-reservations/actions/reserve-points", reserve("R-1", petr, 10, in)).expect(204);
        assertThat(admin.post("/points/actions/reduce-points", change(petr, 1, CLUB)).expect(400).invalidParams())
                .containsExactly("amount:not_allowed_value");
        clock.advance(Duration.ofHours(2));
        admin = admin(); // the enterprise token of before has expired
        assertThat(admin.get("/point-reservations", "customer_id", petr).data().path("point_reservations").get(0)
                .path("state").asInt()).isEqualTo(2);
        admin.post("/points/actions/reduce-points", change(petr, 4, CLUB)).expect(201);
        jobs.expireReservations();
        assertThat(jobs.expireReservations()).isZero();
        assertThat(admin.get("/point-reservations", "customer_id", petr).data().path("point_reservations").get(0)
                .path("state").asInt()).isEqualTo(2);
        // its external id is free again
        admin.post("/point-reservations/actions/reserve-points", reserve("R-1", petr, 6, null)).expect(204);
        assertConsistent(consistency);
    }
}
