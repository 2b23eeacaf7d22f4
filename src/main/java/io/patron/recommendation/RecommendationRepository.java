package io.patron.recommendation;

import static io.patron.db.Tables.RECO_CUSTOMER_GROUP;
import static io.patron.db.Tables.RECO_CUSTOMER_PRODUCT;
import static io.patron.db.Tables.RECO_PRODUCT_PAIR;
import static io.patron.db.Tables.RECO_PRODUCT_POPULARITY;
import static io.patron.db.Tables.RECO_REFRESH;
import static io.patron.db.Tables.THIRD_PARTY_RECOMMENDATION;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record5;
import org.jooq.Select;
import org.jooq.SelectSelectStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

import io.patron.catalog.CatalogQueries.Listing;
import io.patron.catalog.PluId;
import io.patron.common.BulkSql;

/** The SQL of the recommendation engine: set-based rebuilds of the score tables and the reads of one call. */
@Repository
class RecommendationRepository {

    static final String CUSTOMER = "customer";
    static final String PRODUCT = "product";

    private final DSLContext dsl;

    RecommendationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // --- the rebuild (one statement per table over the whole history) -----------------------------------------------

    /** Purchases per customer and product, from the history's lines (customer_id, purchase_id, product_id). */
    int rebuildCustomerProducts(Select<Record3<String, String, String>> lines) {
        dsl.deleteFrom(RECO_CUSTOMER_PRODUCT).execute();
        Table<Record3<String, String, String>> l = lines.asTable("l");
        Field<String> customer = l.field(0, String.class);
        Field<String> purchase = l.field(1, String.class);
        Field<String> product = l.field(2, String.class);
        return dsl.insertInto(RECO_CUSTOMER_PRODUCT, RECO_CUSTOMER_PRODUCT.CUSTOMER_ID, RECO_CUSTOMER_PRODUCT.PRODUCT_ID,
                        RECO_CUSTOMER_PRODUCT.PURCHASES)
                .select(select(customer, product, countDistinct(purchase)).from(l).groupBy(customer, product))
                .execute();
    }

    /** Purchases per customer and product group, from the lines and the catalogue's (product_id, group_id). */
    int rebuildCustomerGroups(Select<Record3<String, String, String>> lines,
                              Select<Record2<String, String>> productGroups) {
        dsl.deleteFrom(RECO_CUSTOMER_GROUP).execute();
        Table<Record3<String, String, String>> l = lines.asTable("l");
        Table<Record2<String, String>> g = productGroups.asTable("g");
        Field<String> customer = l.field(0, String.class);
        Field<String> purchase = l.field(1, String.class);
        Field<String> group = g.field(1, String.class);
        return dsl.insertInto(RECO_CUSTOMER_GROUP, RECO_CUSTOMER_GROUP.CUSTOMER_ID, RECO_CUSTOMER_GROUP.GROUP_ID,
                        RECO_CUSTOMER_GROUP.PURCHASES)
                .select(select(customer, group, countDistinct(purchase))
                        .from(l.join(g).on(g.field(0, String.class).eq(l.field(2, String.class))))
                        .groupBy(customer, group))
                .execute();
    }

    /** Distinct customers per product, from the customer products. */
    int rebuildPopularity() {
        dsl.deleteFrom(RECO_PRODUCT_POPULARITY).execute();
        return dsl.insertInto(RECO_PRODUCT_POPULARITY, RECO_PRODUCT_POPULARITY.PRODUCT_ID,
                        RECO_PRODUCT_POPULARITY.CUSTOMERS)
                .select(select(RECO_CUSTOMER_PRODUCT.PRODUCT_ID, count()).from(RECO_CUSTOMER_PRODUCT)
                        .groupBy(RECO_CUSTOMER_PRODUCT.PRODUCT_ID))
                .execute();
    }

    /**
     * Vacuums the rebuilt score tables (the rows they held before are dead) and refreshes their statistics
     * (PostgreSQL): a call's statements are planned from them, and tables just rebuilt with millions of rows are
     * unknown to the planner until autovacuum's next analyze (never, where autovacuum is off), which made it scan all
     * co-purchase pairs per call. Outside a transaction; does nothing on H2.
     */
    void vacuumScores() {
        BulkSql.vacuumAnalyze(dsl, RECO_CUSTOMER_PRODUCT, RECO_CUSTOMER_GROUP, RECO_PRODUCT_POPULARITY, RECO_PRODUCT_PAIR);
    }

