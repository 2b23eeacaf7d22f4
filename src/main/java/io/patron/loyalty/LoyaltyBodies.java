package io.patron.loyalty;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Request and response bodies of points, point reservations, credits and their types. */
public final class LoyaltyBodies {

    private LoyaltyBodies() {
    }

    // --- requests ---

    record AssignPoints(@NotNull BigDecimal amount, @NotBlank String customerId, @NotBlank String partnerId,
                        String pointTypeId, String note) {
        LedgerService.Change change() {
            return new LedgerService.Change(amount, customerId, partnerId, pointTypeId, null, note);
        }
    }

    record ChangeCredits(@NotNull BigDecimal amount, @NotBlank String customerId, @NotBlank String partnerId,
                         String creditTypeId, String currencyId, String note) {
        LedgerService.Change change() {
            return new LedgerService.Change(amount, customerId, partnerId, creditTypeId, currencyId, note);
        }
    }

    record TransferPoints(@NotBlank String originalCustomerId, @NotBlank String newCustomerId,
                          @NotNull BigDecimal amount, @NotBlank String pointTypeId, String note) {
        LedgerService.Transfer transfer() {
            return new LedgerService.Transfer(originalCustomerId, newCustomerId, amount, pointTypeId, null, note);
        }
    }

    record TransferCredits(@NotBlank String originalCustomerId, @NotBlank String newCustomerId,
                           @NotNull BigDecimal amount, @NotBlank String creditTypeId, String currencyId,
                           String note) {
        LedgerService.Transfer transfer() {
            return new LedgerService.Transfer(originalCustomerId, newCustomerId, amount, creditTypeId, currencyId,
                    note);
        }
    }

    record SynchronizePoints(@NotBlank String customerId, @NotNull BigDecimal amount, String partnerId, String note) {
    }

    record ReservePoints(@NotBlank String externalId, @NotBlank String customerId, @NotNull BigDecimal amount,
                         String expirationTime) {
    }

    record FreePoints(@NotBlank String externalId) {
    }

    // --- responses ---

    /** A point record: a lot (earned points) or a redemption (negative assigned points). */
    public record Point(String pointId, String customerId, BigDecimal assignedPoints, BigDecimal availablePoints,
                        String pointTypeId, String partnerId, String validTo, Integer state, String createdAt,
                        String note) {
    }

    public record Credit(String creditId, String customerId, BigDecimal assignedCredits, BigDecimal availableCredits,
                         String creditTypeId, String partnerId, String validTo, String currencyId, Integer state,
                         String note) {
    }

    public record PointHistory(String customerId, BigDecimal pointAmount, String pointOperationType,
                               String pointOperationNote, String pointTypeId, String partnerId, String storeId,
                               String pointHistoryRecordTime, String extendedData) {
    }

    public record CreditHistory(String customerId, BigDecimal amount, String creditOperationType,
                                String creditOperationNote, String partnerId, String currencyId, String storeId,
                                String creditHistoryRecordTime) {
    }

    /** The contract names the reservation's fields differently from reserve-points' request. */
    public record PointReservation(String pointsReservationId, String customerId, String externalId,
                                   BigDecimal quantity, Integer state, String expiration) {
    }

    public record PointType(String pointTypeId, String name, String lastChange) {
    }

    public record CreditType(String creditTypeId, String name, String lastChange) {
    }
}
