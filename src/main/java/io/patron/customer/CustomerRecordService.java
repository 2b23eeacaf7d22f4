package io.patron.customer;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.InvalidParam;
import io.patron.api.ListParams;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.reference.CountryQueries;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;

/**
 * The records a customer owns besides properties: interest records, additional addresses and relations
 * to other customers, within the caller's customer scope. Changes lock the customer row, so that the
 * checks for duplicates and the writes of one customer never interleave.
 */
@Service
@Transactional
public class CustomerRecordService {

    private final CustomerRecordRepository records;
    private final CustomerRepository customers;
    private final CustomerAccess access;
    private final LookupQueries lookups;
    private final CountryQueries countries;

    CustomerRecordService(CustomerRecordRepository records, CustomerRepository customers, CustomerAccess access, LookupQueries lookups,
                          CountryQueries countries) {
        this.records = records;
        this.customers = customers;
        this.access = access;
        this.lookups = lookups;
        this.countries = countries;
    }


    // --- interest records ----------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Page<CustomerRecordBodies.InterestRecord> interests(Caller caller, String customerId, ListParams params) {
        access.requireReadable(caller, customerId);
        return records.interests(customerId, params);
    }

    public String addInterest(Caller caller, String customerId, CustomerRecordBodies.InterestRecord input) {
        access.lockForWrite(caller, customerId);
        checkInterest(customerId, input, null);
        return records.addInterest(customerId, input.interestId());
    }

    public void replaceInterest(Caller caller, String customerId, String recordId,
                                CustomerRecordBodies.InterestRecord input) {
        access.lockForWrite(caller, customerId);
        requireInterestRecord(customerId, recordId);
        checkInterest(customerId, input, recordId);
        records.replaceInterest(recordId, input.interestId());
    }

    public void deleteInterest(Caller caller, String customerId, String recordId) {
        access.lockForWrite(caller, customerId);
        requireInterestRecord(customerId, recordId);
        records.deleteInterest(recordId);
    }

    private void requireInterestRecord(String customerId, String recordId) {
        if (!records.interestRecordExists(customerId, recordId)) {
            throw ApiError.notFound("interest-records", recordId);
        }
    }

    private void checkInterest(String customerId, CustomerRecordBodies.InterestRecord input, String exceptRecordId) {
        List<InvalidParam> errors = new ArrayList<>();
        sameCustomer(customerId, input.customerId(), "interest_record.customer_id", errors);
        if (!lookups.exists(LookupKind.INTERESTS, input.interestId())) {
            errors.add(InvalidParam.of("interest_record.interest_id", Reason.NOT_FOUND, input.interestId(),
                    "No interest with this id"));
        } else if (records.hasInterest(customerId, input.interestId(), exceptRecordId)) {
            errors.add(InvalidParam.of("interest_record.interest_id", Reason.RELATION_ALREADY_EXISTS,
                    input.interestId(), "The customer already has this interest"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
    }

    private static void sameCustomer(String customerId, String given, String param, List<InvalidParam> errors) {
        if (!customerId.equals(given)) {
            errors.add(InvalidParam.of(param, Reason.NOT_ALLOWED_VALUE, given,
                    "Must be the customer of the path"));
        }
    }

    // --- additional addresses ------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Page<CustomerRecordBodies.AdditionalAddress> addresses(Caller caller, String customerId,
                                                                  ListParams params) {
        access.requireReadable(caller, customerId);
        return records.addresses(customerId, params);
    }

    @Transactional(readOnly = true)
    public CustomerRecordBodies.AdditionalAddress address(Caller caller, String customerId, String addressId) {
        access.requireReadable(caller, customerId);
        return records.address(customerId, addressId)
                .orElseThrow(() -> ApiError.notFound("addresses", addressId));
    }

    public String addAddress(Caller caller, String customerId, CustomerRecordBodies.AdditionalAddress input) {
        access.lockForWrite(caller, customerId);
        CustomerBodies.Address address = checkAddress(input);
        return records.addAddress(customerId, input.addressType(), address);
    }

    /** Replaces the whole address: parts left out are cleared. */
    public void replaceAddress(Caller caller, String customerId, String addressId,
                               CustomerRecordBodies.AdditionalAddress input) {
        access.lockForWrite(caller, customerId);
        if (!records.addressExists(customerId, addressId)) {
            throw ApiError.notFound("addresses", addressId);
        }
        CustomerBodies.Address address = checkAddress(input);
        records.replaceAddress(addressId, input.addressType(), address);
    }

    private CustomerBodies.Address checkAddress(CustomerRecordBodies.AdditionalAddress input) {
        List<InvalidParam> errors = new ArrayList<>();
        if (!lookups.exists(LookupKind.CUSTOMER_ADDRESS_TYPES, input.addressType())) {
            errors.add(InvalidParam.of("additional_address.address_type", Reason.NOT_FOUND, input.addressType(),
                    "No customer address type with this id"));
        }
        CustomerBodies.Address a = input.address();
        String country = a.countryCode() == null || a.countryCode().isBlank() ? null
                : a.countryCode().toLowerCase(java.util.Locale.ROOT);
        if (country != null && !countries.isActive(country)) {
            errors.add(InvalidParam.of("additional_address.address.country_code", Reason.NOT_FOUND,
                    a.countryCode(), "Not an active country of the project"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return new CustomerBodies.Address(a.address1(), a.address2(), a.address3(), a.address4(), a.address5(),
                a.address6(), a.address7(), a.zip(), a.city(), country);
    }

    // --- related customers ---------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Page<CustomerRecordBodies.RelatedCustomer> relations(Caller caller, String customerId, ListParams params) {
        access.requireReadable(caller, customerId);
        return records.relations(customerId, params);
    }

    @Transactional(readOnly = true)
    public CustomerRecordBodies.RelatedCustomer relation(Caller caller, String customerId, String relationId) {
        access.requireReadable(caller, customerId);
        return records.relation(customerId, relationId)
                .orElseThrow(() -> ApiError.notFound("related-customers", relationId));
    }

    public String addRelation(Caller caller, String customerId, CustomerRecordBodies.RelatedCustomer input) {
        access.lockForWrite(caller, customerId);
        String related = input.relatedCustomerId();
        String type = input.customerRelationTypeId();
        List<InvalidParam> errors = new ArrayList<>();
        if (related.equals(customerId)) {
            errors.add(InvalidParam.of("related_customer.related_customer_id", Reason.NOT_ALLOWED_VALUE, related,
                    "A customer cannot be related to itself"));
        } else if (!customers.exists(related)) {
            errors.add(InvalidParam.of("related_customer.related_customer_id", Reason.NOT_FOUND, related,
                    "No customer with this id"));
        }
        if (!lookups.exists(LookupKind.CUSTOMER_RELATION_TYPES, type)) {
            errors.add(InvalidParam.of("related_customer.customer_relation_type_id", Reason.NOT_FOUND, type,
                    "No customer relation type with this id"));
        } else if (!lookups.isActive(LookupKind.CUSTOMER_RELATION_TYPES, type)) {
            errors.add(InvalidParam.of("related_customer.customer_relation_type_id", Reason.NOT_ALLOWED_VALUE, type,
                    "The customer relation type is not active"));
        }
        if (errors.isEmpty() && records.hasOpenRelation(customerId, related, type)) {
            errors.add(InvalidParam.of("related_customer.related_customer_id", Reason.RELATION_ALREADY_EXISTS,
                    related, "The customers already have a relation of this type"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return records.addRelation(customerId, related, type, input.isLeading());
    }

    /** Ends the relation; it stays in the history ({@code all_customer_relations=true}) with state 0. */
    public void deleteRelation(Caller caller, String customerId, String relationId) {
        access.lockForWrite(caller, customerId);
        if (!records.endRelation(customerId, relationId)) {
            throw ApiError.notFound("related-customers", relationId);
        }
    }
}
