package io.patron.config;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The table of the project clock's offset (V121). */
final class ClockTables {

    private ClockTables() {
    }

    static final Table<Record> PROJECT_CLOCK = table(name("project_clock"));
    static final Field<Integer> CLOCK_ID = field(name("project_clock", "id"), Integer.class);
    static final Field<Long> CLOCK_OFFSET_MILLIS = field(name("project_clock", "offset_millis"), Long.class);
    static final Field<OffsetDateTime> CLOCK_CHANGED = field(name("project_clock", "changed_at"), OffsetDateTime.class);
}
