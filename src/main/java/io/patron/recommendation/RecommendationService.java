package io.patron.recommendation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.Reason;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.CatalogQueries.Listing;
import io.patron.catalog.PluId;
import io.patron.customer.CustomerConditions;
import io.patron.recommendation.RecommendationBodies.CartRequest;
import io.patron.recommendation.RecommendationBodies.ProductRequest;
import io.patron.recommendation.RecommendationBodies.RecommendedProduct;
import io.patron.recommendation.RecommendationBodies.Recommendations;
import io.patron.recommendation.RecommendationRepository.Products;
import io.patron.recommendation.RecommendationRepository.SignalRow;

/**
 * The product recommendation engine. Every product gets scores in [0, 1] from the refreshed score tables:
 * <ul>
 * <li>personal (the customer's own history): {@value #OWN} × own purchases of the product + {@value #CO} ×
 * co-purchases with the products the customer bought + {@value #GROUP} × own purchases in the product's group +
 * {@value #THIRD} × the best third-party score for the customer, each divided by the customer's highest value of
 * that signal;</li>
 * <li>cart (other customers with the same products): {@value #CART_CO} × co-purchases with the cart's products +
 * {@value #CART_THIRD} × the best third-party score linked to a cart product, each divided by its highest value.</li>
 * </ul>
 * A product matches when its score is above zero. Products rank by score (the cart engine: cart score, then the
 * personal score), then by how many customers bought them, then by id: the same data always gives the same answer.
 * {@code eliminate} keeps the matching products of the initial list; {@code order} ranks the whole list (cut to
 * {@code count}); {@code combine} is {@code eliminate} filled up to {@code count} with the best active products
 * outside the list (and the cart). Deleted products are never recommended.
 */
@Service
@Transactional(readOnly = true)
public class RecommendationService {

    static final double OWN = 0.4;
    static final double CO = 0.3;
    static final double GROUP = 0.15;
    static final double THIRD = 0.15;
    static final double CART_CO = 0.6;
    static final double CART_THIRD = 0.4;
    /** The most products one list may carry (the contract's maxItems), and the highest {@code count}. */
    static final int MAX_ITEMS = 1000;
    /** What {@code combine} fills up to when the request gives no {@code count}. */
    static final int DEFAULT_COMBINE_COUNT = 10;
    /** The customer's most frequent products one call considers. */
    private static final int HISTORY = 200;
    /** The strongest candidates of each signal a fill considers. */
    private static final int POOL = 200;
    /** The most co-purchased and third-party products a call ranks per part (the pair table keeps 100 per product). */
    private static final int SIGNAL_ROWS = 100_000;

    private final RecommendationRepository repository;
    private final CatalogQueries catalog;
    private final CustomerConditions customers;

    RecommendationService(RecommendationRepository repository, CatalogQueries catalog, CustomerConditions customers) {
        this.repository = repository;
        this.catalog = catalog;
        this.customers = customers;
    }

    // --- the product engine -----------------------------------------------------------------------------------------

    public Recommendations productEliminate(Caller caller, ProductRequest request) {
        Reads reads = read(customer(caller, request.customerId()), IdList.NONE,
                ids("product_id_list", request.productIdList()), 0);
        Personal personal = reads.signals.personal;
        List<Candidate> matching = reads.rank(reads.list.values().stream()
                .map(l -> new Candidate(l.productId(), personal.score(l), 0)).filter(c -> c.primary > 0).toList());
        return reads.answer(matching, matching.size(), null);
    }

    public Recommendations productOrder(Caller caller, ProductRequest request) {
        Reads reads = read(customer(caller, request.customerId()), IdList.NONE,
                ids("product_id_list", request.productIdList()), 0);
        Integer count = count(request.count(), null);
        Personal personal = reads.signals.personal;
        List<Candidate> ranked = reads.rank(reads.list.values().stream()
                .map(l -> new Candidate(l.productId(), personal.score(l), 0)).toList());
        return reads.answer(ranked, ranked.size(), count);
    }

