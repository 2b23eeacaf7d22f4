package io.patron.segment;

import static io.patron.db.Tables.SEGMENT;
import static io.patron.db.Tables.SEGMENT_GROUP;
import static io.patron.db.Tables.SEGMENT_MEMBER;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.common.BulkSql;

/** SQL of segment groups, segments and their members. */
@Repository
class SegmentRepository {

    /** A rule-based segment: its id and its rule (JSON). */
    record RuleBased(String id, String ruleJson) {
    }

    private final DSLContext dsl;

    SegmentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // --- groups and segments -----------------------------------------------------------------------------------

    Optional<String> groupIdByTextId(String textId) {
        return dsl.select(SEGMENT_GROUP.ID).from(SEGMENT_GROUP).where(SEGMENT_GROUP.TEXT_ID.eq(textId))
                .fetchOptional(SEGMENT_GROUP.ID);
    }

    void upsertGroup(String id, String textId, String parentId, String note, OffsetDateTime now) {
        if (dsl.fetchExists(SEGMENT_GROUP, SEGMENT_GROUP.ID.eq(id))) {
            dsl.update(SEGMENT_GROUP).set(SEGMENT_GROUP.PARENT_GROUP_ID, parentId).set(SEGMENT_GROUP.NOTE, note)
                    .set(SEGMENT_GROUP.LAST_CHANGE, now)
                    .where(SEGMENT_GROUP.ID.eq(id))
                    .and(SEGMENT_GROUP.PARENT_GROUP_ID.isDistinctFrom(parentId).or(SEGMENT_GROUP.NOTE.isDistinctFrom(note)))
                    .execute();
        } else {
            dsl.insertInto(SEGMENT_GROUP).set(SEGMENT_GROUP.ID, id).set(SEGMENT_GROUP.TEXT_ID, textId)
                    .set(SEGMENT_GROUP.PARENT_GROUP_ID, parentId).set(SEGMENT_GROUP.NOTE, note)
                    .set(SEGMENT_GROUP.LAST_CHANGE, now).execute();
        }
    }

    /**
     * Inserts or updates a configured segment; a changed rule (or group, note, priority) is stored and the segment
     * marked for evaluation.
     */
    void upsertConfigured(String id, String textId, String groupId, String note, Integer priority, String ruleJson,
                          OffsetDateTime now) {
        if (dsl.fetchExists(SEGMENT, SEGMENT.ID.eq(id))) {
            dsl.update(SEGMENT).set(SEGMENT.SEGMENT_GROUP_ID, groupId).set(SEGMENT.NOTE, note)
                    .set(SEGMENT.PRIORITY, priority).set(SEGMENT.RULE_JSON, ruleJson)
                    .set(SEGMENT.EVALUATED_AT, DSL.when(SEGMENT.RULE_JSON.isDistinctFrom(ruleJson),
                            DSL.inline(null, SEGMENT.EVALUATED_AT)).otherwise(SEGMENT.EVALUATED_AT))
                    .set(SEGMENT.LAST_CHANGE, now)
                    .where(SEGMENT.ID.eq(id))
                    .and(SEGMENT.SEGMENT_GROUP_ID.isDistinctFrom(groupId).or(SEGMENT.NOTE.isDistinctFrom(note))
                            .or(SEGMENT.PRIORITY.isDistinctFrom(priority)).or(SEGMENT.RULE_JSON.isDistinctFrom(ruleJson)))
                    .execute();
        } else {
            dsl.insertInto(SEGMENT).set(SEGMENT.ID, id).set(SEGMENT.TEXT_ID, textId)
                    .set(SEGMENT.SEGMENT_GROUP_ID, groupId).set(SEGMENT.NOTE, note).set(SEGMENT.PRIORITY, priority)
                    .set(SEGMENT.RULE_JSON, ruleJson).set(SEGMENT.LAST_CHANGE, now).execute();
        }
    }

    void insertStatic(String id, String note, Integer priority, OffsetDateTime now) {
        dsl.insertInto(SEGMENT).set(SEGMENT.ID, id).set(SEGMENT.NOTE, note).set(SEGMENT.PRIORITY, priority)
                .set(SEGMENT.LAST_CHANGE, now).execute();
    }

