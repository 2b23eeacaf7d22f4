package io.patron.customer;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The table of the partners a customer is assigned to. */
final class CustomerPartnerTables {

    private CustomerPartnerTables() {
    }

    static final Table<Record> CUSTOMER_PARTNER = table(name("customer_partner"));
    static final Field<String> CP_ID = field(name("customer_partner", "id"), String.class);
    static final Field<String> CP_CUSTOMER = field(name("customer_partner", "customer_id"), String.class);
    static final Field<String> CP_PARTNER = field(name("customer_partner", "partner_id"), String.class);
    static final Field<OffsetDateTime> CP_CHANGED =
            field(name("customer_partner", "last_change"), OffsetDateTime.class);
}
