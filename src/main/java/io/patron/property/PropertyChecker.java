package io.patron.property;

import static io.patron.db.Tables.PROPERTY_DEFINITION;
import static io.patron.db.Tables.PROPERTY_ITEM;
import static io.patron.db.Tables.PROPERTY_RECORD;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.DSLContext;

import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.property.PropertyService.CheckedValue;
import io.patron.property.PropertyService.PropertyRecordInput;

/**
 * Checks property values owner by owner within one request: the property exists and is active, the value fits
 * its data type, items exist, and a unique property's value is held by no other owner, stored or earlier in the
 * same request. Made by {@link PropertyService#checker(String)}, which loads the definitions once.
 */
public final class PropertyChecker {

    private record Definition(String id, PropertyType type, boolean unique, int state) {
    }

    private final DSLContext dsl;
    private final String kind;
    private final Map<String, Definition> definitions;
    private final Map<String, Set<String>> itemIds;
    private final Map<String, String> uniqueSeen = new HashMap<>();

    private PropertyChecker(DSLContext dsl, String kind, Map<String, Definition> definitions,
                            Map<String, Set<String>> itemIds) {
        this.dsl = dsl;
        this.kind = kind;
        this.definitions = definitions;
        this.itemIds = itemIds;
    }

    /** Loads the definitions and active items of the owner kind. */
    static PropertyChecker load(DSLContext dsl, String kind) {
        Map<String, Definition> definitions = dsl.select(PROPERTY_DEFINITION.ID, PROPERTY_DEFINITION.DATA_TYPE,
                PROPERTY_DEFINITION.IS_UNIQUE, PROPERTY_DEFINITION.STATE).from(PROPERTY_DEFINITION)
                .where(PROPERTY_DEFINITION.OWNER_KIND.eq(kind))
                .fetchMap(PROPERTY_DEFINITION.ID,
                        r -> new Definition(r.value1(), PropertyType.of(r.value2()), r.value3(), r.value4()));
        Map<String, Set<String>> itemIds = dsl.select(PROPERTY_ITEM.PROPERTY_ID, PROPERTY_ITEM.ID).from(PROPERTY_ITEM)
                .where(PROPERTY_ITEM.OWNER_KIND.eq(kind)).and(PROPERTY_ITEM.STATE.eq(1))
                .fetchGroups(PROPERTY_ITEM.PROPERTY_ID, PROPERTY_ITEM.ID).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new HashSet<>(e.getValue())));
        return new PropertyChecker(dsl, kind, definitions, itemIds);
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
            CheckedValue value = checkValue(inputs.get(i), at, errors);
            if (value == null) {
                continue;
            }
            if (value.uniqueKey() != null && !uniqueFree(ownerId, value)) {
                errors.add(InvalidParam.of(at + "property_value", Reason.ALREADY_EXISTS, value.uniqueKey(),
                        "Another record already holds this value of a unique property"));
                continue;
            }
            good.add(value);
        }
        return good;
    }

    private boolean uniqueFree(String ownerId, CheckedValue value) {
        String key = value.propertyId() + '\u0000' + value.uniqueKey();
        String earlier = uniqueSeen.putIfAbsent(key, ownerId);
        if (earlier != null && !earlier.equals(ownerId)) {
            return false;
        }
        return !dsl.fetchExists(PROPERTY_RECORD, PROPERTY_RECORD.OWNER_KIND.eq(kind)
                .and(PROPERTY_RECORD.PROPERTY_ID.eq(value.propertyId()))
                .and(PROPERTY_RECORD.UNIQUE_KEY.eq(value.uniqueKey())).and(PROPERTY_RECORD.OWNER_ID.ne(ownerId)));
    }

    private CheckedValue checkValue(PropertyRecordInput input, String at, List<InvalidParam> errors) {
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
        String json = PropertyJson.write(canonical);
        String uniqueKey = definition.unique ? (canonical instanceof String s ? s : json) : null;
        return new CheckedValue(definition.id, json, uniqueKey);
    }
}
