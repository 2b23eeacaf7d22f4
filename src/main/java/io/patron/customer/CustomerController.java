package io.patron.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;

/** Customer accounts, their sources and source records. */
@ApiController
class CustomerController {

    record SourceRecordInput(@NotBlank String customerSourceId, String externalId) {
    }

    record NewSourceRecord(@jakarta.validation.constraints.NotNull @Valid SourceRecordInput customerSourceRecord) {
    }

    private final CustomerService customers;
    private final CustomerSourceService sources;
    private final CustomerQueries queries;

    CustomerController(CustomerService customers, CustomerSourceService sources, CustomerQueries queries) {
        this.customers = customers;
        this.sources = sources;
        this.queries = queries;
    }

    @PostMapping("/customers")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody CustomerBodies.NewCustomer body, Caller caller) {
        return Envelope.field("customer_id", customers.create(caller, body));
    }

    @GetMapping("/customers")
    Envelope list(ListParams params) {
        return Envelope.list("customers", queries.customers(params));
    }

    @GetMapping("/customers/{customer_id}")
    Envelope one(@PathVariable("customer_id") String id, ListParams params, Caller caller) {
        return Envelope.of(queries.customer(caller, id, params));
    }

    @PutMapping("/customers/{customer_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("customer_id") String id, @Valid @RequestBody CustomerBodies.CustomerUpdate body,
                 Caller caller) {
        customers.replace(caller, id, body);
    }

    @GetMapping("/customer-sources")
    Envelope sources(ListParams params, Language language) {
        return Envelope.list("customer_sources", queries.sources(params, language));
    }

    @GetMapping("/customer-sources/{customer_source_id}")
    Envelope source(@PathVariable("customer_source_id") String id, Language language) {
        return Envelope.of(queries.source(id, language));
    }

    @GetMapping("/customer-source-records")
    Envelope allSourceRecords(ListParams params) {
        return Envelope.list("customer_source_records", queries.sourceRecords(null, params));
    }

    @GetMapping("/customers/{customer_id}/customer-source-records")
    Envelope sourceRecords(@PathVariable("customer_id") String id, ListParams params) {
        return Envelope.list("customer_source_records", queries.sourceRecords(id, params));
    }

    @PostMapping("/customers/{customer_id}/customer-source-records")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope addSourceRecord(@PathVariable("customer_id") String id, @Valid @RequestBody NewSourceRecord body,
                             Caller caller) {
        return Envelope.field("customer_source_record_id",
                sources.add(caller, id, body.customerSourceRecord().customerSourceId(),
                        body.customerSourceRecord().externalId()));
    }
}
