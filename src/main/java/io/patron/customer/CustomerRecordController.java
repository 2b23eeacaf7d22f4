package io.patron.customer;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.ListParams;

/** Interest records, additional addresses and related customers of a customer. */
@ApiController
class CustomerRecordController {

    private final CustomerRecordService records;

    CustomerRecordController(CustomerRecordService records) {
        this.records = records;
    }

    private static final String CUSTOMER = "/customers/{customer_id}";

    @GetMapping(CUSTOMER + "/interest-records")
    Envelope interests(@PathVariable("customer_id") String customerId, ListParams params, Caller caller) {
        return Envelope.list("interest_records", records.interests(caller, customerId, params));
    }

    @PostMapping(CUSTOMER + "/interest-records")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope addInterest(@PathVariable("customer_id") String customerId,
                         @Valid @RequestBody CustomerRecordBodies.InterestRecordBody body, Caller caller) {
        return Envelope.field("interest_record_id", records.addInterest(caller, customerId, body.interestRecord()));
    }

    @PutMapping(CUSTOMER + "/interest-records/{interest_record_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replaceInterest(@PathVariable("customer_id") String customerId,
                         @PathVariable("interest_record_id") String recordId,
                         @Valid @RequestBody CustomerRecordBodies.InterestRecordBody body, Caller caller) {
        records.replaceInterest(caller, customerId, recordId, body.interestRecord());
    }

    @DeleteMapping(CUSTOMER + "/interest-records/{interest_record_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteInterest(@PathVariable("customer_id") String customerId,
                        @PathVariable("interest_record_id") String recordId, Caller caller) {
        records.deleteInterest(caller, customerId, recordId);
    }

    @GetMapping(CUSTOMER + "/addresses")
    Envelope addresses(@PathVariable("customer_id") String customerId, ListParams params, Caller caller) {
        return Envelope.list("addresses", records.addresses(caller, customerId, params));
    }

    @PostMapping(CUSTOMER + "/addresses")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope addAddress(@PathVariable("customer_id") String customerId,
                        @Valid @RequestBody CustomerRecordBodies.AdditionalAddressBody body, Caller caller) {
        return Envelope.field("additional_address_id",
                records.addAddress(caller, customerId, body.additionalAddress()));
    }

    @GetMapping(CUSTOMER + "/addresses/{additional_customer_address_id_path}")
    Envelope address(@PathVariable("customer_id") String customerId,
                     @PathVariable("additional_customer_address_id_path") String addressId, Caller caller) {
        return Envelope.of(records.address(caller, customerId, addressId));
    }

    @PutMapping(CUSTOMER + "/addresses/{additional_customer_address_id_path}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replaceAddress(@PathVariable("customer_id") String customerId,
                        @PathVariable("additional_customer_address_id_path") String addressId,
                        @Valid @RequestBody CustomerRecordBodies.AdditionalAddressBody body, Caller caller) {
        records.replaceAddress(caller, customerId, addressId, body.additionalAddress());
    }

    @GetMapping(CUSTOMER + "/related-customers")
    Envelope relations(@PathVariable("customer_id") String customerId, ListParams params, Caller caller) {
        return Envelope.list("related_customers", records.relations(caller, customerId, params));
    }

    @PostMapping(CUSTOMER + "/related-customers")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope addRelation(@PathVariable("customer_id") String customerId,
                         @Valid @RequestBody CustomerRecordBodies.RelatedCustomerBody body, Caller caller) {
        return Envelope.field("customer_relation_id", records.addRelation(caller, customerId, body.relatedCustomer()));
    }

    @GetMapping(CUSTOMER + "/related-customers/{customer_relation_id}")
    Envelope relation(@PathVariable("customer_id") String customerId,
                      @PathVariable("customer_relation_id") String relationId, Caller caller) {
        return Envelope.of(records.relation(caller, customerId, relationId));
    }

    @DeleteMapping(CUSTOMER + "/related-customers/{customer_relation_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRelation(@PathVariable("customer_id") String customerId,
                        @PathVariable("customer_relation_id") String relationId, Caller caller) {
        records.deleteRelation(caller, customerId, relationId);
    }
}
