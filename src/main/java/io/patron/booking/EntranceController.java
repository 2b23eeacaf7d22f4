package io.patron.booking;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;
import io.patron.api.QueryParams;

/**
 * Charged entrances. A Customer API token reads only its customer's entrances and statistics; corrections and the
 * overview of all entrances belong to the Enterprise API.
 */
@ApiController
class EntranceController {

    private final EntranceQueries queries;
    private final EntranceService entrances;

    EntranceController(EntranceQueries queries, EntranceService entrances) {
        this.queries = queries;
        this.entrances = entrances;
    }

    @GetMapping("/entrances")
    Envelope entrances(ListParams params) {
        return Envelope.list("entrances", queries.entrances(params));
    }

    @GetMapping("/entrances/{entrance_id}")
    Envelope entrance(@PathVariable("entrance_id") String id, Caller caller) {
        return Envelope.of(queries.entrance(caller, id));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PutMapping("/entrances/{entrance_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("entrance_id") String id, @Valid @RequestBody EntranceBodies.EntranceBody body) {
        entrances.replace(id, body.entrance());
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @GetMapping("/entrances/actions/overview")
    Envelope overview(HttpServletRequest request) {
        return Envelope.of(queries.overview(new QueryParams(request)));
    }

    @GetMapping("/entrances/actions/customer-stats")
    Envelope customerStats(HttpServletRequest request, Caller caller) {
        return Envelope.of(entrances.customerStats(caller, new QueryParams(request).string("customer_id")));
    }
}
