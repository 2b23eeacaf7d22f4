package io.patron.admin;

import static io.patron.db.Tables.PROPERTY_DEFINITION;
import static io.patron.db.Tables.PROPERTY_ITEM;
import static io.patron.db.Tables.PROPERTY_RECORD;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.constraints.NotBlank;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

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
import io.patron.common.BulkSql;
import io.patron.common.Ids;

/**
 * Custom properties of any owner kind ("store", "partner", "product", "customer" ...): reads of
 * the definitions and typed property records, with the checks every owner needs — the property
 * exists and is active, the value fits its data type, items exist, unique values stay unique.
 */
@Service
@Transactional
public class PropertyService {

    /** A definition as the API shows it ({@code GET /store-properties} etc.). */
    public record Property(String propertyId, String name, String dataType, List<PropertyItem> items,
                           Boolean isRequired, Boolean isUnique, LocalDateTime lastChange, Integer state) {
        Property withItems(List<PropertyItem> list) {
            return new Property(propertyId, name, dataType, list, isRequired, isUnique, lastChange, state);
        }
    }

    public record PropertyItem(String id, String name, String resourceRecordId, Integer state) {
    }

    /** A value recorded on an owner. */
    public record PropertyRecord(String propertyRecordId, String propertyId, String propertyName,
                                 @JsonSerialize(using = WholeNumbersAsDecimals.class) Object propertyValue,
                                 LocalDateTime lastChange) {
    }

