package io.patron.booking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.booking.BookingBodies.BookingChange;
import io.patron.booking.BookingBodies.BookingInput;
import io.patron.booking.BookingBodies.BookingItemInput;
import io.patron.booking.BookingBodies.BusyTimes;
import io.patron.booking.BookingBodies.BusyTimesRequest;
import io.patron.booking.BookingBodies.ChartPoint;
import io.patron.card.CustomerDirectory;
import io.patron.common.Ids;
import io.patron.db.tables.records.BookingItemRecord;
import io.patron.db.tables.records.BookingRecord;
import io.patron.db.tables.records.BookingStatusRecord;

/**
 * Bookings: a booking takes capacity from each of its slots in one transaction (all or none, never more than a
 * slot holds); a cancelling status or a deletion gives it back; a status that does not cancel takes it again.
 */
@Service
@Transactional
public class BookingService {

    private final BookingRepository repository;
    private final BookingQueries queries;
    private final CustomerDirectory customers;
    private final Clock clock;

    BookingService(BookingRepository repository, BookingQueries queries, CustomerDirectory customers, Clock clock) {
        this.repository = repository;
        this.queries = queries;
        this.customers = customers;
        this.clock = clock;
    }

    /** {@code POST /bookings}: the new booking's id. */
    public String create(Caller caller, BookingInput input) {
        return create(caller, input, Ids.newId());
    }

