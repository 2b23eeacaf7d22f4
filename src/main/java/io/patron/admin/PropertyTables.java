package io.patron.admin;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Tables of property definitions, their items and property records. */
final class PropertyTables {

    private PropertyTables() {
    }

    static final Table<Record> DEFINITION = table(name("property_definition"));
    static final Field<String> DEF_KIND = field(name("property_definition", "owner_kind"), String.class);
    static final Field<String> DEF_ID = field(name("property_definition", "id"), String.class);
    static final Field<String> DEF_TYPE = field(name("property_definition", "data_type"), String.class);
    static final Field<Boolean> DEF_REQUIRED = field(name("property_definition", "is_required"), Boolean.class);
    static final Field<Boolean> DEF_UNIQUE = field(name("property_definition", "is_unique"), Boolean.class);
    static final Field<Integer> DEF_STATE = field(name("property_definition", "state"), Integer.class);
    static final Field<Integer> DEF_POSITION = field(name("property_definition", "position"), Integer.class);
    static final Field<OffsetDateTime> DEF_CHANGED =
            field(name("property_definition", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> ITEM = table(name("property_item"));
    static final Field<String> ITEM_KIND = field(name("property_item", "owner_kind"), String.class);
    static final Field<String> ITEM_PROPERTY = field(name("property_item", "property_id"), String.class);
    static final Field<String> ITEM_ID = field(name("property_item", "id"), String.class);
    static final Field<String> ITEM_TEXT_ID = field(name("property_item", "text_id"), String.class);
    static final Field<String> ITEM_RESOURCE = field(name("property_item", "resource_record_id"), String.class);
    static final Field<Integer> ITEM_STATE = field(name("property_item", "state"), Integer.class);
    static final Field<Integer> ITEM_POSITION = field(name("property_item", "position"), Integer.class);

    static final Table<Record> RECORD = table(name("property_record"));
    static final Field<String> REC_ID = field(name("property_record", "id"), String.class);
    static final Field<String> REC_KIND = field(name("property_record", "owner_kind"), String.class);
    static final Field<String> REC_OWNER = field(name("property_record", "owner_id"), String.class);
    static final Field<String> REC_PROPERTY = field(name("property_record", "property_id"), String.class);
    static final Field<String> REC_VALUE = field(name("property_record", "value_json"), String.class);
    static final Field<String> REC_UNIQUE = field(name("property_record", "unique_key"), String.class);
    static final Field<OffsetDateTime> REC_CHANGED =
            field(name("property_record", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);
}
