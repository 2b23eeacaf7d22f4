package io.patron.customer;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The customer capability's tables and columns. */
final class CustomerTables {

    private CustomerTables() {
    }

    static final Table<Record> CUSTOMER = table(name("customer"));
    static final Field<String> C_ID = f("id");
    static final Field<String> C_SALUTATION = f("salutation");
    static final Field<Integer> C_GENDER = field(name("customer", "gender"), Integer.class);
    static final Field<String> C_FIRST_NAME = f("first_name");
    static final Field<String> C_LAST_NAME = f("last_name");
    static final Field<String> C_PRE_NOMINALS = f("pre_nominals");
    static final Field<String> C_POST_NOMINALS = f("post_nominals");
    static final Field<LocalDate> C_BIRTHDATE = field(name("customer", "birthdate"), SQLDataType.LOCALDATE);
    static final Field<String> C_EMAIL = f("email");
    static final Field<String> C_EMAIL_KEY = f("email_key");
    static final Field<String> C_PHONE = f("phone");
    static final Field<String> C_LANGUAGE = f("language_id");
    static final Field<String> C_STORE = f("store_id");
    static final Field<String> C_ADDRESS1 = f("address1");
    static final Field<String> C_ADDRESS2 = f("address2");
    static final Field<String> C_ADDRESS3 = f("address3");
    static final Field<String> C_ADDRESS4 = f("address4");
    static final Field<String> C_ADDRESS5 = f("address5");
    static final Field<String> C_ADDRESS6 = f("address6");
    static final Field<String> C_ADDRESS7 = f("address7");
    static final Field<String> C_ZIP = f("zip");
    static final Field<String> C_CITY = f("city");
    static final Field<String> C_COUNTRY = f("country_code");
    static final Field<String> C_PASSWORD = f("password_hash");
    static final Field<Integer> C_STATE = field(name("customer", "state"), Integer.class);
    static final Field<OffsetDateTime> C_CREATED = ts("customer", "created_at");
    static final Field<OffsetDateTime> C_CHANGED = ts("customer", "last_change");

    static final Table<Record> SOURCE = table(name("customer_source"));
    static final Field<String> S_ID = field(name("customer_source", "id"), String.class);
    static final Field<String> S_TEXT_ID = field(name("customer_source", "text_id"), String.class);
    static final Field<Integer> S_STATE = field(name("customer_source", "state"), Integer.class);
    static final Field<OffsetDateTime> S_CHANGED = ts("customer_source", "last_change");

    static final Table<Record> SOURCE_RECORD = table(name("customer_source_record"));
    static final Field<String> SR_ID = field(name("customer_source_record", "id"), String.class);
    static final Field<String> SR_CUSTOMER = field(name("customer_source_record", "customer_id"), String.class);
    static final Field<String> SR_SOURCE = field(name("customer_source_record", "customer_source_id"), String.class);
    static final Field<String> SR_EXTERNAL = field(name("customer_source_record", "external_id"), String.class);
    static final Field<OffsetDateTime> SR_CHANGED = ts("customer_source_record", "last_change");

    private static Field<String> f(String column) {
        return field(name("customer", column), String.class);
    }

    private static Field<OffsetDateTime> ts(String table, String column) {
        return field(name(table, column), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
