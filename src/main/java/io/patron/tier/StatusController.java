package io.patron.tier;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Statuses, a customer's status records and set-status-record. */
@ApiController
class StatusController {

    private final StatusQueries queries;
    private final StatusService service;

    StatusController(StatusQueries queries, StatusService service) {
        this.queries = queries;
        this.service = service;
    }

    @GetMapping("/statuses")
    Envelope statuses(ListParams params, Language language) {
        return Envelope.list("statuses", queries.statuses(params, language));
    }

    @GetMapping("/statuses/{status_id}")
    Envelope status(@PathVariable("status_id") String id, Language language) {
        return Envelope.of(queries.status(id, language));
    }

    @GetMapping("/customers/{customer_id}/status-records")
    Envelope records(@PathVariable("customer_id") String customerId, ListParams params) {
        return Envelope.list("status_records", queries.records(customerId, params));
    }

    /** 200 with the new record's id, as the contract says (not 201). */
    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/customers/actions/set-status-record")
    Envelope setStatusRecord(@Valid @RequestBody StatusBodies.SetStatusRecord body) {
        return Envelope.field("status_record_id", service.setStatusRecord(body));
    }
}
