package io.patron.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.property.PropertyService;
import io.patron.api.BatchOutcome;
import io.patron.api.Caller;
import io.patron.api.ErrorProcessing;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.Page;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;

/** Custom property records of customers, within the caller's customer scope. */
@Service
@Transactional
public class CustomerPropertyService {

    private static final String BODY = "property_record";

    private final PropertyService properties;
    private final CustomerAccess access;
    private final DomainEvents events;

    CustomerPropertyService(PropertyService properties, CustomerAccess access, DomainEvents events) {
        this.properties = properties;
        this.access = access;
        this.events = events;
    }

    /** A property record is part of the customer's data: what follows the customer (segments) hears of it. */
    private void changed(String customerId) {
        events.publish(EventType.CUSTOMER_UPDATED, customerId, Map.of("customer_id", customerId));
    }


    @Transactional(readOnly = true)
    public Page<PropertyService.PropertyRecord> records(Caller caller, String customerId, ListParams params,
                                                        Language language) {
        access.requireReadable(caller, customerId);
        return properties.records(CustomerService.PROPERTY_KIND, customerId, params, language);
    }

    public String add(Caller caller, String customerId, PropertyService.PropertyRecordInput input) {
        access.lockForWrite(caller, customerId);
        String id = properties.add(CustomerService.PROPERTY_KIND, customerId, input, BODY);
        changed(customerId);
        return id;
    }

    public void replace(Caller caller, String customerId, String recordId, PropertyService.PropertyRecordInput input) {
        access.lockForWrite(caller, customerId);
        properties.replace(CustomerService.PROPERTY_KIND, customerId, recordId, input, BODY);
        changed(customerId);
    }

    public void delete(Caller caller, String customerId, String recordId) {
        access.lockForWrite(caller, customerId);
        properties.delete(CustomerService.PROPERTY_KIND, customerId, recordId);
        changed(customerId);
    }

    /**
     * Inserts or updates many records of one customer. With error processing 1 (default) any refused
     * record refuses the whole batch (400, nothing stored); with 2 the valid records are stored and
     * committed, and the refused ones are returned for the caller to report.
     */
    public BatchOutcome batch(Caller caller, String customerId, PropertyService.PropertyRecordsBatch batch) {
        access.lockForWrite(caller, customerId);
        ErrorProcessing outcome = ErrorProcessing.of(batch.errorProcessing());
        List<InvalidParam> errors = new ArrayList<>();
        var values = properties.checker(CustomerService.PROPERTY_KIND)
                .check(customerId, batch.propertyRecords(), "property_records", errors);
        outcome.accept(errors);
        properties.merge(CustomerService.PROPERTY_KIND, Map.of(customerId, values));
        if (!values.isEmpty()) {
            changed(customerId);
        }
        return outcome.outcome();
    }
}
