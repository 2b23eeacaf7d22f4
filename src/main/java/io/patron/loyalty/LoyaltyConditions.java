package io.patron.loyalty;

import static io.patron.db.Tables.LOYALTY_BALANCE;

import java.math.BigDecimal;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Conditions about wallets for capabilities that select customers in SQL (segments): each is correlated with the
 * customer id column of the caller's query, so a rule over every customer stays one query.
 */
@Component
public class LoyaltyConditions {

    /**
     * The customer's spendable balance of a point type, zero without one. Pending points do not count; a lot past
     * its end counts until the expiry job (every minute) has ended it.
     */
    public Field<BigDecimal> pointBalance(Field<String> customerId, String pointTypeId) {
        return DSL.coalesce(DSL.field(DSL.select(DSL.sum(LOYALTY_BALANCE.AVAILABLE)).from(LOYALTY_BALANCE)
                .where(LOYALTY_BALANCE.CUSTOMER_ID.eq(customerId)).and(LOYALTY_BALANCE.TYPE_ID.eq(pointTypeId))),
                DSL.inline(BigDecimal.ZERO));
    }
}