    /** Locks the segment's row until the transaction ends; empty when there is no such segment. */
    Optional<RuleBased> lock(String segmentId) {
        return dsl.select(SEGMENT.ID, SEGMENT.RULE_JSON).from(SEGMENT).where(SEGMENT.ID.eq(segmentId)).forUpdate()
                .fetchOptional(r -> new RuleBased(r.value1(), r.value2()));
    }

    /** The segment if it is rule-based. */
    Optional<RuleBased> ruleBasedSegment(String segmentId) {
        return dsl.select(SEGMENT.ID, SEGMENT.RULE_JSON).from(SEGMENT).where(SEGMENT.ID.eq(segmentId))
                .and(SEGMENT.RULE_JSON.isNotNull()).fetchOptional(r -> new RuleBased(r.value1(), r.value2()));
    }

    boolean exists(String segmentId) {
        return dsl.fetchExists(SEGMENT, SEGMENT.ID.eq(segmentId));
    }

    /** Every rule-based segment, by id. */
    List<RuleBased> ruleBased() {
        return dsl.select(SEGMENT.ID, SEGMENT.RULE_JSON).from(SEGMENT).where(SEGMENT.RULE_JSON.isNotNull())
                .orderBy(SEGMENT.ID).fetch(r -> new RuleBased(r.value1(), r.value2()));
    }

    /** The rule-based segments never evaluated over all customers, or (with a time) last evaluated before it. */
    List<RuleBased> dueForEvaluation(OffsetDateTime evaluatedBefore) {
        return dsl.select(SEGMENT.ID, SEGMENT.RULE_JSON).from(SEGMENT).where(SEGMENT.RULE_JSON.isNotNull())
                .and(evaluatedBefore == null ? SEGMENT.EVALUATED_AT.isNull()
                        : SEGMENT.EVALUATED_AT.isNull().or(SEGMENT.EVALUATED_AT.lt(evaluatedBefore)))
                .orderBy(SEGMENT.ID).fetch(r -> new RuleBased(r.value1(), r.value2()));
    }

    /** Records a whole evaluation, unless the rule changed meanwhile (then it is due again). */
    void markEvaluated(String segmentId, String ruleJson, OffsetDateTime at) {
        dsl.update(SEGMENT).set(SEGMENT.EVALUATED_AT, at)
                .where(SEGMENT.ID.eq(segmentId)).and(SEGMENT.RULE_JSON.eq(ruleJson)).execute();
    }

    /**
     * Refreshes PostgreSQL's statistics of the members after an evaluation changed many of them: the next
     * evaluation's anti-joins are planned from them, and a first evaluation that adds hundreds of thousands of rows
     * leaves them far behind until autovacuum's next analyze (never, where autovacuum is off). Outside a
     * transaction; does nothing on H2.
     */
    void analyzeMembers() {
        io.patron.common.BulkSql.analyze(dsl, SEGMENT_MEMBER);
    }

    // --- members -----------------------------------------------------------------------------------------------

    /** True for a customer (by id) who is a member of the segment. */
    Condition member(String segmentId, Field<String> customerId) {
        return DSL.exists(DSL.selectOne().from(SEGMENT_MEMBER)
                .where(SEGMENT_MEMBER.SEGMENT_ID.eq(segmentId)).and(SEGMENT_MEMBER.CUSTOMER_ID.eq(customerId)));
    }

    /**
     * The segment's members for whom {@code matchingCustomer} (a query of customers, correlated with the member's
     * customer id it is given) selects nothing: an anti-join, as {@link #member} is in the other direction. They
     * replaced {@code EXCEPT}, which sorted both id sets on disk: 28 s for the million customers of
     * {@code bench/segments.sh}, where the anti-joins take a third of that.
     */
    List<String> membersWithout(String segmentId, Function<Field<String>, Select<?>> matchingCustomer) {
        return dsl.select(SEGMENT_MEMBER.CUSTOMER_ID).from(SEGMENT_MEMBER)
                .where(SEGMENT_MEMBER.SEGMENT_ID.eq(segmentId))
                .andNotExists(matchingCustomer.apply(SEGMENT_MEMBER.CUSTOMER_ID))
                .fetch(SEGMENT_MEMBER.CUSTOMER_ID);
    }

