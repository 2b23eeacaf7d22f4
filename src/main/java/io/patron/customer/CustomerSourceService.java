package io.patron.customer;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.CustomerWrites;
import io.patron.api.Reason;

/** Links of customers to the systems they come from, with the ids those systems use. */
@Service
@Transactional
public class CustomerSourceService {

    private final CustomerRepository repository;
    private final Clock clock;
    private final CustomerWrites writes;

    CustomerSourceService(CustomerRepository repository, Clock clock, CustomerWrites writes) {
        this.repository = repository;
        this.clock = clock;
        this.writes = writes;
    }

    /** Adds a source record; an external id names one customer per source, and a record is not added twice. */
    public String add(Caller caller, String customerId, String sourceId, String externalId) {
        writes.lockInPath(caller, customerId);
        String external = externalId == null || externalId.isBlank() ? null : externalId;
        if (repository.activeSource(sourceId).isEmpty()) {
            throw ApiError.badRequest("customer_source_record.customer_source_id", Reason.NOT_FOUND,
                    "No active customer source with this id");
        }
        if (external != null && repository.customerOfExternalId(sourceId, external).isPresent()) {
            throw ApiError.badRequest("customer_source_record.external_id", Reason.ALREADY_EXISTS,
                    "A customer already has this external id in the source");
        }
        if (repository.hasSourceRecord(customerId, sourceId, external)) {
            throw ApiError.badRequest("customer_source_record.customer_source_id", Reason.RELATION_ALREADY_EXISTS,
                    "The customer already has this source record");
        }
        return repository.insertSourceRecord(customerId, sourceId, external, OffsetDateTime.now(clock));
    }

    /** The customer a source system knows by its external id (lookup by another system's id). */
    @Transactional(readOnly = true)
    public java.util.Optional<String> customerOf(String sourceId, String externalId) {
        return repository.customerOfExternalId(sourceId, externalId);
    }
}
