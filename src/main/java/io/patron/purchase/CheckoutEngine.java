package io.patron.purchase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;

/**
 * The checkout evaluation: one pure function of a basket and what the wallet, the status and the rules say, used by
 * accept-payment (which answers it), send-purchase (which commits it) and the property tests. The order is fixed:
 * <ol>
 * <li>the benefit providers by stage (campaign prices, automated rewards, presented codes; ties by class name),
 * each seeing what the earlier ones left to pay per item; a discount is cut to what is left, so no item goes below
 * zero; overall benefits only where the payment type allows them;</li>
 * <li>the status discount (the customer's tier percent) on what is left, as the overall discount, only for payment
 * types A and D, and on items another benefit discounted only when the status allows it;</li>
 * <li>points as payment (up to {@code max_points}, the spendable points, the status switch and what the payable
 * items are worth), first on items of type {@code points_only}, then in bill order;</li>
 * <li>credits (payment type C, up to {@code max_credit}, the spendable credits and what is left to pay);</li>
 * <li>the points earned by the earning rules on what is paid in money (after points) for the earning items.</li>
 * </ol>
 * Items with {@code loyalty_off} or of type {@code otc_without_loyalty} get nothing, earn nothing and cannot be paid
 * by points; {@code no_reward} items get no discount but earn and can be paid by points; {@code points_only} items
 * get no discount, earn nothing and are paid by points first.
 */
final class CheckoutEngine {

    static final String NO_REWARD = "no_reward";
    static final String OTC_WITHOUT_LOYALTY = "otc_without_loyalty";
    static final String POINTS_ONLY = "points_only";
    static final String STATUS_DISCOUNT_CODE = "status";

    private CheckoutEngine() {
    }

    /** What the status of the customer allows (null customer: anonymous, nothing). */
    record Status(boolean collectionPoints, boolean paymentPoints, int discount, boolean discountOnDiscounted) {
    }

    /** The default point type's wallet: spendable points (less reservations), their scale and money value. */
    record PointWallet(String typeId, BigDecimal spendable, int scale, BigDecimal moneyValue, boolean pending) {
    }

    /** The default credit type's wallet in the bill's currency. */
    record CreditWallet(String typeId, BigDecimal spendable) {
    }

    /** An earning rule of one point type for the bill's currency, with its multipliers by target. */
    record Rule(String pointTypeId, int scale, boolean pending, BigDecimal pointsPerUnit, RoundingMode rounding,
                Map<String, BigDecimal> multipliers, BigDecimal minPointsPaymentPurchase) {

        /** The multiplier of an item: the highest of its product's, group's and brand's, else 1. */
        BigDecimal multiplier(Catalog catalog) {
            BigDecimal best = null;
            for (String key : catalog.keys()) {
                BigDecimal m = multipliers.get(key);
                if (m != null && (best == null || m.compareTo(best) > 0)) {
                    best = m;
                }
            }
            return best == null ? BigDecimal.ONE : best;
        }
    }

    /** Catalogue facts of an item's product (all null when the PLUs name no product). */
    record Catalog(String productId, String groupId, String brandId) {

        static final Catalog NONE = new Catalog(null, null, null);

        List<String> keys() {
            List<String> keys = new ArrayList<>();
            if (productId != null) {
                keys.add("product:" + productId);
            }
            if (groupId != null) {
                keys.add("product_group:" + groupId);
            }
            if (brandId != null) {
                keys.add("brand:" + brandId);
            }
            return keys;
        }
    }

    /**
     * Everything the evaluation depends on besides the providers.
     *
     * @param itemTypes     per bill item id, the text id of its purchase item type (null when none)
     * @param catalog       per bill item id, its product's catalogue facts
     * @param status        null for an anonymous purchase
     * @param points        null when the project has no point type
     * @param credits       null when the project has no credit type or the customer is anonymous
     * @param decimals      the bill currency's decimal places
     */
    record Input(CheckoutBasket basket, Map<String, String> itemTypes, Map<String, Catalog> catalog, Status status,
                 PointWallet points, CreditWallet credits, List<Rule> rules, BigDecimal maxPoints,
                 BigDecimal maxCredit, int decimals, Messages messages) {
    }

