package io.patron.card;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The card capability's tables and columns. */
final class CardTables {

    private CardTables() {
    }

    static final Table<Record> CARD_TYPE = table(name("card_type"));
    static final Field<String> CARD_TYPE_ID = field(name("card_type", "id"), String.class);
    static final Field<String> CARD_TYPE_TEXT_ID = field(name("card_type", "text_id"), String.class);
    static final Field<String> CARD_TYPE_PREFIX = field(name("card_type", "prefix"), String.class);
    static final Field<OffsetDateTime> CARD_TYPE_CHANGED =
            field(name("card_type", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    /** Entity of the translated card type names. */
    static final String CARD_TYPE_NAME = "card_type.name";

    static final Table<Record> CARD = table(name("card"));
    static final Field<String> K_ID = f("id");
    static final Field<String> K_CUSTOMER = f("customer_id");
    static final Field<String> K_TYPE = f("card_type_id");
    static final Field<String> K_NUMBER = f("card_number");
    static final Field<String> K_SECONDARY = f("secondary_card_number");
    static final Field<OffsetDateTime> K_VALID_FROM = ts("card", "valid_from");
    static final Field<OffsetDateTime> K_VALID_TO = ts("card", "valid_to");
    static final Field<String> K_STORE = f("store_id");
    static final Field<Integer> K_STATE = field(name("card", "state"), Integer.class);
    static final Field<OffsetDateTime> K_CREATED = ts("card", "created_at");
    static final Field<OffsetDateTime> K_CHANGED = ts("card", "last_change");

    static final Table<Record> FILE = table(name("card_file"));
    static final Field<String> F_ID = field(name("card_file", "id"), String.class);
    static final Field<String> F_CARD = field(name("card_file", "card_id"), String.class);
    static final Field<String> F_HOLDER = field(name("card_file", "customer_id"), String.class);
    static final Field<String> F_TYPE = field(name("card_file", "file_type"), String.class);
    static final Field<OffsetDateTime> F_CREATED = ts("card_file", "created_at");

    private static Field<String> f(String column) {
        return field(name("card", column), String.class);
    }

    private static Field<OffsetDateTime> ts(String table, String column) {
        return field(name(table, column), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
