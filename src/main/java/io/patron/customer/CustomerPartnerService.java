package io.patron.customer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.InvalidParam;
import io.patron.api.ListParams;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.store.StoreQueries;

/**
 * The partners a customer is assigned to, within the caller's customer scope. Changes lock the customer
 * row, so that the duplicate checks and the writes of one customer never interleave.
 */
@Service
@Transactional
public class CustomerPartnerService {

    private final CustomerPartnerRepository partners;
    private final CustomerAccess access;
    private final StoreQueries stores;

    CustomerPartnerService(CustomerPartnerRepository partners, CustomerAccess access, StoreQueries stores) {
        this.partners = partners;
        this.access = access;
        this.stores = stores;
    }


    @Transactional(readOnly = true)
    public Page<CustomerPartnerBodies.PartnerRecord> partners(Caller caller, String customerId, ListParams params) {
        access.requireReadable(caller, customerId);
        return partners.partners(customerId, params);
    }

    public String add(Caller caller, String customerId, CustomerPartnerBodies.PartnerRecord input) {
        access.lockForWrite(caller, customerId);
        String partnerId = input.partnerId();
        if (stores.existingPartners(List.of(partnerId)).isEmpty()) {
            throw ApiError.badRequest(List.of(InvalidParam.of("partner_record.partner_id", Reason.NOT_FOUND,
                    partnerId, "No partner with this id")));
        }
        if (partners.hasPartner(customerId, partnerId)) {
            throw ApiError.badRequest(List.of(InvalidParam.of("partner_record.partner_id",
                    Reason.RELATION_ALREADY_EXISTS, partnerId, "The customer already has this partner")));
        }
        return partners.add(customerId, partnerId);
    }

    public void delete(Caller caller, String customerId, String recordId) {
        access.lockForWrite(caller, customerId);
        if (!partners.delete(customerId, recordId)) {
            throw ApiError.notFound("partner-records", recordId);
        }
    }

    /** Replaces all partner assignments of the customer; an empty list removes them all. */
    public void set(Caller caller, CustomerPartnerBodies.SetPartnersBody body) {
        access.lockForWrite(caller, body.customerId());
        Set<String> wanted = new LinkedHashSet<>();
        List<InvalidParam> errors = new ArrayList<>();
        List<CustomerPartnerBodies.PartnerRecord> records = body.partnerRecords();
        for (CustomerPartnerBodies.PartnerRecord record : records) {
            wanted.add(record.partnerId());
        }
        Set<String> existing = stores.existingPartners(wanted);
        for (int i = 0; i < records.size(); i++) {
            String partnerId = records.get(i).partnerId();
            if (!existing.contains(partnerId)) {
                errors.add(InvalidParam.of("partner_records[" + i + "].partner_id", Reason.NOT_FOUND, partnerId,
                        "No partner with this id"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        partners.replace(body.customerId(), wanted);
    }

    /**
     * The partner ids of a list that name no partner, as errors named {@code listName[i].partner_id};
     * for other operations that carry partner records (newsletter sign-up).
     */
    List<InvalidParam> unknownPartners(List<String> partnerIds, String listName) {
        Set<String> existing = stores.existingPartners(new LinkedHashSet<>(partnerIds));
        List<InvalidParam> errors = new ArrayList<>();
        for (int i = 0; i < partnerIds.size(); i++) {
            if (!existing.contains(partnerIds.get(i))) {
                errors.add(InvalidParam.of(listName + "[" + i + "].partner_id", Reason.NOT_FOUND, partnerIds.get(i),
                        "No partner with this id"));
            }
        }
        return errors;
    }

    /** Adds the partners the customer does not have yet (checked ids; keeps the ones it has). */
    void addMissing(String customerId, List<String> partnerIds) {
        for (String partnerId : new LinkedHashSet<>(partnerIds)) {
            if (!partners.hasPartner(customerId, partnerId)) {
                partners.add(customerId, partnerId);
            }
        }
    }
}
