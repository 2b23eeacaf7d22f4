package io.patron.purchase;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;
import io.patron.api.Page;
import io.patron.api.RequestIdFilter;

/** Purchases, the checkout actions and the purchase (item) property definitions. */
@ApiController
class PurchaseController {

    private final PurchaseService purchases;
    private final PurchaseQueries queries;
    private final BestRewards bestRewards;
    private final Optional<PurchaseVouchers> vouchers;

    PurchaseController(PurchaseService purchases, PurchaseQueries queries, BestRewards bestRewards,
                       Optional<PurchaseVouchers> vouchers) {
        this.purchases = purchases;
        this.queries = queries;
        this.bestRewards = bestRewards;
        this.vouchers = vouchers;
    }

    @GetMapping("/purchases")
    Envelope purchases(ListParams params, Language language) {
        return Envelope.list("purchases", queries.purchases(params, language));
    }

    @GetMapping("/customers/{customer_id}/purchases")
    Envelope customerPurchases(@PathVariable("customer_id") String customerId, ListParams params,
                               Language language) {
        return Envelope.list("purchases", queries.customerPurchases(customerId, params, language));
    }

    @GetMapping("/purchases/{purchase_id}")
    Envelope purchase(@PathVariable("purchase_id") String id, Caller caller, Language language) {
        return Envelope.of(queries.purchaseWithRecords(caller, id, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PutMapping("/purchases/{purchase_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("purchase_id") String id, @Valid @RequestBody PurchaseBodies.PurchaseBody body) {
        purchases.replace(id, body.purchase());
    }

    @GetMapping("/purchases/{purchase_id}/purchase-items")
    Envelope items(@PathVariable("purchase_id") String id, Caller caller, ListParams params, Language language) {
        return Envelope.list("purchase_items", queries.purchaseItems(caller, id, params, language));
    }

    @GetMapping("/purchases/{purchase_id}/points")
    Envelope points(@PathVariable("purchase_id") String id, Caller caller, ListParams params, Language language) {
        return Envelope.list("points", queries.points(caller, id, params, language));
    }

    /** The vouchers the purchase used, then those it issued, each once. */
    @GetMapping("/purchases/{purchase_id}/vouchers")
    Envelope vouchers(@PathVariable("purchase_id") String id, Caller caller, ListParams params, Language language) {
        List<String> recorded = queries.voucherIds(caller, id, language);
        List<Object> all = new ArrayList<>();
        vouchers.ifPresent(v -> {
            all.addAll(v.used(id, recorded, language));
            all.addAll(v.issued(id, language));
        });
        List<Object> distinct = List.copyOf(new LinkedHashSet<>(all));
        int from = Math.min(params.offset(), distinct.size());
        int to = Math.min(from + params.count(), distinct.size());
        return Envelope.list("vouchers", new Page<>(distinct.subList(from, to), distinct.size()));
    }

    @GetMapping("/purchases/{purchase_id}/actions/payment-summary")
    Envelope paymentSummary(@PathVariable("purchase_id") String id, Caller caller, Language language) {
        List<String> recorded = queries.voucherIds(caller, id, language);
        List<Object> used = vouchers.map(v -> v.used(id, recorded, language)).orElse(List.of());
        return Envelope.of(queries.paymentSummary(caller, id, language, used));
    }

    /**
     * accept-payment; with {@code X-Patron-Trace: true} the trace of the evaluation ({@link CheckoutTrace}) is
     * logged under the request id and returned in a response header when it fits one (the body is the same).
     */
    @PostMapping("/purchases/actions/accept-payment")
    Envelope acceptPayment(@Valid @RequestBody PurchaseBodies.AcceptPayment body, Caller caller,
                           Language language,
                           @RequestHeader(value = CheckoutTrace.HEADER, required = false) String trace,
                           HttpServletRequest request, HttpServletResponse response) {
        if (!traced(trace)) {
            return Envelope.of(purchases.acceptPayment(caller, body, language));
        }
        PurchaseService.Traced<PurchaseBodies.AcceptedPayment> traced = purchases.acceptPaymentTraced(caller, body,
                language);
        response.setHeader(CheckoutTrace.RESPONSE_HEADER,
                CheckoutTrace.publish(traced.trace(), RequestIdFilter.current(request)));
        return Envelope.of(traced.answer());
    }

    /**
     * send-purchase; with {@code X-Patron-Trace: true} the trace of what the purchase committed, published as
     * accept-payment's once the transaction committed (a refused purchase has none: its 400 says why).
     */
    @PostMapping("/purchases/actions/send-purchase")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope send(@Valid @RequestBody PurchaseBodies.SendPurchase body, Caller caller, Language language,
                  @RequestHeader(value = CheckoutTrace.HEADER, required = false) String trace,
                  HttpServletRequest request, HttpServletResponse response) {
        if (!traced(trace)) {
            return Envelope.of(Map.of("purchase_id", purchases.send(caller, body, language)));
        }
        PurchaseService.Traced<String> traced = purchases.sendTraced(caller, body, language);
        response.setHeader(CheckoutTrace.RESPONSE_HEADER,
                CheckoutTrace.publish(traced.trace(), RequestIdFilter.current(request)));
        return Envelope.of(Map.of("purchase_id", traced.answer()));
    }

    private static boolean traced(String header) {
        return "true".equalsIgnoreCase(header);
    }

    @PostMapping("/purchases/actions/recommended-best-rewards")
    Envelope recommendedBestRewards(@Valid @RequestBody PurchaseBodies.RecommendedBestRewards body, Caller caller,
                                    Language language) {
        return Envelope.list("recommended_best_rewards", bestRewards.recommend(caller, body, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/purchases/actions/assign-customer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void assignCustomer(@Valid @RequestBody PurchaseBodies.AssignCustomer body) {
        purchases.assignCustomer(body);
    }

    @GetMapping("/purchase-properties")
    Envelope purchaseProperties(ListParams params, Language language) {
        return Envelope.list("purchase_properties", queries.purchaseProperties(params, language));
    }

    @GetMapping("/purchase-properties/{purchase_property_id}")
    Envelope purchaseProperty(@PathVariable("purchase_property_id") String id, Language language) {
        return Envelope.of(queries.purchaseProperty(id, language));
    }

    @GetMapping("/purchase-item-properties")
    Envelope purchaseItemProperties(ListParams params, Language language) {
        return Envelope.list("purchase_item_properties", queries.purchaseItemProperties(params, language));
    }

    @GetMapping("/purchase-item-properties/{purchase_item_property_id}")
    Envelope purchaseItemProperty(@PathVariable("purchase_item_property_id") String id, Language language) {
        return Envelope.of(queries.purchaseItemProperty(id, language));
    }
}
