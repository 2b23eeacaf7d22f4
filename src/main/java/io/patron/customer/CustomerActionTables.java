package io.patron.customer;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Tables of the customer actions: consents given by customers. */
final class CustomerActionTables {

    private CustomerActionTables() {
    }

    static final Table<Record> CONSENT = table(name("customer_consent"));
    static final Field<String> CO_CUSTOMER = field(name("customer_consent", "customer_id"), String.class);
    static final Field<String> CO_ID = field(name("customer_consent", "consent_id"), String.class);
    static final Field<Integer> CO_VALUE = field(name("customer_consent", "consent_value"), Integer.class);
    static final Field<OffsetDateTime> CO_GIVEN = field(name("customer_consent", "given_at"), OffsetDateTime.class);
    static final Field<OffsetDateTime> CO_CHANGED =
            field(name("customer_consent", "last_change"), OffsetDateTime.class);
}
