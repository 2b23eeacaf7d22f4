package io.patron.purchase;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

import io.patron.api.Caller;
import io.patron.card.CardQueries;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.PluId;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.purchase.OrderBodies.InvoicingInput;
import io.patron.purchase.OrderBodies.OrderInput;
import io.patron.purchase.OrderBodies.OrderItemInput;
import io.patron.purchase.OrderBodies.ShippingInput;
import io.patron.reference.CurrencyQueries;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;

/**
 * The demo's e-shop orders, through the same service as {@code POST /orders}: customers by card number, products by
 * PLU id, the payment type by text id; stable ids, so importing again adds nothing.
 * <pre>
 * demo_orders:
 *   - { key: o1, card_number: "2900000000001", number: E-2026-0001, currency: CZK, payment: card, paid_days_ago: 2,
 *       shipping_id: ppl-parcel, items: [ { plu: { list_code: GLOBAL, code: "..." }, amount: 1, unit_price: 990, vat_rate: 21 } ] }
 * </pre>
 */
@Component
class OrderDemoImport implements ProjectImport {

    record DemoItem(PluId plu, BigDecimal amount, BigDecimal unitPrice, BigDecimal vatRate) {
    }

    record DemoOrder(String key, String cardNumber, String number, String currency, String payment,
                     Integer paidDaysAgo, String shippingId, String note, List<DemoItem> items) {
    }

    private static final Caller IMPORT = new Caller.Anonymous("project-import");

    private final OrderService orders;
    private final OrderQueries queries;
    private final CardQueries cards;
    private final CatalogQueries catalog;
    private final LookupQueries lookups;
    private final Clock clock;

    OrderDemoImport(OrderService orders, OrderQueries queries, CardQueries cards, CatalogQueries catalog,
                    LookupQueries lookups, Clock clock) {
        this.orders = orders;
        this.queries = queries;
        this.cards = cards;
        this.catalog = catalog;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public void apply(ProjectFile file) {
        for (DemoOrder o : file.section("demo_orders", DemoOrder.class)) {
            String id = Ids.stable("order", o.key());
            if (queries.exists(id)) {
                continue;
            }
            String customer = cards.cardByNumber(o.cardNumber()).map(c -> c.customerId()).orElseThrow(() ->
                    new IllegalStateException("demo_orders " + o.key() + ": no card " + o.cardNumber()));
            List<OrderItemInput> items = o.items().stream().map(i -> new OrderItemInput(
                    catalog.productIdByPlu(List.of(i.plu())).orElseThrow(() -> new IllegalStateException(
                            "demo_orders " + o.key() + ": no product " + i.plu())),
                    null, i.amount(), i.unitPrice(), i.vatRate())).toList();
            BigDecimal total = o.items().stream().map(i -> i.amount().multiply(i.unitPrice()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            String payment = lookups.idOf(LookupKind.PAYMENT_TYPES, o.payment() == null ? "card" : o.payment())
                    .orElseThrow();
            LocalDateTime paid = o.paidDaysAgo() == null ? null
                    : LocalDateTime.now(clock).withNano(0).minusDays(o.paidDaysAgo());
            orders.create(IMPORT, new OrderInput(o.number(), customer, CurrencyQueries.currencyId(
                    o.currency() == null ? "CZK" : o.currency()), total, null, items,
                    new InvoicingInput(payment, paid, null),
                    o.shippingId() == null ? null : new ShippingInput(o.shippingId(), null, null, null, null),
                    o.note()), id);
        }
    }
}
