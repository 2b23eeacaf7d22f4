package io.patron.purchase;

import static io.patron.db.Tables.PURCHASE;
import static io.patron.db.Tables.PURCHASE_ITEM;

import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The purchase history as a set, for capabilities that aggregate it in SQL (the recommendation engine's refresh):
 * the items of the purchases that count, never a loop over customers.
 */
@Component
public class PurchaseHistory {

    /** Column names of {@link #productLines()}. */
    public static final String CUSTOMER_ID = "customer_id";
    public static final String PURCHASE_ID = "purchase_id";
    public static final String PRODUCT_ID = "product_id";

    /**
     * One row per item of a product bought by a known customer: ({@value #CUSTOMER_ID}, {@value #PURCHASE_ID},
     * {@value #PRODUCT_ID}). A purchase counts when it is not a cancellation and no cancellation names it; items
     * without a catalogue product and items of no positive quantity (returns) are left out.
     */
    public Select<Record3<String, String, String>> productLines() {
        var cancellation = PURCHASE.as("cancellation");
        return DSL.select(PURCHASE.CUSTOMER_ID.as(CUSTOMER_ID), PURCHASE.ID.as(PURCHASE_ID),
                        PURCHASE_ITEM.PRODUCT_ID.as(PRODUCT_ID))
                .from(PURCHASE.join(PURCHASE_ITEM).on(PURCHASE_ITEM.PURCHASE_ID.eq(PURCHASE.ID)))
                .where(PURCHASE.CUSTOMER_ID.isNotNull())
                .and(PURCHASE.CANCELED.isFalse())
                .and(PURCHASE_ITEM.PRODUCT_ID.isNotNull())
                .and(PURCHASE_ITEM.QUANTITY.gt(java.math.BigDecimal.ZERO))
                .andNotExists(DSL.selectOne().from(cancellation).where(cancellation.CANCELS_ID.eq(PURCHASE.ID)));
    }
}
