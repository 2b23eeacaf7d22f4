package io.patron.property;

import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.PROPERTY_DEFINITION;
import static io.patron.db.Tables.PROPERTY_RECORD;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.property.PropertyService.CheckedValue;
import io.patron.property.PropertyService.PropertyItem;
import io.patron.property.PropertyService.PropertyRecord;
import io.patron.property.PropertyService.PropertyRecordInput;

/** The property records of owners one at a time: reads, and add, replace, delete with their checks. */
@Component
class PropertyRecords {

    private final DSLContext dsl;
    private final ListQueries lists;
    private final PropertyDefinitions definitions;
    private final Clock clock;

    PropertyRecords(DSLContext dsl, ListQueries lists, PropertyDefinitions definitions, Clock clock) {
        this.dsl = dsl;
        this.lists = lists;
        this.definitions = definitions;
        this.clock = clock;
    }

    private ListSpec<PropertyRecord> spec(String kind, Language language, Map<String, PropertyItem> items) {
        return ListSpec.<PropertyRecord>from(PROPERTY_RECORD.join(PROPERTY_DEFINITION)
                        .on(PROPERTY_DEFINITION.OWNER_KIND.eq(PROPERTY_RECORD.OWNER_KIND))
                        .and(PROPERTY_DEFINITION.ID.eq(PROPERTY_RECORD.PROPERTY_ID)))
                .id("property_record_id", PROPERTY_RECORD.ID)
                .field("property_id", PROPERTY_RECORD.PROPERTY_ID, EQ)
                .field("property_name", Translations.text("property.name",
                        DSL.inline(kind + ":").concat(PROPERTY_DEFINITION.ID), language))
                .field("property_value", PROPERTY_RECORD.VALUE_JSON)
                .field("last_change", ApiTime.local(PROPERTY_RECORD.LAST_CHANGE, clock))
                .field("data_type", PROPERTY_DEFINITION.DATA_TYPE)
                .map(r -> new PropertyRecord(r.get("property_record_id", String.class),
                        r.get("property_id", String.class), r.get("property_name", String.class),
                        PropertyJson.read(PropertyType.of(r.get("data_type", String.class)),
                                r.get("property_value", String.class), items),
                        r.get("last_change", LocalDateTime.class)));
    }

    Page<PropertyRecord> page(String kind, String ownerId, ListParams params, Language language) {
        return lists.page(spec(kind, language, definitions.items(kind, language)), params,
                PROPERTY_RECORD.OWNER_KIND.eq(kind).and(PROPERTY_RECORD.OWNER_ID.eq(ownerId)));
    }

    Map<String, List<PropertyRecord>> ofOwners(String kind, Collection<String> ownerIds, Language language) {
        if (ownerIds.isEmpty()) {
            return Map.of();
        }
        ListSpec<PropertyRecord> spec = spec(kind, language, definitions.items(kind, language));
        Map<String, List<PropertyRecord>> byOwner = new HashMap<>();
        dsl.select(PROPERTY_RECORD.OWNER_ID).select(spec.selectFields())
                .from(PROPERTY_RECORD.join(PROPERTY_DEFINITION)
                        .on(PROPERTY_DEFINITION.OWNER_KIND.eq(PROPERTY_RECORD.OWNER_KIND))
                        .and(PROPERTY_DEFINITION.ID.eq(PROPERTY_RECORD.PROPERTY_ID)))
                .where(PROPERTY_RECORD.OWNER_KIND.eq(kind)).and(PROPERTY_RECORD.OWNER_ID.in(ownerIds))
                .orderBy(PROPERTY_RECORD.PROPERTY_ID)
                .forEach(r -> byOwner.computeIfAbsent(r.get(PROPERTY_RECORD.OWNER_ID), k -> new ArrayList<>())
                        .add(spec.mapRecord(r)));
        return byOwner;
    }

    PropertyRecord one(String kind, String ownerId, String recordId, Language language) {
        return lists.one(spec(kind, language, definitions.items(kind, language)),
                        PROPERTY_RECORD.OWNER_KIND.eq(kind).and(PROPERTY_RECORD.OWNER_ID.eq(ownerId))
                        .and(PROPERTY_RECORD.ID.eq(recordId)))
                .orElseThrow(() -> ApiError.notFound("property-records", recordId));
    }

