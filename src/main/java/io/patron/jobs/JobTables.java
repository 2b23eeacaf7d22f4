package io.patron.jobs;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The job table and its columns. */
final class JobTables {

    private JobTables() {
    }

    static final Table<Record> SCHEDULED_JOB = table(name("scheduled_job"));
    static final Field<String> NAME = field(name("scheduled_job", "name"), String.class);
    static final Field<OffsetDateTime> NEXT_RUN_AT = ts("next_run_at");
    static final Field<String> CLAIMED_BY = field(name("scheduled_job", "claimed_by"), String.class);
    static final Field<OffsetDateTime> CLAIMED_UNTIL = ts("claimed_until");
    static final Field<OffsetDateTime> LAST_STARTED_AT = ts("last_started_at");
    static final Field<OffsetDateTime> LAST_FINISHED_AT = ts("last_finished_at");
    static final Field<String> LAST_ERROR = field(name("scheduled_job", "last_error"), String.class);
    static final Field<Long> RUNS = field(name("scheduled_job", "runs"), Long.class);

    private static Field<OffsetDateTime> ts(String column) {
        return field(name("scheduled_job", column), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
