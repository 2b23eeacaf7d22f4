package io.patron.reward;

import static io.patron.db.Tables.VOUCHER;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.Reason;
import io.patron.catalog.CatalogQueries;
import io.patron.config.PatronProperties;
import io.patron.db.tables.records.RewardUseRecord;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.purchase.BenefitProvider;
import io.patron.purchase.BenefitProvider.Benefit;
import io.patron.purchase.BenefitProvider.ItemDiscount;
import io.patron.purchase.BenefitProvider.Proposal;
import io.patron.purchase.BenefitProvider.Refusal;
import io.patron.purchase.CheckoutBasket;
import io.patron.segment.SegmentService;
import io.patron.store.StoreQueries;

/**
 * The checkout side of rewards and vouchers, shared by the two benefit providers ({@link AutomatedRewardProvider},
 * {@link PresentedCodeProvider}): evaluation (reads only), commit under row locks, and reversal.
 *
 * <p>Order and stacking: automated rewards by priority (1 first) then id, then presented codes by their reward's
 * priority then the voucher's (or cash-desk reward's) id; each benefit sees what the ones before left to pay, so
 * benefits stack and never take an item below zero. A reward's restrictions are checked in this order: state,
 * dates, daily time window, stores, partner, segments, customer types ({@link CustomerTypes}; refused as
 * {@code voucher_cant_be_applied_by_segment}, the contract having no reason of its own for them), overall
 * discount allowed by the payment type, then its conditions and bonuses ({@link RewardRules}).
 */
@Component
class RewardCheckout {

    private final RewardRepository repository;
    private final CatalogQueries catalog;
    private final StoreQueries stores;
    private final SegmentService segments;
    private final CustomerTypes customerTypes;
    private final LoyaltyLedger ledger;
    private final VoucherService vouchers;
    private final DomainEvents events;
    private final PatronProperties patron;
    private final Clock clock;

    RewardCheckout(RewardRepository repository, CatalogQueries catalog, StoreQueries stores, SegmentService segments,
                   CustomerTypes customerTypes, LoyaltyLedger ledger, VoucherService vouchers, DomainEvents events,
                   PatronProperties patron, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.stores = stores;
        this.segments = segments;
        this.customerTypes = customerTypes;
        this.ledger = ledger;
        this.vouchers = vouchers;
        this.events = events;
        this.patron = patron;
        this.clock = clock;
    }

    /**
     * What the evaluation reads once per basket: built by the first of {@link #automated} and {@link #presented} that
     * needs it and handed to the other through the evaluation's {@link BenefitProvider.Shared} (the basket's
     * catalogue classes, the store's partner, the customer's segments read at most once per evaluation).
     */
    private final class Context {
        final CheckoutBasket basket;
        final List<RewardRules.Item> items;
        final Language language;
        final String storePartner;
        Set<String> customerSegments;

        Context(CheckoutBasket basket) {
            this.basket = basket;
            Set<String> productIds = new LinkedHashSet<>();
            basket.items().forEach(i -> {
                if (i.productId() != null) {
                    productIds.add(i.productId());
                }
            });
            Map<String, CatalogQueries.ProductClass> classes = catalog.classes(productIds);
            List<RewardRules.Item> list = new ArrayList<>();
            for (CheckoutBasket.Item i : basket.items()) {
                CatalogQueries.ProductClass c = i.productId() == null ? null : classes.get(i.productId());
                list.add(new RewardRules.Item(i.billItemId(), i.productId(), c == null ? Set.of() : c.groupIds(),
                        c == null ? null : c.brandId(), i.quantity(), i.price(), i.loyaltyOff()));
            }
            this.items = list;
            this.language = language(basket);
            this.storePartner = basket.storeId() == null ? null
                    : stores.partnersOfStores(List.of(basket.storeId())).get(basket.storeId());
        }

        Set<String> segments() {
            if (customerSegments == null) {
                customerSegments = basket.customerId() == null ? Set.of() : segments.segmentsOf(basket.customerId());
            }
            return customerSegments;
        }
    }

    private Language language(CheckoutBasket basket) {
        return new Language(basket.languageId() == null ? patron.defaultLanguage() : basket.languageId(),
                patron.defaultLanguage());
    }

