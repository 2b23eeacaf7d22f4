package io.patron.customer;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Tables of the customer actions: consents given by customers, push notification registrations, photos. */
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

    static final Table<Record> PUSH = table(name("customer_push_registration"));
    static final Field<String> P_CUSTOMER = p("customer_id");
    static final Field<String> P_APPLICATION = p("external_application_id");
    static final Field<String> P_DEVICE = p("device_id");
    static final Field<String> P_SYSTEM = p("device_system");
    static final Field<String> P_NAME = p("device_name");
    static final Field<String> P_TYPE = p("device_type");
    static final Field<String> P_TOKEN = p("push_token");
    static final Field<OffsetDateTime> P_CHANGED =
            field(name("customer_push_registration", "last_change"), OffsetDateTime.class);

    static final Table<Record> PHOTO = table(name("customer_photo"));
    static final Field<String> PH_CUSTOMER = field(name("customer_photo", "customer_id"), String.class);
    static final Field<String> PH_SECRET = field(name("customer_photo", "secret"), String.class);
    static final Field<String> PH_EXTENSION = field(name("customer_photo", "extension"), String.class);
    static final Field<byte[]> PH_CONTENT = field(name("customer_photo", "content"), byte[].class);
    static final Field<OffsetDateTime> PH_CHANGED =
            field(name("customer_photo", "last_change"), OffsetDateTime.class);

    private static Field<String> p(String column) {
        return field(name("customer_push_registration", column), String.class);
    }
}
