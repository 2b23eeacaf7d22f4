package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;

import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL of the customer search. */
@Repository
class CustomerSearchRepository {

    private final DSLContext dsl;

    CustomerSearchRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Ids of the customers meeting the condition, by last name, first name and id. */
    List<String> ids(Condition where, int limit) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).where(where)
                .orderBy(CUSTOMER.LAST_NAME, CUSTOMER.FIRST_NAME, CUSTOMER.ID).limit(limit)
                .fetch(CUSTOMER.ID);
    }
}
