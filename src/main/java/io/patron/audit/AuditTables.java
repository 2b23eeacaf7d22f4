package io.patron.audit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The audit log table (written by the triggers, read by {@link AuditRepository}). */
final class AuditTables {

    private AuditTables() {
    }

    static final Table<Record> AUDIT_LOG = table(name("audit_log"));
    static final Field<Long> ID = field(name("audit_log", "id"), Long.class);
    static final Field<OffsetDateTime> CHANGED_AT =
            field(name("audit_log", "changed_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    static final Field<String> ACTOR_TYPE = field(name("audit_log", "actor_type"), String.class);
    static final Field<String> ACTOR_ID = field(name("audit_log", "actor_id"), String.class);
    static final Field<String> APPLICATION_ID = field(name("audit_log", "application_id"), String.class);
    static final Field<String> REQUEST_ID = field(name("audit_log", "request_id"), String.class);
    static final Field<String> TABLE_NAME = field(name("audit_log", "table_name"), String.class);
    static final Field<String> RECORD_ID = field(name("audit_log", "record_id"), String.class);
    static final Field<String> OPERATION = field(name("audit_log", "operation"), String.class);
    // jsonb on PostgreSQL, text on H2: read as text either way
    static final Field<String> OLD_VALUES = field(name("audit_log", "old_values"), String.class);
    static final Field<String> NEW_VALUES = field(name("audit_log", "new_values"), String.class);
}
