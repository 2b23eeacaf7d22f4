package io.patron.recommendation;

import static io.patron.db.Tables.PRODUCT;
import static io.patron.db.Tables.PRODUCT_PLU;
import static io.patron.db.Tables.RECO_CUSTOMER_GROUP;
import static io.patron.db.Tables.RECO_CUSTOMER_PRODUCT;
import static io.patron.db.Tables.RECO_PRODUCT_PAIR;
import static io.patron.db.Tables.RECO_PRODUCT_POPULARITY;
import static io.patron.db.Tables.THIRD_PARTY_RECOMMENDATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.api.Caller;
import io.patron.catalog.CatalogQueries.Listing;
import io.patron.catalog.PluId;
import io.patron.common.Ids;
import io.patron.recommendation.RecommendationBodies.CartRequest;
import io.patron.recommendation.RecommendationBodies.ProductRequest;
import io.patron.recommendation.RecommendationBodies.RecommendedProduct;
import io.patron.recommendation.RecommendationBodies.Recommendations;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/**
 * The engine answers what it answered before its reads were folded into two statements per call and before it ranked
 * co-purchases and third-party scores in the database, returning only the rows a call uses (issue 13): the earlier
 * engine, kept here as {@link Reference} with its one query per signal reading every row, and the engine itself answer
 * the same to random requests of every operation for every customer over random score tables written directly (300
 * products, a heavy buyer beyond the 200 products of history a call considers and with more than 200 co-purchased
 * products, a customer with more than 200 third-party products, small values for many ties at the 200th rank, deleted
 * products, products without a group and with two PLU ids, lists naming products ranked beyond the 200th).
 */
class RecommendationEquivalenceTest extends ApiTest {

    private static final int PRODUCTS = 300;

    @Autowired
    RecommendationService engine;

    @Autowired
    DSLContext dsl;

