package io.patron.recommendation;

import java.math.BigDecimal;
import java.util.List;

import io.patron.catalog.PluId;

/** Request and response bodies of the product recommendation engine and of the third-party batch. */
public final class RecommendationBodies {

    private RecommendationBodies() {
    }

    /** The product engine's request: the customer, the initial products and (order, combine) the number wanted. */
    public record ProductRequest(String customerId, List<String> productIdList, Integer count) {
    }

    /** The shopping-cart engine's request: as {@link ProductRequest}, with the products in the cart. */
    public record CartRequest(String customerId, List<String> cartProductIds, List<String> productIdList,
                              Integer count) {
    }

    /** A recommended product with its PLU ids. */
    public record RecommendedProduct(List<PluId> pluIds, String productId) {
    }

    /** The answer of every engine operation. */
    public record Recommendations(List<RecommendedProduct> recommendedProductsList, int totalItems) {
    }

    /** A product named by its id or by its PLU ids. */
    public record ProductIdentification(String productId, List<PluId> pluIds) {
    }

    /** One third-party recommendation; the read-only fields of the contract are ignored. */
    public record ThirdPartyRecommendation(String customerId, List<ProductIdentification> products,
                                           ProductIdentification recommendedProduct, String recommendationSystemId,
                                           String recommendationSystemDatasetId, BigDecimal score) {
    }

    public record ThirdPartyBatch(List<ThirdPartyRecommendation> thirdPartyRecommendations,
                                  Integer errorProcessing) {
    }
}
