package io.patron.customer;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Tables of customer login (V60). */
final class CustomerLoginTables {

    private CustomerLoginTables() {
    }

    static final Table<Record> AUTH_TOKEN = table(name("customer_auth_token"));
    static final Field<String> AT_REQUEST = field(name("customer_auth_token", "request_hash"), String.class);
    static final Field<String> AT_TOKEN = field(name("customer_auth_token", "token_hash"), String.class);
    static final Field<String> AT_CUSTOMER = field(name("customer_auth_token", "customer_id"), String.class);
    static final Field<String> AT_APP = field(name("customer_auth_token", "application_id"), String.class);
    static final Field<OffsetDateTime> AT_CREATED = ts("customer_auth_token", "created_at");
    static final Field<OffsetDateTime> AT_VALID_TO = ts("customer_auth_token", "valid_to");
    static final Field<OffsetDateTime> AT_USED = ts("customer_auth_token", "used_at");

    static final Table<Record> PASSWORD_SETUP = table(name("customer_password_setup"));
    static final Field<String> PS_TOKEN = field(name("customer_password_setup", "token_hash"), String.class);
    static final Field<String> PS_CUSTOMER = field(name("customer_password_setup", "customer_id"), String.class);
    static final Field<OffsetDateTime> PS_CREATED = ts("customer_password_setup", "created_at");
    static final Field<OffsetDateTime> PS_VALID_TO = ts("customer_password_setup", "valid_to");
    static final Field<OffsetDateTime> PS_USED = ts("customer_password_setup", "used_at");

    static final Table<Record> SOCIAL = table(name("customer_social_network"));
    static final Field<String> SN_NETWORK = field(name("customer_social_network", "social_network_id"), String.class);
    static final Field<String> SN_SUBJECT = field(name("customer_social_network", "subject"), String.class);
    static final Field<String> SN_CUSTOMER = field(name("customer_social_network", "customer_id"), String.class);
    static final Field<OffsetDateTime> SN_CREATED = ts("customer_social_network", "created_at");

    private static Field<OffsetDateTime> ts(String table, String column) {
        return field(name(table, column), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
