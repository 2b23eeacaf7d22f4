package io.patron.loyalty;

import static io.patron.loyalty.Ledger.CLUB;
import static io.patron.loyalty.Ledger.assertConsistent;
import static io.patron.loyalty.Ledger.assign;
import static io.patron.loyalty.Ledger.change;
import static io.patron.loyalty.Ledger.history;
import static io.patron.loyalty.Ledger.newCustomer;
import static io.patron.loyalty.Ledger.reserve;
import static io.patron.loyalty.Ledger.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** Point reservations: held points are unspendable by every path until freed; external ids unique among active ones. */
class PointReservationsTest extends ApiTest {

    @Autowired
    LedgerConsistency consistency;

    @Autowired
    LoyaltyLedger read;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
        importProject("test-loyalty-credits.yaml");
    }

    @Test
    void reservedPointsCannotBeSpentUntilTheyAreFreed() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String petr = newCustomer(admin, "petr@example.com");
        assign(admin, jana, 100, CLUB);
        admin.post("/point-reservations/actions/reserve-points", reserve("ORDER-1", jana, 70, "2099-01-01 10:00:00"))
                .expect(204);

        JsonNode list = admin.get("/point-reservations", "customer_id", jana).expect(200).data();
        assertThat(list.path("total_items").asInt()).isEqualTo(1);
        JsonNode reservation = list.path("point_reservations").get(0);
        // the contract names the fields differently from the request
        assertThat(reservation.path("quantity").asInt()).isEqualTo(70);
        assertThat(reservation.path("external_id").asString()).isEqualTo("ORDER-1");
        assertThat(reservation.path("state").asInt()).isEqualTo(1);
        assertThat(reservation.path("expiration").asString()).isEqualTo("2099-01-01 10:00:00");
        String id = reservation.path("points_reservation_id").asString();
        assertThat(admin.get("/point-reservations/" + id).expect(200).data().path("customer_id").asString())
                .isEqualTo(jana);
        assertThat(admin.get("/point-reservations", "external_id", "ORDER-1").data().path("total_items").asInt())
                .isEqualTo(1);
        assertThat(read.pointBalance(jana, CLUB).spendable()).isEqualByComparingTo("30");
        assertThat(read.pointBalance(jana, CLUB).reserved()).isEqualByComparingTo("70");

        // every path refuses the held points
        assertThat(admin.post("/points/actions/reduce-points", change(jana, 31, CLUB)).expect(400).invalidParams())
                .containsExactly("amount:not_allowed_value");
        assertThat(admin.post("/points/actions/transfer-points", transfer(jana, petr, 31, CLUB)).expect(400)
                .invalidParams()).containsExactly("amount:not_allowed_value");
        assertThat(admin.post("/point-reservations/actions/reserve-points", reserve("ORDER-2", jana, 31, null))
                .expect(400).invalidParams()).containsExactly("amount:not_allowed_value");
        assertThat(admin.post("/points/actions/synchronize-points", Map.of("customer_id", jana, "amount", 69))
                .expect(400).invalidParams()).containsExactly("amount:not_allowed_value");
        // the external id is unique among active reservations, whoever's
        assign(admin, petr, 10, CLUB);
        assertThat(admin.post("/point-reservations/actions/reserve-points", reserve("ORDER-1", petr, 1, null))
                .expect(400).invalidParams()).containsExactly("external_id:already_exists");

        admin.post("/points/actions/reduce-points", change(jana, 30, CLUB)).expect(201);
        admin.post("/point-reservations/actions/free-points", Map.of("external_id", "ORDER-1")).expect(204);
        assertThat(admin.get("/point-reservations/" + id).data().path("state").asInt()).isZero();
        assertThat(admin.post("/point-reservations/actions/free-points", Map.of("external_id", "ORDER-1"))
                .expect(400).invalidParams()).containsExactly("external_id:not_found");
        admin.post("/points/actions/reduce-points", change(jana, 70, CLUB)).expect(201);
        // freed, the external id can be used again
        admin.post("/point-reservations/actions/reserve-points", reserve("ORDER-1", petr, 10, null)).expect(204);
        assertThat(history(admin, jana)).extracting(h -> h.path("point_operation_type").asString()).containsExactly(
                "Points assigned", "Points reserved", "Points redeemed", "Reservation released", "Points redeemed");
        assertConsistent(consistency);
    }

    @Test
    void badReservationsAreRefused() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        assign(admin, jana, 10, CLUB);
        assertThat(admin.post("/point-reservations/actions/reserve-points", reserve("X", jana, 0, null)).expect(400)
                .invalidParams()).containsExactly("amount:not_allowed_value");
        assertThat(admin.post("/point-reservations/actions/reserve-points", reserve("X", "nobody", 1, null))
                .expect(400).invalidParams()).containsExactly("customer_id:not_found");
        assertThat(admin.post("/point-reservations/actions/reserve-points", reserve("X", jana, 1, "2000-01-01 00:00:00"))
                .expect(400).invalidParams()).containsExactly("expiration_time:not_allowed_value");
        assertThat(admin.post("/point-reservations/actions/reserve-points", reserve("X", jana, 1, "tomorrow"))
                .expect(400).invalidParams()).containsExactly("expiration_time:invalid_value_format");
        assertThat(admin.post("/point-reservations/actions/reserve-points", reserve("X", jana, 11, null))
                .expect(400).invalidParams()).containsExactly("amount:not_allowed_value");
        assertThat(admin.post("/point-reservations/actions/free-points", Map.of("external_id", "X")).expect(400)
                .invalidParams()).containsExactly("external_id:not_found");
        assertThat(admin.get("/point-reservations").data().path("total_items").asInt()).isZero();
        admin.get("/point-reservations/nope").expect(404);
    }
}
