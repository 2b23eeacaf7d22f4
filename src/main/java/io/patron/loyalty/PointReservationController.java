package io.patron.loyalty;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.ListParams;

/** Point reservations: holding points under a client's external id, and releasing them. */
@ApiController
class PointReservationController {

    private final LedgerService ledger;
    private final LoyaltyQueries queries;

    PointReservationController(LedgerService ledger, LoyaltyQueries queries) {
        this.ledger = ledger;
        this.queries = queries;
    }

    @GetMapping("/point-reservations")
    Envelope reservations(ListParams params) {
        return Envelope.list("point_reservations", queries.reservations(params));
    }

    @GetMapping("/point-reservations/{point_reservation_id}")
    Envelope reservation(@PathVariable("point_reservation_id") String id, Caller caller) {
        return Envelope.of(queries.reservation(caller, id));
    }

    @PostMapping("/point-reservations/actions/reserve-points")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reserve(@Valid @RequestBody LoyaltyBodies.ReservePoints body, Caller caller) {
        ledger.reservePoints(caller, body.externalId(), body.customerId(), body.amount(), body.expirationTime());
    }

    @PostMapping("/point-reservations/actions/free-points")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void free(@Valid @RequestBody LoyaltyBodies.FreePoints body, Caller caller) {
        ledger.freePoints(caller, body.externalId());
    }
}
