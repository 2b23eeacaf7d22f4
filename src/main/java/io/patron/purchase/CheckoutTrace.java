package io.patron.purchase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explainable checkout: on request (header {@value #HEADER}: {@code true} on accept-payment), what the
 * evaluation considered and why it applied or not, for a cash-desk developer: every benefit applied with its amount
 * per item (campaign prices, automated rewards, presented codes, the status discount), every automated reward and
 * presented code that did not apply with its reason code, and the points earned per point type. It changes nothing
 * in the answer's body.
 */
final class CheckoutTrace {

    /** The request header that asks for the trace. */
    static final String HEADER = "X-Patron-Trace";
    /** The response header that carries it (compact JSON, non-ASCII escaped), when it fits. */
    static final String RESPONSE_HEADER = "X-Patron-Checkout-Trace";

    /** Longer traces are only logged: response headers have a size limit. */
    private static final int MAX_HEADER = 6000;
    static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.patron.checkout.trace");
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper
            .builder().enable(tools.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

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

    /** The trace of one evaluation as plain maps and lists (serialised as JSON). */
    static Map<String, Object> of(CheckoutBasket basket, CheckoutEngine.Evaluation e, CheckoutEngine.Status status) {
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("payment_type", basket.paymentType().name());
        trace.put("customer_id", basket.customerId());
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
        trace.put("applied", List.copyOf(applied.values()));
        List<Map<String, Object>> notApplied = new ArrayList<>();
        for (BenefitProvider.Skipped s : e.skipped()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "automated_reward");
            m.put("code", s.code());
            m.put("reward_id", s.rewardId());
            m.put("reason", s.reason());
            notApplied.add(m);
        }
        for (BenefitProvider.Refusal r : e.refusals()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "presented_code");
            m.put("code", r.code());
            m.put("reason", r.reason());
            m.put("message", r.message());
            notApplied.add(m);
        }
        if (e.applied().stream().noneMatch(a -> a.provider() == null)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "status_discount");
            m.put("reason", status == null ? "anonymous_purchase" : status.discount() <= 0 ? "no_status_discount"
                    : !basket.paymentType().allowsOverallDiscounts() ? "payment_type_without_overall_discounts"
                    : "items_already_discounted_or_paid");
            notApplied.add(m);
        }
        trace.put("not_applied", notApplied);
        Map<String, Object> earned = new LinkedHashMap<>();
        e.earned().forEach((type, points) -> earned.put(type, PurchaseService.plain(points)));
        trace.put("earned_points", earned);
        if (!basket.paymentType().collectsPoints()) {
            trace.put("earning", "payment_type_collects_no_points");
        } else if (status == null) {
            trace.put("earning", "anonymous_purchase");
        } else if (!status.collectionPoints()) {
            trace.put("earning", "status_collects_no_points");
        }
        trace.put("points_paid", PurchaseService.plain(e.creditPoints()));
        trace.put("credit_paid", PurchaseService.plain(e.credit()));
        trace.put("final_total", PurchaseService.plain(e.finalTotal()));
        return trace;
    }

    private static String stage(BenefitProvider provider) {
        return switch (provider.stage()) {
            case BenefitProvider.CAMPAIGN_PRICES -> "campaign_price";
            case BenefitProvider.AUTOMATED_REWARDS -> "automated_reward";
            default -> "benefit";
        };
    }
}
