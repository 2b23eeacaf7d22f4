package io.patron.catalog;

import static io.patron.catalog.CatalogTables.*;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.common.BulkSql;

/**
 * The catalogue's writes and the look-ups batch synchronisation needs. Every method works on a
 * whole batch in one or a few statements: IN-queries to resolve references, multi-row upserts to write.
 */
@Repository
class CatalogRepository {

    /** A brand or group as a reference target: its id and external id. */
    record Ref(String id, String externalId) {
    }

    /** A node of the group tree, enough to follow a chain of parents. */
    record Node(String id, String externalId, String parentId) {
    }

    /** A brand row to write. */
    record BrandRow(String id, String externalId) {
    }

    /** A group row to write; null fields leave the stored value unchanged. */
    record GroupRow(String id, String externalId, String code, String partnerId, String storeId) {
    }

    /**
     * A product row to write; null fields leave the stored value unchanged. The state is never null:
     * the one sent, else the stored one, else 1 for a new product.
     */
    record ProductRow(String id, String code, String partnerId, String storeId, String brandId, String groupId,
                      Integer state) {
    }

    record PriceRow(String productId, String currencyId, BigDecimal value) {
    }

    private final DSLContext dsl;

    CatalogRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // --- look-ups --------------------------------------------------------------------------------

    List<Ref> brands(Collection<String> ids, Collection<String> externalIds) {
        if (ids.isEmpty() && externalIds.isEmpty()) {
            return List.of();
        }
        return dsl.select(BRAND_ID, BRAND_EXTERNAL_ID).from(BRAND)
                .where(BRAND_ID.in(ids).or(BRAND_EXTERNAL_ID.in(externalIds)))
                .fetch(r -> new Ref(r.value1(), r.value2()));
    }

    /**
     * The groups with these ids or external ids and all their ancestors: enough of the tree to
     * resolve a batch's references and to see whether a new parent would close a cycle. Follows the
     * tree one level per query, so the number of queries is the depth of the tree.
     */
    Map<String, Node> groupsWithAncestors(Collection<String> ids, Collection<String> externalIds) {
        Map<String, Node> nodes = new HashMap<>();
        if (ids.isEmpty() && externalIds.isEmpty()) {
            return nodes;
        }
        var level = dsl.select(GROUP_ID, GROUP_EXTERNAL_ID, GROUP_PARENT).from(GROUP)
                .where(GROUP_ID.in(ids).or(GROUP_EXTERNAL_ID.in(externalIds)))
                .fetch(r -> new Node(r.value1(), r.value2(), r.value3()));
        while (!level.isEmpty()) {
            Set<String> parents = new HashSet<>();
            for (Node node : level) {
                nodes.put(node.id(), node);
            }
            for (Node node : level) {
                if (node.parentId() != null && !nodes.containsKey(node.parentId())) {
                    parents.add(node.parentId());
                }
            }
            if (parents.isEmpty()) {
                break;
            }
            level = dsl.select(GROUP_ID, GROUP_EXTERNAL_ID, GROUP_PARENT).from(GROUP).where(GROUP_ID.in(parents))
                    .fetch(r -> new Node(r.value1(), r.value2(), r.value3()));
        }
        return nodes;
    }

    List<Ref> groups(Collection<String> ids, Collection<String> externalIds) {
        if (ids.isEmpty() && externalIds.isEmpty()) {
            return List.of();
        }
        return dsl.select(GROUP_ID, GROUP_EXTERNAL_ID).from(GROUP)
                .where(GROUP_ID.in(ids).or(GROUP_EXTERNAL_ID.in(externalIds)))
                .fetch(r -> new Ref(r.value1(), r.value2()));
    }

    /**
     * The products that already hold any of these PLU ids, by PLU id; {@code states} receives their
     * current state (an upsert must carry a value for every not-null column, even one it keeps).
     */
    Map<PluId, String> productsByPlu(Collection<PluId> plus, Map<String, Integer> states) {
        Map<PluId, String> found = new HashMap<>();
        if (plus.isEmpty()) {
            return found;
        }
        Set<String> lists = new HashSet<>();
        Set<String> codes = new HashSet<>();
        plus.forEach(p -> {
            lists.add(p.listCode());
            codes.add(p.code());
        });
        if (BulkSql.arrays(dsl)) {
            // One primary-key probe per pair: a lateral subquery with a limit is never flattened into
            // a join the planner could turn into a scan of the whole table, whatever the statistics
            // say, so the cost follows the batch, not the catalogue.
            String[] listArray = new String[plus.size()];
            String[] codeArray = new String[plus.size()];
            int i = 0;
            for (PluId plu : plus) {
                listArray[i] = plu.listCode();
                codeArray[i++] = plu.code();
            }
            BulkSql.query(dsl, """
                    select k.list_code, k.code, held.product_id, held.state
                    from unnest(?::varchar[], ?::varchar[]) as k(list_code, code)
                    cross join lateral (select p.product_id, d.state from product_plu p
                                        join product d on d.id = p.product_id
                                        where p.code = k.code and p.list_code = k.list_code limit 1) as held""",
                    r -> {
                        found.put(new PluId(r.getString(1), r.getString(2)), r.getString(3));
                        states.put(r.getString(3), r.getInt(4));
                        return null;
                    }, listArray, codeArray);
            return found;
        }
        // Both columns are in the primary key's index; exact pairs are picked out here.
        dsl.select(PLU_LIST, PLU_CODE, PLU_PRODUCT, PRODUCT_STATE)
                .from(PLU).join(PRODUCT).on(PRODUCT_ID.eq(PLU_PRODUCT))
                .where(PLU_CODE.in(codes)).and(PLU_LIST.in(lists))
                .forEach(r -> {
                    PluId plu = new PluId(r.value1(), r.value2());
                    if (plus.contains(plu)) {
                        found.put(plu, r.value3());
                        states.put(r.value3(), r.value4());
                    }
                });
        return found;
    }

