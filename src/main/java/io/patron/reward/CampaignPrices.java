package io.patron.reward;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.patron.purchase.BenefitProvider;
import io.patron.purchase.CheckoutBasket;

/**
 * The checkout's first stage: campaign prices. An item whose product has a campaign price valid at the basket's
 * time, for the basket's store and the customer's type, and shown at the cash desk, costs less: a percentage off
 * its price, or its quantity at the final unit price. Of several campaign prices of one product the lowest price
 * wins (the lower id on a tie). A discount never exceeds what is left to pay; items with {@code loyalty_off} get
 * none. Each campaign product that lowers some item is one recommended discount (not overall) named after the
 * campaign product's presentation name, its code the campaign product id. For the checkout trace, the campaign
 * prices of the basket's products that give nothing are reported with their reason: another type of customer, no
 * discount (a final price in another currency or not below the price), nothing left to pay, or a better campaign
 * price of the same item (with what each would have taken off).
 *
 * <p>The customer's type is read by {@link CustomerTypes} (the customer property {@code customer_type}; without one,
 * and for an anonymous basket, the type with text id {@code private}).
 * Nothing is recorded: {@link #commit} and {@link #reverse} do nothing, as the purchase records its discounts.
 */
@Component
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class CampaignPrices implements BenefitProvider {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final CampaignRepository repository;
    private final CustomerTypes customerTypes;

    CampaignPrices(CampaignRepository repository, CustomerTypes customerTypes) {
        this.repository = repository;
        this.customerTypes = customerTypes;
    }

    @Override
    public int stage() {
        return CAMPAIGN_PRICES;
    }

    @Override
    public Proposal propose(CheckoutBasket basket, Map<String, BigDecimal> remaining, Shared shared) {
        Set<String> productIds = new TreeSet<>();
        for (var item : basket.items()) {
            if (item.productId() != null && !item.loyaltyOff()) {
                productIds.add(item.productId());
            }
        }
        var candidates = repository.candidates(productIds, basket.storeId(), basket.at());
        if (candidates.isEmpty()) {
            return Proposal.NONE;
        }
        Set<String> types = new TreeSet<>();
        candidates.forEach(c -> types.add(c.typeId()));
        Set<String> customerTypes = this.customerTypes.of(basket.customerId(), types);
        Map<String, List<ItemDiscount>> byCampaignProduct = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        for (var item : basket.items()) {
            if (item.productId() == null || item.loyaltyOff()) {
                continue;
            }
            BigDecimal left = remaining.getOrDefault(item.billItemId(), BigDecimal.ZERO);
            if (item.price() == null || item.price().signum() <= 0) {
                continue;
            }
            CampaignRepository.Candidate best = null;
            BigDecimal bestDiscount = BigDecimal.ZERO;
            // every campaign price of the item's product that could give something, for the trace of the losers
            Map<CampaignRepository.Candidate, BigDecimal> offers = new LinkedHashMap<>();
            for (var c : candidates) {
                if (!c.productId().equals(item.productId())) {
                    continue;
                }
                // what it would take off with the whole item left to pay; the offer is cut to what is left
                BigDecimal discount = discount(c.valueTypeId(), c.value(), c.currencyId(), basket.currencyId(),
                        item.price(), item.quantity(), item.price().max(left));
                if (!customerTypes.contains(c.typeId())) {
                    skipped.add(new Skipped(c.id(), c.name(), null, "not_for_customer_type", item.billItemId(),
                            discount, "for customer type " + c.typeId() + " only; the customer's: " + customerTypes));
                    continue;
                }
                if (discount.signum() == 0) {
                    skipped.add(new Skipped(c.id(), c.name(), null, "no_discount", item.billItemId(), null,
                            c.valueTypeId() != 1 && !Objects.equals(c.currencyId(), basket.currencyId())
                                    ? "final price in currency " + c.currencyId() + ", the bill's is "
                                    + basket.currencyId()
                                    : "the campaign price is not below the item's price"));
                    continue;
                }
                if (left.signum() <= 0) {
                    skipped.add(new Skipped(c.id(), c.name(), null, "nothing_left_to_pay", item.billItemId(),
                            discount, "nothing is left to pay on the item (paid 0, or its type takes no discounts)"));
                    continue;
                }
                discount = discount.min(left);
                offers.put(c, discount);
                if (discount.compareTo(bestDiscount) > 0) {
                    best = c;
                    bestDiscount = discount;
                }
            }
            if (best != null) {
                BigDecimal percent = bestDiscount.multiply(HUNDRED).divide(item.price(), 2, RoundingMode.HALF_UP);
                byCampaignProduct.computeIfAbsent(best.id(), k -> new ArrayList<>())
                        .add(new ItemDiscount(item.billItemId(), bestDiscount, percent));
                names.put(best.id(), best.name());
                for (var offer : offers.entrySet()) {
                    if (offer.getKey() != best) {
                        skipped.add(new Skipped(offer.getKey().id(), offer.getKey().name(), null,
                                "better_campaign_price_applied", item.billItemId(), offer.getValue(),
                                "campaign price " + best.id() + " takes "
                                + bestDiscount.stripTrailingZeros().toPlainString() + " off"
                                + (offer.getValue().compareTo(bestDiscount) == 0 ? " too (the lower id wins)" : "")));
                    }
                }
            }
        }
        List<Benefit> benefits = new ArrayList<>();
        byCampaignProduct.forEach((id, discounts) -> benefits.add(new Benefit(Benefit.Kind.RECOMMENDED_DISCOUNT, id,
                names.get(id), false, null, null, discounts)));
        return new Proposal(benefits, List.of(), skipped);
    }

    /**
     * What a campaign price takes off a line: a percentage of its price, or the price less the quantity at the final
     * unit price (only in the final price's currency); rounded half up to cents, at most {@code left}, never negative.
     */
    static BigDecimal discount(int valueTypeId, BigDecimal value, String priceCurrency, String basketCurrency,
                               BigDecimal price, BigDecimal quantity, BigDecimal left) {
        BigDecimal off;
        if (valueTypeId == 1) {
            off = price.multiply(value).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        } else {
            if (!Objects.equals(priceCurrency, basketCurrency) || quantity == null) {
                return BigDecimal.ZERO;
            }
            off = price.subtract(quantity.multiply(value)).setScale(2, RoundingMode.HALF_UP);
        }
        if (off.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return off.min(left).max(BigDecimal.ZERO);
    }

    /** Campaign prices use nothing up: the purchase itself records the discounts it got. */
    @Override
    public void commit(String purchaseId, CheckoutBasket basket, List<Benefit> used) {
    }

    @Override
    public void reverse(String purchaseId) {
    }
}
