package io.patron.reward;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.patron.customer.CustomerConditions;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;

/**
 * A customer's types, as campaign prices and rewards restricted to customer types read them: the value of the
 * customer property {@value #TYPE_PROPERTY} (a customer type id, GET /customer-types); a customer without one, and
 * an anonymous basket, is of the type with text id {@value #DEFAULT_TYPE_TEXT_ID}.
 */
@Component
class CustomerTypes {

    static final String TYPE_PROPERTY = "customer_type";
    static final String DEFAULT_TYPE_TEXT_ID = "private";

    private final CustomerConditions customers;
    private final LookupQueries lookups;
    private final DSLContext dsl;

    CustomerTypes(CustomerConditions customers, LookupQueries lookups, DSLContext dsl) {
        this.customers = customers;
        this.lookups = lookups;
        this.dsl = dsl;
    }

    /** Which of {@code candidates} the customer ({@code null}: anonymous) is of. */
    Set<String> of(String customerId, Collection<String> candidates) {
        Set<String> of = new TreeSet<>();
        if (customerId != null) {
            for (String type : new TreeSet<>(candidates)) {
                if (dsl.fetchExists(customers.idsWhere(id -> id.eq(customerId)
                        .and(customers.property(id, TYPE_PROPERTY, type))))) {
                    of.add(type);
                }
            }
            if (!of.isEmpty()) {
                return of;
            }
        }
        lookups.idOf(LookupKind.CUSTOMER_TYPES, DEFAULT_TYPE_TEXT_ID).filter(candidates::contains).ifPresent(of::add);
        return of;
    }
}
