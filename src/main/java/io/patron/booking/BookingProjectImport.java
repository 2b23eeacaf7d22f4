package io.patron.booking;

import static io.patron.db.Tables.BOOKING_SCHEDULE;
import static io.patron.db.Tables.BOOKING_STATUS;
import static io.patron.db.Tables.BOOKING_TICKET;
import static io.patron.db.Tables.BOOKING_TIME_SLOT;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.patron.api.ApiTime;
import io.patron.api.InvalidParam;
import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.property.PropertyService;

/**
 * Imports booking statuses, booking tickets (with their property values, explicit time slots and recurring
 * schedules) from the project file:
 * <pre>
 * booking_statuses:
 *   - { id: confirmed, name: { en: Confirmed }, is_default: true }
 *   - { id: cancelled, name: { en: Cancelled }, cancels: true }
 * booking_tickets:
 *   - id: massage-anna
 *     name: { en: Massage with Anna }
 *     valid_from: "2026-01-01 00:00:00"       # optional, as valid_to
 *     properties: [ { property_id: service, property_value: massage } ]   # owner "booking_ticket"
 *     slots: [ { from: "2026-12-01 09:00:00", to: "2026-12-01 10:00:00", capacity: 1 } ]
 *     schedule: { week_days: [1, 2, 3, 4, 5], from: "09:00", to: "17:00", slot_minutes: 30, capacity: 1, weeks_ahead: 2 }
 * </pre>
 * Statuses and tickets belong to the file; slots the file names are created once (their capacity taken stays).
 */
@Component
class BookingProjectImport implements ProjectImport {

    static final String TICKET_KIND = "booking_ticket";
    static final String TICKET_NAME = "booking_ticket.name";
    static final String STATUS_NAME = "booking_status.name";

    record StatusDefinition(String id, Object name, Boolean isDefault, Boolean cancels, Integer state) {
    }

    record SlotDefinition(String from, String to, Integer capacity) {
    }

    record ScheduleDefinition(List<Integer> weekDays, String from, String to, Integer slotMinutes, Integer capacity,
                              Integer weeksAhead) {
    }

    record TicketDefinition(String id, Object name, String validFrom, String validTo, Integer state,
                            List<PropertyService.PropertyRecordInput> properties, List<SlotDefinition> slots,
                            ScheduleDefinition schedule) {
    }

    private final DSLContext dsl;
    private final Translations translations;
    private final PatronProperties patron;
    private final PropertyService properties;
    private final BookingSlots slots;
    private final Clock clock;

    BookingProjectImport(DSLContext dsl, Translations translations, PatronProperties patron,
                         PropertyService properties, BookingSlots slots, Clock clock) {
        this.dsl = dsl;
        this.translations = translations;
        this.patron = patron;
        this.properties = properties;
        this.slots = slots;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int position = 0;
        for (StatusDefinition s : file.section("booking_statuses", StatusDefinition.class)) {
            require(s.id(), "booking_statuses[].id");
            position++;
            var values = new HashMap<org.jooq.Field<?>, Object>();
            values.put(BOOKING_STATUS.IS_DEFAULT, Boolean.TRUE.equals(s.isDefault()));
            values.put(BOOKING_STATUS.CANCELS, Boolean.TRUE.equals(s.cancels()));
            values.put(BOOKING_STATUS.STATE, s.state() == null ? 1 : s.state());
            values.put(BOOKING_STATUS.POSITION, position);
            if (dsl.fetchExists(BOOKING_STATUS, BOOKING_STATUS.ID.eq(s.id()))) {
                dsl.update(BOOKING_STATUS).set(values).where(BOOKING_STATUS.ID.eq(s.id())).execute();
            } else {
                values.put(BOOKING_STATUS.ID, s.id());
                values.put(BOOKING_STATUS.CREATED_AT, now);
                values.put(BOOKING_STATUS.LAST_CHANGE, now);
                dsl.insertInto(BOOKING_STATUS).set(values).execute();
            }
            translations.put(STATUS_NAME, s.id(), ProjectFile.texts(s.name() == null ? s.id() : s.name(),
                    patron.languages()));
        }
        position = 0;
        for (TicketDefinition t : file.section("booking_tickets", TicketDefinition.class)) {
            require(t.id(), "booking_tickets[].id");
            position++;
            var values = new HashMap<org.jooq.Field<?>, Object>();
            values.put(BOOKING_TICKET.VALID_FROM, at(t.validFrom()));
            values.put(BOOKING_TICKET.VALID_TO, at(t.validTo()));
            values.put(BOOKING_TICKET.STATE, t.state() == null ? 1 : t.state());
            values.put(BOOKING_TICKET.POSITION, position);
            if (dsl.fetchExists(BOOKING_TICKET, BOOKING_TICKET.ID.eq(t.id()))) {
                dsl.update(BOOKING_TICKET).set(values).where(BOOKING_TICKET.ID.eq(t.id())).execute();
            } else {
                values.put(BOOKING_TICKET.ID, t.id());
                values.put(BOOKING_TICKET.CREATED_AT, now);
                values.put(BOOKING_TICKET.LAST_CHANGE, now);
                dsl.insertInto(BOOKING_TICKET).set(values).execute();
            }
            translations.put(TICKET_NAME, t.id(), ProjectFile.texts(t.name() == null ? t.id() : t.name(),
                    patron.languages()));
            importProperties(t);
            for (SlotDefinition slot : t.slots() == null ? List.<SlotDefinition>of() : t.slots()) {
                OffsetDateTime from = at(slot.from());
                OffsetDateTime to = at(slot.to());
                if (from == null || to == null || !to.isAfter(from) || slot.capacity() == null || slot.capacity() < 0) {
                    throw new IllegalStateException("Booking ticket " + t.id() + ": a slot needs from < to and a capacity");
                }
                if (!dsl.fetchExists(BOOKING_TIME_SLOT, BOOKING_TIME_SLOT.TICKET_ID.eq(t.id())
                        .and(BOOKING_TIME_SLOT.VALID_FROM.eq(from)))) {
                    dsl.insertInto(BOOKING_TIME_SLOT).set(BOOKING_TIME_SLOT.ID, Ids.newId())
                            .set(BOOKING_TIME_SLOT.TICKET_ID, t.id()).set(BOOKING_TIME_SLOT.VALID_FROM, from)
                            .set(BOOKING_TIME_SLOT.VALID_TO, to).set(BOOKING_TIME_SLOT.TOTAL_CAPACITY, slot.capacity())
                            .set(BOOKING_TIME_SLOT.LAST_CHANGE, now).execute();
                }
            }
            importSchedule(t, now);
        }
        // the schedules' slots exist from the start, not only after the job's first run
        slots.generate();
    }

