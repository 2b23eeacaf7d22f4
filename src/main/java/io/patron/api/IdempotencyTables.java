package io.patron.api;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The table of idempotency keys (V120). */
final class IdempotencyTables {

    private IdempotencyTables() {
    }

    static final Table<Record> IDEMPOTENCY_KEY = table(name("idempotency_key"));
    static final Field<String> IK_SCOPE = field(name("idempotency_key", "scope"), String.class);
    static final Field<String> IK_KEY_HASH = field(name("idempotency_key", "key_hash"), String.class);
    static final Field<String> IK_REQUEST_HASH = field(name("idempotency_key", "request_hash"), String.class);
    static final Field<String> IK_STATE = field(name("idempotency_key", "state"), String.class);
    static final Field<Integer> IK_STATUS = field(name("idempotency_key", "status"), Integer.class);
    static final Field<String> IK_CONTENT_TYPE = field(name("idempotency_key", "content_type"), String.class);
    static final Field<String> IK_LOCATION = field(name("idempotency_key", "location"), String.class);
    static final Field<byte[]> IK_BODY = field(name("idempotency_key", "body"), byte[].class);
    static final Field<OffsetDateTime> IK_CREATED = field(name("idempotency_key", "created_at"), OffsetDateTime.class);
    static final Field<OffsetDateTime> IK_LOCKED_UNTIL =
            field(name("idempotency_key", "locked_until"), OffsetDateTime.class);
    static final Field<OffsetDateTime> IK_EXPIRES = field(name("idempotency_key", "expires_at"), OffsetDateTime.class);

    static final String RUNNING = "running";
    static final String DONE = "done";
}
