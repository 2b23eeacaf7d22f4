package io.patron.catalog;

import java.math.BigDecimal;

/** A product's price in one currency. */
public record Price(String currencyId, BigDecimal value) {
}