    /**
     * Co-purchases from the customer products: for each product the {@code limit} other products bought by most of
     * the same customers (ties by product id).
     */
    int rebuildPairs(int limit) {
        dsl.deleteFrom(RECO_PRODUCT_PAIR).execute();
        var a = RECO_CUSTOMER_PRODUCT.as("a");
        var b = RECO_CUSTOMER_PRODUCT.as("b");
        Field<Integer> customers = count().as("customers");
        Field<Integer> rank = rowNumber().over(DSL.partitionBy(a.PRODUCT_ID)
                .orderBy(count().desc(), b.PRODUCT_ID.asc())).as("rank_in_product");
        Table<?> ranked = select(a.PRODUCT_ID.as("product_id"), b.PRODUCT_ID.as("other_product_id"), customers, rank)
                .from(a.join(b).on(b.CUSTOMER_ID.eq(a.CUSTOMER_ID)).and(b.PRODUCT_ID.ne(a.PRODUCT_ID)))
                .groupBy(a.PRODUCT_ID, b.PRODUCT_ID)
                .asTable("ranked");
        return dsl.insertInto(RECO_PRODUCT_PAIR, RECO_PRODUCT_PAIR.PRODUCT_ID, RECO_PRODUCT_PAIR.OTHER_PRODUCT_ID,
                        RECO_PRODUCT_PAIR.CUSTOMERS)
                .select(select(ranked.field("product_id", String.class), ranked.field("other_product_id", String.class),
                        ranked.field("customers", Integer.class))
                        .from(ranked).where(ranked.field("rank_in_product", Integer.class).le(inline(limit))))
                .execute();
    }

    /** When the last recorded rebuild ended (null before the first). */
    OffsetDateTime lastRefreshEnd() {
        var last = dsl.select(RECO_REFRESH.REFRESHED_AT, RECO_REFRESH.DURATION_MS).from(RECO_REFRESH)
                .where(RECO_REFRESH.ID.eq(1)).fetchOne();
        return last == null ? null : last.value1().plus(Duration.ofMillis(last.value2()));
    }

    void recordRefresh(OffsetDateTime at, long durationMs, int customerProducts, int pairs) {
        int updated = dsl.update(RECO_REFRESH).set(RECO_REFRESH.REFRESHED_AT, at).set(RECO_REFRESH.DURATION_MS, durationMs)
                .set(RECO_REFRESH.CUSTOMER_PRODUCTS, customerProducts).set(RECO_REFRESH.PRODUCT_PAIRS, pairs)
                .where(RECO_REFRESH.ID.eq(1)).execute();
        if (updated == 0) {
            dsl.insertInto(RECO_REFRESH).set(RECO_REFRESH.ID, 1).set(RECO_REFRESH.REFRESHED_AT, at)
                    .set(RECO_REFRESH.DURATION_MS, durationMs).set(RECO_REFRESH.CUSTOMER_PRODUCTS, customerProducts)
                    .set(RECO_REFRESH.PRODUCT_PAIRS, pairs).execute();
        }
    }

    // --- the reads of one call (each part by a primary key prefix) -------------------------------------------------

    /** The kinds of row {@link #signals} answers; a row's {@code kind} column is the ordinal. */
    enum Signal {
        /** One row, without values, when the customer exists. */
        CUSTOMER,
        /** A product of the customer's history: {@code amount} purchases (the most frequent ones). */
        OWN,
        /** A product group of the customer's history: {@code amount} purchases. */
        GROUP,
        /** A product co-purchased with the customer's products: {@code amount} summed over them, {@code rank}. */
        CO,
        /** A product a third party recommends to the customer: the best {@code score}, {@code rank}. */
        THIRD,
        /** A product co-purchased with the cart's products: {@code amount} summed over them, {@code rank}. */
        CART_CO,
        /** A product a third party links to a cart product: the best {@code score}, {@code rank}. */
        CART_THIRD,
        /** One of the products most customers bought: {@code amount} customers, {@code rank}. */
        POPULAR
    }

    /** A row of {@link #signals}; {@code amount} and {@code rank} are 0 and {@code score} null where they do not apply. */
    record SignalRow(Signal kind, String id, long amount, BigDecimal score, long rank) {
    }

