package io.patron.booking;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.patron.api.OneOf;
import io.patron.booking.BookingBodies.Utm;
import io.patron.catalog.PluId;

/** Request and response bodies of product reservations, their prices, sources and external list types. */
public final class ReservationBodies {

    private ReservationBodies() {
    }

    public record Source(String productReservationSourceId, String name, LocalDateTime lastChange, Integer state) {
    }

    public record ListType(String productReservationExternalListTypeId, String name) {
    }

    public record ExternalCode(@NotBlank String externalCodeTypeId, @NotBlank String value) {
    }

    public record Item(@NotBlank String reservableProductId, @NotNull BigDecimal amount, BigDecimal unitPrice,
                       BigDecimal vatRate) {
    }

    public record Progress(Integer reservationProgressId, String reservationProgressText,
                           LocalDateTime reservationProgressTime) {
    }

    public record Reservation(String productReservationId, String customerId, String storeId,
                              List<String> reservationCodes, List<ExternalCode> externalReservationCodes,
                              List<String> benefitCodes, String productReservationSourceId, LocalDate pickupDate,
                              String customersNote, BigDecimal totalPrice, String currencyId,
                              List<Item> productReservationItems, String externalPurchaseId, Utm utm,
                              Integer actualState, List<Progress> reservationProgressHistory,
                              LocalDateTime lastChange, Integer state) {
    }

    public record ReservationInput(@NotBlank String customerId, @NotBlank String storeId,
                                   @Valid List<@NotNull @Valid ExternalCode> externalReservationCodes,
                                   List<@NotBlank String> benefitCodes, @NotBlank String productReservationSourceId,
                                   String customersNote, BigDecimal totalPrice, String currencyId,
                                   @Valid List<@NotNull @Valid Item> productReservationItems,
                                   String externalPurchaseId, Utm utm) {
    }

    public record ReservationBody(@NotNull @Valid ReservationInput productReservation) {
    }

    public record CancelRequest(@NotBlank String productReservationId) {
    }

    public record StateChange(@NotBlank String productReservationId,
                              @NotNull @OneOf({"0", "1", "2", "4", "5", "6", "7", "8"}) Integer state) {
    }

    public record ExternalCodes(@NotBlank String productReservationId,
                                @NotNull @Valid List<@NotNull @Valid ExternalCode> externalReservationCodes) {
    }

    public record Price(String productReservationPriceId, String reservableProductId, List<PluId> pluIds,
                        BigDecimal value, String currencyId, String storeId, LocalDateTime lastChange,
                        Integer state) {
    }

    /** One price of a batch; its fields are checked record by record, as {@code error_processing} asks. */
    public record PriceInput(String reservableProductId, List<PluId> pluIds, BigDecimal value, String currencyId,
                             String storeId) {
    }

    public record PriceBatch(@NotNull List<@NotNull PriceInput> productReservationPrices,
                             @OneOf({"1", "2"}) Integer errorProcessing) {
    }

    public record PriceId(String productReservationPriceId) {
    }

    public record PriceDeleteBatch(@NotNull List<@NotNull PriceId> productReservationPrices,
                                   @OneOf({"1", "2"}) Integer errorProcessing) {
    }

    public record SearchRequest(@NotBlank String searchString) {
    }

    public record Flag(String name, String textId) {
    }

    public record SearchResult(String searchResultString, String resourceId, List<Flag> flags) {
    }
}
