package io.patron.property;

import static io.patron.db.Tables.PROPERTY_DEFINITION;
import static io.patron.db.Tables.PROPERTY_ITEM;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Imports property definitions from the project file's {@code properties} section:
 * <pre>
 * properties:
 *   - owner: store            # store, partner, product, customer ...
 *     id: parking
 *     name: { en: Parking, cs: Parkování }
 *     data_type: enum         # string, boolean, integer, float, date, timestamp, enum, multiselect
 *     is_required: false
 *     is_unique: false
 *     items:
 *       - { text_id: free, name: { en: Free, cs: Zdarma } }
 * </pre>
 */
@Component
class PropertyProjectImport implements ProjectImport {

    record ItemDefinition(String textId, Object name, String resourceRecordId, Integer state) {
    }

    record PropertyDefinition(String owner, String id, Object name, String dataType, Boolean isRequired,
                              Boolean isUnique, Integer state, List<ItemDefinition> items) {
    }

    private final DSLContext dsl;
    private final Translations translations;
    private final PatronProperties properties;
    private final Clock clock;

    PropertyProjectImport(DSLContext dsl, Translations translations, PatronProperties properties, Clock clock) {
        this.dsl = dsl;
        this.translations = translations;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public int order() {
        return -50;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int position = 0;
        for (PropertyDefinition p : file.section("properties", PropertyDefinition.class)) {
            position++;
            int state = p.state() == null ? 1 : p.state();
            boolean required = Boolean.TRUE.equals(p.isRequired());
            boolean unique = Boolean.TRUE.equals(p.isUnique());
            int updated = dsl.update(PROPERTY_DEFINITION)
                    .set(PROPERTY_DEFINITION.DATA_TYPE, p.dataType()).set(PROPERTY_DEFINITION.IS_REQUIRED, required)
                    .set(PROPERTY_DEFINITION.IS_UNIQUE, unique)
                    .set(PROPERTY_DEFINITION.STATE, state).set(PROPERTY_DEFINITION.POSITION, position)
                    .set(PROPERTY_DEFINITION.LAST_CHANGE, now)
                    .where(PROPERTY_DEFINITION.OWNER_KIND.eq(p.owner())).and(PROPERTY_DEFINITION.ID.eq(p.id()))
                    .and(PROPERTY_DEFINITION.DATA_TYPE.ne(p.dataType())
                    .or(PROPERTY_DEFINITION.IS_REQUIRED.ne(required)).or(PROPERTY_DEFINITION.IS_UNIQUE.ne(unique))
                            .or(PROPERTY_DEFINITION.STATE.ne(state)).or(PROPERTY_DEFINITION.POSITION.ne(position)))
                    .execute();
            if (updated == 0 && !dsl.fetchExists(PROPERTY_DEFINITION, PROPERTY_DEFINITION.OWNER_KIND.eq(p.owner())
                    .and(PROPERTY_DEFINITION.ID.eq(p.id())))) {
                dsl.insertInto(PROPERTY_DEFINITION)
                        .set(PROPERTY_DEFINITION.OWNER_KIND, p.owner()).set(PROPERTY_DEFINITION.ID, p.id())
                        .set(PROPERTY_DEFINITION.DATA_TYPE, p.dataType())
                        .set(PROPERTY_DEFINITION.IS_REQUIRED, required).set(PROPERTY_DEFINITION.IS_UNIQUE, unique)
                        .set(PROPERTY_DEFINITION.STATE, state)
                        .set(PROPERTY_DEFINITION.POSITION, position).set(PROPERTY_DEFINITION.LAST_CHANGE, now)
                        .execute();
            }
            translations.put("property.name", PropertyService.textKey(p.owner(), p.id()),
                    ProjectFile.texts(p.name() == null ? p.id() : p.name(), properties.languages()));
            int itemPosition = 0;
            for (ItemDefinition item : p.items() == null ? List.<ItemDefinition>of() : p.items()) {
                itemPosition++;
                String itemId = PropertyService.itemId(p.owner(), p.id(), item.textId());
                int itemState = item.state() == null ? 1 : item.state();
                if (dsl.fetchExists(PROPERTY_ITEM, PROPERTY_ITEM.ID.eq(itemId))) {
                    dsl.update(PROPERTY_ITEM).set(PROPERTY_ITEM.RESOURCE_RECORD_ID, item.resourceRecordId())
                            .set(PROPERTY_ITEM.STATE, itemState)
                            .set(PROPERTY_ITEM.POSITION, itemPosition).where(PROPERTY_ITEM.ID.eq(itemId)).execute();
                } else {
                    dsl.insertInto(PROPERTY_ITEM).set(PROPERTY_ITEM.ID, itemId)
                            .set(PROPERTY_ITEM.OWNER_KIND, p.owner()).set(PROPERTY_ITEM.PROPERTY_ID, p.id())
                            .set(PROPERTY_ITEM.TEXT_ID, item.textId())
                            .set(PROPERTY_ITEM.RESOURCE_RECORD_ID, item.resourceRecordId())
                            .set(PROPERTY_ITEM.STATE, itemState).set(PROPERTY_ITEM.POSITION, itemPosition).execute();
                }
                translations.put("property_item.name", itemId,
                        ProjectFile.texts(item.name() == null ? item.textId() : item.name(), properties.languages()));
            }
        }
    }
}