    private static final Signal[] SIGNALS = Signal.values();
    private static final Field<String> NO_ID = DSL.castNull(SQLDataType.VARCHAR(32));
    private static final Field<Long> NO_AMOUNT = DSL.castNull(SQLDataType.BIGINT);
    private static final Field<BigDecimal> NO_SCORE = DSL.castNull(THIRD_PARTY_RECOMMENDATION.SCORE.getDataType());
    private static final Field<Long> NO_RANK = DSL.castNull(SQLDataType.BIGINT);

    /**
     * The rows of the score tables one call reads, in one statement ({@code UNION ALL} of the parts, each by a
     * primary key prefix or the popularity rank's index): with a customer, whether they exist, their {@code history}
     * most frequent products, their groups, the products co-purchased with those products and the third-party scores
     * for them; with a cart (the ids of its products that are not deleted), the products co-purchased with them and
     * the third-party scores linked to them; and the {@code popular} products most customers bought.
     * <p>
     * Co-purchases and third-party scores are summed (the best score) per product and ranked from 1 by strength, then
     * by product id, in the database (at most {@code limit} per part), and only the rows the call can use come back:
     * the ranks up to {@code pool} (the candidates of a fill; at least rank 1, the strongest, which every part of a
     * score is divided by) and the rows of the products the call scores: those of {@code scored} (the request's
     * list) and, when {@code pool > 0} (a fill), every candidate of the fill (the history, the ranks up to
     * {@code pool} of each ranked part, the popular products). The call's answer is the one it gave when it read
     * every row (a product's score needs the rows that name it and the strongest of each part, nothing else). The
     * parts are common table expressions so that each is computed once for the answer and for the candidates.
     */
    List<SignalRow> signals(String customerId, Condition customerExists, Select<Record1<String>> cart,
                            Collection<String> scored, int popular, int history, int pool, int limit) {
        List<CommonTableExpression<?>> with = new ArrayList<>();
        List<Select<Record5<Integer, String, Long, BigDecimal, Long>>> parts = new ArrayList<>();
        // the ranked parts by kind, and the products a fill may consider
        Map<Signal, CommonTableExpression<?>> ranked = new LinkedHashMap<>();
        List<Select<Record1<String>>> candidates = new ArrayList<>();
        if (customerId != null) {
            parts.add(row(Signal.CUSTOMER, NO_ID, NO_AMOUNT, NO_SCORE, NO_RANK).where(customerExists));
            var own = RECO_CUSTOMER_PRODUCT;
            CommonTableExpression<?> hist = DSL.name("reco_history").fields(ID, AMOUNT, SCORE, ORD)
                    .as(select(own.PRODUCT_ID, own.PURCHASES.cast(SQLDataType.BIGINT), NO_SCORE, NO_RANK)
                            .from(own).where(own.CUSTOMER_ID.eq(customerId))
                            .orderBy(own.PURCHASES.desc(), own.PRODUCT_ID).limit(history));
            with.add(hist);
            parts.add(row(Signal.OWN, id(hist), amount(hist), NO_SCORE, NO_RANK).from(hist));
            candidates.add(select(id(hist)).from(hist));
            var groups = RECO_CUSTOMER_GROUP;
            parts.add(row(Signal.GROUP, groups.GROUP_ID, groups.PURCHASES.cast(SQLDataType.BIGINT), NO_SCORE, NO_RANK)
                    .from(groups).where(groups.CUSTOMER_ID.eq(customerId)));
            ranked.put(Signal.CO, coPurchases("reco_co", select(id(hist)).from(hist)));
            ranked.put(Signal.THIRD, thirdParty("reco_third", THIRD_PARTY_RECOMMENDATION.SUBJECT_KIND.eq(CUSTOMER)
                    .and(THIRD_PARTY_RECOMMENDATION.SUBJECT_ID.eq(customerId))));
        }
        if (cart != null) {
            CommonTableExpression<?> products = DSL.name("reco_cart").fields(ID).as(cart);
            with.add(products);
            ranked.put(Signal.CART_CO, coPurchases("reco_cart_co", select(id(products)).from(products)));
            ranked.put(Signal.CART_THIRD, thirdParty("reco_cart_third", THIRD_PARTY_RECOMMENDATION.SUBJECT_KIND
                    .eq(PRODUCT).and(THIRD_PARTY_RECOMMENDATION.SUBJECT_ID.in(select(id(products)).from(products)))));
        }
        if (popular > 0) {
            var p = RECO_PRODUCT_POPULARITY;
            CommonTableExpression<?> most = DSL.name("reco_popular").fields(ID, AMOUNT, SCORE, ORD)
                    .as(select(p.PRODUCT_ID, p.CUSTOMERS.cast(SQLDataType.BIGINT), NO_SCORE,
                            rowNumber().over(DSL.orderBy(p.CUSTOMERS.desc(), p.PRODUCT_ID)).cast(SQLDataType.BIGINT))
                            .from(p).orderBy(p.CUSTOMERS.desc(), p.PRODUCT_ID).limit(popular));
            with.add(most);
            parts.add(row(Signal.POPULAR, id(most), amount(most), NO_SCORE, ord(most)).from(most));
            candidates.add(select(id(most)).from(most));
        }
        if (parts.isEmpty() && ranked.isEmpty()) {
            return List.of();
        }
        with.addAll(ranked.values());
        ranked.values().forEach(r -> candidates.add(select(id(r)).from(r)
                .where(ord(r).le(inline((long) Math.min(pool, limit))))));
        CommonTableExpression<?> fill = null;
        if (pool > 0 && !ranked.isEmpty()) {
            Select<Record1<String>> all = candidates.getFirst();
            for (int i = 1; i < candidates.size(); i++) {
                all = all.unionAll(candidates.get(i));
            }
            fill = DSL.name("reco_candidates").fields(ID).as(all);
            with.add(fill);
        }
        for (Map.Entry<Signal, CommonTableExpression<?>> e : ranked.entrySet()) {
            CommonTableExpression<?> r = e.getValue();
            Condition used = ord(r).le(inline((long) Math.max(pool, 1))).or(BulkSql.anyOf(id(r), scored));
            if (fill != null) {
                used = used.or(id(r).in(select(id(fill)).from(fill)));
            }
            parts.add(row(e.getKey(), id(r), amount(r), score(r), ord(r)).from(r)
                    .where(ord(r).le(inline((long) limit))).and(used));
        }
        Select<Record5<Integer, String, Long, BigDecimal, Long>> union = parts.getFirst();
        for (int i = 1; i < parts.size(); i++) {
            union = union.unionAll(parts.get(i));
        }
        Table<Record5<Integer, String, Long, BigDecimal, Long>> all = union.asTable("signals");
        List<SignalRow> rows = new ArrayList<>();
        dsl.with(with).select(all.fields()).from(all).forEach(r -> {
            Long amount = r.get(2, Long.class);
            Long rank = r.get(4, Long.class);
            rows.add(new SignalRow(SIGNALS[r.get(0, Integer.class)], r.get(1, String.class),
                    amount == null ? 0 : amount, r.get(3, BigDecimal.class), rank == null ? 0 : rank));
        });
        return rows;
    }