    public Recommendations productCombine(Caller caller, ProductRequest request) {
        String customerId = customer(caller, request.customerId());
        IdList ids = ids("product_id_list", request.productIdList());
        Reads reads = read(customerId, IdList.NONE, ids, popularBound(request.count(), ids, IdList.NONE));
        Map<String, Listing> list = reads.list;
        int count = count(request.count(), DEFAULT_COMBINE_COUNT);
        Personal personal = reads.signals.personal;
        List<Candidate> result = new ArrayList<>(reads.rank(list.values().stream()
                .map(l -> new Candidate(l.productId(), personal.score(l), 0)).filter(c -> c.primary > 0).toList()));
        if (result.size() < count) {
            Set<String> pool = personal.pool();
            pool.addAll(reads.signals.popular(count + list.size()));
            result.addAll(reads.fill(pool, list.keySet(), l -> new Candidate(l.productId(), personal.score(l), 0),
                    count - result.size()));
        }
        return reads.answer(result, result.size(), count);
    }

    // --- the shopping-cart engine -----------------------------------------------------------------------------------

    public Recommendations cartEliminate(Caller caller, CartRequest request) {
        Reads reads = read(customer(caller, request.customerId()), ids("cart_product_ids", request.cartProductIds()),
                ids("product_id_list", request.productIdList()), 0);
        Personal personal = reads.signals.personal;
        CartSignals signals = reads.signals.cart;
        List<Candidate> matching = reads.rank(reads.list.values().stream()
                .map(l -> new Candidate(l.productId(), signals.score(l.productId()), personal.score(l)))
                .filter(c -> c.primary > 0).toList());
        return reads.answer(matching, matching.size(), null);
    }

    /** The contract's cart order names no customer: the cart alone ranks the list. */
    public Recommendations cartOrder(CartRequest request) {
        if (request.cartProductIds() == null) {
            throw ApiError.badRequest("cart_product_ids", Reason.REQUIRED, "The products in the cart are required");
        }
        Reads reads = read(null, ids("cart_product_ids", request.cartProductIds()),
                ids("product_id_list", request.productIdList()), 0);
        Integer count = count(request.count(), null);
        CartSignals signals = reads.signals.cart;
        List<Candidate> ranked = reads.rank(reads.list.values().stream()
                .map(l -> new Candidate(l.productId(), signals.score(l.productId()), 0)).toList());
        return reads.answer(ranked, ranked.size(), count);
    }

    public Recommendations cartCombine(Caller caller, CartRequest request) {
        String customerId = customer(caller, request.customerId());
        IdList cartIds = ids("cart_product_ids", request.cartProductIds());
        IdList listIds = ids("product_id_list", request.productIdList());
        Reads reads = read(customerId, cartIds, listIds, popularBound(request.count(), listIds, cartIds));
        Map<String, Listing> cart = reads.cart;
        Map<String, Listing> list = reads.list;
        int count = count(request.count(), DEFAULT_COMBINE_COUNT);
        Personal personal = reads.signals.personal;
        CartSignals signals = reads.signals.cart;
        List<Candidate> result = new ArrayList<>(reads.rank(list.values().stream()
                .map(l -> new Candidate(l.productId(), signals.score(l.productId()), personal.score(l)))
                .filter(c -> c.primary > 0).toList()));
        if (result.size() < count) {
            Set<String> pool = signals.pool();
            pool.addAll(personal.pool());
            pool.addAll(reads.signals.popular(count + list.size() + cart.size()));
            Set<String> excluded = new HashSet<>(list.keySet());
            excluded.addAll(cart.keySet());
            result.addAll(reads.fill(pool, excluded,
                    l -> new Candidate(l.productId(), signals.score(l.productId()), personal.score(l)),
                    count - result.size()));
        }
        return reads.answer(result, result.size(), count);
    }

    // --- reads ------------------------------------------------------------------------------------------------------

