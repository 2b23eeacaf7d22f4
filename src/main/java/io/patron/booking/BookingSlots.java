package io.patron.booking;

import static io.patron.db.Tables.BOOKING_SCHEDULE;
import static io.patron.db.Tables.BOOKING_TIME_SLOT;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.patron.common.Ids;
import io.patron.jobs.CoordinatedJob;

/**
 * Generates the time slots of the recurring booking schedules: every slot of a schedule that starts between now
 * (on the project clock) and {@code weeks_ahead} weeks from now and does not exist yet. Idempotent: a slot is keyed
 * by its ticket and start, so a second run, or another node, adds nothing twice.
 */
@Component
class BookingSlots {

    private final DSLContext dsl;
    private final Clock clock;

    BookingSlots(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @CoordinatedJob(name = "booking-slots", every = "1h")
    public void run() {
        generate();
    }

    /** Adds the missing slots of every schedule; returns how many it added. */
    @Transactional
    public int generate() {
        int added = 0;
        ZonedDateTime now = ZonedDateTime.now(clock);
        for (var schedule : dsl.selectFrom(BOOKING_SCHEDULE).orderBy(BOOKING_SCHEDULE.ID).fetch()) {
            Set<Integer> days = Arrays.stream(schedule.getWeekDays().split(",")).map(String::trim)
                    .map(Integer::valueOf).collect(Collectors.toSet());
            LocalTime from = LocalTime.parse(schedule.getTimeFrom());
            LocalTime to = LocalTime.parse(schedule.getTimeTo());
            LocalDate last = now.toLocalDate().plusWeeks(schedule.getWeeksAhead());
            Set<OffsetDateTime> existing = dsl.select(BOOKING_TIME_SLOT.VALID_FROM).from(BOOKING_TIME_SLOT)
                    .where(BOOKING_TIME_SLOT.TICKET_ID.eq(schedule.getTicketId()))
                    .and(BOOKING_TIME_SLOT.VALID_FROM.ge(now.toOffsetDateTime()))
                    .fetchSet(r -> r.value1().toInstant().atOffset(java.time.ZoneOffset.UTC));
            for (LocalDate day = now.toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
                if (!days.contains(day.getDayOfWeek().getValue())) {
                    continue;
                }
                for (LocalTime start = from; !start.plusMinutes(schedule.getSlotMinutes()).isAfter(to)
                        && start.isAfter(from.minusNanos(1)); start = start.plusMinutes(schedule.getSlotMinutes())) {
                    ZonedDateTime begin = day.atTime(start).atZone(clock.getZone());
                    if (!begin.isAfter(now)) {
                        continue;
                    }
                    OffsetDateTime key = begin.toInstant().atOffset(java.time.ZoneOffset.UTC);
                    if (existing.add(key)) {
                        dsl.insertInto(BOOKING_TIME_SLOT).set(BOOKING_TIME_SLOT.ID, Ids.newId())
                                .set(BOOKING_TIME_SLOT.TICKET_ID, schedule.getTicketId())
                                .set(BOOKING_TIME_SLOT.VALID_FROM, begin.toOffsetDateTime())
                                .set(BOOKING_TIME_SLOT.VALID_TO,
                                        begin.plusMinutes(schedule.getSlotMinutes()).toOffsetDateTime())
                                .set(BOOKING_TIME_SLOT.TOTAL_CAPACITY, schedule.getCapacity())
                                .set(BOOKING_TIME_SLOT.LAST_CHANGE, OffsetDateTime.now(clock))
                                .onConflictDoNothing()
                                .execute();
                        added++;
                    }
                }
            }
        }
        return added;
    }
}
