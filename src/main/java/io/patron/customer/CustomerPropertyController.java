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

import io.patron.property.PropertyService;
import io.patron.api.ApiController;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;

/** Customer property definitions and the property records of customers. */
@ApiController
class CustomerPropertyController {

    private final CustomerPropertyService records;
    private final PropertyService properties;

    CustomerPropertyController(CustomerPropertyService records, PropertyService properties) {
        this.records = records;
        this.properties = properties;
    }

    @GetMapping("/customer-properties")
    Envelope definitions(ListParams params, Language language) {
        return Envelope.list("customer_properties",
                properties.definitions(CustomerService.PROPERTY_KIND, params, language));
    }

    @GetMapping("/customer-properties/{customer_property_id}")
    Envelope definition(@PathVariable("customer_property_id") String id, Language language) {
        return Envelope.of(properties.definition(CustomerService.PROPERTY_KIND, "customer-properties", id, language));
    }

    @GetMapping("/customers/{customer_id}/property-records")
    Envelope list(@PathVariable("customer_id") String customerId, ListParams params, Language language,
                  Caller caller) {
        return Envelope.list("property_records", records.records(caller, customerId, params, language));
    }

    @PostMapping("/customers/{customer_id}/property-records")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope add(@PathVariable("customer_id") String customerId,
                 @Valid @RequestBody PropertyService.PropertyRecordBody body, Caller caller) {
        return Envelope.field("property_record_id", records.add(caller, customerId, body.propertyRecord()));
    }

    @PutMapping("/customers/{customer_id}/property-records/{property_record_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("customer_id") String customerId, @PathVariable("property_record_id") String recordId,
                 @Valid @RequestBody PropertyService.PropertyRecordBody body, Caller caller) {
        records.replace(caller, customerId, recordId, body.propertyRecord());
    }

    @DeleteMapping("/customers/{customer_id}/property-records/{property_record_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable("customer_id") String customerId, @PathVariable("property_record_id") String recordId,
                Caller caller) {
        records.delete(caller, customerId, recordId);
    }

    @PostMapping("/customers/{customer_id}/property-records/batch")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void batch(@PathVariable("customer_id") String customerId,
               @Valid @RequestBody PropertyService.PropertyRecordsBatch body, Caller caller) {
        records.batch(caller, customerId, body).throwIfAnyFailed();
    }
}
