package io.patron.booking;

import static io.patron.db.Tables.BOOKING;
import static io.patron.db.Tables.BOOKING_ITEM;
import static io.patron.db.Tables.BOOKING_STATUS;
import static io.patron.db.Tables.BOOKING_TICKET;
import static io.patron.db.Tables.BOOKING_TIME_SLOT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import io.patron.db.tables.records.BookingItemRecord;
import io.patron.db.tables.records.BookingRecord;
import io.patron.db.tables.records.BookingStatusRecord;

/** SQL of bookings: slots and their capacity, statuses, bookings and items. */
@Repository
class BookingRepository {

    /** A slot as a booking sees it: its ticket's state and validity included. */
    record Slot(String id, String ticketId, OffsetDateTime validFrom, int state, int ticketState,
                OffsetDateTime ticketValidFrom, OffsetDateTime ticketValidTo) {
    }

    private final DSLContext dsl;

    BookingRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<BookingStatusRecord> status(String id) {
        return dsl.selectFrom(BOOKING_STATUS).where(BOOKING_STATUS.ID.eq(id)).fetchOptional();
    }

    Optional<BookingStatusRecord> defaultStatus() {
        return dsl.selectFrom(BOOKING_STATUS).where(BOOKING_STATUS.IS_DEFAULT.isTrue())
                .and(BOOKING_STATUS.STATE.eq(1)).orderBy(BOOKING_STATUS.POSITION).limit(1).fetchOptional();
    }

    Optional<Slot> slot(String id) {
        return dsl.select(BOOKING_TIME_SLOT.ID, BOOKING_TIME_SLOT.TICKET_ID, BOOKING_TIME_SLOT.VALID_FROM,
                        BOOKING_TIME_SLOT.STATE, BOOKING_TICKET.STATE, BOOKING_TICKET.VALID_FROM,
                        BOOKING_TICKET.VALID_TO)
                .from(BOOKING_TIME_SLOT).join(BOOKING_TICKET).on(BOOKING_TICKET.ID.eq(BOOKING_TIME_SLOT.TICKET_ID))
                .where(BOOKING_TIME_SLOT.ID.eq(id))
                .fetchOptional(r -> new Slot(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7()));
    }

    /**
     * Takes {@code amount} of the slot's capacity if that much is free: one conditional update, so concurrent
     * bookings can never take more than the slot holds (the row's write lock orders them). False when full.
     */
    boolean take(String slotId, int amount, OffsetDateTime now) {
        return dsl.update(BOOKING_TIME_SLOT)
                .set(BOOKING_TIME_SLOT.CAPACITY_TAKEN, BOOKING_TIME_SLOT.CAPACITY_TAKEN.plus(amount))
                .set(BOOKING_TIME_SLOT.LAST_CHANGE, now)
                .where(BOOKING_TIME_SLOT.ID.eq(slotId))
                .and(BOOKING_TIME_SLOT.CAPACITY_TAKEN.plus(amount).le(BOOKING_TIME_SLOT.TOTAL_CAPACITY))
                .execute() == 1;
    }

    void giveBack(String slotId, int amount, OffsetDateTime now) {
        dsl.update(BOOKING_TIME_SLOT)
                .set(BOOKING_TIME_SLOT.CAPACITY_TAKEN, BOOKING_TIME_SLOT.CAPACITY_TAKEN.minus(amount))
                .set(BOOKING_TIME_SLOT.LAST_CHANGE, now)
                .where(BOOKING_TIME_SLOT.ID.eq(slotId)).execute();
    }

    void insert(BookingRecord booking) {
        dsl.executeInsert(booking);
    }

    void insert(List<BookingItemRecord> items) {
        dsl.batchInsert(items).execute();
    }

    /** The booking, locked until the transaction ends (so two cancellations cannot give capacity back twice). */
    Optional<BookingRecord> lock(String id) {
        return dsl.selectFrom(BOOKING).where(BOOKING.ID.eq(id)).and(BOOKING.STATE.ne(0)).forUpdate().fetchOptional();
    }

    List<BookingItemRecord> items(String bookingId) {
        return dsl.selectFrom(BOOKING_ITEM).where(BOOKING_ITEM.BOOKING_ID.eq(bookingId))
                .orderBy(BOOKING_ITEM.TIME_SLOT_ID).fetch();
    }

    BookingRecord newBooking() {
        return dsl.newRecord(BOOKING);
    }

    BookingItemRecord newItem() {
        return dsl.newRecord(BOOKING_ITEM);
    }

    /** Slots (with capacity and start) of the range, for the busy-times chart. */
    List<org.jooq.Record3<OffsetDateTime, Integer, Integer>> slotsBetween(OffsetDateTime from, OffsetDateTime to,
                                                                          org.jooq.Condition ticket) {
        return dsl.select(BOOKING_TIME_SLOT.VALID_FROM, BOOKING_TIME_SLOT.TOTAL_CAPACITY,
                        BOOKING_TIME_SLOT.CAPACITY_TAKEN)
                .from(BOOKING_TIME_SLOT)
                .where(BOOKING_TIME_SLOT.VALID_FROM.ge(from)).and(BOOKING_TIME_SLOT.VALID_FROM.lt(to))
                .and(BOOKING_TIME_SLOT.STATE.eq(1)).and(ticket)
                .fetch();
    }

    /** The ticket's first slot that starts at or after {@code start}. */
    Optional<String> slotFrom(String ticketId, OffsetDateTime start) {
        return dsl.select(BOOKING_TIME_SLOT.ID).from(BOOKING_TIME_SLOT).where(BOOKING_TIME_SLOT.TICKET_ID.eq(ticketId))
                .and(BOOKING_TIME_SLOT.VALID_FROM.ge(start)).orderBy(BOOKING_TIME_SLOT.VALID_FROM).limit(1)
                .fetchOptional(BOOKING_TIME_SLOT.ID);
    }

    boolean bookingExists(String id) {
        return dsl.fetchExists(BOOKING, BOOKING.ID.eq(id));
    }

    boolean ticketExists(String id) {
        return dsl.fetchExists(BOOKING_TICKET, BOOKING_TICKET.ID.eq(id));
    }

    org.jooq.Field<String> slotTicket() {
        return BOOKING_TIME_SLOT.TICKET_ID;
    }
}