    String add(String kind, String ownerId, PropertyRecordInput input, String prefix) {
        CheckedValue checked = checkOne(kind, ownerId, input, prefix);
        if (dsl.fetchExists(PROPERTY_RECORD, PROPERTY_RECORD.OWNER_KIND.eq(kind)
                .and(PROPERTY_RECORD.OWNER_ID.eq(ownerId)).and(PROPERTY_RECORD.PROPERTY_ID.eq(checked.propertyId())))) {
            throw ApiError.badRequest(prefix + "property_id", Reason.RELATION_ALREADY_EXISTS,
                    "The property is already recorded; change it with PUT");
        }
        String id = Ids.newId();
        dsl.insertInto(PROPERTY_RECORD).set(PROPERTY_RECORD.ID, id).set(PROPERTY_RECORD.OWNER_KIND, kind)
                .set(PROPERTY_RECORD.OWNER_ID, ownerId)
                .set(PROPERTY_RECORD.PROPERTY_ID, checked.propertyId())
                .set(PROPERTY_RECORD.VALUE_JSON, checked.valueJson())
                .set(PROPERTY_RECORD.UNIQUE_KEY, checked.uniqueKey())
                .set(PROPERTY_RECORD.LAST_CHANGE, OffsetDateTime.now(clock)).execute();
        return id;
    }

    void replace(String kind, String ownerId, String recordId, PropertyRecordInput input, String prefix) {
        requireRecord(kind, ownerId, recordId);
        CheckedValue checked = checkOne(kind, ownerId, input, prefix);
        if (dsl.fetchExists(PROPERTY_RECORD, PROPERTY_RECORD.OWNER_KIND.eq(kind)
                .and(PROPERTY_RECORD.OWNER_ID.eq(ownerId))
                .and(PROPERTY_RECORD.PROPERTY_ID.eq(checked.propertyId())).and(PROPERTY_RECORD.ID.ne(recordId)))) {
            throw ApiError.badRequest(prefix + "property_id", Reason.RELATION_ALREADY_EXISTS,
                    "Another record of this owner already holds the property");
        }
        dsl.update(PROPERTY_RECORD).set(PROPERTY_RECORD.PROPERTY_ID, checked.propertyId())
                .set(PROPERTY_RECORD.VALUE_JSON, checked.valueJson())
                .set(PROPERTY_RECORD.UNIQUE_KEY, checked.uniqueKey())
                .set(PROPERTY_RECORD.LAST_CHANGE, OffsetDateTime.now(clock))
                .where(PROPERTY_RECORD.ID.eq(recordId)).execute();
    }

    void delete(String kind, String ownerId, String recordId) {
        requireRecord(kind, ownerId, recordId);
        dsl.deleteFrom(PROPERTY_RECORD).where(PROPERTY_RECORD.ID.eq(recordId)).execute();
    }

    int deleteAllOf(String kind, String ownerId) {
        return dsl.deleteFrom(PROPERTY_RECORD)
                .where(PROPERTY_RECORD.OWNER_KIND.eq(kind)).and(PROPERTY_RECORD.OWNER_ID.eq(ownerId))
                .execute();
    }

    private void requireRecord(String kind, String ownerId, String recordId) {
        if (!dsl.fetchExists(PROPERTY_RECORD, PROPERTY_RECORD.OWNER_KIND.eq(kind)
                .and(PROPERTY_RECORD.OWNER_ID.eq(ownerId)).and(PROPERTY_RECORD.ID.eq(recordId)))) {
            throw ApiError.notFound("property-records", recordId);
        }
    }

    private CheckedValue checkOne(String kind, String ownerId, PropertyRecordInput input, String prefix) {
        List<InvalidParam> errors = new ArrayList<>();
        List<CheckedValue> checked = PropertyChecker.load(dsl, kind).check(ownerId, List.of(input), null, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors.stream()
                    .map(e -> new InvalidParam(prefix + e.name(), e.reason(), e.value(), e.message())).toList());
        }
        return checked.getFirst();
    }
}