    /**
     * The contract types {@code property_value} as oneOf string, number, integer, boolean, array,
     * object: a whole number like {@code 42} matches both number and integer, so no validator accepts
     * it. Whole numbers are written with one decimal place ({@code 42.0}), which matches number only
     * and reads as the same number in every client.
     */
    public static final class WholeNumbersAsDecimals extends ValueSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializationContext context) {
            if (value instanceof Long whole) {
                gen.writeNumber(BigDecimal.valueOf(whole).setScale(1));
            } else if (value instanceof BigDecimal decimal && decimal.scale() <= 0) {
                gen.writeNumber(decimal.setScale(1));
            } else {
                context.writeValue(gen, value);
            }
        }
    }

    /** A value sent by a client. */
    public record PropertyRecordInput(@NotBlank String propertyId, JsonNode propertyValue) {
    }

    /** The body that carries one record ({@code POST/PUT .../property-records}) for any owner kind. */
    public record PropertyRecordBody(@jakarta.validation.constraints.NotNull @jakarta.validation.Valid
                                     PropertyRecordInput propertyRecord) {
    }

    /** The body of {@code POST .../property-records/batch}: records and the error handling mode (1 or 2). */
    public record PropertyRecordsBatch(@jakarta.validation.constraints.NotNull @jakarta.validation.Valid
                                       List<PropertyRecordInput> propertyRecords,
                                       @io.patron.api.OneOf({"1", "2"}) Integer errorProcessing) {
    }

    /** A checked value ready to be stored; only this service reads its parts. */
    public record CheckedValue(String propertyId, String valueJson, String uniqueKey) {
    }

    private record Definition(String id, PropertyType type, boolean unique, int state) {
    }

    /** Floats are read as BigDecimal: a stored 149.90 comes back as 149.90. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final DSLContext dsl;
    private final ListQueries lists;
    private final Clock clock;

    PropertyService(DSLContext dsl, ListQueries lists, Clock clock) {
        this.dsl = dsl;
        this.lists = lists;
        this.clock = clock;
    }

    static String textKey(String kind, String propertyId) {
        return kind + ':' + propertyId;
    }

    // --- definitions -------------------------------------------------------------------------

    private ListSpec<Property> definitionSpec(String kind, Language language) {
        return ListSpec.<Property>from(PROPERTY_DEFINITION)
                .id("property_id", PROPERTY_DEFINITION.ID)
                .field("name", Translations.text("property.name",
                        DSL.inline(kind + ":").concat(PROPERTY_DEFINITION.ID), language))
                .field("data_type", PROPERTY_DEFINITION.DATA_TYPE)
                .field("is_required", PROPERTY_DEFINITION.IS_REQUIRED)
                .field("is_unique", PROPERTY_DEFINITION.IS_UNIQUE)
                .field("last_change", ApiTime.local(PROPERTY_DEFINITION.LAST_CHANGE, clock))
                .field("state", PROPERTY_DEFINITION.STATE)
                .map(r -> new Property(r.get("property_id", String.class), r.get("name", String.class),
                        r.get("data_type", String.class), List.of(), r.get("is_required", Boolean.class),
                        r.get("is_unique", Boolean.class), r.get("last_change", LocalDateTime.class),
                        r.get("state", Integer.class)));
    }

    @Transactional(readOnly = true)
    public Page<Property> definitions(String kind, ListParams params, Language language) {
        var name = Translations.text("property.name", DSL.inline(kind + ":").concat(PROPERTY_DEFINITION.ID), language);
        Condition where = params.filters().contains("name", name).where(PROPERTY_DEFINITION.OWNER_KIND.eq(kind))
                .condition();
        Page<Property> page = lists.page(definitionSpec(kind, language), params, where);
        return new Page<>(withItems(kind, page.items(), language), page.totalItems());
    }

    @Transactional(readOnly = true)
    public Property definition(String kind, String resourceName, String propertyId, Language language) {
        return lists.one(definitionSpec(kind, language), PROPERTY_DEFINITION.OWNER_KIND.eq(kind)
                .and(PROPERTY_DEFINITION.ID.eq(propertyId)))
                .map(p -> withItems(kind, List.of(p), language).getFirst())
                .orElseThrow(() -> ApiError.notFound(resourceName, propertyId));
    }

    private List<Property> withItems(String kind, List<Property> properties, Language language) {
        if (properties.isEmpty()) {
            return properties;
        }
        Map<String, List<PropertyItem>> items = dsl
                .select(PROPERTY_ITEM.PROPERTY_ID, PROPERTY_ITEM.ID,
                        Translations.text("property_item.name", PROPERTY_ITEM.ID, language).as("name"),
                        PROPERTY_ITEM.RESOURCE_RECORD_ID, PROPERTY_ITEM.STATE)
                .from(PROPERTY_ITEM)
                .where(PROPERTY_ITEM.OWNER_KIND.eq(kind))
                .and(PROPERTY_ITEM.PROPERTY_ID.in(properties.stream().map(Property::propertyId).toList()))
                .orderBy(PROPERTY_ITEM.POSITION, PROPERTY_ITEM.ID)
                .fetchGroups(r -> r.get(PROPERTY_ITEM.PROPERTY_ID), r -> r.into(PropertyItem.class));
        return properties.stream()
                .map(p -> PropertyType.of(p.dataType()).hasItems()
                        ? p.withItems(items.getOrDefault(p.propertyId(), List.of())) : p)
                .toList();
    }

    // --- records -----------------------------------------------------------------------------

    private ListSpec<PropertyRecord> recordSpec(String kind, Language language, Map<String, PropertyItem> items) {
        return ListSpec.<PropertyRecord>from(PROPERTY_RECORD.join(PROPERTY_DEFINITION)
                        .on(PROPERTY_DEFINITION.OWNER_KIND.eq(PROPERTY_RECORD.OWNER_KIND))
                        .and(PROPERTY_DEFINITION.ID.eq(PROPERTY_RECORD.PROPERTY_ID)))
                .id("property_record_id", PROPERTY_RECORD.ID)
                .field("property_id", PROPERTY_RECORD.PROPERTY_ID)
                .field("property_name", Translations.text("property.name",
                        DSL.inline(kind + ":").concat(PROPERTY_DEFINITION.ID), language))
                .field("property_value", PROPERTY_RECORD.VALUE_JSON)
                .field("last_change", ApiTime.local(PROPERTY_RECORD.LAST_CHANGE, clock))
                .field("data_type", PROPERTY_DEFINITION.DATA_TYPE)
                .map(r -> new PropertyRecord(r.get("property_record_id", String.class),
                        r.get("property_id", String.class), r.get("property_name", String.class),
                        value(PropertyType.of(r.get("data_type", String.class)), r.get("property_value", String.class),
                                items),
                        r.get("last_change", LocalDateTime.class)));
    }

    /** The property records of one owner, as a list page. */
    @Transactional(readOnly = true)
    public Page<PropertyRecord> records(String kind, String ownerId, ListParams params, Language language) {
        Condition where = params.filters().eq("property_id", PROPERTY_RECORD.PROPERTY_ID)
                .where(PROPERTY_RECORD.OWNER_KIND.eq(kind)).where(PROPERTY_RECORD.OWNER_ID.eq(ownerId)).condition();
        return lists.page(recordSpec(kind, language, itemsOf(kind, language)), params, where);
    }

    /** The property records of many owners at once (e.g. for a page of products), by owner id. */
    @Transactional(readOnly = true)
    public Map<String, List<PropertyRecord>> recordsOf(String kind, Collection<String> ownerIds, Language language) {
        if (ownerIds.isEmpty()) {
            return Map.of();
        }
        Map<String, PropertyItem> items = itemsOf(kind, language);
        ListSpec<PropertyRecord> spec = recordSpec(kind, language, items);
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

    @Transactional(readOnly = true)
    public PropertyRecord record(String kind, String ownerId, String recordId, Language language) {
        return lists.one(recordSpec(kind, language, itemsOf(kind, language)),
                        PROPERTY_RECORD.OWNER_KIND.eq(kind).and(PROPERTY_RECORD.OWNER_ID.eq(ownerId))
                        .and(PROPERTY_RECORD.ID.eq(recordId)))
                .orElseThrow(() -> ApiError.notFound("property-records", recordId));
    }

    /** Adds a record; a property already recorded on the owner is {@code relation_already_exists}. */
    public String add(String kind, String ownerId, PropertyRecordInput input) {
        return add(kind, ownerId, input, "");
    }

    /**
     * As {@link #add(String, String, PropertyRecordInput)}, naming refused fields under the body object
     * that carried the record (e.g. {@code property_record} gives {@code property_record.property_value}).
     */
    public String add(String kind, String ownerId, PropertyRecordInput input, String bodyName) {
        String prefix = prefix(bodyName);
        CheckedValue checked = checkOne(kind, ownerId, input, prefix);
        if (dsl.fetchExists(PROPERTY_RECORD, PROPERTY_RECORD.OWNER_KIND.eq(kind)
                .and(PROPERTY_RECORD.OWNER_ID.eq(ownerId)).and(PROPERTY_RECORD.PROPERTY_ID.eq(checked.propertyId)))) {
            throw ApiError.badRequest(prefix + "property_id", Reason.RELATION_ALREADY_EXISTS,
                    "The property is already recorded; change it with PUT");
        }
        String id = Ids.newId();
        dsl.insertInto(PROPERTY_RECORD).set(PROPERTY_RECORD.ID, id).set(PROPERTY_RECORD.OWNER_KIND, kind)
                .set(PROPERTY_RECORD.OWNER_ID, ownerId)
                .set(PROPERTY_RECORD.PROPERTY_ID, checked.propertyId).set(PROPERTY_RECORD.VALUE_JSON, checked.valueJson)
                .set(PROPERTY_RECORD.UNIQUE_KEY, checked.uniqueKey)
                .set(PROPERTY_RECORD.LAST_CHANGE, OffsetDateTime.now(clock)).execute();
        return id;
    }

    /** Replaces the value (and possibly the property) of an existing record of the owner. */
    public void replace(String kind, String ownerId, String recordId, PropertyRecordInput input) {
        replace(kind, ownerId, recordId, input, "");
    }

    /** As {@link #replace(String, String, String, PropertyRecordInput)}, naming fields under {@code bodyName}. */
    public void replace(String kind, String ownerId, String recordId, PropertyRecordInput input, String bodyName) {
        String prefix = prefix(bodyName);
        requireRecord(kind, ownerId, recordId);
        CheckedValue checked = checkOne(kind, ownerId, input, prefix);
        if (dsl.fetchExists(PROPERTY_RECORD, PROPERTY_RECORD.OWNER_KIND.eq(kind)
                .and(PROPERTY_RECORD.OWNER_ID.eq(ownerId))
                .and(PROPERTY_RECORD.PROPERTY_ID.eq(checked.propertyId)).and(PROPERTY_RECORD.ID.ne(recordId)))) {
            throw ApiError.badRequest(prefix + "property_id", Reason.RELATION_ALREADY_EXISTS,
                    "Another record of this owner already holds the property");
        }
        dsl.update(PROPERTY_RECORD).set(PROPERTY_RECORD.PROPERTY_ID, checked.propertyId)
                .set(PROPERTY_RECORD.VALUE_JSON, checked.valueJson)
                .set(PROPERTY_RECORD.UNIQUE_KEY, checked.uniqueKey)
                .set(PROPERTY_RECORD.LAST_CHANGE, OffsetDateTime.now(clock))
                .where(PROPERTY_RECORD.ID.eq(recordId)).execute();
    }

    public void delete(String kind, String ownerId, String recordId) {
        requireRecord(kind, ownerId, recordId);
        dsl.deleteFrom(PROPERTY_RECORD).where(PROPERTY_RECORD.ID.eq(recordId)).execute();
    }

    private void requireRecord(String kind, String ownerId, String recordId) {
        if (!dsl.fetchExists(PROPERTY_RECORD, PROPERTY_RECORD.OWNER_KIND.eq(kind)
                .and(PROPERTY_RECORD.OWNER_ID.eq(ownerId)).and(PROPERTY_RECORD.ID.eq(recordId)))) {
            throw ApiError.notFound("property-records", recordId);
        }
    }

    private CheckedValue checkOne(String kind, String ownerId, PropertyRecordInput input, String prefix) {
        List<InvalidParam> errors = new ArrayList<>();
        List<CheckedValue> checked = checker(kind).check(ownerId, List.of(input), null, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors.stream()
                    .map(e -> new InvalidParam(prefix + e.name(), e.reason(), e.value(), e.message())).toList());
        }
        return checked.getFirst();
    }

    /** A checker for one request: loads the definitions once, then checks the values of many owners. */
    @Transactional(readOnly = true)
    public Checker checker(String kind) {
        Map<String, Definition> definitions = dsl.select(PROPERTY_DEFINITION.ID, PROPERTY_DEFINITION.DATA_TYPE,
                PROPERTY_DEFINITION.IS_UNIQUE, PROPERTY_DEFINITION.STATE).from(PROPERTY_DEFINITION)
                .where(PROPERTY_DEFINITION.OWNER_KIND.eq(kind))
                .fetchMap(PROPERTY_DEFINITION.ID,
                        r -> new Definition(r.value1(), PropertyType.of(r.value2()), r.value3(), r.value4()));
        Map<String, Set<String>> itemIds = dsl.select(PROPERTY_ITEM.PROPERTY_ID, PROPERTY_ITEM.ID).from(PROPERTY_ITEM)
                .where(PROPERTY_ITEM.OWNER_KIND.eq(kind)).and(PROPERTY_ITEM.STATE.eq(1))
                .fetchGroups(PROPERTY_ITEM.PROPERTY_ID, PROPERTY_ITEM.ID).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new HashSet<>(e.getValue())));
        return new Checker(kind, definitions, itemIds);
    }

    /**
     * Checks property values owner by owner within one request, including that a unique property's
     * value is held by no other owner, stored or earlier in the same request.
     */
    public final class Checker {
        private final String kind;
        private final Map<String, Definition> definitions;
        private final Map<String, Set<String>> itemIds;
        private final Map<String, String> uniqueSeen = new HashMap<>();

        private Checker(String kind, Map<String, Definition> definitions, Map<String, Set<String>> itemIds) {
            this.kind = kind;
            this.definitions = definitions;
            this.itemIds = itemIds;
        }

        /**
         * @param listName the name of the list parameter (e.g. {@code products[3].property_records}),
         *                 or null when a single record is sent (names are then plain {@code property_id}...)
         * @return the good values; each bad one adds an {@link InvalidParam} to {@code errors}
         */
        public List<CheckedValue> check(String ownerId, List<PropertyRecordInput> inputs, String listName,
                                        List<InvalidParam> errors) {
            List<CheckedValue> good = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String at = listName == null ? "" : listName + "[" + i + "].";
                CheckedValue value = checkValue(inputs.get(i), definitions, itemIds, at, errors);
                if (value == null) {
                    continue;
                }
                if (value.uniqueKey != null && !uniqueFree(ownerId, value)) {
                    errors.add(InvalidParam.of(at + "property_value", Reason.ALREADY_EXISTS, value.uniqueKey,
                            "Another record already holds this value of a unique property"));
                    continue;
                }
                good.add(value);
            }
            return good;
        }

        private boolean uniqueFree(String ownerId, CheckedValue value) {
            String key = value.propertyId + '\u0000' + value.uniqueKey;
            String earlier = uniqueSeen.putIfAbsent(key, ownerId);
            if (earlier != null && !earlier.equals(ownerId)) {
                return false;
            }
            return !dsl.fetchExists(PROPERTY_RECORD, PROPERTY_RECORD.OWNER_KIND.eq(kind)
                    .and(PROPERTY_RECORD.PROPERTY_ID.eq(value.propertyId))
                    .and(PROPERTY_RECORD.UNIQUE_KEY.eq(value.uniqueKey)).and(PROPERTY_RECORD.OWNER_ID.ne(ownerId)));
        }
    }

    private static CheckedValue checkValue(PropertyRecordInput input, Map<String, Definition> definitions,
                                           Map<String, Set<String>> itemIds, String at, List<InvalidParam> errors) {
        if (input.propertyId() == null || input.propertyId().isBlank()) {
            errors.add(InvalidParam.of(at + "property_id", input.propertyId() == null ? Reason.REQUIRED : Reason.EMPTY,
                    "property_id is required"));
            return null;
        }
        Definition definition = definitions.get(input.propertyId());
        if (definition == null || definition.state == 0) {
            errors.add(InvalidParam.of(at + "property_id", Reason.NOT_FOUND, input.propertyId(),
                    "No such property for this kind of record"));
            return null;
        }
        if (input.propertyValue() == null || input.propertyValue().isNull() || input.propertyValue().isMissingNode()) {
            errors.add(InvalidParam.of(at + "property_value", Reason.REQUIRED, "property_value is required"));
            return null;
        }
        Object canonical = definition.type.canonical(input.propertyValue());
        if (canonical == null) {
            errors.add(InvalidParam.of(at + "property_value", Reason.INVALID_VALUE_FORMAT,
                    "The value does not fit the data type " + definition.type.name().toLowerCase()));
            return null;
        }
        if (definition.type.hasItems()) {
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) canonical;
            Set<String> allowed = itemIds.getOrDefault(definition.id, Set.of());
            if ((definition.type == PropertyType.ENUM && ids.size() != 1) || !allowed.containsAll(ids)) {
                errors.add(InvalidParam.of(at + "property_value", Reason.NOT_ALLOWED_VALUE,
                        "Items must be active items of the property"
                                + (definition.type == PropertyType.ENUM ? ", exactly one" : "")));
                return null;
            }
        }
        String json = JSON.writeValueAsString(canonical);
        String uniqueKey = definition.unique ? (canonical instanceof String s ? s : json) : null;
        return new CheckedValue(definition.id, json, uniqueKey);
    }

    /**
     * Stores checked values for many owners in one statement (a few on H2): each (owner, property) is
     * inserted or, when present, updated; the last value given for it wins. Properties not mentioned
     * keep their values (batch sync semantics), and a value sent again unchanged keeps its last change.
     */
    public void merge(String kind, Map<String, List<CheckedValue>> byOwner) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, String[]> rows = new LinkedHashMap<>();
        byOwner.forEach((owner, values) -> values.forEach(v -> rows.put(owner + '\u0000' + v.propertyId,
                new String[] {Ids.newId(), owner, v.propertyId, v.valueJson, v.uniqueKey})));
        if (rows.isEmpty()) {
            return;
        }
        if (BulkSql.arrays(dsl)) {
            BulkSql.execute(dsl, """
                    insert into property_record (id, owner_kind, owner_id, property_id, value_json, unique_key, last_change)
                    select r.id, ?, r.owner_id, r.property_id, r.value_json, r.unique_key, ?::timestamptz
                    from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])
                         as r(id, owner_id, property_id, value_json, unique_key)
                    on conflict (owner_kind, owner_id, property_id) do update
                    set value_json = excluded.value_json, unique_key = excluded.unique_key,
                        last_change = excluded.last_change
                    where property_record.value_json <> excluded.value_json""",
                    kind, now, column(rows.values(), 0), column(rows.values(), 1), column(rows.values(), 2),
                    column(rows.values(), 3), column(rows.values(), 4));
            return;
        }
        for (List<String[]> chunk : BulkSql.chunks(dsl, rows.values())) {
            var insert = dsl.insertInto(PROPERTY_RECORD, PROPERTY_RECORD.ID, PROPERTY_RECORD.OWNER_KIND,
                    PROPERTY_RECORD.OWNER_ID, PROPERTY_RECORD.PROPERTY_ID, PROPERTY_RECORD.VALUE_JSON,
                    PROPERTY_RECORD.UNIQUE_KEY, PROPERTY_RECORD.LAST_CHANGE);
            for (String[] row : chunk) {
                insert = insert.values(row[0], kind, row[1], row[2], row[3], row[4], now);
            }
            insert.onConflict(PROPERTY_RECORD.OWNER_KIND, PROPERTY_RECORD.OWNER_ID, PROPERTY_RECORD.PROPERTY_ID)
                    .doUpdate()
                    .set(PROPERTY_RECORD.VALUE_JSON, DSL.excluded(PROPERTY_RECORD.VALUE_JSON))
                    .set(PROPERTY_RECORD.UNIQUE_KEY, DSL.excluded(PROPERTY_RECORD.UNIQUE_KEY))
                    .set(PROPERTY_RECORD.LAST_CHANGE,
                            DSL.when(PROPERTY_RECORD.VALUE_JSON.eq(DSL.excluded(PROPERTY_RECORD.VALUE_JSON)),
                                    PROPERTY_RECORD.LAST_CHANGE)
                            .otherwise(DSL.excluded(PROPERTY_RECORD.LAST_CHANGE)))
                    .execute();
        }
    }

    private static String[] column(java.util.Collection<String[]> rows, int index) {
        return rows.stream().map(row -> row[index]).toArray(String[]::new);
    }

    /**
     * A condition on {@code ownerId} (a column of the owner's table): the owner has a record of
     * {@code propertyId} whose value is {@code value}; for enum and multiselect properties, one of
     * whose items is the item id {@code value}. A property that does not exist, or a value that does
     * not fit its data type, matches no owner.
     */
    @Transactional(readOnly = true)
    public Condition ownerHasValue(String kind, Field<String> ownerId, String propertyId, String value) {
        String dataType = dsl.select(PROPERTY_DEFINITION.DATA_TYPE).from(PROPERTY_DEFINITION)
                .where(PROPERTY_DEFINITION.OWNER_KIND.eq(kind)).and(PROPERTY_DEFINITION.ID.eq(propertyId))
                .fetchOne(PROPERTY_DEFINITION.DATA_TYPE);
        if (dataType == null) {
            return DSL.falseCondition();
        }
        PropertyType type = PropertyType.of(dataType);
        Condition matches;
        if (type.hasItems()) {
            // item ids are hex; the stored value is a JSON array of them
            matches = PROPERTY_RECORD.VALUE_JSON.contains(JSON.writeValueAsString(value));
        } else {
            Object canonical = type.canonical(JSON.getNodeFactory().stringNode(value));
            if (canonical == null) {
                return DSL.falseCondition();
            }
            if (canonical instanceof java.math.BigDecimal number) {
                // 149.9 and 149.90 are the same value: compare numbers, not their text
                List<String> owners = dsl.select(PROPERTY_RECORD.OWNER_ID, PROPERTY_RECORD.VALUE_JSON)
                        .from(PROPERTY_RECORD)
                        .where(PROPERTY_RECORD.OWNER_KIND.eq(kind)).and(PROPERTY_RECORD.PROPERTY_ID.eq(propertyId))
                        .fetch(r -> JSON.readTree(r.value2()).decimalValue().compareTo(number) == 0 ? r.value1() : null)
                        .stream().filter(java.util.Objects::nonNull).toList();
                return owners.isEmpty() ? DSL.falseCondition() : ownerId.in(owners);
            }
            matches = PROPERTY_RECORD.VALUE_JSON.eq(JSON.writeValueAsString(canonical));
        }
        return DSL.exists(DSL.selectOne().from(PROPERTY_RECORD)
                .where(PROPERTY_RECORD.OWNER_KIND.eq(kind)).and(PROPERTY_RECORD.OWNER_ID.eq(ownerId))
                .and(PROPERTY_RECORD.PROPERTY_ID.eq(propertyId))
                .and(matches));
    }

    /** The id of an item of an enum or multiselect property, from its text id in the project file. */
    public static String itemId(String kind, String propertyId, String textId) {
        return Ids.stable("property_item", kind + ':' + propertyId + ':' + textId);
    }

    // --- helpers -----------------------------------------------------------------------------

    private static String prefix(String bodyName) {
        return bodyName == null || bodyName.isEmpty() ? "" : bodyName + ".";
    }

    private Map<String, PropertyItem> itemsOf(String kind, Language language) {
        return dsl.select(PROPERTY_ITEM.ID, Translations.text("property_item.name", PROPERTY_ITEM.ID, language).as("name"),
                        PROPERTY_ITEM.RESOURCE_RECORD_ID, PROPERTY_ITEM.STATE)
                .from(PROPERTY_ITEM).where(PROPERTY_ITEM.OWNER_KIND.eq(kind))
                .fetchMap(r -> r.get(PROPERTY_ITEM.ID), r -> r.into(PropertyItem.class));
    }

    private static Object value(PropertyType type, String json, Map<String, PropertyItem> items) {
        JsonNode node = JSON.readTree(json);
        return switch (type) {
            case BOOLEAN -> node.asBoolean();
            // The contract's property_value is oneOf string/number/integer/...: a bare whole number would
            // match both number and integer, so whole numbers are written with one decimal place (42.0).
            case INTEGER -> BigDecimal.valueOf(node.asLong()).setScale(1);
            case FLOAT -> node.decimalValue().scale() <= 0 ? node.decimalValue().setScale(1) : node.decimalValue();
            case ENUM, MULTISELECT -> node.valueStream().map(id -> items.get(id.asString()))
                    .filter(java.util.Objects::nonNull).toList();
            default -> node.asString();
        };
    }
}
