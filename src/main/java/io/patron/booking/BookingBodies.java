package io.patron.booking;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import tools.jackson.databind.JsonNode;

import io.patron.api.OneOf;
import io.patron.property.PropertyService.PropertyRecord;

/** Request and response bodies of bookings, booking tickets, time slots and booking statuses. */
public final class BookingBodies {

    private BookingBodies() {
    }

    public record Utm(String utmSource, String utmMedium, String utmCampaign) {
        static Utm of(String source, String medium, String campaign) {
            return source == null && medium == null && campaign == null ? null : new Utm(source, medium, campaign);
        }
    }

    public record Ticket(String ticketId, String name, LocalDateTime createdAt, LocalDateTime validFrom,
                         LocalDateTime validTo, Integer state, LocalDateTime lastChange) {
    }

    public record TimeSlot(String timeSlotId, String ticketId, LocalDateTime validFrom, LocalDateTime validTo,
                           Integer totalCapacity, Integer freeCapacity, Integer state, LocalDateTime lastChange) {
    }

    public record Status(String bookingStatusId, String name, LocalDateTime createdAt, Integer state,
                         LocalDateTime lastChange) {
    }

    public record BookingItem(String bookingItemId, String customerId, String timeSlotId, Ticket bookingTicket,
                              LocalDateTime validFrom, LocalDateTime validTo, Integer capacityTaken,
                              String bookingItemStatus, List<PropertyRecord> additionalProperties,
                              LocalDateTime createdAt, Integer state, LocalDateTime lastChange) {
        BookingItem shown(String mode) {
            return switch (mode) {
                case "full" -> this;
                default -> new BookingItem(bookingItemId, customerId, timeSlotId, bookingTicket, validFrom, validTo,
                        capacityTaken, bookingItemStatus, null, createdAt, state, lastChange);
            };
        }
    }

    public record Booking(String bookingId, String customerId, List<BookingItem> bookingItems, String bookingStatus,
                          Utm utm, JsonNode data, LocalDateTime createdAt, LocalDateTime lastChange, Integer state) {
        Booking withItems(List<BookingItem> items) {
            return new Booking(bookingId, customerId, items, bookingStatus, utm, data, createdAt, lastChange, state);
        }
    }

    /** A booking item sent by a client: the slot, the capacity it takes and its status; the rest is read-only. */
    public record BookingItemInput(String customerId, @NotBlank String timeSlotId, @Positive Integer capacityTaken,
                                   String bookingItemStatus, @NotNull LocalDateTime createdAt) {
    }

    public record BookingInput(String customerId, @NotNull @Valid List<@NotNull @Valid BookingItemInput> bookingItems,
                               String bookingStatus, Utm utm, JsonNode data, @NotNull LocalDateTime createdAt) {
    }

    public record BookingBody(@NotNull @Valid BookingInput booking) {
    }

    /** What {@code PUT /bookings/{id}} changes: the customer, the status and the data. */
    public record BookingChange(String customerId, String bookingStatus, JsonNode data) {
    }

    public record BookingChangeBody(@NotNull @Valid BookingChange booking) {
    }

    public record BusyTimesRequest(@NotNull java.time.LocalDate bookingDate,
                                   @NotBlank @OneOf({"day", "week", "month", "year"}) String timePeriod,
                                   String bookingTicketId, String bookingPropertyId, String bookingPropertyValue) {
    }

    public record ChartPoint(String xAxisValue, String yAxisValue) {
    }

    public record BusyTimes(String timeUnit, List<ChartPoint> chartData) {
    }
}
