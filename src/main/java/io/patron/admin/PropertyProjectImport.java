package io.patron.admin;

import static io.patron.admin.PropertyTables.*;

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
            int updated = dsl.update(DEFINITION)
                    .set(DEF_TYPE, p.dataType()).set(DEF_REQUIRED, required).set(DEF_UNIQUE, unique)
                    .set(DEF_STATE, state).set(DEF_POSITION, position).set(DEF_CHANGED, now)
                    .where(DEF_KIND.eq(p.owner())).and(DEF_ID.eq(p.id()))
                    .and(DEF_TYPE.ne(p.dataType()).or(DEF_REQUIRED.ne(required)).or(DEF_UNIQUE.ne(unique))
                            .or(DEF_STATE.ne(state)).or(DEF_POSITION.ne(position)))
                    .execute();
            if (updated == 0 && !dsl.fetchExists(DEFINITION, DEF_KIND.eq(p.owner()).and(DEF_ID.eq(p.id())))) {
                dsl.insertInto(DEFINITION)
                        .set(DEF_KIND, p.owner()).set(DEF_ID, p.id()).set(DEF_TYPE, p.dataType())
                        .set(DEF_REQUIRED, required).set(DEF_UNIQUE, unique).set(DEF_STATE, state)
                        .set(DEF_POSITION, position).set(DEF_CHANGED, now).execute();
            }
            translations.put("property.name", PropertyService.textKey(p.owner(), p.id()),
                    ProjectFile.texts(p.name() == null ? p.id() : p.name(), properties.languages()));
            int itemPosition = 0;
            for (ItemDefinition item : p.items() == null ? List.<ItemDefinition>of() : p.items()) {
                itemPosition++;
                String itemId = PropertyService.itemId(p.owner(), p.id(), item.textId());
                int itemState = item.state() == null ? 1 : item.state();
                if (dsl.fetchExists(ITEM, ITEM_ID.eq(itemId))) {
                    dsl.update(ITEM).set(ITEM_RESOURCE, item.resourceRecordId()).set(ITEM_STATE, itemState)
                            .set(ITEM_POSITION, itemPosition).where(ITEM_ID.eq(itemId)).execute();
                } else {
                    dsl.insertInto(ITEM).set(ITEM_ID, itemId).set(ITEM_KIND, p.owner()).set(ITEM_PROPERTY, p.id())
                            .set(ITEM_TEXT_ID, item.textId()).set(ITEM_RESOURCE, item.resourceRecordId())
                            .set(ITEM_STATE, itemState).set(ITEM_POSITION, itemPosition).execute();
                }
                translations.put("property_item.name", itemId,
                        ProjectFile.texts(item.name() == null ? item.textId() : item.name(), properties.languages()));
            }
        }
    }
}
