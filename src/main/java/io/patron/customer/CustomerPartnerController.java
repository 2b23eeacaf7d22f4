package io.patron.customer;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** The partners a customer is assigned to. */
@ApiController
class CustomerPartnerController {

    private final CustomerPartnerService partners;

    CustomerPartnerController(CustomerPartnerService partners) {
        this.partners = partners;
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @GetMapping("/customers/{customer_id}/partner-records")
    Envelope partners(@PathVariable("customer_id") String customerId, ListParams params, Caller caller) {
        return Envelope.list("partner_records", partners.partners(caller, customerId, params));
    }

    @PostMapping("/customers/{customer_id}/partner-records")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope add(@PathVariable("customer_id") String customerId,
                 @Valid @RequestBody CustomerPartnerBodies.PartnerRecordBody body, Caller caller) {
        return Envelope.field("partner_record_id", partners.add(caller, customerId, body.partnerRecord()));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @DeleteMapping("/customers/{customer_id}/partner-records/{partner_record_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable("customer_id") String customerId,
                @PathVariable("partner_record_id") String recordId, Caller caller) {
        partners.delete(caller, customerId, recordId);
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/customers/actions/set-partners")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void set(@Valid @RequestBody CustomerPartnerBodies.SetPartnersBody body, Caller caller) {
        partners.set(caller, body);
    }
}
