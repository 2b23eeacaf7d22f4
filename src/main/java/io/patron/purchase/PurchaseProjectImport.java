package io.patron.purchase;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.catalog.CatalogQueries;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.reference.CurrencyQueries;

/**
 * Imports the earning rules of purchases from the project file; the file owns them, so a later import replaces a
 * rule's rate, rounding and multipliers:
 * <pre>
 * earning_rules:
 *   - point_type: club_points          # text id or id of the point type (absent: the default type)
 *     currency: CZK                    # the bill currency the rule applies to
 *     points_per_unit: 0.1             # points per currency unit paid in money (after benefits and points)
 *     rounding: down                   # down (default), half_up or up, to the point type's decimals, per purchase
 *     min_points_payment_purchase: 50  # optional: points pay only bills of at least this amount
 *     multipliers:                     # optional: the highest that matches an item applies (else 1)
 *       - { product_group: food, multiplier: 2 }    # external id (or id) of the group
 *       - { brand: acme, multiplier: 1.5 }          # external id (or id) of the brand
 *       - { product: "P-123", multiplier: 3 }       # product code (or id)
 * </pre>
 * Whether a customer earns at all is their status's {@code collection_points}; when the points become spendable is
 * the point type's pending period.
 */
@Component
class PurchaseProjectImport implements ProjectImport {

    record Multiplier(String product, String productGroup, String brand, BigDecimal multiplier) {
    }

    record Rule(String pointType, String currency, BigDecimal pointsPerUnit, String rounding,
                BigDecimal minPointsPaymentPurchase, List<Multiplier> multipliers) {
    }

    private static final Set<String> ROUNDINGS = Set.of("down", "half_up", "up");

    private final PurchaseRepository repository;
    private final LoyaltyLedger ledger;
    private final io.patron.api.Translations translations;
    private final CatalogQueries catalog;
    private final Clock clock;

    PurchaseProjectImport(PurchaseRepository repository, LoyaltyLedger ledger,
                          io.patron.api.Translations translations, CatalogQueries catalog, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.ledger = ledger;
        this.translations = translations;
        this.clock = clock;
    }

    /** After the point types (30) and the catalogue (50). */
    @Override
    public int order() {
        return 60;
    }

    /** A product named by its code (or its id). */
    private String productId(String codeOrId) {
        return catalog.productIdByCode(codeOrId).orElse(codeOrId);
    }

    /** A product group or brand named by its external id (or its id). */
    private String catalogId(String kind, String externalOrId) {
        String stable = Ids.stable(kind, externalOrId);
        java.util.Set<String> known = "product_group".equals(kind) ? catalog.existingGroups(List.of(stable))
                : catalog.existingBrands(List.of(stable));
        return known.isEmpty() ? externalOrId : stable;
    }

    @Override
    public void apply(ProjectFile file) {
        translations.seedMissing(CheckoutMessages.ENTITY, CheckoutMessages.all());
        List<Rule> rules = file.section("earning_rules", Rule.class);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String where = "Section 'earning_rules' of " + file.location() + ", item " + (i + 1);
            if (rule.currency() == null || rule.pointsPerUnit() == null || rule.pointsPerUnit().signum() < 0) {
                throw new IllegalStateException(where + ": currency and a points_per_unit >= 0 are required");
            }
            String rounding = rule.rounding() == null ? "down" : rule.rounding();
            if (!ROUNDINGS.contains(rounding)) {
                throw new IllegalStateException(where + ": rounding must be down, half_up or up");
            }
            String typeId = rule.pointType() == null ? ledger.defaultPointTypeId().orElseThrow(() ->
                            new IllegalStateException(where + ": no point type is defined"))
                    : ledger.pointTypes().stream().filter(t -> t.textId().equals(rule.pointType())
                                    || t.typeId().equals(rule.pointType())).map(LoyaltyLedger.TypeInfo::typeId)
                            .findFirst().orElseThrow(() -> new IllegalStateException(where + ": no point type "
                                    + rule.pointType()));
            String currency = CurrencyQueries.currencyId(rule.currency());
            String id = Ids.stable("earning_rule", typeId + ":" + currency);
            repository.putRule(id, typeId, currency, rule.pointsPerUnit(), rounding,
                    rule.minPointsPaymentPurchase(), now);
            for (Multiplier m : rule.multipliers() == null ? List.<Multiplier>of() : rule.multipliers()) {
                if (m.multiplier() == null || m.multiplier().signum() < 0) {
                    throw new IllegalStateException(where + ": a multiplier needs a value >= 0");
                }
                if (m.product() != null) {
                    repository.putMultiplier(id, "product", productId(m.product()), m.multiplier());
                } else if (m.productGroup() != null) {
                    repository.putMultiplier(id, "product_group", catalogId("product_group", m.productGroup()),
                            m.multiplier());
                } else if (m.brand() != null) {
                    repository.putMultiplier(id, "brand", catalogId("product_brand", m.brand()), m.multiplier());
                } else {
                    throw new IllegalStateException(where + ": a multiplier names a product, product_group or brand");
                }
            }
        }
    }
}
