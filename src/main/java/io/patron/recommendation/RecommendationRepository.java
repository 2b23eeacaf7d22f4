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
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

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

    // --- the reads of one call (each by a primary key prefix) ------------------------------------------------------

    /** How many purchases of the customer contained each product (at most {@code limit}, most frequent first). */
    Map<String, Integer> customerProducts(String customerId, int limit) {
        return dsl.select(RECO_CUSTOMER_PRODUCT.PRODUCT_ID, RECO_CUSTOMER_PRODUCT.PURCHASES).from(RECO_CUSTOMER_PRODUCT)
                .where(RECO_CUSTOMER_PRODUCT.CUSTOMER_ID.eq(customerId))
                .orderBy(RECO_CUSTOMER_PRODUCT.PURCHASES.desc(), RECO_CUSTOMER_PRODUCT.PRODUCT_ID)
                .limit(limit)
                .fetchMap(RECO_CUSTOMER_PRODUCT.PRODUCT_ID, RECO_CUSTOMER_PRODUCT.PURCHASES);
    }

    /** How many purchases of the customer contained a product of each group. */
    Map<String, Integer> customerGroups(String customerId) {
        return dsl.select(RECO_CUSTOMER_GROUP.GROUP_ID, RECO_CUSTOMER_GROUP.PURCHASES).from(RECO_CUSTOMER_GROUP)
                .where(RECO_CUSTOMER_GROUP.CUSTOMER_ID.eq(customerId))
                .fetchMap(RECO_CUSTOMER_GROUP.GROUP_ID, RECO_CUSTOMER_GROUP.PURCHASES);
    }

    /**
     * For every product co-purchased with any of {@code products}: the sum of the co-purchase counts over them, the
     * {@code limit} strongest (ties by id).
     */
    Map<String, Long> coPurchases(Collection<String> products, int limit) {
        if (products.isEmpty()) {
            return Map.of();
        }
        Field<BigDecimal> strength = sum(RECO_PRODUCT_PAIR.CUSTOMERS);
        Map<String, Long> out = new LinkedHashMap<>();
        dsl.select(RECO_PRODUCT_PAIR.OTHER_PRODUCT_ID, strength).from(RECO_PRODUCT_PAIR)
                .where(RECO_PRODUCT_PAIR.PRODUCT_ID.in(products))
                .groupBy(RECO_PRODUCT_PAIR.OTHER_PRODUCT_ID)
                .orderBy(strength.desc(), RECO_PRODUCT_PAIR.OTHER_PRODUCT_ID)
                .limit(limit)
                .forEach(r -> out.put(r.value1(), r.value2().longValue()));
        return out;
    }

    /** The highest third-party score of each product for these subjects (at most {@code limit}, best first). */
    Map<String, BigDecimal> thirdPartyScores(String subjectKind, Collection<String> subjects, int limit) {
        if (subjects.isEmpty()) {
            return Map.of();
        }
        Field<BigDecimal> best = max(THIRD_PARTY_RECOMMENDATION.SCORE);
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        dsl.select(THIRD_PARTY_RECOMMENDATION.PRODUCT_ID, best).from(THIRD_PARTY_RECOMMENDATION)
                .where(THIRD_PARTY_RECOMMENDATION.SUBJECT_KIND.eq(subjectKind))
                .and(THIRD_PARTY_RECOMMENDATION.SUBJECT_ID.in(subjects))
                .groupBy(THIRD_PARTY_RECOMMENDATION.PRODUCT_ID)
                .orderBy(best.desc(), THIRD_PARTY_RECOMMENDATION.PRODUCT_ID)
                .limit(limit)
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    /** How many customers bought each of these products (products nobody bought are left out). */
    Map<String, Integer> popularity(Collection<String> products) {
        if (products.isEmpty()) {
            return Map.of();
        }
        return dsl.select(RECO_PRODUCT_POPULARITY.PRODUCT_ID, RECO_PRODUCT_POPULARITY.CUSTOMERS)
                .from(RECO_PRODUCT_POPULARITY).where(RECO_PRODUCT_POPULARITY.PRODUCT_ID.in(products))
                .fetchMap(RECO_PRODUCT_POPULARITY.PRODUCT_ID, RECO_PRODUCT_POPULARITY.CUSTOMERS);
    }

    /** The products most customers bought (ties by id). */
    List<String> mostPopular(int limit) {
        return dsl.select(RECO_PRODUCT_POPULARITY.PRODUCT_ID).from(RECO_PRODUCT_POPULARITY)
                .orderBy(RECO_PRODUCT_POPULARITY.CUSTOMERS.desc(), RECO_PRODUCT_POPULARITY.PRODUCT_ID)
                .limit(limit)
                .fetch(RECO_PRODUCT_POPULARITY.PRODUCT_ID);
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
