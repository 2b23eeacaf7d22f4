package io.patron.purchase;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A capability that lowers what a checkout's items cost: campaign prices, automated rewards, presented vouchers
 * and codes. The checkout engine asks every provider in {@link #stage()} order, each seeing what the earlier
 * stages left to pay per item, and runs the same evaluation for accept-payment (nothing written) and send-purchase
 * (then {@link #commit} under the customer's wallet lock, in the purchase's transaction). Implementations are
 * Spring beans of the capability that owns the benefit; the checkout engine knows none of them by name.
 */
public interface BenefitProvider {

    /** Campaign prices lower an item's price before any reward is considered. */
    int CAMPAIGN_PRICES = 100;
    /** Rewards that apply without a code (automated rewards), by priority. */
    int AUTOMATED_REWARDS = 200;
    /** Codes the customer presented (vouchers, cash-desk codes), by priority then id. */
    int PRESENTED_CODES = 300;

    /** When this provider is asked: lower first. */
    int stage();

    /**
     * What this provider gives the basket. Must not write; must give the same answer for the same basket, the same
     * amounts left to pay and the same data.
     *
     * @param basket    the checkout's basket
     * @param remaining per bill item id, what is left to pay after the earlier stages (never negative)
     * @param shared    what the providers of this evaluation read before and share (new for each evaluation)
     */
    Proposal propose(CheckoutBasket basket, Map<String, BigDecimal> remaining, Shared shared);

    /**
     * Records, in the send-purchase transaction, that purchase {@code purchaseId} used {@code used} (benefits this
     * provider proposed for the same basket): marks vouchers used, counts reward uses. Re-checks under a lock what
     * the evaluation assumed (a voucher another cash desk used meanwhile, a limit reached) and throws the
     * {@link io.patron.api.ApiError} that refuses the purchase, naming {@code benefit_codes} and the reason.
     */
    void commit(String purchaseId, CheckoutBasket basket, List<Benefit> used);

    /** Undoes, in the cancellation's transaction, what {@link #commit} recorded for the purchase. */
    void reverse(String purchaseId);

    /**
     * What the providers of one evaluation read once and hand on to the providers asked after them (e.g. the
     * basket's catalogue classes, read by the automated rewards and reused by the presented codes): made by the
     * checkout engine for each evaluation and passed to every provider, so that nothing of an evaluation stays
     * in a provider. Keyed by the reading provider's own type; not shared between threads.
     */
    final class Shared {

        private final Map<Class<?>, Object> reads = new HashMap<>();

        /** What an earlier provider of this evaluation read under {@code key}, else {@code read}'s result, kept. */
        public <T> T get(Class<T> key, Supplier<? extends T> read) {
            Object value = reads.get(key);
            if (value == null) {
                value = read.get();
                reads.put(key, value);
            }
            return key.cast(value);
        }
    }

    /**
     * What one provider gives a basket: benefits that apply, presented codes that do not, and (for the checkout
     * trace only) the rules it considered that did not apply without being presented.
     */
    record Proposal(List<Benefit> benefits, List<Refusal> refusals, List<Skipped> skipped) {

        public static final Proposal NONE = new Proposal(List.of(), List.of());

        public Proposal {
            benefits = List.copyOf(benefits);
            refusals = List.copyOf(refusals);
            skipped = List.copyOf(skipped);
        }

        public Proposal(List<Benefit> benefits, List<Refusal> refusals) {
            this(benefits, refusals, List.of());
        }
    }

    /**
     * A rule a provider considered that does not apply to the basket, for the checkout trace only: an automated
     * reward whose restriction or condition failed (the reason one of the {@code benefit_codes} reasons), or a
     * campaign price that lost to a better one or does not fit the basket (the trace's own reasons).
     *
     * @param code       the reward's code, or the campaign product id
     * @param name       its name for a reader (null when unknown)
     * @param rewardId   the reward, null for a campaign price
     * @param reason     the reason code
     * @param billItemId the item it was considered for, null when it concerns the whole basket
     * @param value      what it would have taken off that item, null when unknown or nothing
     * @param condition  the condition that failed, in words for a developer (null: the trace words the reason)
     */
    record Skipped(String code, String name, String rewardId, String reason, String billItemId, BigDecimal value,
                   String condition) {

        public Skipped(String code, String rewardId, String reason) {
            this(code, null, rewardId, reason, null, null, null);
        }
    }

    /**
     * One benefit applied to one or more items.
     *
     * @param kind        a recommended discount or a voucher (the two lists of accept-payment's answer)
     * @param code        the discount or voucher code
     * @param name        its name for the cashier (the reward's name)
     * @param overall     true for an overall discount, which payment types S and C do not allow
     * @param rewardId    the reward behind it, null for a campaign price
     * @param voucherId   the voucher used, null when none
     * @param discounts   what it takes off each item
     */
    record Benefit(Kind kind, String code, String name, boolean overall, String rewardId, String voucherId,
                   List<ItemDiscount> discounts) {

        public Benefit {
            discounts = List.copyOf(discounts);
        }

        public enum Kind {
            RECOMMENDED_DISCOUNT, VOUCHER
        }
    }

    /**
     * What one benefit takes off one item.
     *
     * @param billItemId the item
     * @param value      the amount off (positive, at most what was left to pay)
     * @param percent    the percentage it represents of the item's price, for the answer
     */
    record ItemDiscount(String billItemId, BigDecimal value, BigDecimal percent) {
    }

    /**
     * A presented code that does not apply: the reason (one of the contract's {@code benefit_codes} reasons, e.g.
     * {@code voucher_expired}) and a cashier message in the basket's language.
     */
    record Refusal(String code, String reason, String message) {
    }
}
