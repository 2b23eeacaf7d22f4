package io.patron.property;

import static io.patron.db.Tables.PROPERTY_DEFINITION;
import static io.patron.db.Tables.PROPERTY_RECORD;

import java.math.BigDecimal;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** The list filter "the owner has this property value", as one SQL condition on the owner's query. */
@Component
class PropertyFilter {

    private final DSLContext dsl;

    PropertyFilter(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** See {@link PropertyService#ownerHasValue}. */
    Condition ownerHasValue(String kind, Field<String> ownerId, String propertyId, String value) {
        String dataType = dsl.select(PROPERTY_DEFINITION.DATA_TYPE).from(PROPERTY_DEFINITION)
                .where(PROPERTY_DEFINITION.OWNER_KIND.eq(kind)).and(PROPERTY_DEFINITION.ID.eq(propertyId))
                .fetchOne(PROPERTY_DEFINITION.DATA_TYPE);
        if (dataType == null) {
            return DSL.falseCondition();
        }
        PropertyType type = PropertyType.of(dataType);
        Condition ofProperty = PROPERTY_RECORD.OWNER_KIND.eq(kind).and(PROPERTY_RECORD.PROPERTY_ID.eq(propertyId));
        Condition matches;
        if (type.hasItems()) {
            // item ids are hex; the stored value is a JSON array of them
            matches = PROPERTY_RECORD.VALUE_JSON.contains(PropertyJson.write(value));
        } else {
            Object canonical = type.canonical(PropertyJson.JSON.getNodeFactory().stringNode(value));
            if (canonical == null) {
                return DSL.falseCondition();
            }
            if (canonical instanceof BigDecimal number) {
                // 149.9 and 149.90 are the same value: compare numbers, not their text. The case keeps the cast
                // to this property's records (all numbers), whatever order the database evaluates conditions in.
                Field<BigDecimal> stored = DSL.field("cast({0} as numeric)", BigDecimal.class,
                        PROPERTY_RECORD.VALUE_JSON);
                matches = DSL.when(ofProperty, stored).eq(number);
            } else {
                matches = PROPERTY_RECORD.VALUE_JSON.eq(PropertyJson.write(canonical));
            }
        }
        return DSL.exists(DSL.selectOne().from(PROPERTY_RECORD)
                .where(ofProperty).and(PROPERTY_RECORD.OWNER_ID.eq(ownerId)).and(matches));
    }
}
