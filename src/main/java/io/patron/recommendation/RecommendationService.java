package io.patron.recommendation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.Reason;
import io.patron.card.CustomerDirectory;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.CatalogQueries.Listing;
import io.patron.catalog.PluId;
import io.patron.recommendation.RecommendationBodies.CartRequest;
import io.patron.recommendation.RecommendationBodies.ProductRequest;
import io.patron.recommendation.RecommendationBodies.RecommendedProduct;
import io.patron.recommendation.RecommendationBodies.Recommendations;

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
    /** Bound of the per-call reads of co-purchases and third-party scores (the pair table keeps 100 per product). */
    private static final int SIGNAL_ROWS = 100_000;

    private final RecommendationRepository repository;
    private final CatalogQueries catalog;
    private final CustomerDirectory customers;

    RecommendationService(RecommendationRepository repository, CatalogQueries catalog, CustomerDirectory customers) {
        this.repository = repository;
        this.catalog = catalog;
        this.customers = customers;
    }

    // --- the product engine -----------------------------------------------------------------------------------------

    public Recommendations productEliminate(Caller caller, ProductRequest request) {
        String customerId = customer(caller, request.customerId());
        Map<String, Listing> list = initial("product_id_list", request.productIdList());
        Personal personal = personal(customerId);
        List<Candidate> matching = rank(list.values().stream()
                .map(l -> new Candidate(l.productId(), personal.score(l), 0)).filter(c -> c.primary > 0).toList());
        return answer(matching, matching.size(), null);
    }

    public Recommendations productOrder(Caller caller, ProductRequest request) {
        String customerId = customer(caller, request.customerId());
        Map<String, Listing> list = initial("product_id_list", request.productIdList());
        Integer count = count(request.count(), null);
        Personal personal = personal(customerId);
        List<Candidate> ranked = rank(list.values().stream()
                .map(l -> new Candidate(l.productId(), personal.score(l), 0)).toList());
        return answer(ranked, ranked.size(), count);
    }

    public Recommendations productCombine(Caller caller, ProductRequest request) {
        String customerId = customer(caller, request.customerId());
        Map<String, Listing> list = initial("product_id_list", request.productIdList());
        int count = count(request.count(), DEFAULT_COMBINE_COUNT);
        Personal personal = personal(customerId);
        List<Candidate> result = new ArrayList<>(rank(list.values().stream()
                .map(l -> new Candidate(l.productId(), personal.score(l), 0)).filter(c -> c.primary > 0).toList()));
        if (result.size() < count) {
            Set<String> pool = new LinkedHashSet<>(personal.pool());
            pool.addAll(repository.mostPopular(count + list.size()));
            result.addAll(fill(pool, list.keySet(), l -> new Candidate(l.productId(), personal.score(l), 0),
                    count - result.size()));
        }
        return answer(result, result.size(), count);
    }

    // --- the shopping-cart engine -----------------------------------------------------------------------------------

    public Recommendations cartEliminate(Caller caller, CartRequest request) {
        String customerId = customer(caller, request.customerId());
        Map<String, Listing> cart = initial("cart_product_ids", request.cartProductIds());
        Map<String, Listing> list = initial("product_id_list", request.productIdList());
        Personal personal = personal(customerId);
        Cart signals = cart(cart.keySet());
        List<Candidate> matching = rank(list.values().stream()
                .map(l -> new Candidate(l.productId(), signals.score(l.productId()), personal.score(l)))
                .filter(c -> c.primary > 0).toList());
        return answer(matching, matching.size(), null);
    }

    /** The contract's cart order names no customer: the cart alone ranks the list. */
    public Recommendations cartOrder(CartRequest request) {
        if (request.cartProductIds() == null) {
            throw ApiError.badRequest("cart_product_ids", Reason.REQUIRED, "The products in the cart are required");
        }
        Map<String, Listing> cart = initial("cart_product_ids", request.cartProductIds());
        Map<String, Listing> list = initial("product_id_list", request.productIdList());
        Integer count = count(request.count(), null);
        Cart signals = cart(cart.keySet());
        List<Candidate> ranked = rank(list.values().stream()
                .map(l -> new Candidate(l.productId(), signals.score(l.productId()), 0)).toList());
        return answer(ranked, ranked.size(), count);
    }

    public Recommendations cartCombine(Caller caller, CartRequest request) {
        String customerId = customer(caller, request.customerId());
        Map<String, Listing> cart = initial("cart_product_ids", request.cartProductIds());
        Map<String, Listing> list = initial("product_id_list", request.productIdList());
        int count = count(request.count(), DEFAULT_COMBINE_COUNT);
        Personal personal = personal(customerId);
        Cart signals = cart(cart.keySet());
        List<Candidate> result = new ArrayList<>(rank(list.values().stream()
                .map(l -> new Candidate(l.productId(), signals.score(l.productId()), personal.score(l)))
                .filter(c -> c.primary > 0).toList()));
        if (result.size() < count) {
            Set<String> pool = new LinkedHashSet<>(signals.pool());
            pool.addAll(personal.pool());
            pool.addAll(repository.mostPopular(count + list.size() + cart.size()));
            Set<String> excluded = new HashSet<>(list.keySet());
            excluded.addAll(cart.keySet());
            result.addAll(fill(pool, excluded,
                    l -> new Candidate(l.productId(), signals.score(l.productId()), personal.score(l)),
                    count - result.size()));
        }
        return answer(result, result.size(), count);
    }

    // --- signals ----------------------------------------------------------------------------------------------------

    /** The customer's own signals, each with its highest value (the scale of its part of the score). */
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
            own = repository.customerProducts(customerId, HISTORY);
            groups = repository.customerGroups(customerId);
            co = repository.coPurchases(own.keySet(), SIGNAL_ROWS);
            third = repository.thirdPartyScores(RecommendationRepository.CUSTOMER, List.of(customerId), SIGNAL_ROWS);
            maxOwn = own.values().stream().mapToDouble(Integer::doubleValue).max().orElse(0);
            maxGroup = groups.values().stream().mapToDouble(Integer::doubleValue).max().orElse(0);
            maxCo = co.values().stream().mapToDouble(Long::doubleValue).max().orElse(0);
            maxThird = third.values().stream().mapToDouble(BigDecimal::doubleValue).max().orElse(0);
        }

        double score(Listing product) {
            String id = product.productId();
            return part(OWN, own.get(id), maxOwn) + part(CO, co.get(id), maxCo)
                    + part(GROUP, product.groupId() == null ? null : groups.get(product.groupId()), maxGroup)
                    + part(THIRD, third.get(id), maxThird);
        }

        /** The strongest candidates of each signal (the group signal scores candidates, it names none). */
        Set<String> pool() {
            Set<String> pool = new LinkedHashSet<>(own.keySet());
            co.keySet().stream().limit(POOL).forEach(pool::add);
            third.keySet().stream().limit(POOL).forEach(pool::add);
            return pool;
        }
    }

    private Personal personal(String customerId) {
        return new Personal(customerId);
    }

    /** The cart's signals: what other customers bought with the cart's products, and third-party links. */
    private final class Cart {
        final Map<String, Long> co;
        final Map<String, BigDecimal> third;
        final double maxCo;
        final double maxThird;

        Cart(Collection<String> cart) {
            co = repository.coPurchases(cart, SIGNAL_ROWS);
            third = repository.thirdPartyScores(RecommendationRepository.PRODUCT, cart, SIGNAL_ROWS);
            maxCo = co.values().stream().mapToDouble(Long::doubleValue).max().orElse(0);
            maxThird = third.values().stream().mapToDouble(BigDecimal::doubleValue).max().orElse(0);
        }

        double score(String productId) {
            return part(CART_CO, co.get(productId), maxCo) + part(CART_THIRD, third.get(productId), maxThird);
        }

        Set<String> pool() {
            Set<String> pool = new LinkedHashSet<>();
            co.keySet().stream().limit(POOL).forEach(pool::add);
            third.keySet().stream().limit(POOL).forEach(pool::add);
            return pool;
        }
    }

    private Cart cart(Collection<String> cart) {
        return new Cart(cart);
    }

    private static double part(double weight, Number value, double max) {
        return value == null || max <= 0 ? 0 : weight * value.doubleValue() / max;
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

    private List<Candidate> rank(List<Candidate> candidates) {
        Map<String, Integer> popularity = repository.popularity(candidates.stream().map(c -> c.productId).toList());
        candidates.forEach(c -> c.popularity = popularity.getOrDefault(c.productId, 0));
        return candidates.stream().sorted(BEST_FIRST).toList();
    }

    /** The best active products of the pool outside {@code excluded}, at most {@code wanted}. */
    private List<Candidate> fill(Set<String> pool, Set<String> excluded,
                                 java.util.function.Function<Listing, Candidate> score, int wanted) {
        pool.removeAll(excluded);
        List<Candidate> candidates = catalog.listings(pool).values().stream()
                .filter(l -> l.state() == 1).map(score).toList();
        return rank(candidates).stream().limit(wanted).toList();
    }

    private Recommendations answer(List<Candidate> ranked, int total, Integer count) {
        List<Candidate> page = count == null ? ranked : ranked.stream().limit(count).toList();
        Map<String, List<PluId>> plus = catalog.pluIds(page.stream().map(c -> c.productId).toList());
        return new Recommendations(page.stream()
                .map(c -> new RecommendedProduct(plus.getOrDefault(c.productId, List.of()), c.productId)).toList(),
                total);
    }

    // --- input ------------------------------------------------------------------------------------------------------

    private String customer(Caller caller, String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw ApiError.badRequest("customer_id", Reason.REQUIRED, "The customer is required");
        }
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        if (!customers.exists(customerId)) {
            throw ApiError.badRequest("customer_id", Reason.NOT_FOUND, "No customer with this id");
        }
        return customerId;
    }

    /**
     * The products of a list as the catalogue knows them, in the list's order, each once; deleted products are left
     * out (never recommended). A missing list is an empty one; an id no product has is a 400 naming its position.
     */
    private Map<String, Listing> initial(String name, List<String> ids) {
        if (ids == null) {
            return Map.of();
        }
        if (ids.size() > MAX_ITEMS) {
            throw ApiError.badRequest(name, Reason.NOT_ALLOWED_VALUE, "At most " + MAX_ITEMS + " products");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).isBlank()) {
                throw ApiError.badRequest(name + "[" + i + "]", Reason.REQUIRED, "A product id is required");
            }
        }
        Map<String, Listing> known = catalog.listings(new LinkedHashSet<>(ids));
        Map<String, Listing> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Listing listing = known.get(ids.get(i));
            if (listing == null) {
                throw ApiError.badRequest(name + "[" + i + "]", Reason.NOT_FOUND, "No product with this id");
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
