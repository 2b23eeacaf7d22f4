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
}
