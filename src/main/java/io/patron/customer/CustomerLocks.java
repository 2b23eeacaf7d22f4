package io.patron.customer;

import org.springframework.stereotype.Component;

import io.patron.api.CustomerWrites;

/** Customers' row locks for {@link CustomerWrites}, the check every capability makes before writing a customer's data. */
@Component
class CustomerLocks implements CustomerWrites.Customers {

    private final CustomerRepository customers;

    CustomerLocks(CustomerRepository customers) {
        this.customers = customers;
    }

    @Override
    public boolean lock(String customerId) {
        return customers.lock(customerId);
    }
}
