package io.patron.wallet;

import java.math.BigDecimal;
import java.util.List;

/** Response bodies of the wallet overviews. */
public final class WalletBodies {

    private WalletBodies() {
    }

    public record MoneyValue(String currencyId, BigDecimal value) {
    }

    public record PointsOverview(BigDecimal earnedPoints, BigDecimal redeemedPoints, BigDecimal availablePoints,
                                 List<MoneyValue> availablePointsMoneyValue) {
    }

    public record CreditWalletSummary(String currencyId, BigDecimal earnedCredits, BigDecimal redeemedCredits,
                                      BigDecimal availableCredits) {
    }

    public record CreditsOverview(BigDecimal earnedCredits, BigDecimal redeemedCredits, BigDecimal availableCredits,
                                  List<CreditWalletSummary> splitByCurrency) {
    }

    /** {@code nextDate} (YYYY-MM-DD) is absent when nothing will expire. */
    public record ExpirationOverview(BigDecimal nextAmount, String nextDate, BigDecimal currentMonthAmount) {
    }

    public record Turnover(String currencyId, BigDecimal value) {
    }

    public record SalesTurnover(List<Turnover> turnover) {
    }
}
