package io.patron.purchase;

import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.ESHOP_ORDER;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.Filters;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.customer.CustomerBodies.PersonalInformation;
import io.patron.purchase.OrderBodies.Invoicing;
import io.patron.purchase.OrderBodies.Order;
import io.patron.purchase.OrderBodies.OrderItem;
import io.patron.purchase.OrderBodies.Shipping;
import io.patron.store.Address;

/** Reads of e-shop orders; a Customer API token reads only its customer's orders. */
@Service
@Transactional(readOnly = true)
public class OrderQueries {

    private final ListQueries lists;
    private final OrderRepository repository;
    private final JsonMapper json;
    private final Clock clock;

    OrderQueries(ListQueries lists, OrderRepository repository, JsonMapper json, Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    private ListSpec<Order> spec() {
        return ListSpec.<Order>from(ESHOP_ORDER)
                .id("order_id", ESHOP_ORDER.ID)
                .field("order_number", ESHOP_ORDER.ORDER_NUMBER)
                .field("customer_id", ESHOP_ORDER.CUSTOMER_ID, EQ)
                .field("currency_id", ESHOP_ORDER.CURRENCY_ID)
                .field("total_price", ESHOP_ORDER.TOTAL_PRICE)
                .field("customer_note", ESHOP_ORDER.CUSTOMER_NOTE)
                .field("order_status", ESHOP_ORDER.ORDER_STATUS)
                .field("program_ranking", ESHOP_ORDER.PROGRAM_RANKING)
                .field("payment_status", ESHOP_ORDER.PAYMENT_STATUS)
                .field("last_change", ApiTime.local(ESHOP_ORDER.LAST_CHANGE, clock))
                .filter("state", ESHOP_ORDER.STATE, Filters.oneOf(0, 1, 2))
                .column("discount_codes_json", ESHOP_ORDER.DISCOUNT_CODES_JSON)
                .column("payment_id", ESHOP_ORDER.PAYMENT_ID)
                .column("paid_date", ApiTime.local(ESHOP_ORDER.PAID_DATE, clock))
                .column("personal_information_json", ESHOP_ORDER.PERSONAL_INFORMATION_JSON)
                .column("shipping_id", ESHOP_ORDER.SHIPPING_ID)
                .column("contact_firstname", ESHOP_ORDER.CONTACT_FIRSTNAME)
                .column("contact_lastname", ESHOP_ORDER.CONTACT_LASTNAME)
                .column("phone", ESHOP_ORDER.PHONE)
                .column("address_json", ESHOP_ORDER.ADDRESS_JSON)
                .customerScoped(ESHOP_ORDER.CUSTOMER_ID)
                .map(r -> new Order(r.get("order_id", String.class), r.get("order_number", String.class),
                        r.get("customer_id", String.class), r.get("currency_id", String.class),
                        OrderRepository.plain(r.get("total_price", BigDecimal.class)),
                        read(r.get("discount_codes_json", String.class), new TypeReference<List<String>>() { }),
                        List.of(),
                        new Invoicing(r.get("payment_id", String.class), r.get("paid_date", LocalDateTime.class),
                                read(r.get("personal_information_json", String.class),
                                        new TypeReference<PersonalInformation>() { })),
                        r.get("shipping_id", String.class) == null ? null
                                : new Shipping(r.get("shipping_id", String.class),
                                r.get("contact_firstname", String.class), r.get("contact_lastname", String.class),
                                r.get("phone", String.class),
                                read(r.get("address_json", String.class), new TypeReference<Address>() { })),
                        r.get("customer_note", String.class), r.get("order_status", String.class), null,
                        r.get("program_ranking", Integer.class), r.get("payment_status", String.class), null,
                        r.get("last_change", LocalDateTime.class)));
    }

    private <T> T read(String text, TypeReference<T> type) {
        return text == null ? null : json.readValue(text, type);
    }

    /** {@code GET /orders}: by {@code customer_id} and {@code state}; each with its items. */
    public Page<Order> orders(ListParams params) {
        Page<Order> page = lists.page(spec(), params);
        return new Page<>(withItems(page.items()), page.totalItems());
    }

    /** Whether an order has this id. */
    public boolean exists(String id) {
        return lists.one(spec(), ESHOP_ORDER.ID.eq(id)).isPresent();
    }

    public Order order(Caller caller, String id) {
        Order order = lists.one(spec(), ESHOP_ORDER.ID.eq(id)).orElseThrow(() -> ApiError.notFound("orders", id));
        CustomerScope.requireHolder(caller, order.customerId(), "order_id", id);
        return withItems(List.of(order)).getFirst();
    }

    private List<Order> withItems(List<Order> orders) {
        Map<String, List<OrderItem>> items = repository.items(orders.stream().map(Order::orderId).toList());
        return orders.stream().map(o -> o.withItems(items.getOrDefault(o.orderId(), List.of()))).toList();
    }
}