    // --- evaluation ------------------------------------------------------------------------------

    /** The reason the reward cannot apply to this basket apart from its rule, or null. */
    private String restriction(RewardRepository.RewardRow reward, Context context, RewardRules.Rule rule,
                               RewardRepository.Restrictions restrictions) {
        OffsetDateTime at = context.basket.at();
        var local = at.atZoneSameInstant(clock.getZone());
        LocalDate day = local.toLocalDate();
        if (reward.state() != 1) {
            return "voucher_expired";
        }
        if ((reward.validFrom() != null && day.isBefore(reward.validFrom()))
                || (reward.validTo() != null && day.isAfter(reward.validTo()))) {
            return "voucher_cant_be_applied_by_date";
        }
        if (!withinTime(reward.timeFrom(), reward.timeTo(), local.toLocalTime())) {
            return "voucher_cant_be_applied_by_time";
        }
        Set<String> rewardStores = restrictions.stores(reward.id());
        if (!rewardStores.isEmpty() && !rewardStores.contains(context.basket.storeId())) {
            return "voucher_not_allowed_in_store";
        }
        if (reward.partnerId() != null && context.storePartner != null
                && !reward.partnerId().equals(context.storePartner)) {
            return "voucher_cant_be_used_in_store";
        }
        Set<String> rewardSegments = restrictions.segments(reward.id());
        if (!rewardSegments.isEmpty() && context.segments().stream().noneMatch(rewardSegments::contains)) {
            return "voucher_cant_be_applied_by_segment";
        }
        Set<String> rewardTypes = restrictions.customerTypes(reward.id());
        if (!rewardTypes.isEmpty() && customerTypes.of(context.basket.customerId(), rewardTypes).isEmpty()) {
            return "voucher_cant_be_applied_by_segment";
        }
        if (rule.overall() && !context.basket.paymentType().allowsOverallDiscounts()) {
            return "voucher_invalid_type_of_usage";
        }
        return null;
    }

    /** A daily window [from, to]; one that ends before it starts runs over midnight. */
    static boolean withinTime(LocalTime from, LocalTime to, LocalTime now) {
        if (from == null && to == null) {
            return true;
        }
        LocalTime start = from == null ? LocalTime.MIN : from;
        LocalTime end = to == null ? LocalTime.MAX : to;
        if (!end.isBefore(start)) {
            return !now.isBefore(start) && !now.isAfter(end);
        }
        return !now.isBefore(start) || !now.isAfter(end);
    }

    private RewardRules.Rule rule(RewardRepository.RewardRow reward, BigDecimal value,
                                  Map<String, List<RewardRepository.RelationRow>> relations) {
        List<RewardRules.Relation> conditions = new ArrayList<>();
        List<RewardRules.Relation> bonuses = new ArrayList<>();
        for (RewardRepository.RelationRow r : relations.getOrDefault(reward.id(), List.of())) {
            RewardRules.Relation relation = new RewardRules.Relation(r.relatedTo(), r.targets(), r.count(),
                    r.minPrice(), r.maxPrice());
            (r.relation() == 0 ? conditions : bonuses).add(relation);
        }
        return new RewardRules.Rule(RewardRules.Behaviour.of(reward.behaviour()), value, conditions, bonuses,
                reward.minimumPurchase(), reward.maximumDiscount());
    }

    private static Map<String, BigDecimal> subtract(Map<String, BigDecimal> remaining, List<ItemDiscount> discounts) {
        Map<String, BigDecimal> left = new LinkedHashMap<>(remaining);
        discounts.forEach(d -> left.computeIfPresent(d.billItemId(), (k, v) -> v.subtract(d.value()).max(BigDecimal.ZERO)));
        return left;
    }

