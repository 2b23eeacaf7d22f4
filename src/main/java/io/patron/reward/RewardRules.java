package io.patron.reward;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.patron.purchase.BenefitProvider.ItemDiscount;

/**
 * The machine-readable behaviour of rewards: what one reward takes off a basket, given what is left to pay per
 * item. Pure and deterministic (no clock, no database): the same rule, items and amounts give the same discounts.
 * <ol>
 * <li>Items with {@code loyalty_off} or nothing left to pay take no part.</li>
 * <li>Bonus items: the units matching a bonus relation (product, group or brand, unit price within its range), the
 * cheapest units first (ties: bill order), at most the relation's count; with no bonus relation every remaining
 * unit is a bonus unit and the discount is an overall one. Fewer matching units than a bonus count: refused
 * ({@code voucher_bonus_count_not_satisfied}).</li>
 * <li>Conditions: each condition relation needs its count of matching units among the units not taken as bonus
 * (so "buy 2, get 1" on one product needs 3 units); none at all is {@code not_enough_items_for_voucher}, too few
 * {@code voucher_condition_count_not_satisfied}.</li>
 * <li>Minimum purchase value: the sum left to pay of the taking-part items ({@code insufficient_amount_of_purchase}).</li>
 * <li>The behaviour sets the discount of the bonus units: percentage of their value, a fixed amount spread over
 * them in proportion, a fixed unit price, free units, or a gift card's balance. The maximum discount caps the
 * total (scaled down in proportion). Amounts are rounded to the currency's 2 decimals (half up), each item's to at
 * most what is left to pay on it; the last item of a proportional split takes the rounding rest.</li>
 * </ol>
 */
final class RewardRules {

    static final int SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RewardRules() {
    }

    /** The behaviours a reward type may have (column {@code reward_type.behaviour}). */
    enum Behaviour {
        PERCENTAGE("percentage"), FIXED_AMOUNT("fixed_amount"), FIXED_PRICE("fixed_price"), FREE_ITEM("free_item"),
        GIFT_CARD("gift_card");

        final String code;

        Behaviour(String code) {
            this.code = code;
        }

