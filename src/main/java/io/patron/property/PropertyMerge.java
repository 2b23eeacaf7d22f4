package io.patron.property;

import static io.patron.db.Tables.PROPERTY_RECORD;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.common.BulkSql;
import io.patron.common.Ids;
import io.patron.property.PropertyService.CheckedValue;

/** The bulk write of property records: checked values of many owners in one statement (a few on H2). */
@Repository
class PropertyMerge {

    private final DSLContext dsl;
    private final Clock clock;

    PropertyMerge(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /**
     * Each (owner, property) is inserted or, when present, updated; the last value given for it wins. Properties
     * not mentioned keep their values (batch sync semantics), and a value sent again unchanged keeps its last change.
     */
    void merge(String kind, Map<String, List<CheckedValue>> byOwner) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, String[]> rows = new LinkedHashMap<>();
        byOwner.forEach((owner, values) -> values.forEach(v -> rows.put(owner + '\u0000' + v.propertyId(),
                new String[] {Ids.newId(), owner, v.propertyId(), v.valueJson(), v.uniqueKey()})));
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

    private static String[] column(Collection<String[]> rows, int index) {
        return rows.stream().map(row -> row[index]).toArray(String[]::new);
    }
}