    /** The tags with these ids that may be given to products (not deleted). */
    Set<String> usableTags(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return dsl.select(TAG_ID).from(TAG).where(TAG_ID.in(ids)).and(TAG_STATE.ne(0)).fetchSet(TAG_ID);
    }

    /** Tag ids by text id, for project files that name tags by text id. */
    Map<String, String> tagIdsByTextId() {
        return dsl.select(TAG_TEXT_ID, TAG_ID).from(TAG).fetchMap(TAG_TEXT_ID, TAG_ID);
    }

    // --- writes ----------------------------------------------------------------------------------

    void upsertBrands(Collection<BrandRow> rows, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return;
        }
        for (List<BrandRow> chunk : BulkSql.chunks(dsl, rows)) {
            var insert = dsl.insertInto(BRAND, BRAND_ID, BRAND_EXTERNAL_ID, BRAND_CHANGED);
            for (BrandRow row : chunk) {
                insert = insert.values(row.id(), row.externalId(), now);
            }
            insert.onConflict(BRAND_ID).doUpdate().set(BRAND_CHANGED, DSL.excluded(BRAND_CHANGED)).execute();
        }
    }

    /** Inserts new groups and updates the given fields of existing ones; parents are set by {@link #setParents}. */
    void upsertGroups(Collection<GroupRow> rows, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return;
        }
        for (List<GroupRow> chunk : BulkSql.chunks(dsl, rows)) {
            var insert = dsl.insertInto(GROUP, GROUP_ID, GROUP_EXTERNAL_ID, GROUP_CODE, GROUP_PARTNER, GROUP_STORE,
                    GROUP_STATE, GROUP_CHANGED);
            for (GroupRow row : chunk) {
                insert = insert.values(row.id(), row.externalId(), row.code(), row.partnerId(), row.storeId(), 1, now);
            }
            insert.onConflict(GROUP_ID).doUpdate()
                    .set(GROUP_CODE, keep(GROUP_CODE))
                    .set(GROUP_PARTNER, keep(GROUP_PARTNER))
                    .set(GROUP_STORE, keep(GROUP_STORE))
                    .set(GROUP_CHANGED, DSL.excluded(GROUP_CHANGED))
                    .execute();
        }
    }

    /** Sets parents after all groups of a batch exist, so a parent may be new in the same batch. */
    void setParents(Map<String, String> parentByGroup) {
        if (parentByGroup.isEmpty()) {
            return;
        }
        var batch = dsl.batch(dsl.update(GROUP).set(GROUP_PARENT, (String) null).where(GROUP_ID.eq((String) null)));
        parentByGroup.forEach((group, parent) -> batch.bind(parent, group));
        batch.execute();
    }

    void upsertProducts(Collection<ProductRow> rows, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return;
        }
        if (BulkSql.arrays(dsl)) {
            BulkSql.execute(dsl, """
                    insert into product (id, code, partner_id, store_id, brand_id, group_id, state, last_change)
                    select r.*, ?::timestamptz
                    from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                                ?::int[]) as r(id, code, partner_id, store_id, brand_id, group_id, state)
                    on conflict (id) do update set
                        code = coalesce(excluded.code, product.code),
                        partner_id = coalesce(excluded.partner_id, product.partner_id),
                        store_id = coalesce(excluded.store_id, product.store_id),
                        brand_id = coalesce(excluded.brand_id, product.brand_id),
                        group_id = coalesce(excluded.group_id, product.group_id),
                        state = excluded.state,
                        last_change = excluded.last_change""",
                    now, column(rows, ProductRow::id), column(rows, ProductRow::code),
                    column(rows, ProductRow::partnerId), column(rows, ProductRow::storeId),
                    column(rows, ProductRow::brandId), column(rows, ProductRow::groupId),
                    rows.stream().map(ProductRow::state).toArray(Integer[]::new));
            return;
        }
        for (List<ProductRow> chunk : BulkSql.chunks(dsl, rows)) {
            var insert = dsl.insertInto(PRODUCT, PRODUCT_ID, PRODUCT_CODE, PRODUCT_PARTNER, PRODUCT_STORE,
                    PRODUCT_BRAND, PRODUCT_GROUP, PRODUCT_STATE, PRODUCT_CHANGED);
            for (ProductRow row : chunk) {
                insert = insert.values(row.id(), row.code(), row.partnerId(), row.storeId(), row.brandId(),
                        row.groupId(), row.state(), now);
            }
            insert.onConflict(PRODUCT_ID).doUpdate()
                    .set(PRODUCT_CODE, keep(PRODUCT_CODE))
                    .set(PRODUCT_PARTNER, keep(PRODUCT_PARTNER))
                    .set(PRODUCT_STORE, keep(PRODUCT_STORE))
                    .set(PRODUCT_BRAND, keep(PRODUCT_BRAND))
                    .set(PRODUCT_GROUP, keep(PRODUCT_GROUP))
                    .set(PRODUCT_STATE, DSL.excluded(PRODUCT_STATE))
                    .set(PRODUCT_CHANGED, DSL.excluded(PRODUCT_CHANGED))
                    .execute();
        }
    }

    private static <R> String[] column(Collection<R> rows, java.util.function.Function<R, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    /** The value sent, or the stored one where nothing was sent. */
    private static <T> Field<T> keep(Field<T> column) {
        return DSL.coalesce(DSL.excluded(column), column);
    }

    /** Adds PLU ids to products; an id already held (by the same product) is left as it is. */
    void addPlus(Map<PluId, String> productByPlu) {
        if (productByPlu.isEmpty()) {
            return;
        }
        if (BulkSql.arrays(dsl)) {
            var entries = productByPlu.entrySet();
            BulkSql.execute(dsl, """
                    insert into product_plu (list_code, code, product_id)
                    select * from unnest(?::varchar[], ?::varchar[], ?::varchar[])
                    on conflict (code, list_code) do nothing""",
                    entries.stream().map(e -> e.getKey().listCode()).toArray(String[]::new),
                    entries.stream().map(e -> e.getKey().code()).toArray(String[]::new),
                    entries.stream().map(Map.Entry::getValue).toArray(String[]::new));
            return;
        }
        for (var chunk : BulkSql.chunks(dsl, productByPlu.entrySet())) {
            var insert = dsl.insertInto(PLU, PLU_LIST, PLU_CODE, PLU_PRODUCT);
            for (var entry : chunk) {
                insert = insert.values(entry.getKey().listCode(), entry.getKey().code(), entry.getValue());
            }
            insert.onConflict(PLU_CODE, PLU_LIST).doNothing().execute();
        }
    }

    void upsertPrices(Collection<PriceRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (BulkSql.arrays(dsl)) {
            BulkSql.execute(dsl, """
                    insert into product_price (product_id, currency_id, price)
                    select * from unnest(?::varchar[], ?::varchar[], ?::numeric[])
                    on conflict (product_id, currency_id) do update set price = excluded.price
                    where product_price.price <> excluded.price""",
                    column(rows, PriceRow::productId), column(rows, PriceRow::currencyId),
                    rows.stream().map(PriceRow::value).toArray(BigDecimal[]::new));
            return;
        }
        for (List<PriceRow> chunk : BulkSql.chunks(dsl, rows)) {
            var insert = dsl.insertInto(PRICE, PRICE_PRODUCT, PRICE_CURRENCY, PRICE_VALUE);
            for (PriceRow row : chunk) {
                insert = insert.values(row.productId(), row.currencyId(), row.value());
            }
            insert.onConflict(PRICE_PRODUCT, PRICE_CURRENCY).doUpdate().set(PRICE_VALUE, DSL.excluded(PRICE_VALUE))
                    .execute();
        }
    }

    /** Gives products tags; tags they already have stay. */
    void addTags(Map<String, Set<String>> tagsByProduct) {
        List<String[]> pairs = new ArrayList<>();
        tagsByProduct.forEach((product, tags) -> tags.forEach(tag -> pairs.add(new String[] {product, tag})));
        if (pairs.isEmpty()) {
            return;
        }
        if (BulkSql.arrays(dsl)) {
            BulkSql.execute(dsl, """
                    insert into product_tag_record (product_id, tag_id)
                    select * from unnest(?::varchar[], ?::varchar[])
                    on conflict (product_id, tag_id) do nothing""",
                    pairs.stream().map(p -> p[0]).toArray(String[]::new),
                    pairs.stream().map(p -> p[1]).toArray(String[]::new));
            return;
        }
        for (List<String[]> chunk : BulkSql.chunks(dsl, pairs)) {
            var insert = dsl.insertInto(TAG_RECORD, TAG_RECORD_PRODUCT, TAG_RECORD_TAG);
            for (String[] pair : chunk) {
                insert = insert.values(pair[0], pair[1]);
            }
            insert.onConflict(TAG_RECORD_PRODUCT, TAG_RECORD_TAG).doNothing().execute();
        }
    }
}
