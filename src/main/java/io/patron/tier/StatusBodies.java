package io.patron.tier;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.NotBlank;

/** Request and response bodies of statuses and status records. */
public final class StatusBodies {

    private StatusBodies() {
    }

    record SetStatusRecord(@NotBlank String statusId, @NotBlank String customerId, String validFrom,
                           String validTo) {
    }

    /** A turnover in one currency; {@code dueDate} (YYYY-MM-DD) only where a deadline applies. */
    public record Turnover(String currencyId, BigDecimal value, String dueDate) {
    }

    public record Status(String statusId, String name, String description, Integer qualificationPeriod,
                         List<Turnover> qualificationTurnover, BigDecimal qualificationPoints, String previousStatus,
                         String nextStatus, String validityPeriod, Boolean collectionPoints, Boolean paymentPoints,
                         Integer qualificationType, Integer discount, Boolean overallDiscountOnDiscountedPurchaseItems,
                         String textId, String lastChange) {
    }

    public record PurchaseConditions(List<Turnover> keepStatusTurnover, List<Turnover> nextStatusTurnover,
                                     BigDecimal keepStatusPoints, BigDecimal nextStatusPoints, String nextStatusId) {
    }

    public record StatusRecord(String statusRecordId, String statusId, String customerId, String validFrom,
                               String validTo, PurchaseConditions purchaseConditions, String lastChange,
                               Integer state) {

        StatusRecord withConditions(PurchaseConditions conditions) {
            return new StatusRecord(statusRecordId, statusId, customerId, validFrom, validTo, conditions, lastChange,
                    state);
        }
    }
}