    /** One item's outcome. */
    record ItemResult(CheckoutBasket.Item item, BigDecimal finalAmount, BigDecimal pointsPaid, boolean earns) {
    }

    /** A discount the engine gives (a provider's benefit or the status discount) on one item. */
    record Applied(BenefitProvider.Benefit.Kind kind, String code, String name, String rewardId, String voucherId,
                   String billItemId, BigDecimal value, BigDecimal percent, BenefitProvider provider,
                   BenefitProvider.Benefit benefit) {
    }

    record Evaluation(List<ItemResult> items, List<Applied> applied,
                      Map<BenefitProvider, List<BenefitProvider.Benefit>> used,
                      List<BenefitProvider.Refusal> refusals, BigDecimal creditPoints, BigDecimal priceOfCreditPoints,
                      BigDecimal credit, Map<String, BigDecimal> earned, BigDecimal totalCreditPoints,
                      BigDecimal totalCredit, List<String> messages, List<NotApplied> skipped,
                      List<RuleEarning> earnings, Input input) {

        BigDecimal finalTotal() {
            return items.stream().map(ItemResult::finalAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal earnedOf(String typeId) {
            return earned.getOrDefault(typeId, BigDecimal.ZERO);
        }
    }

    /**
     * A benefit the evaluation considered that gave nothing, for the checkout trace: the provider that considered it
     * (null for the status discount) and why.
     */
    record NotApplied(BenefitProvider provider, BenefitProvider.Skipped what) {
    }

    /** What one earning rule gave: its earning items and the points, rounded once as the rule says. */
    record RuleEarning(Rule rule, List<ItemEarning> items, BigDecimal points) {
    }

    /**
     * What one item earns by one rule before the rounding: the money it earns on (its final amount less the part
     * paid by points) × the rule's points per unit × the item's multiplier.
     */
    record ItemEarning(String billItemId, BigDecimal base, BigDecimal multiplier, BigDecimal points) {
    }

    /** Whether an item may receive discounts. */
    static boolean discountable(CheckoutBasket.Item item, String type) {
        return !item.loyaltyOff() && !NO_REWARD.equals(type) && !OTC_WITHOUT_LOYALTY.equals(type)
                && !POINTS_ONLY.equals(type);
    }

    /** Whether an item may be paid by points. */
    static boolean pointsPayable(CheckoutBasket.Item item, String type) {
        return !item.loyaltyOff() && !OTC_WITHOUT_LOYALTY.equals(type);
    }

    /** Whether an item earns points. */
    static boolean earning(CheckoutBasket.Item item, String type) {
        return !item.loyaltyOff() && !OTC_WITHOUT_LOYALTY.equals(type) && !POINTS_ONLY.equals(type);
    }

    static Evaluation evaluate(Input in, List<BenefitProvider> providers) {
        CheckoutBasket basket = in.basket();
        Messages messages = in.messages();
        List<String> notes = new ArrayList<>();
        Map<String, BigDecimal> remaining = new LinkedHashMap<>();
        Map<String, Boolean> discounted = new LinkedHashMap<>();
        for (CheckoutBasket.Item item : basket.items()) {
            boolean eligible = discountable(item, in.itemTypes().get(item.billItemId()));
            remaining.put(item.billItemId(), eligible ? item.paidAmount() : BigDecimal.ZERO);
            // the cash desk already charged less than the price: the item counts as discounted
            discounted.put(item.billItemId(), item.paidAmount().compareTo(item.price()) < 0);
        }
        List<Applied> applied = new ArrayList<>();
        Map<BenefitProvider, List<BenefitProvider.Benefit>> used = new LinkedHashMap<>();
        List<BenefitProvider.Refusal> refusals = new ArrayList<>();
        List<NotApplied> skipped = new ArrayList<>();
        List<BenefitProvider> ordered = providers.stream()
                .sorted(Comparator.comparingInt(BenefitProvider::stage)
                        .thenComparing(p -> p.getClass().getName()))
                .toList();
        Map<String, BigDecimal> paidBefore = new LinkedHashMap<>();
        basket.items().forEach(i -> paidBefore.put(i.billItemId(), i.paidAmount()));
        BenefitProvider.Shared shared = new BenefitProvider.Shared();
        for (BenefitProvider provider : ordered) {
            BenefitProvider.Proposal proposal = provider.propose(basket, Map.copyOf(remaining), shared);
            refusals.addAll(proposal.refusals());
            proposal.skipped().forEach(x -> skipped.add(new NotApplied(provider, x)));
            for (BenefitProvider.Benefit benefit : proposal.benefits()) {
                if (benefit.overall() && !basket.paymentType().allowsOverallDiscounts()) {
                    skipped.add(new NotApplied(provider, new BenefitProvider.Skipped(benefit.code(), benefit.name(),
                            benefit.rewardId(), "voucher_invalid_type_of_usage", null, null,
                            "an overall discount, which payment type " + basket.paymentType() + " does not allow")));
                    notes.add(messages.overallNotAllowed(benefit.name() != null ? benefit.name() : benefit.code(),
                            basket.paymentType().name()));
                    continue;
                }
                boolean any = false;
                for (BenefitProvider.ItemDiscount d : benefit.discounts()) {
                    BigDecimal left = remaining.get(d.billItemId());
                    if (left == null || d.value() == null || d.value().signum() <= 0 || left.signum() == 0) {
                        continue;
                    }
                    BigDecimal value = d.value().min(left);
                    remaining.put(d.billItemId(), left.subtract(value));
                    discounted.put(d.billItemId(), true);
                    applied.add(new Applied(benefit.kind(), benefit.code(), benefit.name(), benefit.rewardId(),
                            benefit.voucherId(), d.billItemId(), value,
                            percent(value, paidBefore.get(d.billItemId())), provider, benefit));
                    any = true;
                }
                if (any) {
                    used.computeIfAbsent(provider, p -> new ArrayList<>()).add(benefit);
                } else {
                    skipped.add(new NotApplied(provider, new BenefitProvider.Skipped(benefit.code(), benefit.name(),
                            benefit.rewardId(), "nothing_left_to_pay", null, null,
                            "earlier benefits left nothing to pay on its items")));
                }
            }
        }
        refusals = settled(refusals, used.values());
        // the status discount: the overall discount of the customer's tier
        Status status = in.status();
        if (status != null && status.discount() > 0 && basket.paymentType().allowsOverallDiscounts()) {
            BigDecimal pct = BigDecimal.valueOf(status.discount());
            String name = messages.statusDiscount(status.discount());
            for (CheckoutBasket.Item item : basket.items()) {
                BigDecimal left = remaining.get(item.billItemId());
                String reason = !discountable(item, in.itemTypes().get(item.billItemId()))
                        ? "item_takes_no_discounts" : left.signum() == 0 ? "nothing_left_to_pay"
                        : discounted.get(item.billItemId()) && !status.discountOnDiscounted() ? "item_already_discounted"
                        : null;
                if (reason != null) {
                    skipped.add(new NotApplied(null, new BenefitProvider.Skipped(STATUS_DISCOUNT_CODE, name, null,
                            reason, item.billItemId(), null, STATUS_CONDITIONS.get(reason))));
                    continue;
                }
                BigDecimal value = left.multiply(pct).divide(BigDecimal.valueOf(100), in.decimals(),
                        RoundingMode.HALF_UP).min(left);
                if (value.signum() > 0) {
                    remaining.put(item.billItemId(), left.subtract(value));
                    applied.add(new Applied(BenefitProvider.Benefit.Kind.RECOMMENDED_DISCOUNT, STATUS_DISCOUNT_CODE,
                            name, null, null, item.billItemId(), value, pct.setScale(2, RoundingMode.HALF_UP), null,
                            null));
                } else {
                    skipped.add(new NotApplied(null, new BenefitProvider.Skipped(STATUS_DISCOUNT_CODE, name, null,
                            "rounds_to_zero", item.billItemId(), BigDecimal.ZERO,
                            "the percent of what is left to pay rounds to nothing")));
                }
            }
        }
        // what each item finally costs before points and credits
        Map<String, BigDecimal> finalAmounts = new LinkedHashMap<>();
        for (CheckoutBasket.Item item : basket.items()) {
            boolean eligible = discountable(item, in.itemTypes().get(item.billItemId()));
            finalAmounts.put(item.billItemId(), eligible ? remaining.get(item.billItemId()) : item.paidAmount());
        }
        // points as payment
        Map<String, BigDecimal> pointsPaid = new LinkedHashMap<>();
        BigDecimal creditPoints = BigDecimal.ZERO;
        BigDecimal priceOfPoints = BigDecimal.ZERO;
        BigDecimal requested = in.maxPoints() == null ? BigDecimal.ZERO : in.maxPoints();
        if (requested.signum() > 0) {
            PointWallet wallet = in.points();
            if (status == null || !status.paymentPoints() || wallet == null || wallet.moneyValue() == null) {
                throw ApiError.badRequest(List.of(InvalidParam.of("max_points", Reason.CUSTOMER_CANT_PAY_BY_POINTS,
                        requested.toPlainString(), status == null ? "An anonymous purchase cannot be paid by points"
                                : wallet == null || wallet.moneyValue() == null
                                ? "Points have no money value in the bill's currency"
                                : "The customer's status does not allow paying by points")));
            }
            BigDecimal minimum = in.rules().stream().filter(r -> r.pointTypeId().equals(wallet.typeId()))
                    .map(Rule::minPointsPaymentPurchase).filter(m -> m != null).findFirst().orElse(null);
            BigDecimal total = finalAmounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (minimum != null && total.compareTo(minimum) < 0) {
                throw ApiError.badRequest(List.of(InvalidParam.of("max_points",
                        Reason.POINTS_MIN_AMOUNT_OF_PURCHASE, requested.toPlainString(),
                        "Points pay only purchases of at least " + minimum.stripTrailingZeros().toPlainString())));
            }
            List<CheckoutBasket.Item> payable = new ArrayList<>();
            basket.items().stream().filter(i -> POINTS_ONLY.equals(in.itemTypes().get(i.billItemId()))
                    && pointsPayable(i, POINTS_ONLY)).forEach(payable::add);
            basket.items().stream().filter(i -> !POINTS_ONLY.equals(in.itemTypes().get(i.billItemId()))
                    && pointsPayable(i, in.itemTypes().get(i.billItemId()))).forEach(payable::add);
            BigDecimal worth = payable.stream().map(i -> finalAmounts.get(i.billItemId()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal byWorth = worth.divide(wallet.moneyValue(), wallet.scale(), RoundingMode.DOWN);
            BigDecimal asked = requested.setScale(wallet.scale(), RoundingMode.DOWN);
            creditPoints = asked.min(wallet.spendable().setScale(wallet.scale(), RoundingMode.DOWN)).min(byWorth)
                    .max(BigDecimal.ZERO);
            if (creditPoints.compareTo(asked) < 0) {
                notes.add(messages.pointsLimited(plain(creditPoints), plain(asked)));
            }
            priceOfPoints = creditPoints.multiply(wallet.moneyValue()).setScale(in.decimals(), RoundingMode.DOWN)
                    .min(worth);
            BigDecimal toAllocate = priceOfPoints;
            for (CheckoutBasket.Item item : payable) {
                BigDecimal take = finalAmounts.get(item.billItemId()).min(toAllocate);
                if (take.signum() > 0) {
                    pointsPaid.put(item.billItemId(), take);
                    toAllocate = toAllocate.subtract(take);
                }
            }
        }
        for (CheckoutBasket.Item item : basket.items()) {
            if (POINTS_ONLY.equals(in.itemTypes().get(item.billItemId()))
                    && pointsPaid.getOrDefault(item.billItemId(), BigDecimal.ZERO)
                    .compareTo(finalAmounts.get(item.billItemId())) < 0) {
                notes.add(messages.pointsOnlyUnpaid(item.billItemId()));
            }
        }
        // credits as payment (payment type C)
        BigDecimal credit = BigDecimal.ZERO;
        BigDecimal askedCredit = in.maxCredit() == null ? BigDecimal.ZERO : in.maxCredit();
        if (basket.paymentType() == CheckoutBasket.PaymentType.C) {
            if (in.credits() == null || in.credits().spendable().signum() <= 0) {
                throw ApiError.badRequest(List.of(InvalidParam.of("payment_type",
                        Reason.CUSTOMER_CANT_PAY_BY_CREDITS, "C", in.credits() == null && status == null
                                ? "An anonymous purchase cannot be paid by credits"
                                : "The customer has no credits to pay with")));
            }
            if (askedCredit.signum() > 0) {
                BigDecimal left = finalAmounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                        .subtract(priceOfPoints);
                credit = askedCredit.min(in.credits().spendable()).min(left).setScale(in.decimals(),
                        RoundingMode.DOWN).max(BigDecimal.ZERO);
                if (credit.compareTo(askedCredit) < 0) {
                    notes.add(messages.creditLimited(plain(credit), plain(askedCredit)));
                }
            }
        } else if (askedCredit.signum() > 0) {
            notes.add(messages.creditNeedsTypeC());
        }
        // earning
        List<ItemResult> items = new ArrayList<>();
        for (CheckoutBasket.Item item : basket.items()) {
            String type = in.itemTypes().get(item.billItemId());
            items.add(new ItemResult(item, finalAmounts.get(item.billItemId()),
                    pointsPaid.getOrDefault(item.billItemId(), BigDecimal.ZERO), earning(item, type)));
        }
        List<RuleEarning> earnings = status == null ? List.of()
                : earnings(items, in.catalog(), in.rules(), status, basket.paymentType());
        Map<String, BigDecimal> earned = sum(earnings);
        if (status != null && !status.collectionPoints() && basket.paymentType().collectsPoints()) {
            notes.add(messages.noCollection());
        }
        BigDecimal totalPoints = BigDecimal.ZERO;
        if (in.points() != null && status != null) {
            totalPoints = in.points().spendable().subtract(creditPoints);
            if (!in.points().pending()) {
                totalPoints = totalPoints.add(earned.getOrDefault(in.points().typeId(), BigDecimal.ZERO));
            }
        }
        BigDecimal totalCredit = in.credits() == null ? BigDecimal.ZERO : in.credits().spendable().subtract(credit);
        refusals.forEach(r -> notes.add(r.message()));
        return new Evaluation(items, applied, used, refusals, creditPoints, priceOfPoints, credit, earned,
                totalPoints, totalCredit, notes, List.copyOf(skipped), earnings, in);
    }

    /**
     * The points each point type's rule gives for the items: (final amount less the part paid by points) × points
     * per unit × the item's multiplier, summed over the earning items and rounded once per purchase as the rule says.
     * Nothing when the payment type collects no points or the status switched collecting off.
     */
    static Map<String, BigDecimal> earn(List<ItemResult> items, Map<String, Catalog> catalog, List<Rule> rules,
                                        Status status, CheckoutBasket.PaymentType paymentType) {
        return sum(earnings(items, catalog, rules, status, paymentType));
    }

    /** {@link #earn} rule by rule and item by item (none when nothing is collected), for the trace. */
    static List<RuleEarning> earnings(List<ItemResult> items, Map<String, Catalog> catalog, List<Rule> rules,
                                      Status status, CheckoutBasket.PaymentType paymentType) {
        if (!paymentType.collectsPoints() || !status.collectionPoints()) {
            return List.of();
        }
        List<RuleEarning> earnings = new ArrayList<>();
        for (Rule rule : rules) {
            BigDecimal raw = BigDecimal.ZERO;
            List<ItemEarning> parts = new ArrayList<>();
            for (ItemResult item : items) {
                if (!item.earns()) {
                    continue;
                }
                BigDecimal base = item.finalAmount().subtract(item.pointsPaid());
                if (base.signum() <= 0) {
                    continue;
                }
                Catalog c = catalog.getOrDefault(item.item().billItemId(), Catalog.NONE);
                BigDecimal multiplier = rule.multiplier(c);
                BigDecimal points = base.multiply(rule.pointsPerUnit()).multiply(multiplier);
                parts.add(new ItemEarning(item.item().billItemId(), base, multiplier, points));
                raw = raw.add(points);
            }
            earnings.add(new RuleEarning(rule, List.copyOf(parts), raw.setScale(rule.scale(), rule.rounding())));
        }
        return List.copyOf(earnings);
    }

    /** The points per point type of the rules that gave some. */
    private static Map<String, BigDecimal> sum(List<RuleEarning> earnings) {
        Map<String, BigDecimal> earned = new LinkedHashMap<>();
        for (RuleEarning e : earnings) {
            if (e.points().signum() > 0) {
                earned.merge(e.rule().pointTypeId(), e.points(), BigDecimal::add);
            }
        }
        return earned;
    }

    private static BigDecimal percent(BigDecimal value, BigDecimal of) {
        if (of == null || of.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return value.multiply(BigDecimal.valueOf(100)).divide(of, 2, RoundingMode.HALF_UP);
    }

    static String plain(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** Why the status discount skipped an item, in words (the trace's). */
    private static final Map<String, String> STATUS_CONDITIONS = Map.of(
            "item_takes_no_discounts", "the item takes no discounts (loyalty_off, or its purchase item type)",
            "nothing_left_to_pay", "earlier benefits left nothing to pay on the item",
            "item_already_discounted", "the item is discounted already and the status does not discount such items");

    /** Text ids of the purchase item types with an effect. */
    static final Set<String> EFFECT_TYPES = Set.of(NO_REWARD, OTC_WITHOUT_LOYALTY, POINTS_ONLY);

    /**
     * Cashier messages in the request's language: the texts of {@link CheckoutMessages} as the translation table
     * has them for it (read before the evaluation, so the engine stays a pure function), the built-in English text
     * for any key it lacks.
     */
    record Messages(Map<String, String> texts) {

        Messages {
            texts = Map.copyOf(texts);
        }

        /** The built-in texts of a language (no translation table). */
        static Messages of(String languageId) {
            return new Messages(CheckoutMessages.builtIn(languageId));
        }

        private String text(String key, String... namesAndValues) {
            String text = texts.get(key);
            if (text == null) {
                text = CheckoutMessages.builtIn("en").get(key);
            }
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                text = text.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
            }
            return text;
        }

        String overallNotAllowed(String name, String paymentType) {
            return text(CheckoutMessages.OVERALL_NOT_ALLOWED, "name", name, "payment_type", paymentType);
        }

        String statusDiscount(int percent) {
            return text(CheckoutMessages.STATUS_DISCOUNT, "percent", String.valueOf(percent));
        }

        String pointsLimited(String points, String asked) {
            return text(CheckoutMessages.POINTS_LIMITED, "points", points, "asked", asked);
        }

        String pointsOnlyUnpaid(String billItemId) {
            return text(CheckoutMessages.POINTS_ONLY_UNPAID, "bill_item_id", billItemId);
        }

        String creditLimited(String credit, String asked) {
            return text(CheckoutMessages.CREDIT_LIMITED, "credit", credit, "asked", asked);
        }

        String creditNeedsTypeC() {
            return text(CheckoutMessages.CREDIT_NEEDS_TYPE_C);
        }

        String noCollection() {
            return text(CheckoutMessages.NO_COLLECTION);
        }
    }

    /**
     * Several providers read the presented codes: a code one of them applied is not refused because another does
     * not know it, and a code no one applied is refused once, with the most telling reason (a provider's own
     * reason over another's {@code not_found}).
     */
    static List<BenefitProvider.Refusal> settled(List<BenefitProvider.Refusal> refusals,
                                                  java.util.Collection<List<BenefitProvider.Benefit>> used) {
        java.util.Set<String> appliedCodes = new java.util.HashSet<>();
        used.forEach(benefits -> benefits.forEach(b -> appliedCodes.add(b.code())));
        Map<String, BenefitProvider.Refusal> byCode = new LinkedHashMap<>();
        for (BenefitProvider.Refusal refusal : refusals) {
            if (appliedCodes.contains(refusal.code())) {
                continue;
            }
            byCode.merge(refusal.code(), refusal,
                    (first, next) -> "not_found".equals(first.reason()) && !"not_found".equals(next.reason()) ? next : first);
        }
        return List.copyOf(byCode.values());
    }

}
