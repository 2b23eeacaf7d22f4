package io.patron.api;

import static io.patron.db.Tables.TRANSLATION;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import io.patron.common.BulkSql;

/**
 * Translated texts (names, descriptions) of any entity, stored per language in one table. A
 * translated column is a correlated subquery choosing the request's language, then the project
 * default, then any text, so it can be selected, filtered and sorted in SQL like a plain column.
 */
@Component
public class Translations {

    private final DSLContext dsl;

    public Translations(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The text of {@code entity} (e.g. "country.name") for the row whose id is {@code id}, in {@code language}. */
    public static Field<String> text(String entity, Field<String> id, Language language) {
        return coalesce(lookup(entity, id, language.id()), lookup(entity, id, language.fallback()),
                select(DSL.min(TRANSLATION.TEXT)).from(TRANSLATION)
                        .where(TRANSLATION.ENTITY.eq(entity)).and(TRANSLATION.ENTITY_ID.eq(id)).asField());
    }

    private static Field<String> lookup(String entity, Field<String> id, String language) {
        return select(TRANSLATION.TEXT).from(TRANSLATION)
                .where(TRANSLATION.ENTITY.eq(entity)).and(TRANSLATION.ENTITY_ID.eq(id))
                .and(TRANSLATION.LANGUAGE_ID.eq(language))
                .asField();
    }

    /**
     * The texts of these ids of {@code entity} in {@code language}, else in its fallback language, by id; ids with
     * text in neither are left out (the caller has its own default).
     */
    public Map<String, String> texts(String entity, java.util.Collection<String> ids, Language language) {
        Map<String, String> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<String, String> fallback = new java.util.HashMap<>();
        dsl.select(TRANSLATION.ENTITY_ID, TRANSLATION.LANGUAGE_ID, TRANSLATION.TEXT).from(TRANSLATION)
                .where(TRANSLATION.ENTITY.eq(entity)).and(TRANSLATION.ENTITY_ID.in(ids))
                .and(TRANSLATION.LANGUAGE_ID.in(language.id(), language.fallback()))
                .forEach(r -> (r.value2().equals(language.id()) ? out : fallback).put(r.value1(), r.value3()));
        fallback.forEach(out::putIfAbsent);
        return out;
    }

    /**
     * Stores the texts of one entity row, language by language (insert or replace); tells whether
     * any text was new or different, so that importers can keep a truthful last-change time.
     */
    public boolean put(String entity, String id, Map<String, String> textsByLanguage) {
        boolean changed = false;
        for (var entry : textsByLanguage.entrySet()) {
            String language = entry.getKey();
            String text = entry.getValue();
            if (text == null) {
                continue;
            }
            String current = dsl.select(TRANSLATION.TEXT).from(TRANSLATION)
                    .where(TRANSLATION.ENTITY.eq(entity)).and(TRANSLATION.ENTITY_ID.eq(id))
                    .and(TRANSLATION.LANGUAGE_ID.eq(language)).fetchOne(TRANSLATION.TEXT);
            if (current == null) {
                dsl.insertInto(TRANSLATION, TRANSLATION.ENTITY, TRANSLATION.ENTITY_ID, TRANSLATION.LANGUAGE_ID,
                        TRANSLATION.TEXT)
                        .values(entity, id, language, text).execute();
                changed = true;
            } else if (!current.equals(text)) {
                dsl.update(TRANSLATION).set(TRANSLATION.TEXT, text)
                        .where(TRANSLATION.ENTITY.eq(entity)).and(TRANSLATION.ENTITY_ID.eq(id))
                        .and(TRANSLATION.LANGUAGE_ID.eq(language)).execute();
                changed = true;
            }
        }
        return changed;
    }

    /** Removes the texts of one entity row in every language (a field cleared by a PUT). */
    public boolean delete(String entity, String id) {
        return dsl.deleteFrom(TRANSLATION).where(TRANSLATION.ENTITY.eq(entity)).and(TRANSLATION.ENTITY_ID.eq(id))
                .execute() > 0;
    }

    /**
     * Removes every text of one owner row, in every language: call it in the transaction that deletes the owner
     * (texts name their row by entity and id, so no foreign key removes them). Returns how many there were.
     */
    public int deleteAllOf(String id, String... entities) {
        return dsl.deleteFrom(TRANSLATION).where(TRANSLATION.ENTITY.in(entities)).and(TRANSLATION.ENTITY_ID.eq(id))
                .execute();
    }

    /**
     * Stores the texts of many rows of one entity in one statement (insert or replace per row and
     * language): the bulk form of {@link #put} for batch synchronisation. Languages not given keep their texts.
     */
    public void putAll(String entity, Map<String, Map<String, String>> textsByIdAndLanguage) {
        List<String[]> rows = new ArrayList<>();
        textsByIdAndLanguage.forEach((id, texts) -> texts.forEach((language, text) -> {
            if (text != null) {
                rows.add(new String[] {id, language, text});
            }
        }));
        if (rows.isEmpty()) {
            return;
        }
        if (BulkSql.arrays(dsl)) {
            BulkSql.execute(dsl, """
                    insert into translation (entity, entity_id, language_id, text)
                    select ?, r.* from unnest(?::varchar[], ?::varchar[], ?::varchar[]) as r(entity_id, language_id, text)
                    on conflict (entity, entity_id, language_id) do update set text = excluded.text
                    where translation.text <> excluded.text""",
                    entity, rows.stream().map(r -> r[0]).toArray(String[]::new),
                    rows.stream().map(r -> r[1]).toArray(String[]::new),
                    rows.stream().map(r -> r[2]).toArray(String[]::new));
            return;
        }
        for (List<String[]> chunk : BulkSql.chunks(dsl, rows)) {
            var insert = dsl.insertInto(TRANSLATION, TRANSLATION.ENTITY, TRANSLATION.ENTITY_ID,
                    TRANSLATION.LANGUAGE_ID, TRANSLATION.TEXT);
            for (String[] row : chunk) {
                insert = insert.values(entity, row[0], row[1], row[2]);
            }
            insert.onConflict(TRANSLATION.ENTITY, TRANSLATION.ENTITY_ID, TRANSLATION.LANGUAGE_ID).doUpdate()
                    .set(TRANSLATION.TEXT, DSL.excluded(TRANSLATION.TEXT)).execute();
        }
    }

    /** Inserts texts in bulk, skipping rows that already exist (start-up seeding of standard data). */
    public void seedMissing(String entity, Map<String, Map<String, String>> textsByIdAndLanguage) {
        var existing = dsl.select(TRANSLATION.ENTITY_ID, TRANSLATION.LANGUAGE_ID).from(TRANSLATION)
                .where(TRANSLATION.ENTITY.eq(entity))
                .fetchSet(r -> r.value1() + '\u0000' + r.value2());
        var insert = dsl.insertInto(TRANSLATION, TRANSLATION.ENTITY, TRANSLATION.ENTITY_ID, TRANSLATION.LANGUAGE_ID,
                TRANSLATION.TEXT);
        boolean any = false;
        for (var byId : textsByIdAndLanguage.entrySet()) {
            for (var byLanguage : byId.getValue().entrySet()) {
                if (byLanguage.getValue() != null
                        && !existing.contains(byId.getKey() + '\u0000' + byLanguage.getKey())) {
                    insert = insert.values(entity, byId.getKey(), byLanguage.getKey(), byLanguage.getValue());
                    any = true;
                }
            }
        }
        if (any) {
            insert.execute();
        }
    }
}