    // the columns of a ranked part, of the history and of the popular products: product, amount, score, rank
    private static final String ID = "id";
    private static final String AMOUNT = "amount";
    private static final String SCORE = "score";
    private static final String ORD = "ord";

    private static Field<String> id(Table<?> part) {
        return part.field(ID, String.class);
    }

    private static Field<Long> amount(Table<?> part) {
        return part.field(AMOUNT, Long.class);
    }

    private static Field<BigDecimal> score(Table<?> part) {
        return part.field(SCORE, BigDecimal.class);
    }

    private static Field<Long> ord(Table<?> part) {
        return part.field(ORD, Long.class);
    }

    private static SelectSelectStep<Record5<Integer, String, Long, BigDecimal, Long>> row(
            Signal kind, Field<String> id, Field<Long> amount, Field<BigDecimal> score, Field<Long> rank) {
        return select(inline(kind.ordinal()).as("kind"), id.as("id"), amount.as("amount"), score.as("score"),
                rank.as("ord"));
    }

    /** Every product co-purchased with any of {@code products}: the co-purchase counts summed over them, ranked. */
    private static CommonTableExpression<?> coPurchases(String name, Select<Record1<String>> products) {
        var pair = RECO_PRODUCT_PAIR;
        Field<BigDecimal> strength = sum(pair.CUSTOMERS);
        return DSL.name(name).fields(ID, AMOUNT, SCORE, ORD).as(select(pair.OTHER_PRODUCT_ID,
                        strength.cast(SQLDataType.BIGINT), NO_SCORE,
                        rowNumber().over(DSL.orderBy(strength.desc(), pair.OTHER_PRODUCT_ID)).cast(SQLDataType.BIGINT))
                .from(pair).where(pair.PRODUCT_ID.in(products))
                .groupBy(pair.OTHER_PRODUCT_ID));
    }

