package io.patron.property;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.db.Tables.PROPERTY_DEFINITION;
import static io.patron.db.Tables.PROPERTY_ITEM;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;
import io.patron.property.PropertyService.Property;
import io.patron.property.PropertyService.PropertyItem;

/** The read model of property definitions and their items ({@code GET /store-properties} etc.). */
@Component
class PropertyDefinitions {

    private final DSLContext dsl;
    private final ListQueries lists;
    private final Clock clock;

    PropertyDefinitions(DSLContext dsl, ListQueries lists, Clock clock) {
        this.dsl = dsl;
        this.lists = lists;
        this.clock = clock;
    }

    private ListSpec<Property> spec(String kind, Language language) {
        return ListSpec.<Property>from(PROPERTY_DEFINITION)
                .id("property_id", PROPERTY_DEFINITION.ID)
                .field("name", Translations.text("property.name",
                        DSL.inline(kind + ":").concat(PROPERTY_DEFINITION.ID), language), CONTAINS)
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

    Page<Property> page(String kind, ListParams params, Language language) {
        return page(kind, null, params, language);
    }

    /** As {@link #page(String, ListParams, Language)}, only the properties with these ids when not null. */
    Page<Property> page(String kind, java.util.Collection<String> ids, ListParams params, Language language) {
        Page<Property> page = lists.page(spec(kind, language), params, PROPERTY_DEFINITION.OWNER_KIND.eq(kind)
                .and(ids == null ? DSL.noCondition() : PROPERTY_DEFINITION.ID.in(ids)));
        return new Page<>(withItems(kind, page.items(), language), page.totalItems());
    }

    Property one(String kind, String resourceName, String propertyId, Language language) {
        return lists.one(spec(kind, language), PROPERTY_DEFINITION.OWNER_KIND.eq(kind)
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

    /** Every item of the owner kind's properties, by item id (to show enum and multiselect values). */
    Map<String, PropertyItem> items(String kind, Language language) {
        return dsl.select(PROPERTY_ITEM.ID, Translations.text("property_item.name", PROPERTY_ITEM.ID, language).as("name"),
                        PROPERTY_ITEM.RESOURCE_RECORD_ID, PROPERTY_ITEM.STATE)
                .from(PROPERTY_ITEM).where(PROPERTY_ITEM.OWNER_KIND.eq(kind))
                .fetchMap(r -> r.get(PROPERTY_ITEM.ID), r -> r.into(PropertyItem.class));
    }
}
