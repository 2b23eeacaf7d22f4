package io.patron.customer;

import static io.patron.customer.CustomerTables.*;

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
        return dsl.select(C_ID).from(CUSTOMER).where(where).orderBy(C_LAST_NAME, C_FIRST_NAME, C_ID).limit(limit)
                .fetch(C_ID);
    }
}
