package io.patron.tier;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The {@link SalesTurnover} in use: the purchases capability's once it exists, else {@link NoPurchasesYet}. */
@Component
public class TurnoverSource {

    private final SalesTurnover source;

    TurnoverSource(List<SalesTurnover> all) {
        this.source = all.stream().filter(s -> !(s instanceof NoPurchasesYet)).findFirst()
                .orElseGet(() -> all.stream().filter(s -> s instanceof NoPurchasesYet).findFirst().orElseThrow());
    }

    /** See {@link SalesTurnover#turnover}. */
    public Map<String, BigDecimal> turnover(String customerId, OffsetDateTime from, OffsetDateTime to) {
        return source.turnover(customerId, from, to);
    }
}
