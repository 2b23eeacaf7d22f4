package io.patron.recommendation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.BatchOutcome;
import io.patron.api.ErrorProcessing;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.card.CustomerDirectory;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.PluId;
import io.patron.common.Ids;
import io.patron.recommendation.RecommendationBodies.ProductIdentification;
import io.patron.recommendation.RecommendationBodies.ThirdPartyRecommendation;
import io.patron.recommendation.RecommendationRepository.ThirdPartyRow;

/**
 * Stores the scores third-party recommendation systems send: a product recommended to a customer, or linked to
 * products of a shopping cart (a record naming both is stored for each). A score is kept per subject, product,
 * system and data set; sending it again replaces it. {@code error_processing} as every batch.
 */
@Service
@Transactional
public class ThirdPartyRecommendations {

    static final int MAX_RECORDS = 1000;
    private static final int TEXT = 200;
    /** Scores above this are refused: the column holds 13 integer digits. */
    private static final BigDecimal MAX_SCORE = new BigDecimal("1000000000000");

    private final RecommendationRepository repository;
    private final CatalogQueries catalog;
    private final CustomerDirectory customers;
    private final Clock clock;

    ThirdPartyRecommendations(RecommendationRepository repository, CatalogQueries catalog, CustomerDirectory customers,
                              Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.customers = customers;
        this.clock = clock;
    }

    public BatchOutcome store(List<ThirdPartyRecommendation> records, Integer errorProcessing) {
        ErrorProcessing outcome = ErrorProcessing.of(errorProcessing);
        if (records == null) {
            throw ApiError.badRequest("third_party_recommendations", Reason.REQUIRED, "The recommendations are required");
        }
        if (records.size() > MAX_RECORDS) {
            throw ApiError.badRequest("third_party_recommendations", Reason.NOT_ALLOWED_VALUE,
                    "At most " + MAX_RECORDS + " recommendations in one batch");
        }
        Map<String, Boolean> knownCustomers = new HashMap<>();
        Map<String, ThirdPartyRow> rows = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String at = "third_party_recommendations[" + i + "]";
            ThirdPartyRecommendation record = records.get(i);
            List<InvalidParam> errors = new ArrayList<>();
            List<ThirdPartyRow> recordRows = new ArrayList<>();
            if (record == null) {
                errors.add(InvalidParam.of(at, Reason.REQUIRED, "A recommendation is required"));
            } else {
                String product = product(errors, at + ".recommended_product", record.recommendedProduct());
                String system = text(errors, at + ".recommendation_system_id", record.recommendationSystemId());
                String dataset = text(errors, at + ".recommendation_system_dataset_id",
                        record.recommendationSystemDatasetId());
                BigDecimal score = record.score();
                if (score == null) {
                    errors.add(InvalidParam.of(at + ".score", Reason.REQUIRED, "The score is required"));
                } else if (score.signum() < 0 || score.compareTo(MAX_SCORE) >= 0) {
                    errors.add(InvalidParam.of(at + ".score", Reason.NOT_ALLOWED_VALUE, score,
                            "The score must be at least 0 and below " + MAX_SCORE.toPlainString()));
                }
                String customerId = record.customerId();
                boolean noCustomer = customerId == null || customerId.isBlank();
                boolean noProducts = record.products() == null || record.products().isEmpty();
                if (noCustomer && noProducts) {
                    errors.add(InvalidParam.of(at + ".customer_id", Reason.REQUIRED,
                            "Either the customer or the cart products are required"));
                }
                if (!noCustomer && !knownCustomers.computeIfAbsent(customerId, customers::exists)) {
                    errors.add(InvalidParam.of(at + ".customer_id", Reason.NOT_FOUND, customerId,
                            "No customer with this id"));
                }
                List<String> linked = new ArrayList<>();
                for (int j = 0; !noProducts && j < record.products().size(); j++) {
                    String id = product(errors, at + ".products[" + j + "]", record.products().get(j));
                    if (id != null) {
                        linked.add(id);
                    }
                }
                if (errors.isEmpty()) {
                    BigDecimal stored = score.setScale(6, java.math.RoundingMode.HALF_UP);
                    if (!noCustomer) {
                        recordRows.add(row(RecommendationRepository.CUSTOMER, customerId, product, system, dataset,
                                stored));
                    }
                    linked.stream().distinct().filter(id -> !id.equals(product)).forEach(id -> recordRows.add(
                            row(RecommendationRepository.PRODUCT, id, product, system, dataset, stored)));
                }
            }
            if (outcome.accept(errors)) {
                // a later record for the same key wins, as it would in separate requests
                recordRows.forEach(r -> {
                    rows.remove(r.id());
                    rows.put(r.id(), r);
                });
            }
        }
        repository.upsertThirdParty(rows.values(), OffsetDateTime.now(clock));
        return outcome.outcome();
    }

    private static ThirdPartyRow row(String kind, String subject, String product, String system, String dataset,
                                     BigDecimal score) {
        String id = Ids.stable("third_party_recommendation",
                String.join("\u0000", kind, subject, product, system, dataset));
        return new ThirdPartyRow(id, kind, subject, product, system, dataset, score);
    }

    private static String text(List<InvalidParam> errors, String name, String value) {
        if (value == null || value.isBlank()) {
            errors.add(InvalidParam.of(name, Reason.REQUIRED, "The value is required"));
            return null;
        }
        if (value.length() > TEXT) {
            errors.add(InvalidParam.of(name, Reason.NOT_ALLOWED_VALUE, "At most " + TEXT + " characters"));
            return null;
        }
        return value;
    }

    /** The catalogue product a identification names: its id, else the first of its PLU ids that names one. */
    private String product(List<InvalidParam> errors, String name, ProductIdentification product) {
        if (product == null || (isBlank(product.productId()) && (product.pluIds() == null || product.pluIds().isEmpty()))) {
            errors.add(InvalidParam.of(name + ".product_id", Reason.REQUIRED, "The product id or its PLU ids are required"));
            return null;
        }
        if (!isBlank(product.productId())) {
            if (catalog.productsNotDeleted(List.of(product.productId())).isEmpty()) {
                errors.add(InvalidParam.of(name + ".product_id", Reason.NOT_FOUND, product.productId(),
                        "No product with this id"));
                return null;
            }
            return product.productId();
        }
        List<PluId> plus = new ArrayList<>();
        for (int k = 0; k < product.pluIds().size(); k++) {
            PluId plu = product.pluIds().get(k);
            if (plu == null || isBlank(plu.listCode()) || isBlank(plu.code())) {
                errors.add(InvalidParam.of(name + ".plu_ids[" + k + "]", Reason.REQUIRED,
                        "A PLU id needs list_code and code"));
                return null;
            }
            plus.add(plu);
        }
        Optional<String> id = catalog.productIdByPlu(plus)
                .filter(p -> !catalog.productsNotDeleted(List.of(p)).isEmpty());
        if (id.isEmpty()) {
            errors.add(InvalidParam.of(name + ".plu_ids", Reason.NOT_FOUND, "No product has these PLU ids"));
            return null;
        }
        return id.get();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
