package io.patron.tier;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.patron.config.PatronProperties;
import io.patron.reference.CurrencyQueries;

/** The project's active currencies (the project currency first), with the decimal places of their amounts. */
@Component
public class ActiveCurrencies {

    /** A currency by its API id, its ISO code and the decimal places money in it has. */
    public record Currency(String currencyId, String code, int decimals) {
    }

    private final List<Currency> all;

    ActiveCurrencies(PatronProperties properties) {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(properties.currency().toUpperCase(Locale.ROOT));
        properties.currencies().forEach(c -> codes.add(c.toUpperCase(Locale.ROOT)));
        List<Currency> list = new ArrayList<>();
        for (String code : codes) {
            int decimals;
            try {
                decimals = Math.max(0, java.util.Currency.getInstance(code).getDefaultFractionDigits());
            } catch (IllegalArgumentException e) {
                decimals = 2;
            }
            list.add(new Currency(CurrencyQueries.currencyId(code), code, decimals));
        }
        this.all = List.copyOf(list);
    }

    public List<Currency> all() {
        return all;
    }

    /** The project currency. */
    public Currency main() {
        return all.getFirst();
    }

    public int decimals(String currencyId) {
        return all.stream().filter(c -> c.currencyId().equals(currencyId)).mapToInt(Currency::decimals).findFirst()
                .orElse(2);
    }
}