    /** The highest third-party score of each product for the subjects (the unique key's prefix), ranked. */
    private static CommonTableExpression<?> thirdParty(String name, Condition subjects) {
        var third = THIRD_PARTY_RECOMMENDATION;
        Field<BigDecimal> best = max(third.SCORE);
        return DSL.name(name).fields(ID, AMOUNT, SCORE, ORD).as(select(third.PRODUCT_ID, NO_AMOUNT, best,
                        rowNumber().over(DSL.orderBy(best.desc(), third.PRODUCT_ID)).cast(SQLDataType.BIGINT))
                .from(third).where(subjects)
                .groupBy(third.PRODUCT_ID));
    }

    /** What a call needs of products: their listings, PLU ids (ordered by list code and code) and popularity. */
    record Products(Map<String, Listing> listings, Map<String, List<PluId>> pluIds, Map<String, Integer> popularity) {

        static final Products NONE = new Products(Map.of(), Map.of(), Map.of());
    }

    /**
     * The catalogue's listing rows (product_id, group_id, state, list_code, code; see
     * {@link io.patron.catalog.CatalogQueries#listingRows}) with how many customers bought each product, in one
     * statement; products nobody bought have no popularity.
     */
    Products products(Select<Record5<String, String, Integer, String, String>> listingRows) {
        Table<Record5<String, String, Integer, String, String>> l = listingRows.asTable("listing");
        Field<String> id = l.field(0, String.class);
        Field<String> group = l.field(1, String.class);
        Field<Integer> state = l.field(2, Integer.class);
        Field<String> listCode = l.field(3, String.class);
        Field<String> code = l.field(4, String.class);
        var p = RECO_PRODUCT_POPULARITY;
        Map<String, Listing> listings = new HashMap<>();
        Map<String, List<PluId>> plus = new HashMap<>();
        Map<String, Integer> popularity = new HashMap<>();
        dsl.select(id, group, state, listCode, code, p.CUSTOMERS)
                .from(l).leftJoin(p).on(p.PRODUCT_ID.eq(id))
                .orderBy(listCode, code)
                .forEach(r -> {
                    String productId = r.value1();
                    if (!listings.containsKey(productId)) {
                        listings.put(productId, new Listing(productId, r.value2(), r.value3()));
                        if (r.value6() != null) {
                            popularity.put(productId, r.value6());
                        }
                    }
                    if (r.value5() != null) {
                        plus.computeIfAbsent(productId, k -> new ArrayList<>()).add(new PluId(r.value4(), r.value5()));
                    }
                });
        return new Products(listings, plus, popularity);
    }

    // --- third-party scores ----------------------------------------------------------------------------------------

    record ThirdPartyRow(String id, String subjectKind, String subjectId, String productId, String systemId,
                         String datasetId, BigDecimal score) {
    }

    /** Stores the scores; a row with the same subject, product, system and data set gets the new score. */
    void upsertThirdParty(Collection<ThirdPartyRow> rows, OffsetDateTime now) {
        for (List<ThirdPartyRow> chunk : BulkSql.chunks(dsl, rows)) {
            var insert = dsl.insertInto(THIRD_PARTY_RECOMMENDATION, THIRD_PARTY_RECOMMENDATION.ID,
                    THIRD_PARTY_RECOMMENDATION.SUBJECT_KIND, THIRD_PARTY_RECOMMENDATION.SUBJECT_ID,
                    THIRD_PARTY_RECOMMENDATION.PRODUCT_ID, THIRD_PARTY_RECOMMENDATION.SYSTEM_ID,
                    THIRD_PARTY_RECOMMENDATION.DATASET_ID, THIRD_PARTY_RECOMMENDATION.SCORE,
                    THIRD_PARTY_RECOMMENDATION.LAST_CHANGE);
            for (ThirdPartyRow row : chunk) {
                insert = insert.values(row.id(), row.subjectKind(), row.subjectId(), row.productId(), row.systemId(),
                        row.datasetId(), row.score(), now);
            }
            insert.onConflict(THIRD_PARTY_RECOMMENDATION.ID).doUpdate()
                    .set(THIRD_PARTY_RECOMMENDATION.SCORE, DSL.excluded(THIRD_PARTY_RECOMMENDATION.SCORE))
                    .set(THIRD_PARTY_RECOMMENDATION.LAST_CHANGE, DSL.excluded(THIRD_PARTY_RECOMMENDATION.LAST_CHANGE))
                    .execute();
        }
    }
}