    /** Rewards that apply without a code: every active automated reward whose restrictions and rule fit. */
    Proposal automated(CheckoutBasket basket, Map<String, BigDecimal> remaining, BenefitProvider.Shared shared) {
        Language language = language(basket);
        List<RewardRepository.Named> named = repository.automated(language);
        if (named.isEmpty() || basket.items().isEmpty()) {
            return Proposal.NONE;
        }
        List<RewardRepository.RewardRow> rewards = named.stream().map(RewardRepository.Named::reward).toList();
        Map<String, String> names = new HashMap<>();
        named.forEach(n -> names.put(n.reward().id(), n.name()));
        Context context = shared.get(Context.class, () -> new Context(basket));
        List<String> ids = rewards.stream().map(RewardRepository.RewardRow::id).toList();
        RewardRepository.Rules rules = repository.rules(ids);
        Map<String, List<RewardRepository.RelationRow>> relations = rules.relations();
        RewardRepository.Restrictions restrictions = rules.restrictions();
        Map<String, BigDecimal> left = new LinkedHashMap<>(remaining);
        List<Benefit> benefits = new ArrayList<>();
        List<BenefitProvider.Skipped> skipped = new ArrayList<>();
        for (RewardRepository.RewardRow reward : rewards) {
            if (reward.giftCard()) {
                continue;
            }
            RewardRules.Rule rule = rule(reward, reward.typeValue(), relations);
            String reason = restriction(reward, context, rule, restrictions);
            if (reason == null) {
                reason = limitReason(reward, basket.customerId());
            }
            if (reason != null) {
                skipped.add(new BenefitProvider.Skipped(reward.code(), names.get(reward.id()), reward.id(), reason,
                        null, null, null));
                continue;
            }
            RewardRules.Outcome outcome = RewardRules.evaluate(rule, context.items, left);
            if (outcome.applies()) {
                benefits.add(new Benefit(Benefit.Kind.RECOMMENDED_DISCOUNT, reward.code(), names.get(reward.id()),
                        rule.overall(), reward.id(), null, outcome.discounts()));
                left = subtract(left, outcome.discounts());
            } else {
                skipped.add(new BenefitProvider.Skipped(reward.code(), names.get(reward.id()), reward.id(),
                        outcome.refusal() == null ? "not_enough_items_for_voucher" : outcome.refusal(), null, null,
                        null));
            }
        }
        return new Proposal(benefits, List.of(), skipped);
    }

    /** Why a codeless reward's use limits refuse one more use now, or null (counted without locks: a forecast). */
    /** Whether committing a use of the reward counts something (its limits, a voucher issued at the desk). */
    private static boolean countedUnderLock(RewardRepository.RewardRow reward) {
        return reward.limitTotal() != null || reward.limitPerCustomer() != null
                || (reward.group() == 1 && !reward.automated());
    }

    private String limitReason(RewardRepository.RewardRow reward, String customerId) {
        return limitReason(reward, customerId, List.of());
    }

    /** {@link #limitReason} counting also {@code pending}: uses of this commit not inserted yet. */
    private String limitReason(RewardRepository.RewardRow reward, String customerId, List<RewardUseRecord> pending) {
        if (reward.limitTotal() != null && repository.uses(reward.id(), null)
                + pending.stream().filter(u -> u.getRewardId().equals(reward.id())).count() >= reward.limitTotal()) {
            return "voucher_already_used";
        }
        if (reward.limitPerCustomer() != null) {
            if (customerId == null) {
                return "unauthorized_use_vouchers";
            }
            if (repository.uses(reward.id(), customerId) + pending.stream().filter(u -> u.getRewardId()
                    .equals(reward.id()) && customerId.equals(u.getCustomerId())).count()
                    >= reward.limitPerCustomer()) {
                return "voucher_already_used";
            }
        }
        return null;
    }

    /** A presented code resolved: a voucher, or a reward's own code. */
    private record Presented(String code, RewardRepository.VoucherRow voucher, RewardRepository.RewardRow reward) {

        String sortId() {
            return voucher != null ? voucher.id() : reward.id();
        }
    }