    @Test
    void theEngineAnswersWhatTheReferenceAnswers() {
        Random random = new Random(13);
        Api admin = admin();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int g = 0; g < 8; g++) {
            groups.add(Map.of("external_id", "eq-g" + g, "name", "Group " + g));
        }
        admin.post("/product-groups/batch", Map.of("product_groups", groups)).expect(204);
        List<Map<String, Object>> batch = new ArrayList<>();
        List<String> products = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            Map<String, Object> product = new HashMap<>();
            product.put("code", "EQ" + p);
            product.put("name", "Product " + p);
            List<Map<String, Object>> plus = new ArrayList<>();
            plus.add(Map.of("list_code", "GLOBAL", "code", "EQ-" + p));
            if (p % 7 == 0) {
                plus.add(Map.of("list_code", "EAN", "code", "859" + p));
            }
            product.put("plu_ids", plus);
            if (p % 9 != 0) {
                product.put("product_group_external_id", "eq-g" + (p % 8));
            }
            product.put("state", p % 23 == 5 ? 0 : 1);
            batch.add(product);
            products.add(Ids.stable("product", "GLOBAL\u0000EQ-" + p));
        }
        admin.post("/products/batch", Map.of("products", batch)).expect(204);
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            customers.add(newCustomer(admin, "eq" + c + "@example.com"));
        }
        List<String> groupIds = new ArrayList<>();
        admin.get("/product-groups", "count", "100").expect(200).data().path("product_groups")
                .forEach(g -> groupIds.add(g.path("product_group_id").asString()));

        // customer 0 bought ~260 distinct products, 1 a few, 2 nothing (~260 third-party scores), 3 nothing at all
        writeCustomer(random, customers.get(0), products, groupIds, 600);
        writeCustomer(random, customers.get(1), products, groupIds, 6);
        var popularity = dsl.batch(dsl.insertInto(RECO_PRODUCT_POPULARITY, RECO_PRODUCT_POPULARITY.PRODUCT_ID,
                RECO_PRODUCT_POPULARITY.CUSTOMERS).values((String) null, null));
        var pairs = dsl.batch(dsl.insertInto(RECO_PRODUCT_PAIR, RECO_PRODUCT_PAIR.PRODUCT_ID,
                RECO_PRODUCT_PAIR.OTHER_PRODUCT_ID, RECO_PRODUCT_PAIR.CUSTOMERS).values((String) null, null, null));
        for (String product : products) {
            if (random.nextInt(10) < 8) {
                popularity = popularity.bind(product, 1 + random.nextInt(6));
            }
            Set<String> others = new HashSet<>();
            int links = random.nextInt(100);
            while (others.size() < links) {
                String other = products.get(random.nextInt(PRODUCTS));
                if (!other.equals(product) && others.add(other)) {
                    pairs = pairs.bind(product, other, 1 + random.nextInt(4));
                }
            }
        }
        popularity.execute();
        pairs.execute();
        var thirdParty = dsl.batch(dsl.insertInto(THIRD_PARTY_RECOMMENDATION, THIRD_PARTY_RECOMMENDATION.ID,
                THIRD_PARTY_RECOMMENDATION.SUBJECT_KIND, THIRD_PARTY_RECOMMENDATION.SUBJECT_ID,
                THIRD_PARTY_RECOMMENDATION.PRODUCT_ID, THIRD_PARTY_RECOMMENDATION.SYSTEM_ID,
                THIRD_PARTY_RECOMMENDATION.DATASET_ID, THIRD_PARTY_RECOMMENDATION.SCORE,
                THIRD_PARTY_RECOMMENDATION.LAST_CHANGE)
                .values((String) null, null, null, null, null, null, null, null));
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            boolean forCustomer = i < 700;
            String subject = forCustomer ? customers.get(i < 550 ? 2 : random.nextInt(2))
                    : products.get(random.nextInt(40));
            String product = products.get(random.nextInt(PRODUCTS));
            String system = "sys-" + random.nextInt(3);
            if (keys.add(subject + "/" + product + "/" + system)) {
                thirdParty = thirdParty.bind("eq-" + i, forCustomer ? "customer" : "product", subject, product,
                        system, "set", BigDecimal.valueOf(random.nextInt(8), 1), OffsetDateTime.now());
            }
        }
        thirdParty.execute();

        Caller caller = new Caller.User("equivalence", ENTERPRISE_APP, "hash");
        Reference reference = new Reference(dsl);
        int nonEmpty = 0;
        for (int i = 0; i < 480; i++) {
            // every operation (i % 6) meets every customer: (3k + operation) % 4 takes all four values over k = i / 6
            String customer = customers.get((i + i / 6) % customers.size());
            List<String> list = randomProducts(random, products, random.nextInt(4) == 0 ? 0 : random.nextInt(40));
            List<String> cart = randomProducts(random, products.subList(0, 60), 1 + random.nextInt(5));
            Integer count = random.nextInt(3) == 0 ? null : 1 + random.nextInt(random.nextBoolean() ? 8 : 400);
            ProductRequest product = new ProductRequest(customer, list, count);
            CartRequest shoppingCart = new CartRequest(customer, cart, list, count);
            Recommendations expected;
            Recommendations actual;
            switch (i % 6) {
                case 0 -> {
                    expected = reference.productEliminate(product);
                    actual = engine.productEliminate(caller, product);
                }
                case 1 -> {
                    expected = reference.productOrder(product);
                    actual = engine.productOrder(caller, product);
                }
                case 2 -> {
                    expected = reference.productCombine(product);
                    actual = engine.productCombine(caller, product);
                }
                case 3 -> {
                    expected = reference.cartEliminate(shoppingCart);
                    actual = engine.cartEliminate(caller, shoppingCart);
                }
                case 4 -> {
                    expected = reference.cartOrder(shoppingCart);
                    actual = engine.cartOrder(shoppingCart);
                }
                default -> {
                    expected = reference.cartCombine(shoppingCart);
                    actual = engine.cartCombine(caller, shoppingCart);
                }
            }
            assertThat(actual).as("request %d", i).isEqualTo(expected);
            if (!actual.recommendedProductsList().isEmpty()) {
                nonEmpty++;
            }
        }
        assertThat(nonEmpty).isGreaterThan(100);
    }

    private void writeCustomer(Random random, String customer, List<String> products, List<String> groups, int n) {
        var own = dsl.batch(dsl.insertInto(RECO_CUSTOMER_PRODUCT, RECO_CUSTOMER_PRODUCT.CUSTOMER_ID,
                RECO_CUSTOMER_PRODUCT.PRODUCT_ID, RECO_CUSTOMER_PRODUCT.PURCHASES).values((String) null, null, null));
        for (String product : new LinkedHashSet<>(randomProducts(random, products, n))) {
            own = own.bind(customer, product, 1 + random.nextInt(3));
        }
        own.execute();
        for (String group : groups) {
            if (random.nextBoolean()) {
                dsl.insertInto(RECO_CUSTOMER_GROUP).set(RECO_CUSTOMER_GROUP.CUSTOMER_ID, customer)
                        .set(RECO_CUSTOMER_GROUP.GROUP_ID, group)
                        .set(RECO_CUSTOMER_GROUP.PURCHASES, 1 + random.nextInt(4)).execute();
            }
        }
    }

    private static List<String> randomProducts(Random random, List<String> products, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(products.get(random.nextInt(products.size())));
        }
        return out;
    }

    private String newCustomer(Api api, String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", Map.of("first_name", "Equal", "last_name", "Tester",
                "email", email, "language_id", "en")));
        body.put("customer_source", Map.of("customer_source_id", Ids.stable("customer_source", "eshop")));
        body.put("autologin", false);
        body.put("password", "S3cret-pass-42");
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    /**
     * The engine before issue 13 (one query per signal, the popularity per ranking, the listings and PLU ids apart),
     * for valid requests of existing customers.
     */
    static final class Reference {

        private static final int HISTORY = 200;
        private static final int POOL = 200;
        private static final int SIGNAL_ROWS = 100_000;

        private final DSLContext dsl;

        Reference(DSLContext dsl) {
            this.dsl = dsl;
        }

        Recommendations productEliminate(ProductRequest request) {
            Map<String, Listing> list = initial(request.productIdList());
            Personal personal = new Personal(request.customerId());
            List<Candidate> matching = rank(list.values().stream()
                    .map(l -> new Candidate(l.productId(), personal.score(l), 0)).filter(c -> c.primary > 0).toList());
            return answer(matching, matching.size(), null);
        }

        Recommendations productOrder(ProductRequest request) {
            Map<String, Listing> list = initial(request.productIdList());
            Personal personal = new Personal(request.customerId());
            List<Candidate> ranked = rank(list.values().stream()
                    .map(l -> new Candidate(l.productId(), personal.score(l), 0)).toList());
            return answer(ranked, ranked.size(), request.count());
        }

        Recommendations productCombine(ProductRequest request) {
            Map<String, Listing> list = initial(request.productIdList());
            int count = request.count() == null ? RecommendationService.DEFAULT_COMBINE_COUNT : request.count();
            Personal personal = new Personal(request.customerId());
            List<Candidate> result = new ArrayList<>(rank(list.values().stream()
                    .map(l -> new Candidate(l.productId(), personal.score(l), 0)).filter(c -> c.primary > 0)
                    .toList()));
            if (result.size() < count) {
                Set<String> pool = new LinkedHashSet<>(personal.pool());
                pool.addAll(mostPopular(count + list.size()));
                result.addAll(fill(pool, list.keySet(), l -> new Candidate(l.productId(), personal.score(l), 0),
                        count - result.size()));
            }
            return answer(result, result.size(), count);
        }

        Recommendations cartEliminate(CartRequest request) {
            Map<String, Listing> cart = initial(request.cartProductIds());
            Map<String, Listing> list = initial(request.productIdList());
            Personal personal = new Personal(request.customerId());
            Cart signals = new Cart(cart.keySet());
            List<Candidate> matching = rank(list.values().stream()
                    .map(l -> new Candidate(l.productId(), signals.score(l.productId()), personal.score(l)))
                    .filter(c -> c.primary > 0).toList());
            return answer(matching, matching.size(), null);
        }

        Recommendations cartOrder(CartRequest request) {
            Map<String, Listing> cart = initial(request.cartProductIds());
            Map<String, Listing> list = initial(request.productIdList());
            Cart signals = new Cart(cart.keySet());
            List<Candidate> ranked = rank(list.values().stream()
                    .map(l -> new Candidate(l.productId(), signals.score(l.productId()), 0)).toList());
            return answer(ranked, ranked.size(), request.count());
        }

        Recommendations cartCombine(CartRequest request) {
            Map<String, Listing> cart = initial(request.cartProductIds());
            Map<String, Listing> list = initial(request.productIdList());
            int count = request.count() == null ? RecommendationService.DEFAULT_COMBINE_COUNT : request.count();
            Personal personal = new Personal(request.customerId());
            Cart signals = new Cart(cart.keySet());
            List<Candidate> result = new ArrayList<>(rank(list.values().stream()
                    .map(l -> new Candidate(l.productId(), signals.score(l.productId()), personal.score(l)))
                    .filter(c -> c.primary > 0).toList()));
            if (result.size() < count) {
                Set<String> pool = new LinkedHashSet<>(signals.pool());
                pool.addAll(personal.pool());
                pool.addAll(mostPopular(count + list.size() + cart.size()));
                Set<String> excluded = new HashSet<>(list.keySet());
                excluded.addAll(cart.keySet());
                result.addAll(fill(pool, excluded,
                        l -> new Candidate(l.productId(), signals.score(l.productId()), personal.score(l)),
                        count - result.size()));
            }
            return answer(result, result.size(), count);
        }

        private final class Personal {
            final Map<String, Integer> own;
            final Map<String, Integer> groups;
            final Map<String, Long> co;
            final Map<String, BigDecimal> third;
            final double maxOwn;
            final double maxGroup;
            final double maxCo;
            final double maxThird;

            Personal(String customerId) {
                own = dsl.select(RECO_CUSTOMER_PRODUCT.PRODUCT_ID, RECO_CUSTOMER_PRODUCT.PURCHASES)
                        .from(RECO_CUSTOMER_PRODUCT).where(RECO_CUSTOMER_PRODUCT.CUSTOMER_ID.eq(customerId))
                        .orderBy(RECO_CUSTOMER_PRODUCT.PURCHASES.desc(), RECO_CUSTOMER_PRODUCT.PRODUCT_ID)
                        .limit(HISTORY)
                        .fetchMap(RECO_CUSTOMER_PRODUCT.PRODUCT_ID, RECO_CUSTOMER_PRODUCT.PURCHASES);
                groups = dsl.select(RECO_CUSTOMER_GROUP.GROUP_ID, RECO_CUSTOMER_GROUP.PURCHASES)
                        .from(RECO_CUSTOMER_GROUP).where(RECO_CUSTOMER_GROUP.CUSTOMER_ID.eq(customerId))
                        .fetchMap(RECO_CUSTOMER_GROUP.GROUP_ID, RECO_CUSTOMER_GROUP.PURCHASES);
                co = coPurchases(own.keySet());
                third = thirdPartyScores(RecommendationRepository.CUSTOMER, List.of(customerId));
                maxOwn = own.values().stream().mapToDouble(Integer::doubleValue).max().orElse(0);
                maxGroup = groups.values().stream().mapToDouble(Integer::doubleValue).max().orElse(0);
                maxCo = co.values().stream().mapToDouble(Long::doubleValue).max().orElse(0);
                maxThird = third.values().stream().mapToDouble(BigDecimal::doubleValue).max().orElse(0);
            }

            double score(Listing product) {
                String id = product.productId();
                return part(RecommendationService.OWN, own.get(id), maxOwn)
                        + part(RecommendationService.CO, co.get(id), maxCo)
                        + part(RecommendationService.GROUP,
                                product.groupId() == null ? null : groups.get(product.groupId()), maxGroup)
                        + part(RecommendationService.THIRD, third.get(id), maxThird);
            }

            Set<String> pool() {
                Set<String> pool = new LinkedHashSet<>(own.keySet());
                co.keySet().stream().limit(POOL).forEach(pool::add);
                third.keySet().stream().limit(POOL).forEach(pool::add);
                return pool;
            }
        }

        private final class Cart {
            final Map<String, Long> co;
            final Map<String, BigDecimal> third;
            final double maxCo;
            final double maxThird;

            Cart(Collection<String> cart) {
                co = coPurchases(cart);
                third = thirdPartyScores(RecommendationRepository.PRODUCT, cart);
                maxCo = co.values().stream().mapToDouble(Long::doubleValue).max().orElse(0);
                maxThird = third.values().stream().mapToDouble(BigDecimal::doubleValue).max().orElse(0);
            }

            double score(String productId) {
                return part(RecommendationService.CART_CO, co.get(productId), maxCo)
                        + part(RecommendationService.CART_THIRD, third.get(productId), maxThird);
            }

            Set<String> pool() {
                Set<String> pool = new LinkedHashSet<>();
                co.keySet().stream().limit(POOL).forEach(pool::add);
                third.keySet().stream().limit(POOL).forEach(pool::add);
                return pool;
            }
        }

        private static double part(double weight, Number value, double max) {
            return value == null || max <= 0 ? 0 : weight * value.doubleValue() / max;
        }

        private Map<String, Long> coPurchases(Collection<String> products) {
            if (products.isEmpty()) {
                return Map.of();
            }
            Field<BigDecimal> strength = sum(RECO_PRODUCT_PAIR.CUSTOMERS);
            Map<String, Long> out = new LinkedHashMap<>();
            dsl.select(RECO_PRODUCT_PAIR.OTHER_PRODUCT_ID, strength).from(RECO_PRODUCT_PAIR)
                    .where(RECO_PRODUCT_PAIR.PRODUCT_ID.in(products))
                    .groupBy(RECO_PRODUCT_PAIR.OTHER_PRODUCT_ID)
                    .orderBy(strength.desc(), RECO_PRODUCT_PAIR.OTHER_PRODUCT_ID)
                    .limit(SIGNAL_ROWS)
                    .forEach(r -> out.put(r.value1(), r.value2().longValue()));
            return out;
        }

        private Map<String, BigDecimal> thirdPartyScores(String subjectKind, Collection<String> subjects) {
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
                    .limit(SIGNAL_ROWS)
                    .forEach(r -> out.put(r.value1(), r.value2()));
            return out;
        }

        private Map<String, Integer> popularity(Collection<String> products) {
            if (products.isEmpty()) {
                return Map.of();
            }
            return dsl.select(RECO_PRODUCT_POPULARITY.PRODUCT_ID, RECO_PRODUCT_POPULARITY.CUSTOMERS)
                    .from(RECO_PRODUCT_POPULARITY).where(RECO_PRODUCT_POPULARITY.PRODUCT_ID.in(products))
                    .fetchMap(RECO_PRODUCT_POPULARITY.PRODUCT_ID, RECO_PRODUCT_POPULARITY.CUSTOMERS);
        }

        private List<String> mostPopular(int limit) {
            return dsl.select(RECO_PRODUCT_POPULARITY.PRODUCT_ID).from(RECO_PRODUCT_POPULARITY)
                    .orderBy(RECO_PRODUCT_POPULARITY.CUSTOMERS.desc(), RECO_PRODUCT_POPULARITY.PRODUCT_ID)
                    .limit(limit)
                    .fetch(RECO_PRODUCT_POPULARITY.PRODUCT_ID);
        }

        private static final class Candidate {
            final String productId;
            final double primary;
            final double secondary;
            int popularity;

            Candidate(String productId, double primary, double secondary) {
                this.productId = productId;
                this.primary = primary;
                this.secondary = secondary;
            }
        }

        private static final Comparator<Candidate> BEST_FIRST = Comparator.<Candidate>comparingDouble(c -> -c.primary)
                .thenComparingDouble(c -> -c.secondary)
                .thenComparingInt(c -> -c.popularity)
                .thenComparing(c -> c.productId);

        private List<Candidate> rank(List<Candidate> candidates) {
            Map<String, Integer> popularity = popularity(candidates.stream().map(c -> c.productId).toList());
            candidates.forEach(c -> c.popularity = popularity.getOrDefault(c.productId, 0));
            return candidates.stream().sorted(BEST_FIRST).toList();
        }

        private List<Candidate> fill(Set<String> pool, Set<String> excluded, Function<Listing, Candidate> score,
                                     int wanted) {
            pool.removeAll(excluded);
            List<Candidate> candidates = listings(pool).values().stream()
                    .filter(l -> l.state() == 1).map(score).toList();
            return rank(candidates).stream().limit(wanted).toList();
        }

        private Recommendations answer(List<Candidate> ranked, int total, Integer count) {
            List<Candidate> page = count == null ? ranked : ranked.stream().limit(count).toList();
            Map<String, List<PluId>> plus = pluIds(page.stream().map(c -> c.productId).toList());
            return new Recommendations(page.stream()
                    .map(c -> new RecommendedProduct(plus.getOrDefault(c.productId, List.of()), c.productId))
                    .toList(), total);
        }

        private Map<String, Listing> initial(List<String> ids) {
            if (ids == null) {
                return Map.of();
            }
            Map<String, Listing> known = listings(new LinkedHashSet<>(ids));
            Map<String, Listing> out = new LinkedHashMap<>();
            for (String id : ids) {
                Listing listing = known.get(id);
                if (listing.state() != 0) {
                    out.putIfAbsent(listing.productId(), listing);
                }
            }
            return out;
        }

        /** The listings of these products (unknown ids left out), in one query. */
        private Map<String, Listing> listings(Collection<String> productIds) {
            Map<String, Listing> out = new HashMap<>();
            if (productIds.isEmpty()) {
                return out;
            }
            dsl.select(PRODUCT.ID, PRODUCT.GROUP_ID, PRODUCT.STATE).from(PRODUCT).where(PRODUCT.ID.in(productIds))
                    .forEach(r -> out.put(r.value1(), new Listing(r.value1(), r.value2(), r.value3())));
            return out;
        }

        /** The PLU ids of these products by product, each list ordered by list code and code. */
        private Map<String, List<PluId>> pluIds(Collection<String> productIds) {
            Map<String, List<PluId>> plus = new HashMap<>();
            if (productIds.isEmpty()) {
                return plus;
            }
            dsl.select(PRODUCT_PLU.PRODUCT_ID, PRODUCT_PLU.LIST_CODE, PRODUCT_PLU.CODE).from(PRODUCT_PLU)
                    .where(PRODUCT_PLU.PRODUCT_ID.in(productIds))
                    .orderBy(PRODUCT_PLU.LIST_CODE, PRODUCT_PLU.CODE)
                    .forEach(r -> plus.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                            .add(new PluId(r.value2(), r.value3())));
            return plus;
        }
    }
}
