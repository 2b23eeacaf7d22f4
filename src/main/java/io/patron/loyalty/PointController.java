package io.patron.loyalty;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Points, a customer's points, the point history and the point actions. */
@ApiController
class PointController {

    private final LedgerService ledger;
    private final LoyaltyQueries queries;

    PointController(LedgerService ledger, LoyaltyQueries queries) {
        this.ledger = ledger;
        this.queries = queries;
    }

    @GetMapping("/points")
    Envelope points(ListParams params) {
        return Envelope.list("points", queries.points(params));
    }

    @GetMapping("/points/{point_id}")
    Envelope point(@PathVariable("point_id") String id, Caller caller) {
        return Envelope.of(queries.point(caller, id));
    }

    @GetMapping("/points/{point_id}/purchases")
    Envelope purchases(@PathVariable("point_id") String id, Caller caller, ListParams params) {
        return Envelope.list("purchases", queries.purchasesOfPoint(caller, id, params));
    }

    @GetMapping("/customers/{customer_id}/points")
    Envelope customerPoints(@PathVariable("customer_id") String id, ListParams params) {
        return Envelope.list("points", queries.customerPoints(id, params));
    }

    @GetMapping("/point-history")
    Envelope history(ListParams params, Language language) {
        return Envelope.list("point_history", queries.pointHistory(params, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/points/actions/assign-points")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope assign(@Valid @RequestBody LoyaltyBodies.AssignPoints body) {
        return Envelope.field("point_id", ledger.assignPoints(body.change()));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/points/actions/reduce-points")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope reduce(@Valid @RequestBody LoyaltyBodies.AssignPoints body) {
        return Envelope.field("point_id", ledger.reducePoints(body.change()));
    }

    @PostMapping("/points/actions/transfer-points")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void transfer(@Valid @RequestBody LoyaltyBodies.TransferPoints body, Caller caller) {
        ledger.transferPoints(caller, body.transfer());
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/points/actions/synchronize-points")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void synchronize(@Valid @RequestBody LoyaltyBodies.SynchronizePoints body) {
        ledger.synchronizePoints(body.customerId(), body.amount(), body.partnerId(), body.note());
    }
}