    private void importProperties(TicketDefinition t) {
        var checker = properties.checker(TICKET_KIND);
        List<PropertyService.CheckedValue> checked = new ArrayList<>();
        for (var input : t.properties() == null ? List.<PropertyService.PropertyRecordInput>of() : t.properties()) {
            List<InvalidParam> errors = new ArrayList<>();
            List<PropertyService.CheckedValue> good = checker.check(t.id(), List.of(input), "properties", errors);
            if (!errors.isEmpty() && input.propertyValue() != null && input.propertyValue().isString()) {
                errors.clear();
                good = checker.check(t.id(), List.of(withItemId(input)), "properties", errors);
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("Booking ticket " + t.id() + ": invalid properties " + errors);
            }
            checked.addAll(good);
        }
        Map<String, List<PropertyService.CheckedValue>> byOwner = new HashMap<>();
        byOwner.put(t.id(), checked);
        properties.merge(TICKET_KIND, byOwner);
    }

    /** The file names an item of an enum or multiselect property by its text id ({@code massage}), the API by id. */
    private static PropertyService.PropertyRecordInput withItemId(PropertyService.PropertyRecordInput input) {
        String itemId = PropertyService.itemId(TICKET_KIND, input.propertyId(), input.propertyValue().asString());
        var array = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(itemId);
        return new PropertyService.PropertyRecordInput(input.propertyId(), array);
    }

    private void importSchedule(TicketDefinition t, OffsetDateTime now) {
        String scheduleId = t.id();
        ScheduleDefinition s = t.schedule();
        if (s == null) {
            dsl.deleteFrom(BOOKING_SCHEDULE).where(BOOKING_SCHEDULE.ID.eq(scheduleId)).execute();
            return;
        }
        if (s.weekDays() == null || s.weekDays().isEmpty() || s.from() == null || s.to() == null
                || s.slotMinutes() == null || s.slotMinutes() <= 0 || s.capacity() == null || s.capacity() <= 0) {
            throw new IllegalStateException("Booking ticket " + t.id()
                    + ": a schedule needs week_days, from, to, slot_minutes and capacity");
        }
        String days = String.join(",", s.weekDays().stream().map(String::valueOf).toList());
        int weeks = s.weeksAhead() == null ? 2 : s.weeksAhead();
        java.time.LocalTime.parse(s.from());
        java.time.LocalTime.parse(s.to());
        var values = new HashMap<org.jooq.Field<?>, Object>();
        values.put(BOOKING_SCHEDULE.TICKET_ID, t.id());
        values.put(BOOKING_SCHEDULE.WEEK_DAYS, days);
        values.put(BOOKING_SCHEDULE.TIME_FROM, s.from());
        values.put(BOOKING_SCHEDULE.TIME_TO, s.to());
        values.put(BOOKING_SCHEDULE.SLOT_MINUTES, s.slotMinutes());
        values.put(BOOKING_SCHEDULE.CAPACITY, s.capacity());
        values.put(BOOKING_SCHEDULE.WEEKS_AHEAD, weeks);
        values.put(BOOKING_SCHEDULE.LAST_CHANGE, now);
        if (dsl.fetchExists(BOOKING_SCHEDULE, BOOKING_SCHEDULE.ID.eq(scheduleId))) {
            dsl.update(BOOKING_SCHEDULE).set(values).where(BOOKING_SCHEDULE.ID.eq(scheduleId)).execute();
        } else {
            values.put(BOOKING_SCHEDULE.ID, scheduleId);
            dsl.insertInto(BOOKING_SCHEDULE).set(values).execute();
        }
    }

    private OffsetDateTime at(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDateTime local = ApiTime.parseDateTime(text, clock.getZone());
        return local.atZone(clock.getZone()).toOffsetDateTime();
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The project file needs " + what);
        }
    }
}