    /**
     * Gives the current transaction's hash joins room for a whole customer set (PostgreSQL; the default 4 MB made
     * them spill in batches to disk). Only for the set queries of an evaluation, which run in their own transaction.
     */
    void allowLargeHashes() {
        if (dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
            dsl.execute("set local work_mem = '64MB'");
        }
    }

    /** The ids a query selects. */
    List<String> ids(Select<Record1<String>> query) {
        return dsl.fetchValues(query);
    }

    /**
     * The memberships these customers hold: segment id → its members among them. By customer only: with the segment
     * in the condition too, PostgreSQL's generic plan of this statement (prepared, reused for every chunk of 1000)
     * scanned all of a segment's members by the primary key's prefix and tested each against the 1000 ids: 13 s a
     * chunk at 280,000 members.
     */
    Map<String, Set<String>> membershipsAmong(Collection<String> customerIds) {
        Map<String, Set<String>> members = new HashMap<>();
        dsl.select(SEGMENT_MEMBER.CUSTOMER_ID, SEGMENT_MEMBER.SEGMENT_ID).from(SEGMENT_MEMBER)
                .where(SEGMENT_MEMBER.CUSTOMER_ID.in(customerIds))
                .forEach(r -> members.computeIfAbsent(r.value2(), k -> new HashSet<>()).add(r.value1()));
        return members;
    }

    /**
     * The rows of labelled queries (label, customer id) as label → ids, in one statement: a {@code UNION ALL} of
     * them. Empty for no queries.
     */
    Map<String, Set<String>> labelledIds(List<Select<Record2<String, String>>> queries) {
        Map<String, Set<String>> ids = new HashMap<>();
        queries.stream().reduce(Select::unionAll).ifPresent(union -> dsl.fetch(union)
                .forEach(r -> ids.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2())));
        return ids;
    }

    boolean isMember(String segmentId, String customerId) {
        return dsl.fetchExists(SEGMENT_MEMBER, SEGMENT_MEMBER.SEGMENT_ID.eq(segmentId)
                .and(SEGMENT_MEMBER.CUSTOMER_ID.eq(customerId)));
    }

    void insertMembers(String segmentId, Collection<String> customerIds, OffsetDateTime now) {
        for (List<String> chunk : BulkSql.chunks(dsl, customerIds)) {
            var insert = dsl.insertInto(SEGMENT_MEMBER, SEGMENT_MEMBER.SEGMENT_ID, SEGMENT_MEMBER.CUSTOMER_ID,
                    SEGMENT_MEMBER.CREATED_AT, SEGMENT_MEMBER.LAST_CHANGE);
            for (String customerId : chunk) {
                insert = insert.values(segmentId, customerId, now, now);
            }
            insert.execute();
        }
    }

    /** Adds one member; false when the customer was already in the segment. */
    boolean insertMember(String segmentId, String customerId, OffsetDateTime now) {
        return dsl.insertInto(SEGMENT_MEMBER).set(SEGMENT_MEMBER.SEGMENT_ID, segmentId)
                .set(SEGMENT_MEMBER.CUSTOMER_ID, customerId).set(SEGMENT_MEMBER.CREATED_AT, now)
                .set(SEGMENT_MEMBER.LAST_CHANGE, now).onConflictDoNothing().execute() == 1;
    }

    int deleteMembers(String segmentId, Collection<String> customerIds) {
        int deleted = 0;
        for (List<String> chunk : BulkSql.chunks(dsl, customerIds)) {
            deleted += dsl.deleteFrom(SEGMENT_MEMBER).where(SEGMENT_MEMBER.SEGMENT_ID.eq(segmentId))
                    .and(SEGMENT_MEMBER.CUSTOMER_ID.in(chunk)).execute();
        }
        return deleted;
    }

    /** The segments the customer is a member of. */
    Set<String> segmentsOf(String customerId) {
        return dsl.select(SEGMENT_MEMBER.SEGMENT_ID).from(SEGMENT_MEMBER).where(SEGMENT_MEMBER.CUSTOMER_ID.eq(customerId))
                .fetchSet(SEGMENT_MEMBER.SEGMENT_ID);
    }

    /** Which of the ids name segments. */
    Set<String> existingSegments(Collection<String> ids) {
        return ids.isEmpty() ? Set.of() : dsl.select(SEGMENT.ID).from(SEGMENT).where(SEGMENT.ID.in(ids)).fetchSet(SEGMENT.ID);
    }
}
