package io.patron.reference;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The reference capability's tables and columns. */
final class ReferenceTables {

    private ReferenceTables() {
    }

    static final Table<Record> COUNTRY = table(name("country"));
    static final Field<String> COUNTRY_ID = field(name("country", "id"), String.class);
    static final Field<Integer> COUNTRY_STATE = field(name("country", "state"), Integer.class);

    static final Table<Record> CURRENCY = table(name("currency"));
    static final Field<String> CURRENCY_ID = field(name("currency", "id"), String.class);
    static final Field<String> CURRENCY_CODE = field(name("currency", "code"), String.class);
    static final Field<Boolean> CURRENCY_ACTIVE = field(name("currency", "active"), Boolean.class);

    static final Table<Record> LANGUAGE = table(name("language"));
    static final Field<String> LANGUAGE_ID = field(name("language", "id"), String.class);
    static final Field<Integer> LANGUAGE_STATE = field(name("language", "state"), Integer.class);
    static final Field<Boolean> LANGUAGE_API = field(name("language", "carecloud_api"), Boolean.class);
    static final Field<Boolean> LANGUAGE_PORTAL = field(name("language", "web_portal"), Boolean.class);
    static final Field<Boolean> LANGUAGE_COMMUNICATION = field(name("language", "customer_communication"), Boolean.class);
    static final Field<OffsetDateTime> LANGUAGE_CHANGED =
            field(name("language", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> LOOKUP = table(name("lookup"));
    static final Field<String> LOOKUP_KIND = field(name("lookup", "kind"), String.class);
    static final Field<String> LOOKUP_ID = field(name("lookup", "id"), String.class);
    static final Field<String> LOOKUP_TEXT_ID = field(name("lookup", "text_id"), String.class);
    static final Field<Integer> LOOKUP_POSITION = field(name("lookup", "position"), Integer.class);
    static final Field<Integer> LOOKUP_STATE = field(name("lookup", "state"), Integer.class);
    static final Field<String> LOOKUP_CHANNEL = field(name("lookup", "communication_channel_id"), String.class);
    static final Field<OffsetDateTime> LOOKUP_CHANGED =
            field(name("lookup", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);
}
