package io.patron.purchase;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.patron.tier.ActiveCurrencies;
import io.patron.tier.SalesTurnover;

/**
 * A customer's purchase turnover from the stored purchases: the bills' total prices by currency, cancellations
 * subtracted (a cancellation counts at its own payment time). Replaces the tier package's zero turnover.
 */
@Component
@Transactional(readOnly = true)
class PurchaseTurnover implements SalesTurnover {

    private final PurchaseRepository repository;
    private final ActiveCurrencies currencies;

    PurchaseTurnover(PurchaseRepository repository, ActiveCurrencies currencies) {
        this.repository = repository;
        this.currencies = currencies;
    }

    @Override
    public Map<String, BigDecimal> turnover(String customerId, OffsetDateTime from, OffsetDateTime to) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        currencies.all().forEach(c -> sums.put(c.currencyId(), BigDecimal.ZERO.setScale(c.decimals())));
        for (var row : repository.turnover(customerId, from, to)) {
            int decimals = currencies.decimals(row.value1());
            sums.merge(row.value1(), row.value2().setScale(decimals, java.math.RoundingMode.HALF_UP),
                    BigDecimal::add);
        }
        return sums;
    }
}
