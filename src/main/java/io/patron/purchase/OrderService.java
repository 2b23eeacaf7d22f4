package io.patron.purchase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.CustomerWrites;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.catalog.CatalogQueries;
import io.patron.common.Ids;
import io.patron.purchase.OrderBodies.OrderInput;
import io.patron.purchase.OrderBodies.OrderItemInput;
import io.patron.reference.CurrencyQueries;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;

/**
 * Records e-shop orders. The customer (of the order and of each item), the currency, the payment type and the
 * products ({@code product_variant_id}) must exist; amounts are positive, prices and VAT rates not negative. An
 * order without {@code order_number} gets one from Patron; a number is used once. The order's rank is its place
 * among the customer's orders (1 for the first), counted under the customer's lock.
 */
@Service
@Transactional
public class OrderService {

    static final String NEW = "new";
    static final String PAID = "paid";
    static final String UNPAID = "unpaid";

    private final OrderRepository repository;
    private final CustomerWrites writes;
    private final CatalogQueries catalog;
    private final CurrencyQueries currencies;
    private final LookupQueries lookups;
    private final JsonMapper json;
    private final Clock clock;

    OrderService(OrderRepository repository, CustomerWrites writes, CatalogQueries catalog,
                 CurrencyQueries currencies, LookupQueries lookups, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.writes = writes;
        this.catalog = catalog;
        this.currencies = currencies;
        this.lookups = lookups;
        this.json = json;
        this.clock = clock;
    }

    public String create(Caller caller, OrderInput in) {
        return create(caller, in, Ids.newId());
    }

    /** As {@link #create(Caller, OrderInput)} with the given id (the demo's stable ids). */
    String create(Caller caller, OrderInput in, String id) {
        List<InvalidParam> errors = new ArrayList<>();
        writes.lockInBody(caller, in.customerId(), "order.customer_id", errors);
        if (in.orderNumber() != null && repository.numberTaken(in.orderNumber())) {
            errors.add(InvalidParam.of("order.order_number", Reason.ALREADY_EXISTS, in.orderNumber(),
                    "Another order has this number"));
        }
        if (currencies.activeIds(Set.of(in.currencyId())).isEmpty()) {
            errors.add(InvalidParam.of("order.currency_id", Reason.NOT_FOUND, in.currencyId(),
                    "No such active currency"));
        }
        if (in.totalPrice().signum() < 0) {
            errors.add(InvalidParam.of("order.total_price", Reason.NOT_ALLOWED_VALUE, in.totalPrice(),
                    "The total price is not negative"));
        }
        if (in.orderItems().isEmpty()) {
            errors.add(InvalidParam.of("order.order_items", Reason.EMPTY, "An order has at least one item"));
        }
        if (!lookups.exists(LookupKind.PAYMENT_TYPES, in.invoicingData().paymentId())) {
            errors.add(InvalidParam.of("order.invoicing_data.payment_id", Reason.NOT_FOUND,
                    in.invoicingData().paymentId(), "No such payment type"));
        }
        Set<String> products = catalog.productsNotDeleted(
                in.orderItems().stream().map(OrderItemInput::productVariantId).collect(
                        java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        for (int i = 0; i < in.orderItems().size(); i++) {
            OrderItemInput item = in.orderItems().get(i);
            String at = "order.order_items[" + i + "].";
            if (!products.contains(item.productVariantId())) {
                errors.add(InvalidParam.of(at + "product_variant_id", Reason.NOT_FOUND, item.productVariantId(),
                        "No such product"));
            }
            if (item.customerId() != null && !item.customerId().equals(in.customerId())) {
                writes.lockInBody(caller, item.customerId(), at + "customer_id", errors);
            }
            if (item.amount().signum() <= 0) {
                errors.add(InvalidParam.of(at + "amount", Reason.NOT_ALLOWED_VALUE, item.amount(),
                        "The amount is positive"));
            }
            if (item.unitPrice().signum() < 0) {
                errors.add(InvalidParam.of(at + "unit_price", Reason.NOT_ALLOWED_VALUE, item.unitPrice(),
                        "The unit price is not negative"));
            }
            if (item.vatRate().signum() < 0 || item.vatRate().compareTo(BigDecimal.valueOf(100)) > 0) {
                errors.add(InvalidParam.of(at + "vat_rate", Reason.NOT_ALLOWED_VALUE, item.vatRate(),
                        "The VAT rate is between 0 and 100"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        var o = repository.newOrder();
        o.setId(id);
        o.setOrderNumber(in.orderNumber() != null ? in.orderNumber()
                : "P" + now.toLocalDate().toString().replace("-", "") + "-" + id.substring(0, 10)
                .toUpperCase(Locale.ROOT));
        o.setCustomerId(in.customerId());
        o.setCurrencyId(in.currencyId());
        o.setTotalPrice(money(in.totalPrice(), "order.total_price"));
        o.setDiscountCodesJson(in.discountCodes() == null ? null : json.writeValueAsString(in.discountCodes()));
        var invoicing = in.invoicingData();
        o.setPaymentId(invoicing.paymentId());
        o.setPaidDate(invoicing.paidDate() == null ? null
                : invoicing.paidDate().atZone(clock.getZone()).toOffsetDateTime());
        o.setPersonalInformationJson(invoicing.personalInformation() == null ? null
                : json.writeValueAsString(invoicing.personalInformation()));
        var shipping = in.shippingData();
        if (shipping != null) {
            o.setShippingId(shipping.shippingId());
            o.setContactFirstname(shipping.contactFirstname());
            o.setContactLastname(shipping.contactLastname());
            o.setPhone(shipping.phone());
            o.setAddressJson(shipping.address() == null ? null : json.writeValueAsString(shipping.address()));
        }
        o.setCustomerNote(in.customerNote());
        o.setOrderStatus(NEW);
        o.setPaymentStatus(invoicing.paidDate() == null ? UNPAID : PAID);
        o.setProgramRanking(repository.ordersOf(in.customerId()) + 1);
        o.setState(1);
        o.setCreatedAt(now);
        o.setLastChange(now);
        o.store();
        int position = 0;
        for (OrderItemInput item : in.orderItems()) {
            var r = repository.newItem();
            r.setId(Ids.newId());
            r.setOrderId(id);
            r.setPosition(position++);
            r.setProductVariantId(item.productVariantId());
            r.setCustomerId(item.customerId() == null ? in.customerId() : item.customerId());
            r.setAmount(money(item.amount(), "order.order_items[" + (position - 1) + "].amount"));
            r.setUnitPrice(money(item.unitPrice(), "order.order_items[" + (position - 1) + "].unit_price"));
            r.setVatRate(money(item.vatRate(), "order.order_items[" + (position - 1) + "].vat_rate"));
            r.store();
        }
        return id;
    }

    /** Four decimal places are kept; a value with more is refused rather than rounded. */
    private static BigDecimal money(BigDecimal value, String param) {
        try {
            return value.setScale(4, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw ApiError.badRequest(param, Reason.INVALID_VALUE_FORMAT, "At most 4 decimal places");
        }
    }
}