        static Behaviour of(String code) {
            for (Behaviour b : values()) {
                if (b.code.equals(code)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("Unknown reward behaviour " + code);
        }
    }

    /** A condition or bonus relation: which items (by product, any of their groups, or brand), how many, which price. */
    record Relation(String relatedTo, Set<String> targets, Integer count, BigDecimal minPrice, BigDecimal maxPrice) {

        boolean matches(Item item) {
            boolean target = switch (relatedTo) {
                case "product" -> item.productId() != null && targets.contains(item.productId());
                case "product_group" -> item.groupIds().stream().anyMatch(targets::contains);
                case "product_brand" -> item.brandId() != null && targets.contains(item.brandId());
                default -> false;
            };
            if (!target) {
                return false;
            }
            BigDecimal unit = item.unitPrice();
            return (minPrice == null || unit.compareTo(minPrice) >= 0)
                    && (maxPrice == null || unit.compareTo(maxPrice) <= 0);
        }
    }

    /** What a rule needs of a reward. {@code value}: the percentage, amount, unit price, or gift card balance. */
    record Rule(Behaviour behaviour, BigDecimal value, List<Relation> conditions, List<Relation> bonuses,
                BigDecimal minimumPurchase, BigDecimal maximumDiscount) {

        Rule {
            conditions = List.copyOf(conditions);
            bonuses = List.copyOf(bonuses);
        }

        /** No bonus relation: the discount is on the whole bill, an overall discount. */
        boolean overall() {
            return bonuses.isEmpty();
        }
    }

    /** A bill item as the rules see it: its classes in the catalogue, its line price and quantity. */
    record Item(String billItemId, String productId, Set<String> groupIds, String brandId, BigDecimal quantity,
                BigDecimal price, boolean loyaltyOff) {

        BigDecimal unitPrice() {
            return quantity.signum() <= 0 ? price : price.divide(quantity, 4, RoundingMode.HALF_UP);
        }
    }

    /** The outcome: discounts, or the reason the rule does not apply. */
    record Outcome(List<ItemDiscount> discounts, String refusal) {

        static Outcome refused(String reason) {
            return new Outcome(List.of(), reason);
        }

        boolean applies() {
            return refusal == null && !discounts.isEmpty();
        }

        BigDecimal total() {
            return discounts.stream().map(ItemDiscount::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** Units of one item taken as bonus (a quantity, possibly fractional for goods sold by weight). */
    private record Take(Item item, BigDecimal units) {
    }

    static Outcome evaluate(Rule rule, List<Item> items, Map<String, BigDecimal> remaining) {
        List<Item> eligible = items.stream().filter(i -> !i.loyaltyOff())
                .filter(i -> left(remaining, i).signum() > 0 && i.quantity().signum() > 0).toList();
        if (eligible.isEmpty()) {
            return Outcome.refused("not_enough_items_for_voucher");
        }
        // units still free for conditions, per item
        Map<String, BigDecimal> free = new LinkedHashMap<>();
        eligible.forEach(i -> free.put(i.billItemId(), i.quantity()));
        List<Take> bonus = new ArrayList<>();
        if (rule.bonuses().isEmpty()) {
            eligible.forEach(i -> bonus.add(new Take(i, i.quantity())));
        } else {
            for (Relation relation : rule.bonuses()) {
                BigDecimal wanted = relation.count() == null ? null : BigDecimal.valueOf(relation.count());
                List<Item> matching = eligible.stream().filter(relation::matches)
                        .sorted(Comparator.comparing(Item::unitPrice)).toList();
                BigDecimal taken = BigDecimal.ZERO;
                for (Item item : matching) {
                    BigDecimal available = free.get(item.billItemId());
                    BigDecimal units = wanted == null ? available : available.min(wanted.subtract(taken));
                    if (units.signum() <= 0) {
                        continue;
                    }
                    bonus.add(new Take(item, units));
                    free.put(item.billItemId(), available.subtract(units));
                    taken = taken.add(units);
                    if (wanted != null && taken.compareTo(wanted) >= 0) {
                        break;
                    }
                }
                if (taken.signum() == 0 || (wanted != null && taken.compareTo(wanted) < 0)) {
                    return Outcome.refused("voucher_bonus_count_not_satisfied");
                }
            }
        }
        for (Relation condition : rule.conditions()) {
            BigDecimal units = eligible.stream().filter(condition::matches).map(i -> free.get(i.billItemId()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal needed = BigDecimal.valueOf(condition.count() == null ? 1 : condition.count());
            if (units.signum() == 0) {
                boolean anyMatch = eligible.stream().anyMatch(condition::matches);
                return Outcome.refused(anyMatch ? "voucher_condition_count_not_satisfied"
                        : "not_enough_items_for_voucher");
            }
            if (units.compareTo(needed) < 0) {
                return Outcome.refused("voucher_condition_count_not_satisfied");
            }
        }
        if (rule.minimumPurchase() != null) {
            BigDecimal total = eligible.stream().map(i -> left(remaining, i)).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.compareTo(rule.minimumPurchase()) < 0) {
                return Outcome.refused("insufficient_amount_of_purchase");
            }
        }
        // the value of each bonus take: its share of what is left to pay on the item
        Map<String, BigDecimal> takeValue = new LinkedHashMap<>();
        Map<String, Item> byId = new LinkedHashMap<>();
        for (Take take : bonus) {
            BigDecimal share = left(remaining, take.item()).multiply(take.units())
                    .divide(take.item().quantity(), 6, RoundingMode.HALF_UP);
            takeValue.merge(take.item().billItemId(), share, BigDecimal::add);
            byId.put(take.item().billItemId(), take.item());
        }
        Map<String, BigDecimal> raw = new LinkedHashMap<>();
        BigDecimal value = rule.value() == null ? BigDecimal.ZERO : rule.value();
        switch (rule.behaviour()) {
            case PERCENTAGE -> takeValue.forEach((id, v) -> raw.put(id,
                    v.multiply(value.min(HUNDRED)).divide(HUNDRED, 6, RoundingMode.HALF_UP)));
            case FREE_ITEM -> raw.putAll(takeValue);
            case FIXED_PRICE -> {
                for (Take take : bonus) {
                    BigDecimal unitLeft = left(remaining, take.item()).divide(take.item().quantity(), 6,
                            RoundingMode.HALF_UP);
                    BigDecimal off = unitLeft.subtract(value).max(BigDecimal.ZERO).multiply(take.units());
                    raw.merge(take.item().billItemId(), off, BigDecimal::add);
                }
            }
            case FIXED_AMOUNT, GIFT_CARD -> raw.putAll(spread(takeValue, value));
        }
        if (rule.maximumDiscount() != null) {
            BigDecimal sum = raw.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(rule.maximumDiscount()) > 0) {
                Map<String, BigDecimal> capped = spread(raw, rule.maximumDiscount());
                raw.clear();
                raw.putAll(capped);
            }
        }
        List<ItemDiscount> discounts = new ArrayList<>();
        for (Item item : eligible) {
            BigDecimal off = raw.get(item.billItemId());
            if (off == null) {
                continue;
            }
            BigDecimal rounded = off.setScale(SCALE, RoundingMode.HALF_UP).min(left(remaining, item));
            if (rounded.signum() <= 0) {
                continue;
            }
            BigDecimal percent = item.price().signum() == 0 ? BigDecimal.ZERO
                    : rounded.multiply(HUNDRED).divide(item.price(), SCALE, RoundingMode.HALF_UP);
            discounts.add(new ItemDiscount(item.billItemId(), rounded, percent));
        }
        if (discounts.isEmpty()) {
            return Outcome.refused("voucher_bonus_count_not_satisfied");
        }
        return new Outcome(discounts, null);
    }

    /**
     * Spreads {@code amount} (at most the sum of the weights) over the weights in proportion, rounded to the
     * currency; the last entry takes the rest so the parts add up exactly.
     */
    static Map<String, BigDecimal> spread(Map<String, BigDecimal> weights, BigDecimal amount) {
        BigDecimal sum = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (sum.signum() <= 0 || amount.signum() <= 0) {
            return out;
        }
        BigDecimal target = amount.min(sum).setScale(SCALE, RoundingMode.DOWN);
        BigDecimal given = BigDecimal.ZERO;
        List<String> ids = new ArrayList<>(weights.keySet());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            BigDecimal weight = weights.get(id);
            BigDecimal part;
            if (i == ids.size() - 1) {
                part = target.subtract(given);
            } else {
                part = target.multiply(weight).divide(sum, SCALE, RoundingMode.DOWN);
            }
            part = part.min(weight.setScale(SCALE, RoundingMode.DOWN)).max(BigDecimal.ZERO);
            out.put(id, part);
            given = given.add(part);
        }
        return out;
    }

    static BigDecimal left(Map<String, BigDecimal> remaining, Item item) {
        BigDecimal left = remaining.get(item.billItemId());
        return left == null ? BigDecimal.ZERO : left.max(BigDecimal.ZERO);
    }
}
