package io.patron.property;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OneOf;
import io.patron.api.Page;
import io.patron.common.Ids;

/**
 * Custom properties of any owner kind ("store", "partner", "product", "customer" ...), as other capabilities
 * use them: the API's records, and one entry to the definitions' read model ({@link PropertyDefinitions}), the
 * records of one owner ({@link PropertyRecords}), the value checks ({@link PropertyChecker}), the bulk write
 * ({@link PropertyMerge}) and the list filter ({@link PropertyFilter}).
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
    public record PropertyRecordBody(@NotNull @Valid
                                     PropertyRecordInput propertyRecord) {
    }

    /** The body of {@code POST .../property-records/batch}: records and the error handling mode (1 or 2). */
    public record PropertyRecordsBatch(@NotNull @Valid
                                       List<PropertyRecordInput> propertyRecords,
                                       @OneOf({"1", "2"}) Integer errorProcessing) {
    }

    /** A checked value ready to be stored; only this package reads its parts. */
    public record CheckedValue(String propertyId, String valueJson, String uniqueKey) {
    }


    private final DSLContext dsl;
    private final PropertyDefinitions definitions;
    private final PropertyRecords records;
    private final PropertyMerge merge;
    private final PropertyFilter filter;

    PropertyService(DSLContext dsl, PropertyDefinitions definitions, PropertyRecords records, PropertyMerge merge,
                    PropertyFilter filter) {
        this.dsl = dsl;
        this.definitions = definitions;
        this.records = records;
        this.merge = merge;
        this.filter = filter;
    }

    static String textKey(String kind, String propertyId) {
        return kind + ':' + propertyId;
    }

    /** The id of an item of an enum or multiselect property, from its text id in the project file. */
    public static String itemId(String kind, String propertyId, String textId) {
        return Ids.stable("property_item", kind + ':' + propertyId + ':' + textId);
    }

    // --- definitions -------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Page<Property> definitions(String kind, ListParams params, Language language) {
        return definitions.page(kind, params, language);
    }

    /** The definitions of the kind with these ids (e.g. the properties an event type takes), as a list page. */
    @Transactional(readOnly = true)
    public Page<Property> definitions(String kind, Collection<String> ids, ListParams params, Language language) {
        return definitions.page(kind, ids, params, language);
    }

    @Transactional(readOnly = true)
    public Property definition(String kind, String resourceName, String propertyId, Language language) {
        return definitions.one(kind, resourceName, propertyId, language);
    }

    // --- records -----------------------------------------------------------------------------

    /** The property records of one owner, as a list page. */
    @Transactional(readOnly = true)
    public Page<PropertyRecord> records(String kind, String ownerId, ListParams params, Language language) {
        return records.page(kind, ownerId, params, language);
    }

    /** The property records of many owners at once (e.g. for a page of products), by owner id. */
    @Transactional(readOnly = true)
    public Map<String, List<PropertyRecord>> recordsOf(String kind, Collection<String> ownerIds, Language language) {
        return records.ofOwners(kind, ownerIds, language);
    }

    @Transactional(readOnly = true)
    public PropertyRecord record(String kind, String ownerId, String recordId, Language language) {
        return records.one(kind, ownerId, recordId, language);
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
        return records.add(kind, ownerId, input, prefix(bodyName));
    }

    /** Replaces the value (and possibly the property) of an existing record of the owner. */
    public void replace(String kind, String ownerId, String recordId, PropertyRecordInput input) {
        replace(kind, ownerId, recordId, input, "");
    }

    /** As {@link #replace(String, String, String, PropertyRecordInput)}, naming fields under {@code bodyName}. */
    public void replace(String kind, String ownerId, String recordId, PropertyRecordInput input, String bodyName) {
        records.replace(kind, ownerId, recordId, input, prefix(bodyName));
    }

    public void delete(String kind, String ownerId, String recordId) {
        records.delete(kind, ownerId, recordId);
    }

    /**
     * Deletes every property record of an owner: call it in the transaction that deletes the owner (records
     * name their owner by kind and id, so no foreign key removes them). Returns how many there were.
     */
    public int deleteAllOf(String kind, String ownerId) {
        return records.deleteAllOf(kind, ownerId);
    }

    /** A checker for one request: loads the definitions once, then checks the values of many owners. */
    @Transactional(readOnly = true)
    public PropertyChecker checker(String kind) {
        return PropertyChecker.load(dsl, kind);
    }

    /** Stores checked values for many owners at once; see {@link PropertyMerge#merge}. */
    public void merge(String kind, Map<String, List<CheckedValue>> byOwner) {
        merge.merge(kind, byOwner);
    }

    /**
     * A condition on {@code ownerId} (a column of the owner's table): the owner has a record of
     * {@code propertyId} whose value is {@code value}; for enum and multiselect properties, one of
     * whose items is the item id {@code value}. A property that does not exist, or a value that does
     * not fit its data type, matches no owner.
     */
    @Transactional(readOnly = true)
    public Condition ownerHasValue(String kind, Field<String> ownerId, String propertyId, String value) {
        return filter.ownerHasValue(kind, ownerId, propertyId, value);
    }

    private static String prefix(String bodyName) {
        return bodyName == null || bodyName.isEmpty() ? "" : bodyName + ".";
    }
}
