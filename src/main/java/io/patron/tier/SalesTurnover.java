package io.patron.tier;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A customer's purchase turnover, for the statuses' qualification and the wallet's sales-turnover overview. The
 * purchases capability implements it once purchases are stored (the checkout issue); until then
 * {@link NoPurchasesYet} answers, as there is no purchase to count.
 */
public interface SalesTurnover {

    /**
     * The customer's purchase turnover with {@code from <= time < to} (either bound null: open), cancellations
     * subtracted, by currency id; every active currency of the project is present.
     */
    Map<String, BigDecimal> turnover(String customerId, OffsetDateTime from, OffsetDateTime to);
}
