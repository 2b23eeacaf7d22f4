package io.patron.purchase;

import static io.patron.db.Tables.ESHOP_ORDER;
import static io.patron.db.Tables.ESHOP_ORDER_ITEM;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import io.patron.db.tables.records.EshopOrderItemRecord;
import io.patron.db.tables.records.EshopOrderRecord;

/** SQL of e-shop orders and their items. */
@Repository
class OrderRepository {

    private final DSLContext dsl;

    OrderRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    EshopOrderRecord newOrder() {
        return dsl.newRecord(ESHOP_ORDER);
    }

    EshopOrderItemRecord newItem() {
        return dsl.newRecord(ESHOP_ORDER_ITEM);
    }

    boolean numberTaken(String orderNumber) {
        return dsl.fetchExists(ESHOP_ORDER, ESHOP_ORDER.ORDER_NUMBER.eq(orderNumber));
    }

    int ordersOf(String customerId) {
        return dsl.fetchCount(ESHOP_ORDER, ESHOP_ORDER.CUSTOMER_ID.eq(customerId));
    }

    /** The items of these orders in their order, by order id. */
    Map<String, List<OrderBodies.OrderItem>> items(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(ESHOP_ORDER_ITEM).where(ESHOP_ORDER_ITEM.ORDER_ID.in(orderIds))
                .orderBy(ESHOP_ORDER_ITEM.ORDER_ID, ESHOP_ORDER_ITEM.POSITION)
                .fetchGroups(ESHOP_ORDER_ITEM.ORDER_ID, r -> new OrderBodies.OrderItem(r.getId(),
                        r.getProductVariantId(), r.getCustomerId(), plain(r.getAmount()), plain(r.getUnitPrice()),
                        plain(r.getVatRate())));
    }

    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
