package io.patron.catalog;

import static io.patron.db.Tables.PRODUCT;
import static io.patron.db.Tables.PRODUCT_BRAND;
import static io.patron.db.Tables.PRODUCT_GROUP;
import static io.patron.db.Tables.PRODUCT_PLU;
import static io.patron.db.Tables.PRODUCT_PRICE;
import static io.patron.db.Tables.PRODUCT_TAG;
import static io.patron.db.Tables.PRODUCT_TAG_RECORD;

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
        return dsl.select(PRODUCT_BRAND.ID, PRODUCT_BRAND.EXTERNAL_ID).from(PRODUCT_BRAND)
                .where(PRODUCT_BRAND.ID.in(ids).or(PRODUCT_BRAND.EXTERNAL_ID.in(externalIds)))
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
        var level = dsl.select(PRODUCT_GROUP.ID, PRODUCT_GROUP.EXTERNAL_ID, PRODUCT_GROUP.PARENT_ID).from(PRODUCT_GROUP)
                .where(PRODUCT_GROUP.ID.in(ids).or(PRODUCT_GROUP.EXTERNAL_ID.in(externalIds)))
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
            level = dsl.select(PRODUCT_GROUP.ID, PRODUCT_GROUP.EXTERNAL_ID, PRODUCT_GROUP.PARENT_ID)
                    .from(PRODUCT_GROUP).where(PRODUCT_GROUP.ID.in(parents))
                    .fetch(r -> new Node(r.value1(), r.value2(), r.value3()));
        }
        return nodes;
    }

    List<Ref> groups(Collection<String> ids, Collection<String> externalIds) {
        if (ids.isEmpty() && externalIds.isEmpty()) {
            return List.of();
        }
        return dsl.select(PRODUCT_GROUP.ID, PRODUCT_GROUP.EXTERNAL_ID).from(PRODUCT_GROUP)
                .where(PRODUCT_GROUP.ID.in(ids).or(PRODUCT_GROUP.EXTERNAL_ID.in(externalIds)))
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
        dsl.select(PRODUCT_PLU.LIST_CODE, PRODUCT_PLU.CODE, PRODUCT_PLU.PRODUCT_ID, PRODUCT.STATE)
                .from(PRODUCT_PLU).join(PRODUCT).on(PRODUCT.ID.eq(PRODUCT_PLU.PRODUCT_ID))
                .where(PRODUCT_PLU.CODE.in(codes)).and(PRODUCT_PLU.LIST_CODE.in(lists))
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
        return dsl.select(PRODUCT_TAG.ID).from(PRODUCT_TAG).where(PRODUCT_TAG.ID.in(ids)).and(PRODUCT_TAG.STATE.ne(0))
                .fetchSet(PRODUCT_TAG.ID);
    }

    /** Tag ids by text id, for project files that name tags by text id. */
    Map<String, String> tagIdsByTextId() {
        return dsl.select(PRODUCT_TAG.TEXT_ID, PRODUCT_TAG.ID).from(PRODUCT_TAG)
                .fetchMap(PRODUCT_TAG.TEXT_ID, PRODUCT_TAG.ID);
    }

    // --- writes ----------------------------------------------------------------------------------

    void upsertBrands(Collection<BrandRow> rows, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return;
        }
        for (List<BrandRow> chunk : BulkSql.chunks(dsl, rows)) {
            var insert = dsl.insertInto(PRODUCT_BRAND, PRODUCT_BRAND.ID, PRODUCT_BRAND.EXTERNAL_ID,
                    PRODUCT_BRAND.LAST_CHANGE);
            for (BrandRow row : chunk) {
                insert = insert.values(row.id(), row.externalId(), now);
            }
            insert.onConflict(PRODUCT_BRAND.ID).doUpdate()
                    .set(PRODUCT_BRAND.LAST_CHANGE, DSL.excluded(PRODUCT_BRAND.LAST_CHANGE)).execute();
        }
    }

    /** Inserts new groups and updates the given fields of existing ones; parents are set by {@link #setParents}. */
    void upsertGroups(Collection<GroupRow> rows, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return;
        }
        for (List<GroupRow> chunk : BulkSql.chunks(dsl, rows)) {
            var insert = dsl.insertInto(PRODUCT_GROUP, PRODUCT_GROUP.ID, PRODUCT_GROUP.EXTERNAL_ID, PRODUCT_GROUP.CODE,
                    PRODUCT_GROUP.PARTNER_ID, PRODUCT_GROUP.STORE_ID,
                    PRODUCT_GROUP.STATE, PRODUCT_GROUP.LAST_CHANGE);
            for (GroupRow row : chunk) {
                insert = insert.values(row.id(), row.externalId(), row.code(), row.partnerId(), row.storeId(), 1, now);
            }
            insert.onConflict(PRODUCT_GROUP.ID).doUpdate()
                    .set(PRODUCT_GROUP.CODE, keep(PRODUCT_GROUP.CODE))
                    .set(PRODUCT_GROUP.PARTNER_ID, keep(PRODUCT_GROUP.PARTNER_ID))
                    .set(PRODUCT_GROUP.STORE_ID, keep(PRODUCT_GROUP.STORE_ID))
                    .set(PRODUCT_GROUP.LAST_CHANGE, DSL.excluded(PRODUCT_GROUP.LAST_CHANGE))
                    .execute();
        }
    }

    /** Sets parents after all groups of a batch exist, so a parent may be new in the same batch. */
    void setParents(Map<String, String> parentByGroup) {
        if (parentByGroup.isEmpty()) {
            return;
        }
        var batch = dsl.batch(dsl.update(PRODUCT_GROUP).set(PRODUCT_GROUP.PARENT_ID, (String) null)
                .where(PRODUCT_GROUP.ID.eq((String) null)));
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
            var insert = dsl.insertInto(PRODUCT, PRODUCT.ID, PRODUCT.CODE, PRODUCT.PARTNER_ID, PRODUCT.STORE_ID,
                    PRODUCT.BRAND_ID, PRODUCT.GROUP_ID, PRODUCT.STATE, PRODUCT.LAST_CHANGE);
            for (ProductRow row : chunk) {
                insert = insert.values(row.id(), row.code(), row.partnerId(), row.storeId(), row.brandId(),
                        row.groupId(), row.state(), now);
            }
            insert.onConflict(PRODUCT.ID).doUpdate()
                    .set(PRODUCT.CODE, keep(PRODUCT.CODE))
                    .set(PRODUCT.PARTNER_ID, keep(PRODUCT.PARTNER_ID))
                    .set(PRODUCT.STORE_ID, keep(PRODUCT.STORE_ID))
                    .set(PRODUCT.BRAND_ID, keep(PRODUCT.BRAND_ID))
                    .set(PRODUCT.GROUP_ID, keep(PRODUCT.GROUP_ID))
                    .set(PRODUCT.STATE, DSL.excluded(PRODUCT.STATE))
                    .set(PRODUCT.LAST_CHANGE, DSL.excluded(PRODUCT.LAST_CHANGE))
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
            var insert = dsl.insertInto(PRODUCT_PLU, PRODUCT_PLU.LIST_CODE, PRODUCT_PLU.CODE, PRODUCT_PLU.PRODUCT_ID);
            for (var entry : chunk) {
                insert = insert.values(entry.getKey().listCode(), entry.getKey().code(), entry.getValue());
            }
            insert.onConflict(PRODUCT_PLU.CODE, PRODUCT_PLU.LIST_CODE).doNothing().execute();
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
            var insert = dsl.insertInto(PRODUCT_PRICE, PRODUCT_PRICE.PRODUCT_ID, PRODUCT_PRICE.CURRENCY_ID,
                    PRODUCT_PRICE.PRICE);
            for (PriceRow row : chunk) {
                insert = insert.values(row.productId(), row.currencyId(), row.value());
            }
            insert.onConflict(PRODUCT_PRICE.PRODUCT_ID, PRODUCT_PRICE.CURRENCY_ID).doUpdate()
                    .set(PRODUCT_PRICE.PRICE, DSL.excluded(PRODUCT_PRICE.PRICE))
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
            var insert = dsl.insertInto(PRODUCT_TAG_RECORD, PRODUCT_TAG_RECORD.PRODUCT_ID, PRODUCT_TAG_RECORD.TAG_ID);
            for (String[] pair : chunk) {
                insert = insert.values(pair[0], pair[1]);
            }
            insert.onConflict(PRODUCT_TAG_RECORD.PRODUCT_ID, PRODUCT_TAG_RECORD.TAG_ID).doNothing().execute();
        }
    }
}