    /** As {@link #create(Caller, BookingInput)} with the id given (the demo's bookings have stable ids). */
    String create(Caller caller, BookingInput input, String bookingId) {
        List<InvalidParam> errors = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String customerId = customer(caller, input.customerId(), "booking.customer_id", errors);
        BookingStatusRecord status = status(input.bookingStatus(), "booking.booking_status", errors);
        if (input.bookingItems().isEmpty()) {
            errors.add(InvalidParam.of("booking.booking_items", Reason.EMPTY, "A booking needs at least one item"));
        }
        List<BookingItemRecord> items = new ArrayList<>();
        for (int i = 0; i < input.bookingItems().size(); i++) {
            BookingItemInput in = input.bookingItems().get(i);
            String at = "booking.booking_items[" + i + "].";
            var slot = repository.slot(in.timeSlotId());
            if (slot.isEmpty()) {
                errors.add(InvalidParam.of(at + "time_slot_id", Reason.NOT_FOUND, in.timeSlotId(), "No such time slot"));
            } else if (slot.get().state() != 1 || slot.get().ticketState() != 1
                    || (slot.get().ticketValidTo() != null && slot.get().ticketValidTo().isBefore(slot.get().validFrom()))
                    || (slot.get().ticketValidFrom() != null && slot.get().ticketValidFrom().isAfter(slot.get().validFrom()))) {
                errors.add(InvalidParam.of(at + "time_slot_id", Reason.NOT_ALLOWED_VALUE, in.timeSlotId(),
                        "The time slot or its ticket is not active"));
            } else if (!slot.get().validFrom().isAfter(now)) {
                errors.add(InvalidParam.of(at + "time_slot_id", Reason.NOT_ALLOWED_VALUE, in.timeSlotId(),
                        "The time slot has already started"));
            }
            String itemCustomer = in.customerId() == null ? customerId
                    : customer(caller, in.customerId(), at + "customer_id", errors);
            BookingStatusRecord itemStatus = in.bookingItemStatus() == null ? status
                    : status(in.bookingItemStatus(), at + "booking_item_status", errors);
            BookingItemRecord item = repository.newItem();
            item.setId(Ids.newId());
            item.setBookingId(bookingId);
            item.setTimeSlotId(in.timeSlotId());
            item.setCustomerId(itemCustomer);
            item.setCapacityTaken(in.capacityTaken() == null ? 1 : in.capacityTaken());
            item.setStatusId(itemStatus == null ? null : itemStatus.getId());
            item.setHoldsCapacity(itemStatus != null && !itemStatus.getCancels());
            item.setPosition(i);
            item.setCreatedAt(at(in.createdAt()));
            item.setState(1);
            item.setLastChange(now);
            items.add(item);
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        BookingRecord booking = repository.newBooking();
        booking.setId(bookingId);
        booking.setCustomerId(customerId);
        booking.setStatusId(status.getId());
        if (input.utm() != null) {
            booking.setUtmSource(input.utm().utmSource());
            booking.setUtmMedium(input.utm().utmMedium());
            booking.setUtmCampaign(input.utm().utmCampaign());
        }
        booking.setDataJson(dataJson(input.data(), "booking.data"));
        booking.setCreatedAt(at(input.createdAt()));
        booking.setState(1);
        booking.setLastChange(now);
        repository.insert(booking);
        take(items, "booking.booking_items", now);
        repository.insert(items);
        return bookingId;
    }

    /** {@code PUT /bookings/{id}}: customer, status and data; the status applies to every item of the booking. */
    public void replace(Caller caller, String id, BookingChange change) {
        BookingRecord booking = repository.lock(id).orElseThrow(() -> ApiError.notFound("bookings", id));
        CustomerScope.requireAccess(caller, booking.getCustomerId(), "booking_id");
        List<InvalidParam> errors = new ArrayList<>();
        String customerId = customer(caller, change.customerId(), "booking.customer_id", errors);
        BookingStatusRecord status = status(change.bookingStatus(), "booking.booking_status", errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<BookingItemRecord> items = repository.items(id);
        List<BookingItemRecord> toTake = new ArrayList<>();
        for (BookingItemRecord item : items) {
            if (item.getState() == 0) {
                continue;
            }
            boolean hold = !status.getCancels();
            if (item.getHoldsCapacity() && !hold) {
                repository.giveBack(item.getTimeSlotId(), item.getCapacityTaken(), now);
            } else if (!item.getHoldsCapacity() && hold) {
                toTake.add(item);
            }
            item.setHoldsCapacity(hold);
            item.setStatusId(status.getId());
            item.setCustomerId(customerId);
            item.setLastChange(now);
        }
        take(toTake, "booking.booking_status", now);
        items.forEach(BookingItemRecord::update);
        booking.setCustomerId(customerId);
        booking.setStatusId(status.getId());
        booking.setDataJson(dataJson(change.data(), "booking.data"));
        booking.setLastChange(now);
        booking.update();
    }

    /** {@code DELETE /bookings/{id}}: the booking and its items are deleted and their capacity given back. */
    public void delete(Caller caller, String id) {
        BookingRecord booking = repository.lock(id).orElseThrow(() -> ApiError.notFound("bookings", id));
        CustomerScope.requireAccess(caller, booking.getCustomerId(), "booking_id");
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (BookingItemRecord item : repository.items(id)) {
            if (item.getHoldsCapacity()) {
                repository.giveBack(item.getTimeSlotId(), item.getCapacityTaken(), now);
            }
            item.setHoldsCapacity(false);
            item.setState(0);
            item.setLastChange(now);
            item.update();
        }
        booking.setState(0);
        booking.setLastChange(now);
        booking.update();
    }

    /**
     * Takes the capacity of the items that hold it, slot by slot in the order of the slot ids (so two bookings of
     * the same slots never wait for each other crosswise); the first slot without enough free capacity refuses the
     * whole booking, and the transaction's rollback gives back what the slots before it took.
     */
    private void take(List<BookingItemRecord> items, String param, OffsetDateTime now) {
        Map<String, Integer> bySlot = new TreeMap<>();
        Map<String, Integer> firstIndex = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            BookingItemRecord item = items.get(i);
            if (item.getHoldsCapacity()) {
                bySlot.merge(item.getTimeSlotId(), item.getCapacityTaken(), Integer::sum);
                firstIndex.putIfAbsent(item.getTimeSlotId(), item.getPosition());
            }
        }
        for (var entry : bySlot.entrySet()) {
            if (!repository.take(entry.getKey(), entry.getValue(), now)) {
                String name = param.endsWith("booking_items")
                        ? param + "[" + firstIndex.get(entry.getKey()) + "].time_slot_id" : param;
                throw ApiError.badRequest(List.of(InvalidParam.of(name, Reason.NOT_ALLOWED_VALUE, entry.getKey(),
                        "The time slot has not enough free capacity")));
            }
        }
    }

    private String customer(Caller caller, String customerId, String param, List<InvalidParam> errors) {
        var self = CustomerScope.restrictedTo(caller);
        if (self.isPresent()) {
            if (self.get().isEmpty()) {
                throw ApiError.forbidden("No customer is logged in on this token");
            }
            if (customerId == null) {
                return self.get();
            }
            CustomerScope.requireAccess(caller, customerId, param);
            return customerId;
        }
        if (customerId != null && !customers.exists(customerId)) {
            errors.add(InvalidParam.of(param, Reason.NOT_FOUND, customerId, "No such customer"));
        }
        return customerId;
    }

    private BookingStatusRecord status(String statusId, String param, List<InvalidParam> errors) {
        if (statusId == null) {
            var status = repository.defaultStatus();
            if (status.isEmpty()) {
                errors.add(InvalidParam.of(param, Reason.REQUIRED, "No default booking status is configured"));
            }
            return status.orElse(null);
        }
        var status = repository.status(statusId);
        if (status.isEmpty()) {
            errors.add(InvalidParam.of(param, Reason.NOT_FOUND, statusId, "No such booking status"));
            return null;
        }
        if (status.get().getState() != 1) {
            errors.add(InvalidParam.of(param, Reason.NOT_ALLOWED_VALUE, statusId, "The booking status is blocked"));
            return null;
        }
        return status.get();
    }

    /** The booking's data as stored: JSON text of at most 65535 characters. */
    private static String dataJson(tools.jackson.databind.JsonNode data, String param) {
        if (data == null || data.isNull()) {
            return null;
        }
        String json = data.toString();
        if (json.length() > 65535) {
            throw ApiError.badRequest(param, Reason.INVALID_VALUE_FORMAT, "Longer than 65535 characters as JSON");
        }
        return json;
    }

    private OffsetDateTime at(LocalDateTime local) {
        return local.atZone(clock.getZone()).toOffsetDateTime();
    }

    // --- busy times ------------------------------------------------------------------------------

    /** How many past periods of the same kind the busy times average over. */
    static final Map<String, Integer> LOOKBACK = Map.of("day", 8, "week", 8, "month", 6, "year", 3);

    /**
     * {@code POST /bookings/actions/average-booking-busy-times}: the share of slot capacity taken, in percent,
     * per hour (day), per day of the week (week), per day of the month (month) or per month (year), over the
     * slots of the {@link #LOOKBACK} periods of the same kind before the one of {@code booking_date} (for a day:
     * the same weekdays before it). The average is weighted by capacity: taken over total of all those slots.
     */
    @Transactional(readOnly = true)
    public BusyTimes busyTimes(BusyTimesRequest request) {
        List<InvalidParam> errors = new ArrayList<>();
        if (request.bookingTicketId() != null && !repository.ticketExists(request.bookingTicketId())) {
            errors.add(InvalidParam.of("booking_ticket_id", Reason.NOT_FOUND, request.bookingTicketId(),
                    "No such booking ticket"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        var ticketCondition = request.bookingTicketId() == null ? DSL.noCondition()
                : repository.slotTicket().eq(request.bookingTicketId());
        if (request.bookingPropertyId() != null && request.bookingPropertyValue() != null) {
            ticketCondition = ticketCondition.and(queries.ticketHasProperty(repository.slotTicket(),
                    request.bookingPropertyId(), request.bookingPropertyValue()));
        }
        String period = request.timePeriod();
        LocalDate date = request.bookingDate();
        int periods = LOOKBACK.get(period);
        LocalDate periodStart = switch (period) {
            case "week" -> date.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case "month" -> date.withDayOfMonth(1);
            case "year" -> date.withDayOfYear(1);
            default -> date;
        };
        LocalDate from = switch (period) {
            case "week" -> periodStart.minusWeeks(periods);
            case "month" -> periodStart.minusMonths(periods);
            case "year" -> periodStart.minusYears(periods);
            default -> periodStart.minusWeeks(periods);
        };
        long[] total = new long[buckets(period)];
        long[] taken = new long[buckets(period)];
        for (var slot : repository.slotsBetween(start(from), start(periodStart), ticketCondition)) {
            ZonedDateTime at = slot.value1().atZoneSameInstant(clock.getZone());
            if (period.equals("day") && at.getDayOfWeek() != date.getDayOfWeek()) {
                continue;
            }
            int bucket = switch (period) {
                case "day" -> at.getHour();
                case "week" -> at.getDayOfWeek().getValue() - 1;
                case "month" -> at.getDayOfMonth() - 1;
                default -> at.getMonthValue() - 1;
            };
            total[bucket] += slot.value2();
            taken[bucket] += slot.value3();
        }
        List<ChartPoint> chart = new ArrayList<>();
        for (int i = 0; i < total.length; i++) {
            String x = switch (period) {
                case "day" -> String.format("%02d:00", i);
                default -> String.valueOf(i + 1);
            };
            BigDecimal share = total[i] == 0 ? BigDecimal.ZERO.setScale(2)
                    : BigDecimal.valueOf(taken[i] * 100).divide(BigDecimal.valueOf(total[i]), 2, RoundingMode.HALF_UP);
            chart.add(new ChartPoint(x, share.toPlainString()));
        }
        String unit = switch (period) {
            case "day" -> "hour";
            case "year" -> "month";
            default -> "day";
        };
        return new BusyTimes(unit, chart);
    }

    private static int buckets(String period) {
        return switch (period) {
            case "day" -> 24;
            case "week" -> 7;
            case "month" -> 31;
            default -> 12;
        };
    }

    private OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(clock.getZone()).toOffsetDateTime();
    }
}
