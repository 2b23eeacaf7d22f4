package io.patron.automation;

import static io.patron.db.Tables.EVENT;
import static io.patron.db.Tables.EVENT_GROUP;
import static io.patron.db.Tables.EVENT_TYPE;
import static io.patron.db.Tables.EVENT_TYPE_PROPERTY;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** SQL of event groups, event types and events. */
@Repository
class EventRepository {

    /** An event type as recording an event needs it. */
    record TypeRow(String id, String textId, boolean builtIn, int state) {
    }

    /** A stored event as scenarios and webhooks read it. */
    record EventRow(String id, String typeId, String typeTextId, String customerId, String externalId,
                    String secondaryExternalId, String dataJson, OffsetDateTime createdAt) {
    }

    private final DSLContext dsl;

    EventRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // --- catalogue (project import) ---

    void upsertGroup(String id, String textId, int state, int position) {
        if (dsl.update(EVENT_GROUP).set(EVENT_GROUP.STATE, state).set(EVENT_GROUP.POSITION, position)
                .where(EVENT_GROUP.ID.eq(id)).execute() == 0) {
            dsl.insertInto(EVENT_GROUP).set(EVENT_GROUP.ID, id).set(EVENT_GROUP.TEXT_ID, textId)
                    .set(EVENT_GROUP.STATE, state).set(EVENT_GROUP.POSITION, position).execute();
        }
    }

    boolean groupExists(String id) {
        return dsl.fetchExists(EVENT_GROUP, EVENT_GROUP.ID.eq(id));
    }

    void upsertType(String id, String textId, String groupId, String icon, boolean builtIn, int state, int position) {
        if (dsl.update(EVENT_TYPE).set(EVENT_TYPE.EVENT_GROUP_ID, groupId).set(EVENT_TYPE.ICON_NAME, icon)
                .set(EVENT_TYPE.BUILT_IN, builtIn).set(EVENT_TYPE.STATE, state).set(EVENT_TYPE.POSITION, position)
                .where(EVENT_TYPE.ID.eq(id)).execute() == 0) {
            dsl.insertInto(EVENT_TYPE).set(EVENT_TYPE.ID, id).set(EVENT_TYPE.TEXT_ID, textId)
                    .set(EVENT_TYPE.EVENT_GROUP_ID, groupId).set(EVENT_TYPE.ICON_NAME, icon)
                    .set(EVENT_TYPE.BUILT_IN, builtIn).set(EVENT_TYPE.STATE, state)
                    .set(EVENT_TYPE.POSITION, position).execute();
        }
    }

    /** The type's properties become exactly these, in this order. */
    void setTypeProperties(String typeId, List<String> propertyIds) {
        dsl.deleteFrom(EVENT_TYPE_PROPERTY).where(EVENT_TYPE_PROPERTY.EVENT_TYPE_ID.eq(typeId))
                .and(EVENT_TYPE_PROPERTY.PROPERTY_ID.notIn(propertyIds)).execute();
        for (int i = 0; i < propertyIds.size(); i++) {
            if (dsl.update(EVENT_TYPE_PROPERTY).set(EVENT_TYPE_PROPERTY.POSITION, i)
                    .where(EVENT_TYPE_PROPERTY.EVENT_TYPE_ID.eq(typeId))
                    .and(EVENT_TYPE_PROPERTY.PROPERTY_ID.eq(propertyIds.get(i))).execute() == 0) {
                dsl.insertInto(EVENT_TYPE_PROPERTY).set(EVENT_TYPE_PROPERTY.EVENT_TYPE_ID, typeId)
                        .set(EVENT_TYPE_PROPERTY.PROPERTY_ID, propertyIds.get(i))
                        .set(EVENT_TYPE_PROPERTY.POSITION, i).execute();
            }
        }
    }

    // --- events ---

