package io.patron.catalog;

import static io.patron.catalog.CatalogNames.*;
import static io.patron.db.Tables.PRODUCT_TAG;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Imports the product tags of the project file's {@code product_tags} section:
 * <pre>
 * product_tags:
 *   - text_id: new                       # the key; the id is derived from it unless `id` is given
 *     name: { en: New, cs: Novinka }
 *     state: 1                           # 0 deleted, 1 active (default), 2 inactive
 * </pre>
 * Tags are added or updated, never deleted (products keep naming them); without {@code sort_field}
 * the tag list keeps the file's order. The last change moves only when something really changed.
 */
@Component
class ProductTagImport implements ProjectImport {

    record TagDefinition(String id, String textId, Object name, Integer state) {
    }

    private final DSLContext dsl;
    private final Translations translations;
    private final PatronProperties properties;
    private final Clock clock;

    ProductTagImport(DSLContext dsl, Translations translations, PatronProperties properties, Clock clock) {
        this.dsl = dsl;
        this.translations = translations;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public int order() {
        return -40;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<TagDefinition> tags = file.section("product_tags", TagDefinition.class);
        for (int i = 0; i < tags.size(); i++) {
            TagDefinition tag = tags.get(i);
            if (tag.textId() == null || tag.textId().isBlank()) {
                throw new IllegalStateException("Section 'product_tags' of " + file.location() + ", item " + (i + 1)
                        + ": text_id is required");
            }
            int state = tag.state() == null ? 1 : tag.state();
            var existing = dsl.select(PRODUCT_TAG.ID, PRODUCT_TAG.STATE, PRODUCT_TAG.POSITION).from(PRODUCT_TAG)
                    .where(PRODUCT_TAG.TEXT_ID.eq(tag.textId()))
                    .fetchOne();
            String id;
            boolean changed;
            if (existing == null) {
                id = tag.id() == null || tag.id().isBlank() ? Ids.stable("product_tag", tag.textId()) : tag.id();
                dsl.insertInto(PRODUCT_TAG, PRODUCT_TAG.ID, PRODUCT_TAG.TEXT_ID, PRODUCT_TAG.STATE,
                        PRODUCT_TAG.POSITION, PRODUCT_TAG.LAST_CHANGE)
                        .values(id, tag.textId(), state, i, now).execute();
                changed = false;
            } else {
                id = existing.value1();
                if (tag.id() != null && !tag.id().isBlank() && !tag.id().equals(id)) {
                    throw new IllegalStateException("Section 'product_tags' of " + file.location() + ": '"
                            + tag.textId() + "' already has the id " + id + " and cannot change it to " + tag.id());
                }
                changed = existing.value2() != state || existing.value3() != i;
                if (changed) {
                    dsl.update(PRODUCT_TAG).set(PRODUCT_TAG.STATE, state).set(PRODUCT_TAG.POSITION, i)
                            .where(PRODUCT_TAG.ID.eq(id)).execute();
                }
            }
            boolean renamed = translations.put(TAG_NAME, id,
                    ProjectFile.texts(tag.name() == null ? tag.textId() : tag.name(), properties.languages()));
            if (existing != null && (changed || renamed)) {
                dsl.update(PRODUCT_TAG).set(PRODUCT_TAG.LAST_CHANGE, now).where(PRODUCT_TAG.ID.eq(id)).execute();
            }
        }
    }
}
