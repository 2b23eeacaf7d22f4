package io.patron.tier;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The turnover while Patron stores no purchases (they come with the checkout issue): zero in every active currency.
 * The purchases capability's {@link SalesTurnover} replaces it (see {@link TurnoverSource}).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class NoPurchasesYet implements SalesTurnover {

    private final ActiveCurrencies currencies;

    NoPurchasesYet(ActiveCurrencies currencies) {
        this.currencies = currencies;
    }

    @Override
    public Map<String, BigDecimal> turnover(String customerId, OffsetDateTime from, OffsetDateTime to) {
        Map<String, BigDecimal> zero = new LinkedHashMap<>();
        currencies.all().forEach(c -> zero.put(c.currencyId(), BigDecimal.ZERO.setScale(c.decimals())));
        return zero;
    }
}