    Optional<TypeRow> type(String id) {
        return dsl.select(EVENT_TYPE.ID, EVENT_TYPE.TEXT_ID, EVENT_TYPE.BUILT_IN, EVENT_TYPE.STATE).from(EVENT_TYPE)
                .where(EVENT_TYPE.ID.eq(id)).fetchOptional(r -> new TypeRow(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    Optional<String> typeIdByTextId(String textId) {
        return dsl.select(EVENT_TYPE.ID).from(EVENT_TYPE).where(EVENT_TYPE.TEXT_ID.eq(textId))
                .fetchOptional(EVENT_TYPE.ID);
    }

    List<String> typeIdsByTextIds(Collection<String> textIds) {
        return dsl.select(EVENT_TYPE.ID).from(EVENT_TYPE).where(EVENT_TYPE.TEXT_ID.in(textIds)).fetch(EVENT_TYPE.ID);
    }

    /** The properties the type takes, and which of them are required. */
    List<String> typeProperties(String typeId) {
        return dsl.select(EVENT_TYPE_PROPERTY.PROPERTY_ID).from(EVENT_TYPE_PROPERTY)
                .where(EVENT_TYPE_PROPERTY.EVENT_TYPE_ID.eq(typeId)).orderBy(EVENT_TYPE_PROPERTY.POSITION)
                .fetch(EVENT_TYPE_PROPERTY.PROPERTY_ID);
    }

    boolean exists(String typeId, String customerId, String externalId, String secondaryExternalId) {
        return dsl.fetchExists(EVENT, EVENT.EVENT_TYPE_ID.eq(typeId).and(EVENT.CUSTOMER_ID.eq(customerId))
                .and(EVENT.EXTERNAL_ID.eq(externalId))
                .and(secondaryExternalId == null ? EVENT.SECONDARY_EXTERNAL_ID.isNull()
                        : EVENT.SECONDARY_EXTERNAL_ID.eq(secondaryExternalId)));
    }

    void insert(String id, String typeId, String customerId, String externalId, String secondaryExternalId,
                String dataJson, OffsetDateTime createdAt, OffsetDateTime now) {
        dsl.insertInto(EVENT).set(EVENT.ID, id).set(EVENT.EVENT_TYPE_ID, typeId).set(EVENT.CUSTOMER_ID, customerId)
                .set(EVENT.EXTERNAL_ID, externalId).set(EVENT.SECONDARY_EXTERNAL_ID, secondaryExternalId)
                .set(EVENT.DATA_JSON, dataJson).set(EVENT.STATE, 1).set(EVENT.CREATED_AT, createdAt)
                .set(EVENT.RECORDED_AT, now).execute();
    }

    /**
     * Records an engine event unless it was recorded already (a redelivery): the check and the insert in one
     * statement. Returns whether it inserted; a delivery racing it on another node meets the unique key.
     */
    boolean insertUnlessRecorded(String id, String typeId, String customerId, String externalId, String dataJson,
                                 OffsetDateTime createdAt, OffsetDateTime now) {
        return dsl.insertInto(EVENT, EVENT.ID, EVENT.EVENT_TYPE_ID, EVENT.CUSTOMER_ID, EVENT.EXTERNAL_ID, EVENT.DATA_JSON,
                        EVENT.STATE, EVENT.CREATED_AT, EVENT.RECORDED_AT)
                .select(DSL.select(DSL.val(id), DSL.val(typeId), DSL.val(customerId), DSL.val(externalId),
                                DSL.val(dataJson, EVENT.DATA_JSON), DSL.val(1), DSL.val(createdAt), DSL.val(now))
                        .whereNotExists(DSL.selectOne().from(EVENT).where(EVENT.EVENT_TYPE_ID.eq(typeId))
                                .and(EVENT.CUSTOMER_ID.eq(customerId)).and(EVENT.EXTERNAL_ID.eq(externalId))
                                .and(EVENT.SECONDARY_EXTERNAL_ID.isNull())))
                .execute() == 1;
    }

    Optional<EventRow> event(String id) {
        return dsl.select(EVENT.ID, EVENT.EVENT_TYPE_ID, EVENT_TYPE.TEXT_ID, EVENT.CUSTOMER_ID, EVENT.EXTERNAL_ID,
                        EVENT.SECONDARY_EXTERNAL_ID, EVENT.DATA_JSON, EVENT.CREATED_AT)
                .from(EVENT.join(EVENT_TYPE).on(EVENT_TYPE.ID.eq(EVENT.EVENT_TYPE_ID)))
                .where(EVENT.ID.eq(id))
                .fetchOptional(r -> new EventRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8()));
    }

    /** Whether the customer has an event of one of the types (text ids) in the time window (both ends included). */
    boolean happened(String customerId, Collection<String> typeTextIds, OffsetDateTime from, OffsetDateTime to) {
        return dsl.fetchExists(EVENT.join(EVENT_TYPE).on(EVENT_TYPE.ID.eq(EVENT.EVENT_TYPE_ID)),
                EVENT.CUSTOMER_ID.eq(customerId).and(EVENT_TYPE.TEXT_ID.in(typeTextIds))
                        .and(EVENT.CREATED_AT.ge(from)).and(EVENT.CREATED_AT.le(to)).and(EVENT.STATE.eq(1)));
    }
}
