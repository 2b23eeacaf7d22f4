package io.patron.purchase;

import static io.patron.db.Tables.PURCHASE;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import io.patron.db.tables.Purchase;

/**
 * Conditions about purchase history for capabilities that select customers in SQL (segments), each correlated with
 * the customer id column of the caller's query. A window starts at {@code since} (null: all history). Turnover counts
 * as the statuses' turnover does (a cancellation subtracts its bill at its own time); counts and "no purchase" look
 * at bills that are not cancelled.
 */
@Component
public class PurchaseConditions {

    /** The sum of the customer's bills in the currency since the time, cancellations subtracted; zero without any. */
    public Field<BigDecimal> turnover(Field<String> customerId, String currencyId, OffsetDateTime since) {
        var signed = DSL.when(PURCHASE.CANCELED.isTrue(), PURCHASE.TOTAL_PRICE.neg()).otherwise(PURCHASE.TOTAL_PRICE);
        return DSL.coalesce(DSL.field(DSL.select(DSL.sum(signed)).from(PURCHASE)
                .where(PURCHASE.CUSTOMER_ID.eq(customerId)).and(PURCHASE.CURRENCY_ID.eq(currencyId))
                .and(since == null ? DSL.noCondition() : PURCHASE.PAYMENT_TIME.ge(since))), DSL.inline(BigDecimal.ZERO));
    }

    /** How many bills of the customer since the time are not cancelled. */
    public Field<BigDecimal> purchaseCount(Field<String> customerId, OffsetDateTime since) {
        Purchase bill = PURCHASE.as("counted_bill");
        return DSL.field(DSL.select(DSL.count().cast(BigDecimal.class)).from(bill)
                .where(standing(bill, customerId, since)));
    }

    /** The customer has no bill since the time that is not cancelled (customers who never bought included). */
    public Condition noPurchaseSince(Field<String> customerId, OffsetDateTime since) {
        Purchase bill = PURCHASE.as("recent_bill");
        return DSL.notExists(DSL.selectOne().from(bill).where(standing(bill, customerId, since)));
    }

    private static Condition standing(Purchase bill, Field<String> customerId, OffsetDateTime since) {
        Purchase cancellation = PURCHASE.as("cancelling_bill");
        return bill.CUSTOMER_ID.eq(customerId).and(bill.CANCELED.isFalse())
                .and(since == null ? DSL.noCondition() : bill.PAYMENT_TIME.ge(since))
                .and(DSL.notExists(DSL.selectOne().from(cancellation).where(cancellation.CANCELS_ID.eq(bill.ID))));
    }
}
