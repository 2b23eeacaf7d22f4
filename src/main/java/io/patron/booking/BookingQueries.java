package io.patron.booking;

import static io.patron.booking.BookingProjectImport.STATUS_NAME;
import static io.patron.booking.BookingProjectImport.TICKET_KIND;
import static io.patron.booking.BookingProjectImport.TICKET_NAME;
import static io.patron.db.Tables.BOOKING;
import static io.patron.db.Tables.BOOKING_ITEM;
import static io.patron.db.Tables.BOOKING_STATUS;
import static io.patron.db.Tables.BOOKING_TICKET;
import static io.patron.db.Tables.BOOKING_TIME_SLOT;
import static io.patron.api.Filters.EQ;
import static io.patron.api.Filters.IN;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.booking.BookingBodies.Booking;
import io.patron.booking.BookingBodies.BookingItem;
import io.patron.booking.BookingBodies.Status;
import io.patron.booking.BookingBodies.Ticket;
import io.patron.booking.BookingBodies.TimeSlot;
import io.patron.booking.BookingBodies.Utm;
import io.patron.property.PropertyService;

/** Reads of booking tickets, their time slots and properties, booking statuses and bookings. */
@Service
@Transactional(readOnly = true)
public class BookingQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> ITEM_MODES = List.of("full", "items-only", "none");

    private final ListQueries lists;
    private final DSLContext dsl;
    private final PropertyService properties;
    private final Clock clock;

    BookingQueries(ListQueries lists, DSLContext dsl, PropertyService properties, Clock clock) {
        this.lists = lists;
        this.dsl = dsl;
        this.properties = properties;
        this.clock = clock;
    }

    // --- statuses --------------------------------------------------------------------------------

    private ListSpec<Status> statusSpec(Language language) {
        return ListSpec.<Status>from(BOOKING_STATUS)
                .id("booking_status_id", BOOKING_STATUS.ID)
                .field("name", DSL.coalesce(Translations.text(STATUS_NAME, BOOKING_STATUS.ID, language),
                        BOOKING_STATUS.ID))
                .field("created_at", ApiTime.local(BOOKING_STATUS.CREATED_AT, clock))
                .field("state", BOOKING_STATUS.STATE)
                .field("last_change", ApiTime.local(BOOKING_STATUS.LAST_CHANGE, clock))
                .defaultOrder(BOOKING_STATUS.POSITION)
                .map(r -> r.into(Status.class));
    }

    public Page<Status> statuses(ListParams params, Language language) {
        return lists.page(statusSpec(language), params);
    }

    public Status status(String id, Language language) {
        return lists.one(statusSpec(language), BOOKING_STATUS.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("booking-statuses", id));
    }

    // --- tickets and properties ------------------------------------------------------------------

    private ListSpec<Ticket> ticketSpec(Language language) {
        return ListSpec.<Ticket>from(BOOKING_TICKET)
                .id("ticket_id", BOOKING_TICKET.ID)
                .field("name", DSL.coalesce(Translations.text(TICKET_NAME, BOOKING_TICKET.ID, language),
                        BOOKING_TICKET.ID))
                .field("created_at", ApiTime.local(BOOKING_TICKET.CREATED_AT, clock))
                .field("valid_from", ApiTime.local(BOOKING_TICKET.VALID_FROM, clock))
                .field("valid_to", ApiTime.local(BOOKING_TICKET.VALID_TO, clock))
                .field("state", BOOKING_TICKET.STATE)
                .field("last_change", ApiTime.local(BOOKING_TICKET.LAST_CHANGE, clock))
                .defaultOrder(BOOKING_TICKET.POSITION)
                .map(r -> r.into(Ticket.class));
    }

    /**
     * {@code GET /booking-tickets}: {@code customer_id} keeps the tickets the customer holds an active booking of,
     * {@code valid_from}/{@code valid_to} the tickets valid at some time of that range, {@code valid_only} those
     * valid now, a property id with a value the tickets with that property value.
     */
    public Page<Ticket> tickets(ListParams params, Language language) {
        Filters filters = params.filters();
        List<InvalidParam> errors = new ArrayList<>();
        OffsetDateTime from = dateTime(filters, "valid_from", errors);
        OffsetDateTime to = dateTime(filters, "valid_to", errors);
        Boolean validOnly = filters.query().bool("valid_only", errors);
        errors.forEach(filters::error);
        if (from != null) {
            filters.where(BOOKING_TICKET.VALID_TO.isNull().or(BOOKING_TICKET.VALID_TO.ge(from)));
        }
        if (to != null) {
            filters.where(BOOKING_TICKET.VALID_FROM.isNull().or(BOOKING_TICKET.VALID_FROM.le(to)));
        }
        if (Boolean.TRUE.equals(validOnly)) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            filters.where(BOOKING_TICKET.VALID_FROM.isNull().or(BOOKING_TICKET.VALID_FROM.le(now)))
                    .where(BOOKING_TICKET.VALID_TO.isNull().or(BOOKING_TICKET.VALID_TO.ge(now)));
        }
        filters.custom("customer_id", customer -> exists(selectOne().from(BOOKING_ITEM)
                .join(BOOKING_TIME_SLOT).on(BOOKING_TIME_SLOT.ID.eq(BOOKING_ITEM.TIME_SLOT_ID))
                .where(BOOKING_TIME_SLOT.TICKET_ID.eq(BOOKING_TICKET.ID))
                .and(BOOKING_ITEM.CUSTOMER_ID.eq(customer)).and(BOOKING_ITEM.STATE.eq(1))));
        propertyFilter(filters, BOOKING_TICKET.ID);
        return lists.page(ticketSpec(language), params, filters.condition());
    }

    public Ticket ticket(String id, Language language) {
        return lists.one(ticketSpec(language), BOOKING_TICKET.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("booking-tickets", id));
    }

    public Page<PropertyService.Property> ticketProperties(ListParams params, Language language) {
        return properties.definitions(TICKET_KIND, params, language);
    }

    public PropertyService.Property ticketProperty(String id, Language language) {
        return properties.definition(TICKET_KIND, "booking-ticket-properties", id, language);
    }

    /** A property filter needs both its parameters; either alone is ignored, as the contract says. */
    void propertyFilter(Filters filters, Field<String> ticketId) {
        String propertyId = filters.query().string("booking_ticket_property_id");
        String value = filters.query().string("booking_ticket_property_value");
        if (propertyId != null && value != null) {
            filters.where(properties.ownerHasValue(TICKET_KIND, ticketId, propertyId, value));
        }
    }

    Condition ticketHasProperty(Field<String> ticketId, String propertyId, String value) {
        return properties.ownerHasValue(TICKET_KIND, ticketId, propertyId, value);
    }

    // --- time slots ------------------------------------------------------------------------------

    private ListSpec<TimeSlot> slotSpec() {
        return ListSpec.<TimeSlot>from(BOOKING_TIME_SLOT)
                .id("time_slot_id", BOOKING_TIME_SLOT.ID)
                .field("ticket_id", BOOKING_TIME_SLOT.TICKET_ID)
                .field("valid_from", ApiTime.local(BOOKING_TIME_SLOT.VALID_FROM, clock))
                .field("valid_to", ApiTime.local(BOOKING_TIME_SLOT.VALID_TO, clock))
                .field("total_capacity", BOOKING_TIME_SLOT.TOTAL_CAPACITY)
                .field("free_capacity", BOOKING_TIME_SLOT.TOTAL_CAPACITY.minus(BOOKING_TIME_SLOT.CAPACITY_TAKEN))
                .field("state", BOOKING_TIME_SLOT.STATE)
                .field("last_change", ApiTime.local(BOOKING_TIME_SLOT.LAST_CHANGE, clock))
                .defaultOrder(BOOKING_TIME_SLOT.VALID_FROM)
                .map(r -> r.into(TimeSlot.class));
    }

    /**
     * {@code GET /booking-tickets/{id}/time-slots}: {@code free_only=true} keeps slots with free capacity,
     * {@code false} the fully taken ones; {@code time_from}/{@code time_to} keep the slots within the range;
     * {@code customer_id} the slots the customer holds an active booking item of.
     */
    public Page<TimeSlot> slots(String ticketId, ListParams params, Language language) {
        ticket(ticketId, language);
        Filters filters = params.filters();
        List<InvalidParam> errors = new ArrayList<>();
        OffsetDateTime from = dateTime(filters, "time_from", errors);
        OffsetDateTime to = dateTime(filters, "time_to", errors);
        Boolean freeOnly = filters.query().bool("free_only", errors);
        errors.forEach(filters::error);
        if (from != null) {
            filters.where(BOOKING_TIME_SLOT.VALID_FROM.ge(from));
        }
        if (to != null) {
            filters.where(BOOKING_TIME_SLOT.VALID_TO.le(to));
        }
        if (freeOnly != null) {
            filters.where(freeOnly ? BOOKING_TIME_SLOT.CAPACITY_TAKEN.lt(BOOKING_TIME_SLOT.TOTAL_CAPACITY)
                    : BOOKING_TIME_SLOT.CAPACITY_TAKEN.ge(BOOKING_TIME_SLOT.TOTAL_CAPACITY));
        }
        filters.custom("customer_id", customer -> exists(selectOne().from(BOOKING_ITEM)
                .where(BOOKING_ITEM.TIME_SLOT_ID.eq(BOOKING_TIME_SLOT.ID))
                .and(BOOKING_ITEM.CUSTOMER_ID.eq(customer)).and(BOOKING_ITEM.STATE.eq(1))));
        propertyFilter(filters, BOOKING_TIME_SLOT.TICKET_ID);
        return lists.page(slotSpec(), params, BOOKING_TIME_SLOT.TICKET_ID.eq(ticketId).and(filters.condition()));
    }

    private OffsetDateTime dateTime(Filters filters, String param, List<InvalidParam> errors) {
        String text = filters.query().string(param);
        if (text == null) {
            return null;
        }
        try {
            return ApiTime.parseDateTime(text, clock.getZone()).atZone(clock.getZone()).toOffsetDateTime();
        } catch (java.time.DateTimeException e) {
            errors.add(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, text, ApiTime.DATE_TIME_FORMS));
            return null;
        }
    }

    // --- bookings --------------------------------------------------------------------------------

    private ListSpec<Booking> bookingSpec() {
        return ListSpec.<Booking>from(BOOKING)
                .id("booking_id", BOOKING.ID)
                .field("customer_id", BOOKING.CUSTOMER_ID, EQ)
                .field("booking_status", BOOKING.STATUS_ID, EQ)
                .filter("booking_statuses", BOOKING.STATUS_ID, IN)
                .field("created_at", ApiTime.local(BOOKING.CREATED_AT, clock))
                .field("last_change", ApiTime.local(BOOKING.LAST_CHANGE, clock))
                .field("state", BOOKING.STATE)
                .column("utm_source", BOOKING.UTM_SOURCE)
                .column("utm_medium", BOOKING.UTM_MEDIUM)
                .column("utm_campaign", BOOKING.UTM_CAMPAIGN)
                .column("data", BOOKING.DATA_JSON)
                .sortableOnly("booking_id", "customer_id", "booking_status", "created_at", "last_change", "state")
                .customerScoped(BOOKING.CUSTOMER_ID)
                .map(r -> new Booking(r.get("booking_id", String.class), r.get("customer_id", String.class),
                        List.of(), r.get("booking_status", String.class),
                        Utm.of(r.get("utm_source", String.class), r.get("utm_medium", String.class),
                                r.get("utm_campaign", String.class)),
                        json(r.get("data", String.class)), r.get("created_at", LocalDateTime.class),
                        r.get("last_change", LocalDateTime.class), r.get("state", Integer.class)));
    }

    /** {@code GET /bookings}: bookings not deleted, with their items as {@code add_booking_items} asks. */
    public Page<Booking> bookings(ListParams params, Language language) {
        String mode = params.filters().query().string("add_booking_items");
        if (mode != null && !ITEM_MODES.contains(mode)) {
            throw ApiError.badRequest("add_booking_items", Reason.NOT_ALLOWED_VALUE,
                    "add_booking_items must be one of " + ITEM_MODES);
        }
        Page<Booking> page = lists.page(bookingSpec(), params, BOOKING.STATE.ne(0));
        return new Page<>(withItems(page.items(), mode == null ? "none" : mode, language), page.totalItems());
    }

    /** One booking with all its items; another customer's booking is refused on the Customer API. */
    public Booking booking(Caller caller, String id, Language language) {
        Booking booking = lists.one(bookingSpec(), BOOKING.ID.eq(id).and(BOOKING.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("bookings", id));
        CustomerScope.requireAccess(caller, booking.customerId(), "booking_id");
        return withItems(List.of(booking), "full", language).getFirst();
    }

    private List<Booking> withItems(List<Booking> bookings, String mode, Language language) {
        if (bookings.isEmpty() || mode.equals("none")) {
            return bookings;
        }
        List<String> ids = bookings.stream().map(Booking::bookingId).toList();
        ListSpec<Ticket> tickets = ticketSpec(language);
        Map<String, List<BookingItem>> items = new HashMap<>();
        List<String> ticketIds = new ArrayList<>();
        List<BookingItem> all = new ArrayList<>();
        Map<BookingItem, String> ticketOf = new HashMap<>();
        dsl.select(BOOKING_ITEM.ID, BOOKING_ITEM.BOOKING_ID, BOOKING_ITEM.CUSTOMER_ID, BOOKING_ITEM.TIME_SLOT_ID,
                        BOOKING_ITEM.CAPACITY_TAKEN, BOOKING_ITEM.STATUS_ID, BOOKING_ITEM.CREATED_AT,
                        BOOKING_ITEM.STATE, BOOKING_ITEM.LAST_CHANGE, BOOKING_TIME_SLOT.VALID_FROM,
                        BOOKING_TIME_SLOT.VALID_TO, BOOKING_TIME_SLOT.TICKET_ID)
                .select(tickets.selectFields())
                .from(BOOKING_ITEM.join(BOOKING_TIME_SLOT).on(BOOKING_TIME_SLOT.ID.eq(BOOKING_ITEM.TIME_SLOT_ID))
                        .join(BOOKING_TICKET).on(BOOKING_TICKET.ID.eq(BOOKING_TIME_SLOT.TICKET_ID)))
                .where(BOOKING_ITEM.BOOKING_ID.in(ids))
                .orderBy(BOOKING_ITEM.BOOKING_ID, BOOKING_ITEM.POSITION)
                .forEach(r -> {
                    BookingItem item = new BookingItem(r.get(BOOKING_ITEM.ID), r.get(BOOKING_ITEM.CUSTOMER_ID),
                            r.get(BOOKING_ITEM.TIME_SLOT_ID), tickets.mapRecord(r),
                            ApiTime.local(r.get(BOOKING_TIME_SLOT.VALID_FROM), clock),
                            ApiTime.local(r.get(BOOKING_TIME_SLOT.VALID_TO), clock),
                            r.get(BOOKING_ITEM.CAPACITY_TAKEN), r.get(BOOKING_ITEM.STATUS_ID), List.of(),
                            ApiTime.local(r.get(BOOKING_ITEM.CREATED_AT), clock), r.get(BOOKING_ITEM.STATE),
                            ApiTime.local(r.get(BOOKING_ITEM.LAST_CHANGE), clock));
                    items.computeIfAbsent(r.get(BOOKING_ITEM.BOOKING_ID), k -> new ArrayList<>()).add(item);
                    ticketIds.add(r.get(BOOKING_TIME_SLOT.TICKET_ID));
                    all.add(item);
                    ticketOf.put(item, r.get(BOOKING_TIME_SLOT.TICKET_ID));
                });
        Map<String, List<PropertyService.PropertyRecord>> ticketRecords = mode.equals("full")
                ? properties.recordsOf(TICKET_KIND, ticketIds, language) : Map.of();
        Map<String, List<BookingItem>> shown = new HashMap<>();
        items.forEach((bookingId, list) -> shown.put(bookingId, list.stream().map(item -> {
            BookingItem complete = new BookingItem(item.bookingItemId(), item.customerId(), item.timeSlotId(),
                    item.bookingTicket(), item.validFrom(), item.validTo(), item.capacityTaken(),
                    item.bookingItemStatus(), ticketRecords.getOrDefault(ticketOf.get(item), List.of()),
                    item.createdAt(), item.state(), item.lastChange());
            return complete.shown(mode);
        }).toList()));
        return bookings.stream().map(b -> b.withItems(shown.getOrDefault(b.bookingId(), List.of()))).toList();
    }

    static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        return JSON.readTree(text);
    }
}
