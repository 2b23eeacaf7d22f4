package io.patron.customer;

import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.CustomerWrites;

/**
 * The check before a customer's sub-records (interests, addresses, relations, partners, properties) are read or
 * written: the caller may see that customer (the Customer API only its own), and the customer exists; a write also
 * locks the customer's row until its transaction ends. The scope is checked first, so a stranger learns nothing.
 */
@Component
class CustomerAccess {

    private final CustomerRepository customers;
    private final CustomerWrites writes;

    CustomerAccess(CustomerRepository customers, CustomerWrites writes) {
        this.customers = customers;
        this.writes = writes;
    }

    /** Before a read: the caller may see the customer and it exists, else 403/400/404. */
    void requireReadable(Caller caller, String customerId) {
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        if (!customers.exists(customerId)) {
            throw ApiError.notFound("customers", customerId);
        }
    }

    /** Before a write: as {@link #requireReadable}, and the customer's row stays locked until the commit. */
    void lockForWrite(Caller caller, String customerId) {
        writes.lockInPath(caller, customerId);
    }
}
