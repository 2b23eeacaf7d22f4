package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;

import java.util.List;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ids of the project's customers, for project-level work on all of them (e.g. statuses introduced later). */
@Service
@Transactional(readOnly = true)
public class CustomerRoster {

    private final DSLContext dsl;

    CustomerRoster(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Every customer that is not deleted, in id order. */
    public List<String> activeIds() {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.STATE.ne(0)).orderBy(CUSTOMER.ID)
                .fetch(CUSTOMER.ID);
    }
}
