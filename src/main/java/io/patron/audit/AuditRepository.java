package io.patron.audit;

import static io.patron.audit.AuditTables.ACTOR_ID;
import static io.patron.audit.AuditTables.ACTOR_TYPE;
import static io.patron.audit.AuditTables.APPLICATION_ID;
import static io.patron.audit.AuditTables.AUDIT_LOG;
import static io.patron.audit.AuditTables.CHANGED_AT;
import static io.patron.audit.AuditTables.ID;
import static io.patron.audit.AuditTables.NEW_VALUES;
import static io.patron.audit.AuditTables.OLD_VALUES;
import static io.patron.audit.AuditTables.OPERATION;
import static io.patron.audit.AuditTables.RECORD_ID;
import static io.patron.audit.AuditTables.REQUEST_ID;
import static io.patron.audit.AuditTables.TABLE_NAME;

import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Reads of the audit log, newest first. */
@Repository
class AuditRepository {

    record Row(long id, OffsetDateTime changedAt, String actorType, String actorId, String applicationId,
               String requestId, String tableName, String recordId, String operation, String oldValues,
               String newValues) {
    }

    private final DSLContext dsl;

    AuditRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Condition byTable(String table) {
        return TABLE_NAME.eq(table);
    }

    static Condition byRecord(String recordId) {
        return RECORD_ID.eq(recordId);
    }

    /** A user or customer id, an external application id, or an actor type such as {@code system}. */
    static Condition byActor(String actor) {
        return ACTOR_ID.eq(actor).or(APPLICATION_ID.eq(actor)).or(ACTOR_TYPE.eq(actor));
    }

    static Condition from(OffsetDateTime from) {
        return CHANGED_AT.ge(from);
    }

    /** Up to and including the given second (responses show whole seconds). */
    static Condition to(OffsetDateTime to) {
        return CHANGED_AT.lt(to.plusSeconds(1));
    }

    List<Row> find(Condition condition, int count, int offset) {
        return dsl.select(ID, CHANGED_AT, ACTOR_TYPE, ACTOR_ID, APPLICATION_ID, REQUEST_ID, TABLE_NAME, RECORD_ID,
                        OPERATION, OLD_VALUES, NEW_VALUES)
                .from(AUDIT_LOG).where(condition).orderBy(ID.desc()).limit(count).offset(offset)
                .fetch(r -> new Row(r.get(ID), r.get(CHANGED_AT), r.get(ACTOR_TYPE), r.get(ACTOR_ID),
                        r.get(APPLICATION_ID), r.get(REQUEST_ID), r.get(TABLE_NAME), r.get(RECORD_ID),
                        r.get(OPERATION), r.get(OLD_VALUES), r.get(NEW_VALUES)));
    }

    long count(Condition condition) {
        return dsl.fetchCount(AUDIT_LOG, condition);
    }

    static Condition all(List<Condition> conditions) {
        return DSL.and(conditions);
    }
}
