package io.patron.customer;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Tables of the records a customer owns: interests, additional addresses, relations to other customers. */
final class CustomerRecordTables {

    private CustomerRecordTables() {
    }

    static final Table<Record> INTEREST = table(name("customer_interest"));
    static final Field<String> I_ID = field(name("customer_interest", "id"), String.class);
    static final Field<String> I_CUSTOMER = field(name("customer_interest", "customer_id"), String.class);
    static final Field<String> I_INTEREST = field(name("customer_interest", "interest_id"), String.class);
    static final Field<OffsetDateTime> I_CHANGED =
            field(name("customer_interest", "last_change"), OffsetDateTime.class);

    static final Table<Record> ADDRESS = table(name("customer_address"));
    static final Field<String> A_ID = a("id");
    static final Field<String> A_CUSTOMER = a("customer_id");
    static final Field<String> A_TYPE = a("address_type_id");
    static final Field<String> A_ADDRESS1 = a("address1");
    static final Field<String> A_ADDRESS2 = a("address2");
    static final Field<String> A_ADDRESS3 = a("address3");
    static final Field<String> A_ADDRESS4 = a("address4");
    static final Field<String> A_ADDRESS5 = a("address5");
    static final Field<String> A_ADDRESS6 = a("address6");
    static final Field<String> A_ADDRESS7 = a("address7");
    static final Field<String> A_ZIP = a("zip");
    static final Field<String> A_CITY = a("city");
    static final Field<String> A_COUNTRY = a("country_code");
    static final Field<OffsetDateTime> A_CHANGED = field(name("customer_address", "last_change"), OffsetDateTime.class);

    static final Table<Record> RELATION = table(name("customer_relation"));
    static final Field<String> R_ID = r("id");
    static final Field<String> R_CUSTOMER = r("customer_id");
    static final Field<String> R_RELATED = r("related_customer_id");
    static final Field<String> R_TYPE = r("relation_type_id");
    static final Field<Boolean> R_LEADING = field(name("customer_relation", "is_leading"), Boolean.class);
    static final Field<Integer> R_STATE = field(name("customer_relation", "state"), Integer.class);
    static final Field<OffsetDateTime> R_FROM = field(name("customer_relation", "valid_from"), OffsetDateTime.class);
    static final Field<OffsetDateTime> R_TO = field(name("customer_relation", "valid_to"), OffsetDateTime.class);
    static final Field<String> R_OPEN_KEY = r("open_key");
    static final Field<OffsetDateTime> R_CHANGED = field(name("customer_relation", "last_change"), OffsetDateTime.class);

    private static Field<String> a(String column) {
        return field(name("customer_address", column), String.class);
    }

    private static Field<String> r(String column) {
        return field(name("customer_relation", column), String.class);
    }
}
