package io.patron.events;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The outbox's tables and columns. */
final class EventTables {

    private EventTables() {
    }

    static final Table<Record> OUTBOX_EVENT = table(name("outbox_event"));
    static final Field<String> ID = field(name("outbox_event", "id"), String.class);
    static final Field<String> TYPE = field(name("outbox_event", "event_type"), String.class);
    static final Field<String> AGGREGATE_ID = field(name("outbox_event", "aggregate_id"), String.class);
    static final Field<String> PAYLOAD = field(name("outbox_event", "payload"), SQLDataType.CLOB);
    static final Field<OffsetDateTime> OCCURRED_AT = ts("occurred_at");
    static final Field<String> STATE = field(name("outbox_event", "state"), String.class);
    static final Field<Integer> ATTEMPTS = field(name("outbox_event", "attempts"), Integer.class);
    static final Field<OffsetDateTime> NEXT_ATTEMPT_AT = ts("next_attempt_at");
    static final Field<String> CLAIMED_BY = field(name("outbox_event", "claimed_by"), String.class);
    static final Field<OffsetDateTime> CLAIMED_UNTIL = ts("claimed_until");
    static final Field<String> LAST_ERROR = field(name("outbox_event", "last_error"), String.class);
    static final Field<OffsetDateTime> DELIVERED_AT = ts("delivered_at");

    static final Table<Record> OUTBOX_DELIVERY = table(name("outbox_delivery"));
    static final Field<String> DELIVERY_EVENT = field(name("outbox_delivery", "event_id"), String.class);
    static final Field<String> DELIVERY_LISTENER = field(name("outbox_delivery", "listener"), String.class);
    static final Field<OffsetDateTime> DELIVERY_AT =
            field(name("outbox_delivery", "delivered_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";

    private static Field<OffsetDateTime> ts(String column) {
        return field(name("outbox_event", column), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