    /** The presented codes (vouchers, cash-desk codes, catalogue rewards bought at the desk), by priority then id. */
    Proposal presented(CheckoutBasket basket, Map<String, BigDecimal> remaining, BenefitProvider.Shared shared) {
        if (basket.benefitCodes().isEmpty()) {
            return Proposal.NONE;
        }
        Context context = shared.get(Context.class, () -> new Context(basket));
        List<Refusal> refusals = new ArrayList<>();
        List<Presented> presented = new ArrayList<>();
        // the presented rewards' names, read with them
        Map<String, String> names = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String code : basket.benefitCodes()) {
            if (code == null || code.isBlank()) {
                continue;
            }
            if (!seen.add(code)) {
                refusals.add(refusal(code, "voucher_already_applied", context));
                continue;
            }
            var voucher = repository.voucherByCode(code, context.language).filter(v -> v.voucher().state() == 1);
            if (voucher.isPresent()) {
                var named = voucher.get().reward();
                names.put(named.reward().id(), named.name());
                presented.add(new Presented(code, voucher.get().voucher(), named.reward()));
                continue;
            }
            var reward = repository.rewardByCode(code, context.language).filter(r -> r.reward().state() != 0);
            if (reward.isPresent()) {
                names.put(reward.get().reward().id(), reward.get().name());
                presented.add(new Presented(code, null, reward.get().reward()));
            } else {
                refusals.add(refusal(code, "not_found", context));
            }
        }
        presented.sort(Comparator.comparingInt((Presented p) -> p.reward().priority()).thenComparing(Presented::sortId));
        Set<String> rewardIds = new LinkedHashSet<>();
        presented.forEach(p -> rewardIds.add(p.reward().id()));
        RewardRepository.Rules rules = repository.rules(rewardIds);
        Map<String, List<RewardRepository.RelationRow>> relations = rules.relations();
        RewardRepository.Restrictions restrictions = rules.restrictions();
        Map<String, Integer> perReward = new HashMap<>();
        Map<String, BigDecimal> left = new LinkedHashMap<>(remaining);
        List<Benefit> benefits = new ArrayList<>();
        for (Presented p : presented) {
            RewardRepository.RewardRow reward = p.reward();
            int count = perReward.merge(reward.id(), 1, Integer::sum);
            BigDecimal value = reward.typeValue();
            RewardRules.Rule rule;
            String reason = null;
            if (p.voucher() != null) {
                RewardRepository.VoucherRow v = p.voucher();
                if (v.customValue() != null) {
                    rule = new RewardRules.Rule(RewardRules.Behaviour.FIXED_AMOUNT, v.customValue(), List.of(),
                            List.of(), reward.minimumPurchase(), reward.maximumDiscount());
                } else {
                    rule = rule(reward, reward.giftCard() ? v.balance() : value, relations);
                }
                reason = voucherReason(v, reward, context);
            } else {
                rule = rule(reward, value, relations);
                reason = codeReason(reward, context);
            }
            if (reason == null && reward.maxVouchersPerPurchase() != null && count > reward.maxVouchersPerPurchase()) {
                reason = "max_number_of_voucher_exceeded";
            }
            if (reason == null) {
                reason = restriction(reward, context, rule, restrictions);
            }
            if (reason == null) {
                RewardRules.Outcome outcome = RewardRules.evaluate(rule, context.items, left);
                reason = outcome.refusal();
                if (outcome.applies()) {
                    boolean voucher = p.voucher() != null;
                    // every presented code that applies is listed under vouchers, a cash-desk code without a voucher
                    // too: the cash desk sends that list back in send-purchase's payment_recap, which is how
                    // send-purchase learns which codes were presented
                    benefits.add(new Benefit(Benefit.Kind.VOUCHER,
                            p.code(), names.get(reward.id()), rule.overall(), reward.id(),
                            voucher ? p.voucher().id() : null, outcome.discounts()));
                    left = subtract(left, outcome.discounts());
                }
            }
            if (reason != null) {
                refusals.add(refusal(p.code(), reason, context));
            }
        }
        return new Proposal(benefits, refusals);
    }

    private String voucherReason(RewardRepository.VoucherRow v, RewardRepository.RewardRow reward, Context context) {
        if (v.used() || (v.balance() != null && v.balance().signum() <= 0)) {
            return "voucher_already_used";
        }
        if (v.customerId() != null) {
            if (context.basket.customerId() == null) {
                return "unauthorized_use_vouchers";
            }
            if (!v.customerId().equals(context.basket.customerId())) {
                return "voucher_assigned_to_another_customer";
            }
        }
        OffsetDateTime at = context.basket.at();
        if (v.validTo() != null && at.isAfter(v.validTo())) {
            return "voucher_expired";
        }
        if (v.validFrom() != null && at.isBefore(v.validFrom())) {
            return "voucher_cant_be_applied_by_validity_days";
        }
        return null;
    }

    /** A reward's own code: a cash-desk code (group 0), or a catalogue reward (1) bought with points at the desk. */
    private String codeReason(RewardRepository.RewardRow reward, Context context) {
        if (reward.automated() || reward.giftCard()) {
            return "voucher_invalid_type_of_usage";
        }
        if (reward.group() == 0) {
            return limitReason(reward, context.basket.customerId());
        }
        if (reward.group() == 1) {
            if (context.basket.customerId() == null) {
                return "unauthorized_use_vouchers";
            }
            BigDecimal cost = reward.pointsCost() == null ? BigDecimal.ZERO : reward.pointsCost();
            BigDecimal spendable = ledger.defaultPointTypeId()
                    .map(t -> ledger.spendable(context.basket.customerId(), t, null)).orElse(BigDecimal.ZERO);
            if (spendable.compareTo(cost) < 0) {
                return "not_enough_points_for_voucher";
            }
            if (reward.limitTotal() != null && repository.vouchersIssued(reward.id(), null) >= reward.limitTotal()
                    || reward.limitPerCustomer() != null && repository.vouchersIssued(reward.id(),
                    context.basket.customerId()) >= reward.limitPerCustomer()) {
                return "voucher_already_used";
            }
            return null;
        }
        return "voucher_invalid_type_of_usage";
    }

    private Refusal refusal(String code, String reason, Context context) {
        String message = repository.text(RefusalMessages.ENTITY, reason, context.language);
        return new Refusal(code, reason, message == null ? RefusalMessages.english(reason) : message);
    }

    // --- commit and reversal ---------------------------------------------------------------------

    /**
     * Records the benefits' uses in the purchase's transaction: locks each voucher (or the codeless reward's row),
     * re-checks what the evaluation assumed, marks single-use vouchers used, takes from gift card balances, counts
     * reward uses. Refuses with a 400 naming {@code benefit_codes} when something changed since.
     */
    void commit(String purchaseId, CheckoutBasket basket, List<Benefit> used) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the uses are inserted together at the end (one statement); a limit counted before then adds them
        List<RewardUseRecord> uses = new ArrayList<>();
        // the codeless rewards as they stand, in one query (one that counts its uses is read again under its lock)
        Map<String, RewardRepository.RewardRow> rewards = repository.rewards(used.stream()
                .filter(b -> b.voucherId() == null && b.rewardId() != null).map(Benefit::rewardId)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        for (Benefit benefit : used) {
            BigDecimal total = benefit.discounts().stream().map(ItemDiscount::value)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (benefit.voucherId() != null) {
                uses.add(useVoucher(purchaseId, basket, benefit, total, now));
                continue;
            }
            if (benefit.rewardId() == null) {
                continue;
            }
            RewardRepository.RewardRow reward = rewards.get(benefit.rewardId());
            if (reward == null) {
                throw refused(benefit.code(), Reason.VOUCHER_EXPIRED, "The reward is gone");
            }
            if (countedUnderLock(reward)) {
                // its limits are counted under the reward's row lock, from the committed uses; a reward without
                // limits takes no lock: it had serialized every send-purchase it applied to (bench/checkout.sh)
                repository.lockReward(reward.id());
                reward = repository.reward(reward.id())
                        .orElseThrow(() -> refused(benefit.code(), Reason.VOUCHER_EXPIRED, "The reward is gone"));
            }
            if (reward.state() != 1) {
                throw refused(benefit.code(), Reason.VOUCHER_EXPIRED, "The reward is no longer active");
            }
            if (reward.group() == 1 && !reward.automated()) {
                // a catalogue reward bought at the desk: a voucher paid with points now, used by this purchase
                String voucherId;
                try {
                    voucherId = vouchers.issueAtCheckout(basket.customerId(), reward, purchaseId);
                } catch (ApiError e) {
                    throw refused(benefit.code(), Reason.NOT_ENOUGH_POINTS_FOR_VOUCHER, e.detail());
                }
                markUsed(voucherId, basket, total, now);
                uses.add(repository.newUse(reward.id(), voucherId, basket.customerId(), purchaseId, total, now));
                continue;
            }
            String reason = limitReason(reward, basket.customerId(), uses);
            if (reason != null) {
                throw refused(benefit.code(), Reason.valueOf(reason.toUpperCase(java.util.Locale.ROOT)),
                        "The reward's uses are used up");
            }
            uses.add(repository.newUse(reward.id(), null, basket.customerId(), purchaseId, total, now));
        }
        repository.insertUses(uses);
    }

    /** Uses the voucher (locked, re-checked) and answers its use, to insert. */
    private RewardUseRecord useVoucher(String purchaseId, CheckoutBasket basket, Benefit benefit, BigDecimal total,
                                       OffsetDateTime now) {
        RewardRepository.VoucherRow v = repository.lockVoucher(benefit.voucherId())
                .filter(x -> x.state() == 1)
                .orElseThrow(() -> refused(benefit.code(), Reason.VOUCHER_EXPIRED, "The voucher is gone"));
        if (v.customerId() != null && !v.customerId().equals(basket.customerId())) {
            throw refused(benefit.code(), Reason.VOUCHER_ASSIGNED_TO_ANOTHER_CUSTOMER, "The voucher was moved");
        }
        if (v.used()) {
            throw refused(benefit.code(), Reason.VOUCHER_ALREADY_USED, "The voucher was used meanwhile");
        }
        Map<org.jooq.Field<?>, Object> values = new HashMap<>();
        if (v.balance() != null) {
            if (v.balance().compareTo(total) < 0) {
                throw refused(benefit.code(), Reason.VOUCHER_ALREADY_USED, "The gift card's balance was spent meanwhile");
            }
            BigDecimal balance = v.balance().subtract(total);
            values.put(VOUCHER.BALANCE, balance);
            if (balance.signum() == 0) {
                values.put(VOUCHER.APPLIED_AT, basket.at());
                values.put(VOUCHER.STORE_ID, basket.storeId());
            }
            values.put(VOUCHER.LAST_CHANGE, now);
            repository.updateVoucher(v.id(), values);
        } else {
            markUsed(v.id(), basket, total, now);
        }
        if (v.customerId() != null) {
            events.publish(EventType.VOUCHER_USED, v.customerId(), Map.of("voucher_id", v.id(),
                    "customer_id", v.customerId(), "reward_id", v.rewardId()));
        }
        return repository.newUse(v.rewardId(), v.id(), basket.customerId(), purchaseId, total, now);
    }

    private void markUsed(String voucherId, CheckoutBasket basket, BigDecimal total, OffsetDateTime now) {
        Map<org.jooq.Field<?>, Object> values = new HashMap<>();
        values.put(VOUCHER.APPLIED_AT, basket.at());
        values.put(VOUCHER.STORE_ID, basket.storeId());
        values.put(VOUCHER.VOUCHER_VALUE, total);
        values.put(VOUCHER.LAST_CHANGE, now);
        repository.updateVoucher(voucherId, values);
    }

    private static ApiError refused(String code, Reason reason, String message) {
        return ApiError.badRequest(List.of(InvalidParam.of("benefit_codes", reason, code, message)));
    }

    /** Undoes a purchase's uses: vouchers usable again, gift card balances restored, uses no longer counted. */
    void reverse(String purchaseId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var uses = new ArrayList<>(repository.usesOf(purchaseId));
        java.util.Collections.reverse(uses);
        for (var use : uses) {
            String voucherId = use.value3();
            if (voucherId != null) {
                RewardRepository.VoucherRow v = repository.lockVoucher(voucherId).orElseThrow();
                Map<org.jooq.Field<?>, Object> values = new HashMap<>();
                if (v.balance() != null) {
                    values.put(VOUCHER.BALANCE, v.balance().add(use.value4()));
                } else {
                    values.put(VOUCHER.VOUCHER_VALUE, null);
                }
                values.put(VOUCHER.APPLIED_AT, null);
                values.put(VOUCHER.STORE_ID, null);
                values.put(VOUCHER.LAST_CHANGE, now);
                repository.updateVoucher(voucherId, values);
            } else {
                repository.lockReward(use.value2());
            }
            repository.deleteUse(use.value1());
        }
    }
}