    /**
     * What one call reads, in two statements: the score tables' rows of the customer and the cart that the call can
     * use (with whether the customer exists, and for {@code combine} the most bought products; co-purchases and
     * third-party scores ranked in the database, see {@link RecommendationRepository#signals}), then the listings,
     * PLU ids and popularity of every product the answer may name (the lists' and, for {@code combine}, the
     * candidates of the fill). The request's errors are raised in the order of the checks: the customer, the cart,
     * the list.
     *
     * @param popular how many of the most bought products {@code combine} may need (0 for the other operations): at
     *                least the count asked for plus the lists' lengths
     */
    private Reads read(String customerId, IdList cartIds, IdList listIds, int popular) {
        List<String> cartQuery = cartIds.error == null ? cartIds.ids : List.of();
        // the list's products are scored, and with a fill (combine) every candidate of its pool
        Signals signals = new Signals(repository.signals(customerId,
                customerId == null ? null : customers.exists(customerId),
                cartQuery.isEmpty() ? null : catalog.productsNotDeletedQuery(new LinkedHashSet<>(cartQuery)),
                listIds.error == null ? new LinkedHashSet<>(listIds.ids) : Set.of(),
                popular, HISTORY, popular > 0 ? POOL : 0, SIGNAL_ROWS), popular);
        if (customerId != null && !signals.customerExists) {
            throw ApiError.badRequest("customer_id", Reason.NOT_FOUND, "No customer with this id");
        }
        if (cartIds.error != null) {
            throw cartIds.error;
        }
        Set<String> products = new HashSet<>(cartIds.ids);
        if (listIds.error == null) {
            products.addAll(listIds.ids);
        }
        if (popular > 0) {
            products.addAll(signals.candidates());
        }
        Products known = products.isEmpty() ? Products.NONE : repository.products(catalog.listingRows(products));
        Map<String, Listing> cart = initial(cartIds, known);
        if (listIds.error != null) {
            throw listIds.error;
        }
        return new Reads(signals, known, cart, initial(listIds, known));
    }

    /** How many of the most bought products a {@code combine} reads: enough for any count it may accept. */
    private static int popularBound(Integer count, IdList list, IdList cart) {
        int asked = count == null ? DEFAULT_COMBINE_COUNT : Math.clamp(count, 1, MAX_ITEMS);
        return asked + list.ids.size() + cart.ids.size();
    }

    /** What one call read, and the ranking and answer built on it. */
    private static final class Reads {
        final Signals signals;
        final Products products;
        final Map<String, Listing> cart;
        final Map<String, Listing> list;

        Reads(Signals signals, Products products, Map<String, Listing> cart, Map<String, Listing> list) {
            this.signals = signals;
            this.products = products;
            this.cart = cart;
            this.list = list;
        }

        List<Candidate> rank(List<Candidate> candidates) {
            Map<String, Integer> popularity = products.popularity();
            candidates.forEach(c -> c.popularity = popularity.getOrDefault(c.productId, 0));
            return candidates.stream().sorted(BEST_FIRST).toList();
        }

        /** The best active products of the pool outside {@code excluded}, at most {@code wanted}. */
        List<Candidate> fill(Set<String> pool, Set<String> excluded, Function<Listing, Candidate> score, int wanted) {
            pool.removeAll(excluded);
            List<Candidate> candidates = new ArrayList<>(pool.size());
            for (String id : pool) {
                Listing listing = products.listings().get(id);
                if (listing != null && listing.state() == 1) {
                    candidates.add(score.apply(listing));
                }
            }
            return rank(candidates).stream().limit(wanted).toList();
        }

        Recommendations answer(List<Candidate> ranked, int total, Integer count) {
            List<Candidate> page = count == null ? ranked : ranked.stream().limit(count).toList();
            Map<String, List<PluId>> plus = products.pluIds();
            return new Recommendations(page.stream()
                    .map(c -> new RecommendedProduct(plus.getOrDefault(c.productId, List.of()), c.productId))
                    .toList(), total);
        }
    }

    // --- signals ----------------------------------------------------------------------------------------------------

    /** The rows of the score tables one call read, by kind. */
    private static final class Signals {
        final Personal personal = new Personal();
        final CartSignals cart = new CartSignals();
        /** The most bought products, best first. */
        final String[] popular;
        boolean customerExists;

