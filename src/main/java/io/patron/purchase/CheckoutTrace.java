package io.patron.purchase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explainable checkout: on request (header {@value #HEADER}: {@code true} on accept-payment and send-purchase),
 * what the evaluation considered and why it applied or not, for a cash-desk developer: each item with what it
 * finally costs; every benefit applied with its amount per item (campaign prices, automated rewards, presented
 * codes, the status discount); every benefit considered that did not apply with its reason code, the failed
 * condition in words and, where known, the item and what it would have taken off (campaign prices that lost to a
 * better one, automated rewards whose restriction or condition failed, presented codes refused, the status
 * discount per item); every earning rule with its points per item, or why it gave none. send-purchase adds what it
 * committed (purchase id, vouchers used, points and credit redeemed, points earned, stamps). It changes nothing in
 * the answer's body; the reason codes of rewards and codes are the {@code benefit_codes} reasons, the others the
 * trace's own.
 */
final class CheckoutTrace {

    /** The request header that asks for the trace. */
    static final String HEADER = "X-Patron-Trace";
    /** The response header that carries it (compact JSON, non-ASCII escaped), when it fits. */
    static final String RESPONSE_HEADER = "X-Patron-Checkout-Trace";

    /**
     * Longer traces are only logged: response headers have a size limit (the server's 8 KB for all headers
     * together, proxies often as little), so the header then names the request id of the log line.
     */
    static final int MAX_HEADER = 6000;
    static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.patron.checkout.trace");
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper
            .builder().enable(tools.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** The failed condition in words, by the reason codes providers give without words of their own. */
    private static final Map<String, String> CONDITIONS = Map.ofEntries(
            Map.entry("voucher_expired", "the reward is not active"),
            Map.entry("voucher_cant_be_applied_by_date", "the purchase day is outside the reward's dates"),
            Map.entry("voucher_cant_be_applied_by_time", "the purchase time is outside the reward's daily hours"),
            Map.entry("voucher_not_allowed_in_store", "the reward is limited to other stores"),
            Map.entry("voucher_cant_be_used_in_store", "the reward is another partner's than the store's"),
            Map.entry("voucher_cant_be_applied_by_segment",
                    "the customer is in none of the reward's segments or of its customer types"),
            Map.entry("voucher_invalid_type_of_usage", "an overall discount, which the payment type does not allow"),
            Map.entry("voucher_already_used", "the reward's use limit is reached"),
            Map.entry("unauthorized_use_vouchers", "the reward is limited per customer and the purchase is anonymous"),
            Map.entry("not_enough_items_for_voucher", "the basket has no items the reward applies to"),
            Map.entry("voucher_condition_count_not_satisfied",
                    "the basket has too few of the reward's condition items"),
            Map.entry("voucher_bonus_count_not_satisfied", "the basket has too few of the reward's bonus items"),
            Map.entry("not_found", "no voucher or reward has this code"));

    private CheckoutTrace() {
    }

    /** Compact JSON, ASCII only (a header value). */
    static String json(Map<String, Object> trace) {
        return JSON.writeValueAsString(trace);
    }

    /** The response header's value: the trace, or when too long a pointer to the log line of the request. */
    static String header(String json, String requestId) {
        return json.length() <= MAX_HEADER ? json
                : JSON.writeValueAsString(Map.of("truncated", true, "request_id", requestId));
    }

    /** Logs the trace under the request id (logger {@code io.patron.checkout.trace}); answers the header's value. */
    static String publish(Map<String, Object> trace, String requestId) {
        String json = json(trace);
        LOG.info("Checkout trace of request {}: {}", requestId, json);
        return header(json, requestId);
    }

    /**
     * What send-purchase recorded besides the evaluation's benefits and earnings.
     *
     * @param pointTypeId  the point type of the points redeemed, null when none
     * @param creditTypeId the credit type of the credit redeemed, null when none
     * @param effects      what the purchase participants recorded (stamps)
     */
    record Commit(String purchaseId, String pointTypeId, String creditTypeId,
                  List<PurchaseParticipant.Effect> effects) {
    }

    /** The trace of accept-payment's evaluation, as plain maps and lists (serialised as JSON). */
    static Map<String, Object> of(CheckoutEngine.Evaluation e) {
        return of("accept-payment", e);
    }

    /** The trace of a committed send-purchase: its evaluation and what it recorded. */
    static Map<String, Object> of(CheckoutEngine.Evaluation e, Commit commit) {
        Map<String, Object> trace = of("send-purchase", e);
        Map<String, Object> committed = new LinkedHashMap<>();
        committed.put("purchase_id", commit.purchaseId());
        List<Map<String, Object>> vouchers = new ArrayList<>();
        e.used().values().forEach(benefits -> benefits.stream()
                .filter(b -> b.kind() == BenefitProvider.Benefit.Kind.VOUCHER).forEach(b -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("code", b.code());
                    m.put("voucher_id", b.voucherId());
                    m.put("reward_id", b.rewardId());
                    vouchers.add(m);
                }));
        committed.put("vouchers_used", vouchers);
        if (commit.pointTypeId() != null) {
            Map<String, Object> points = new LinkedHashMap<>();
            points.put("point_type_id", commit.pointTypeId());
            points.put("points", PurchaseService.plain(e.creditPoints()));
            points.put("value", PurchaseService.plain(e.priceOfCreditPoints()));
            committed.put("points_redeemed", points);
        }
        if (commit.creditTypeId() != null) {
            Map<String, Object> credit = new LinkedHashMap<>();
            credit.put("credit_type_id", commit.creditTypeId());
            credit.put("amount", PurchaseService.plain(e.credit()));
            committed.put("credit_redeemed", credit);
        }
        Map<String, Object> earned = new LinkedHashMap<>();
        if (e.input().basket().customerId() != null) {
            e.earned().forEach((type, points) -> earned.put(type, PurchaseService.plain(points)));
        }
        committed.put("points_earned", earned);
        List<Map<String, Object>> stamps = new ArrayList<>();
        for (PurchaseParticipant.Effect effect : commit.effects()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", effect.kind());
            m.put("campaign_id", effect.campaignId());
            m.put("condition_id", effect.conditionId());
            m.put("count", effect.count());
            stamps.add(m);
        }
        committed.put("recorded", stamps);
        trace.put("committed", committed);
        return trace;
    }

    /** The trace of a cancellation: what it took back of the original. */
    static Map<String, Object> ofCancellation(String cancellationId, String originalId, BigDecimal pointsTakenBack,
                                              BigDecimal pointsReturned, BigDecimal creditReturned) {
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("action", "send-purchase");
        trace.put("cancellation", true);
        Map<String, Object> committed = new LinkedHashMap<>();
        committed.put("purchase_id", cancellationId);
        committed.put("cancels_purchase_id", originalId);
        committed.put("earned_points_taken_back", PurchaseService.plain(pointsTakenBack));
        committed.put("redeemed_points_returned", PurchaseService.plain(pointsReturned));
        committed.put("redeemed_credit_returned", PurchaseService.plain(creditReturned));
        trace.put("committed", committed);
        return trace;
    }

    private static Map<String, Object> of(String action, CheckoutEngine.Evaluation e) {
        CheckoutBasket basket = e.input().basket();
        CheckoutEngine.Status status = e.input().status();
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("action", action);
        trace.put("payment_type", basket.paymentType().name());
        trace.put("customer_id", basket.customerId());
        trace.put("items", items(e));
        trace.put("applied", applied(e));
        trace.put("not_applied", notApplied(e, basket, status));
        String earning = !basket.paymentType().collectsPoints() ? "payment_type_collects_no_points"
                : status == null ? "anonymous_purchase"
                : !status.collectionPoints() ? "status_collects_no_points" : null;
        if (earning != null) {
            trace.put("earning", earning);
        }
        trace.put("earning_rules", earningRules(e, earning));
        Map<String, Object> earned = new LinkedHashMap<>();
        e.earned().forEach((type, points) -> earned.put(type, PurchaseService.plain(points)));
        trace.put("earned_points", earned);
        trace.put("points_paid", PurchaseService.plain(e.creditPoints()));
        trace.put("credit_paid", PurchaseService.plain(e.credit()));
        trace.put("final_total", PurchaseService.plain(e.finalTotal()));
        return trace;
    }

    /** Each item: what it finally costs, the part paid by points, and what its type or flag excludes it from. */
    private static List<Map<String, Object>> items(CheckoutEngine.Evaluation e) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (CheckoutEngine.ItemResult r : e.items()) {
            CheckoutBasket.Item item = r.item();
            String type = e.input().itemTypes().get(item.billItemId());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bill_item_id", item.billItemId());
            m.put("product_id", item.productId());
            m.put("paid_amount", PurchaseService.plain(item.paidAmount()));
            m.put("final_amount", PurchaseService.plain(r.finalAmount()));
            m.put("points_paid", PurchaseService.plain(r.pointsPaid()));
            if (type != null) {
                m.put("item_type", type);
            }
            if (item.loyaltyOff()) {
                m.put("loyalty_off", true);
            }
            m.put("takes_discounts", CheckoutEngine.discountable(item, type));
            m.put("earns", r.earns());
            items.add(m);
        }
        return items;
    }

    private static List<Map<String, Object>> applied(CheckoutEngine.Evaluation e) {
        Map<String, Map<String, Object>> applied = new LinkedHashMap<>();
        for (CheckoutEngine.Applied a : e.applied()) {
            String kind = a.provider() == null ? "status_discount"
                    : a.kind() == BenefitProvider.Benefit.Kind.VOUCHER ? "presented_code" : stage(a.provider());
            Map<String, Object> entry = applied.computeIfAbsent(kind + '\u0000' + a.code(), k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", kind);
                m.put("code", a.code());
                m.put("name", a.name());
                m.put("reward_id", a.rewardId());
                m.put("voucher_id", a.voucherId());
                m.put("items", new ArrayList<Map<String, Object>>());
                return m;
            });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) entry.get("items");
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("bill_item_id", a.billItemId());
            item.put("value", PurchaseService.plain(a.value()));
            item.put("percent", PurchaseService.plain(a.percent()));
            items.add(item);
        }
        return List.copyOf(applied.values());
    }

    private static List<Map<String, Object>> notApplied(CheckoutEngine.Evaluation e, CheckoutBasket basket,
                                                        CheckoutEngine.Status status) {
        List<Map<String, Object>> notApplied = new ArrayList<>();
        for (CheckoutEngine.NotApplied n : e.skipped()) {
            BenefitProvider.Skipped s = n.what();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", n.provider() == null ? "status_discount" : stage(n.provider()));
            m.put("code", s.code());
            if (s.name() != null) {
                m.put("name", s.name());
            }
            if (s.rewardId() != null) {
                m.put("reward_id", s.rewardId());
            }
            if (s.billItemId() != null) {
                m.put("bill_item_id", s.billItemId());
            }
            if (s.value() != null) {
                m.put("value", PurchaseService.plain(s.value()));
            }
            m.put("reason", s.reason());
            m.put("condition", s.condition() != null ? s.condition() : CONDITIONS.get(s.reason()));
            notApplied.add(m);
        }
        for (BenefitProvider.Refusal r : e.refusals()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "presented_code");
            m.put("code", r.code());
            m.put("reason", r.reason());
            m.put("condition", CONDITIONS.get(r.reason()));
            m.put("message", r.message());
            notApplied.add(m);
        }
        // the status discount as a whole (per item, the engine says why it skipped an item)
        String statusReason = status == null ? "anonymous_purchase"
                : status.discount() <= 0 ? "no_status_discount"
                : !basket.paymentType().allowsOverallDiscounts() ? "payment_type_without_overall_discounts" : null;
        if (statusReason != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "status_discount");
            m.put("code", CheckoutEngine.STATUS_DISCOUNT_CODE);
            m.put("reason", statusReason);
            m.put("condition", switch (statusReason) {
                case "anonymous_purchase" -> "an anonymous purchase has no status";
                case "no_status_discount" -> "the customer's status gives no discount";
                default -> "an overall discount, which payment type " + basket.paymentType() + " does not allow";
            });
            notApplied.add(m);
        }
        return notApplied;
    }

    /** Every earning rule of the bill's currency: its points per item, or why it gave none. */
    private static List<Map<String, Object>> earningRules(CheckoutEngine.Evaluation e, String earning) {
        List<Map<String, Object>> rules = new ArrayList<>();
        if (earning != null) {
            for (CheckoutEngine.Rule rule : e.input().rules()) {
                Map<String, Object> m = rule(rule);
                m.put("applied", false);
                m.put("reason", earning);
                rules.add(m);
            }
            return rules;
        }
        for (CheckoutEngine.RuleEarning earned : e.earnings()) {
            Map<String, Object> m = rule(earned.rule());
            boolean gave = earned.points().signum() > 0;
            m.put("applied", gave);
            m.put("points", PurchaseService.plain(earned.points()));
            if (!gave) {
                m.put("reason", earned.items().isEmpty() ? "no_earning_items" : "rounds_to_zero");
                m.put("condition", earned.items().isEmpty()
                        ? "no item earns on money paid (loyalty_off, item types, paid by points or nothing)"
                        : "the points of the items round to nothing");
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (CheckoutEngine.ItemEarning i : earned.items()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("bill_item_id", i.billItemId());
                item.put("base", PurchaseService.plain(i.base()));
                item.put("multiplier", PurchaseService.plain(i.multiplier()));
                item.put("points", PurchaseService.plain(i.points()));
                items.add(item);
            }
            m.put("items", items);
            rules.add(m);
        }
        return rules;
    }

    private static Map<String, Object> rule(CheckoutEngine.Rule rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "earning_rule");
        m.put("point_type_id", rule.pointTypeId());
        m.put("points_per_unit", PurchaseService.plain(rule.pointsPerUnit()));
        m.put("rounding", rule.rounding().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    private static String stage(BenefitProvider provider) {
        return switch (provider.stage()) {
            case BenefitProvider.CAMPAIGN_PRICES -> "campaign_price";
            case BenefitProvider.AUTOMATED_REWARDS -> "automated_reward";
            case BenefitProvider.PRESENTED_CODES -> "presented_code";
            default -> "benefit";
        };
    }
}
