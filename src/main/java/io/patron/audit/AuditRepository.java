package io.patron.audit;

import static io.patron.db.Tables.AUDIT_LOG;


import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Reads of the audit log, newest first. */
@Repository
class AuditRepository {

    /**
     * One audit row: one record ({@code recordId}, values as JSON objects) or, for a statement that changed several
     * rows on PostgreSQL, several ({@code recordKeys} sorted, values as JSON arrays in the same order).
     */
    record Row(long id, OffsetDateTime changedAt, String actorType, String actorId, String applicationId,
               String requestId, String tableName, String recordId, int recordCount, String[] recordKeys,
               String operation, String oldValues, String newValues) {
    }

    private final DSLContext dsl;

    AuditRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Condition byTable(String table) {
        return AUDIT_LOG.TABLE_NAME.eq(table);
    }

    /** The entries of the record: its own, and on PostgreSQL the statements' entries whose keys include it. */
    Condition byRecord(String recordId) {
        if (dsl.dialect().family() != SQLDialect.POSTGRES) {
            return AUDIT_LOG.RECORD_ID.eq(recordId); // H2 writes one entry per record
        }
        return AUDIT_LOG.RECORD_ID.eq(recordId).or(DSL.condition("{0} @> {1}", AUDIT_LOG.RECORD_KEYS,
                DSL.val(new String[] {recordId}, AUDIT_LOG.RECORD_KEYS)));
    }

    /** A user or customer id, an external application id, or an actor type such as {@code system}. */
    static Condition byActor(String actor) {
        return AUDIT_LOG.ACTOR_ID.eq(actor).or(AUDIT_LOG.APPLICATION_ID.eq(actor)).or(AUDIT_LOG.ACTOR_TYPE.eq(actor));
    }

    static Condition from(OffsetDateTime from) {
        return AUDIT_LOG.CHANGED_AT.ge(from);
    }

    /** Up to and including the given second (responses show whole seconds). */
    static Condition to(OffsetDateTime to) {
        return AUDIT_LOG.CHANGED_AT.lt(to.plusSeconds(1));
    }

    List<Row> find(Condition condition, int count, int offset) {
        return dsl.select(AUDIT_LOG.ID, AUDIT_LOG.CHANGED_AT, AUDIT_LOG.ACTOR_TYPE, AUDIT_LOG.ACTOR_ID, AUDIT_LOG.APPLICATION_ID, AUDIT_LOG.REQUEST_ID, AUDIT_LOG.TABLE_NAME, AUDIT_LOG.RECORD_ID,
                        AUDIT_LOG.RECORD_COUNT, AUDIT_LOG.RECORD_KEYS, AUDIT_LOG.OPERATION, AUDIT_LOG.OLD_VALUES, AUDIT_LOG.NEW_VALUES)
                .from(AUDIT_LOG).where(condition).orderBy(AUDIT_LOG.ID.desc()).limit(count).offset(offset)
                .fetch(r -> new Row(r.get(AUDIT_LOG.ID), r.get(AUDIT_LOG.CHANGED_AT), r.get(AUDIT_LOG.ACTOR_TYPE), r.get(AUDIT_LOG.ACTOR_ID),
                        r.get(AUDIT_LOG.APPLICATION_ID), r.get(AUDIT_LOG.REQUEST_ID), r.get(AUDIT_LOG.TABLE_NAME), r.get(AUDIT_LOG.RECORD_ID),
                        r.get(AUDIT_LOG.RECORD_COUNT), r.get(AUDIT_LOG.RECORD_KEYS), r.get(AUDIT_LOG.OPERATION), r.get(AUDIT_LOG.OLD_VALUES), r.get(AUDIT_LOG.NEW_VALUES)));
    }

    long count(Condition condition) {
        return dsl.fetchCount(AUDIT_LOG, condition);
    }

    static Condition all(List<Condition> conditions) {
        return DSL.and(conditions);
    }
}