        Signals(List<SignalRow> rows, int popular) {
            this.popular = new String[popular];
            for (SignalRow row : rows) {
                switch (row.kind()) {
                    case CUSTOMER -> customerExists = true;
                    case OWN -> personal.own.put(row.id(), row.amount());
                    case GROUP -> personal.groups.put(row.id(), row.amount());
                    case CO -> personal.co.add(row);
                    case THIRD -> personal.third.add(row);
                    case CART_CO -> cart.co.add(row);
                    case CART_THIRD -> cart.third.add(row);
                    case POPULAR -> this.popular[(int) row.rank() - 1] = row.id();
                }
            }
            personal.finish();
            cart.finish();
        }

        /** The {@code n} products most customers bought (fewer if fewer were bought), best first. */
        List<String> popular(int n) {
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n && i < popular.length && popular[i] != null; i++) {
                out.add(popular[i]);
            }
            return out;
        }

        /** Every product a fill may consider (a superset of the pools: the whole popular part). */
        Set<String> candidates() {
            Set<String> out = personal.pool();
            out.addAll(cart.pool());
            for (String id : popular) {
                if (id != null) {
                    out.add(id);
                }
            }
            return out;
        }
    }

    /**
     * The strongest {@link #POOL} rows of a ranked signal (co-purchases, third-party scores), with their values.
     */
    private static final class Ranked {
        final List<SignalRow> rows = new ArrayList<>();

        void add(SignalRow row) {
            rows.add(row);
        }

        void pool(Set<String> pool) {
            for (SignalRow row : rows) {
                if (row.rank() <= POOL) {
                    pool.add(row.id());
                }
            }
        }
    }

    /**
     * The customer's own signals. Each part of the score is the signal's value divided by the customer's highest
     * value of it; the parts of a product are summed once, when the rows are read, in the order of the formula.
     */
    private static final class Personal {
        final Map<String, Long> own = new HashMap<>();
        final Map<String, Long> groups = new HashMap<>();
        final Ranked co = new Ranked();
        final Ranked third = new Ranked();
        /** By product: own + co-purchase parts, and the third-party part (the group part comes between them). */
        private final Map<String, double[]> parts = new HashMap<>();
        private final Map<String, Double> groupParts = new HashMap<>();

        /** Computes the parts of every product's score, once all rows are in. */
        void finish() {
            double maxOwn = 0;
            for (long v : own.values()) {
                maxOwn = Math.max(maxOwn, v);
            }
            double maxGroup = 0;
            for (long v : groups.values()) {
                maxGroup = Math.max(maxGroup, v);
            }
            double maxCo = maxAmount(co.rows);
            double maxThird = maxScore(third.rows);
            Map<String, Double> ownParts = new HashMap<>();
            for (Map.Entry<String, Long> e : own.entrySet()) {
                ownParts.put(e.getKey(), part(OWN, e.getValue(), maxOwn));
            }
            Map<String, Double> coParts = new HashMap<>();
            for (SignalRow row : co.rows) {
                coParts.put(row.id(), part(CO, row.amount(), maxCo));
            }
            Set<String> ids = new HashSet<>(ownParts.keySet());
            ids.addAll(coParts.keySet());
            for (String id : ids) {
                parts.put(id, new double[] {ownParts.getOrDefault(id, 0.0) + coParts.getOrDefault(id, 0.0), 0});
            }
            for (SignalRow row : third.rows) {
                parts.computeIfAbsent(row.id(), k -> new double[] {0.0 + 0.0, 0})[1] =
                        part(THIRD, row.score().doubleValue(), maxThird);
            }
            for (Map.Entry<String, Long> e : groups.entrySet()) {
                groupParts.put(e.getKey(), part(GROUP, e.getValue(), maxGroup));
            }
        }

        double score(Listing product) {
            double[] p = parts.getOrDefault(product.productId(), NO_PARTS);
            double group = product.groupId() == null ? 0 : groupParts.getOrDefault(product.groupId(), 0.0);
            return p[0] + group + p[1];
        }

        /** The strongest candidates of each signal (the group signal scores candidates, it names none). */
        Set<String> pool() {
            Set<String> pool = new HashSet<>(own.keySet());
            co.pool(pool);
            third.pool(pool);
            return pool;
        }
    }

    private static final double[] NO_PARTS = {0.0 + 0.0, 0};

    /** The cart's signals: what other customers bought with the cart's products, and third-party links. */
    private static final class CartSignals {
        final Ranked co = new Ranked();
        final Ranked third = new Ranked();
        private final Map<String, Double> scores = new HashMap<>();

        /** Computes the parts of every product's score, once all rows are in. */
        void finish() {
            double maxCo = maxAmount(co.rows);
            double maxThird = maxScore(third.rows);
            Map<String, Double> coParts = new HashMap<>();
            for (SignalRow row : co.rows) {
                coParts.put(row.id(), part(CART_CO, row.amount(), maxCo));
            }
            Map<String, Double> thirdParts = new HashMap<>();
            for (SignalRow row : third.rows) {
                thirdParts.put(row.id(), part(CART_THIRD, row.score().doubleValue(), maxThird));
            }
            Set<String> ids = new HashSet<>(coParts.keySet());
            ids.addAll(thirdParts.keySet());
            for (String id : ids) {
                scores.put(id, coParts.getOrDefault(id, 0.0) + thirdParts.getOrDefault(id, 0.0));
            }
        }

        double score(String productId) {
            return scores.getOrDefault(productId, 0.0 + 0.0);
        }

        Set<String> pool() {
            Set<String> pool = new HashSet<>();
            co.pool(pool);
            third.pool(pool);
            return pool;
        }
    }

    /** A signal's part of a score: its weight times its value relative to the signal's highest value. */
    /** The largest co-purchase count of the rows (0 for none). */
    private static double maxAmount(List<SignalRow> rows) {
        double max = 0;
        for (SignalRow row : rows) {
            max = Math.max(max, row.amount());
        }
        return max;
    }

    /** The largest third-party score of the rows (0 for none). */
    private static double maxScore(List<SignalRow> rows) {
        double max = 0;
        for (SignalRow row : rows) {
            max = Math.max(max, row.score().doubleValue());
        }
        return max;
    }

    private static double part(double weight, double value, double max) {
        return max <= 0 ? 0 : weight * value / max;
    }

    // --- ranking ----------------------------------------------------------------------------------------------------

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

    // --- input ------------------------------------------------------------------------------------------------------

    private static String customer(Caller caller, String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw ApiError.badRequest("customer_id", Reason.REQUIRED, "The customer is required");
        }
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        return customerId;
    }

    /**
     * A request's list of product ids (a missing list is an empty one) with what is wrong with it that needs no
     * database (too many ids, a blank one): raised when the list's turn comes, after the checks before it.
     */
    private record IdList(String name, List<String> ids, ApiError error) {

        static final IdList NONE = new IdList("", List.of(), null);
    }

    private static IdList ids(String name, List<String> ids) {
        if (ids == null) {
            return new IdList(name, List.of(), null);
        }
        if (ids.size() > MAX_ITEMS) {
            return new IdList(name, List.of(), ApiError.badRequest(name, Reason.NOT_ALLOWED_VALUE,
                    "At most " + MAX_ITEMS + " products"));
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).isBlank()) {
                return new IdList(name, List.of(), ApiError.badRequest(name + "[" + i + "]", Reason.REQUIRED,
                        "A product id is required"));
            }
        }
        return new IdList(name, ids, null);
    }

    /**
     * The products of a list as the catalogue knows them, in the list's order, each once; deleted products are left
     * out (never recommended). An id no product has is a 400 naming its position.
     */
    private static Map<String, Listing> initial(IdList list, Products known) {
        if (list.error != null) {
            throw list.error;
        }
        List<String> ids = list.ids;
        Map<String, Listing> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Listing listing = known.listings().get(ids.get(i));
            if (listing == null) {
                throw ApiError.badRequest(list.name + "[" + i + "]", Reason.NOT_FOUND, "No product with this id");
            }
            if (listing.state() != 0) {
                out.putIfAbsent(listing.productId(), listing);
            }
        }
        return out;
    }

    private static Integer count(Integer count, Integer byDefault) {
        if (count == null) {
            return byDefault;
        }
        if (count < 1 || count > MAX_ITEMS) {
            throw ApiError.badRequest("count", Reason.NOT_ALLOWED_VALUE, "count must be between 1 and " + MAX_ITEMS);
        }
        return count;
    }
}
