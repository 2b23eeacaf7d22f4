package io.patron.booking;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.patron.api.OneOf;

/** Bodies of charged entrances: the API's entrance, its correction, the statistics, and the import record. */
public final class EntranceBodies {

    private EntranceBodies() {
    }

    public record Entrance(String entranceId, Integer posId, String name, String customerId, String resortName,
                           String customerCategoryName, String externalOrderId, String externalEntranceId,
                           String externalTurnstilePermissionId, Integer entranceTypeId, String orderItemId,
                           String cardId, LocalDateTime createdAt, LocalDateTime cancelledAt,
                           BigDecimal chargedPrice, String productIds, LocalDateTime chargeDate, LocalDate validFrom,
                           LocalDate validTo, LocalDateTime lastChange, Integer state) {
    }

    /** What {@code PUT /entrances/{id}} changes: the type and the state (0 deactivates it in Patron). */
    public record EntranceChange(@NotBlank String entranceId, @NotNull @OneOf({"3", "6", "9", "11"}) Integer posId,
                                 @OneOf({"0", "1", "2"}) Integer entranceTypeId,
                                 @NotNull @OneOf({"0", "1"}) Integer state) {
    }

    public record EntranceBody(@NotNull @Valid EntranceChange entrance) {
    }

    public record Overview(int activeEntrances, int canceledEntrances, int deactivatedEntrances, int soldEntrances) {
    }

    public record CustomerStats(BigDecimal distance, BigDecimal elevation, int skierDays,
                                String skiAchievementTextId) {
    }

    /** One day's use of an entrance as the turnstiles report it. */
    public record Usage(LocalDate date, BigDecimal distanceKm, BigDecimal elevationM) {
    }

    /**
     * An entrance as a POS system reports it (project file section {@code entrances} or a line of an inbox file):
     * the card by Patron id or by number; {@code state} 0 when the POS cancelled it.
     */
    public record EntranceRecord(Integer posId, String externalEntranceId, String cardId, String cardNumber,
                                 String name, String resortName, String customerCategoryName, String externalOrderId,
                                 String externalTurnstilePermissionId, Integer entranceTypeId, String orderItemId,
                                 BigDecimal chargedPrice, List<String> productIds, String chargeDate,
                                 String validFrom, String validTo, Integer state, List<Usage> usages) {
    }
}
