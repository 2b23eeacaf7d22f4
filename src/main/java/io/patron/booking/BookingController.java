package io.patron.booking;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;

/**
 * Bookings, booking tickets with their time slots and properties, and booking statuses. Both interfaces; a
 * Customer API token books, reads and changes only its logged-in customer's bookings.
 */
@ApiController
class BookingController {

    private final BookingQueries queries;
    private final BookingService bookings;

    BookingController(BookingQueries queries, BookingService bookings) {
        this.queries = queries;
        this.bookings = bookings;
    }

    @GetMapping("/bookings")
    Envelope bookings(ListParams params, Language language) {
        return Envelope.list("bookings", queries.bookings(params, language));
    }

    @PostMapping("/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody BookingBodies.BookingBody body, Caller caller) {
        return Envelope.field("booking_id", bookings.create(caller, body.booking()));
    }

    @GetMapping("/bookings/{booking_id}")
    Envelope booking(@PathVariable("booking_id") String id, Caller caller, Language language) {
        return Envelope.of(queries.booking(caller, id, language));
    }

    @PutMapping("/bookings/{booking_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("booking_id") String id, @Valid @RequestBody BookingBodies.BookingChangeBody body,
                 Caller caller) {
        bookings.replace(caller, id, body.booking());
    }

    @DeleteMapping("/bookings/{booking_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable("booking_id") String id, Caller caller) {
        bookings.delete(caller, id);
    }

    @PostMapping("/bookings/actions/average-booking-busy-times")
    Envelope busyTimes(@Valid @RequestBody BookingBodies.BusyTimesRequest body) {
        return Envelope.of(bookings.busyTimes(body));
    }

    @GetMapping("/booking-tickets")
    Envelope tickets(ListParams params, Language language) {
        return Envelope.list("booking_tickets", queries.tickets(params, language));
    }

    @GetMapping("/booking-tickets/{booking_ticket_id}")
    Envelope ticket(@PathVariable("booking_ticket_id") String id, Language language) {
        return Envelope.of(queries.ticket(id, language));
    }

    @GetMapping("/booking-tickets/{booking_ticket_id}/time-slots")
    Envelope slots(@PathVariable("booking_ticket_id") String id, ListParams params, Language language) {
        return Envelope.list("time_slots", queries.slots(id, params, language));
    }

    @GetMapping("/booking-ticket-properties")
    Envelope ticketProperties(ListParams params, Language language) {
        return Envelope.list("booking_ticket_properties", queries.ticketProperties(params, language));
    }

    @GetMapping("/booking-ticket-properties/{booking_ticket_property_id}")
    Envelope ticketProperty(@PathVariable("booking_ticket_property_id") String id, Language language) {
        return Envelope.of(queries.ticketProperty(id, language));
    }

    @GetMapping("/booking-statuses")
    Envelope statuses(ListParams params, Language language) {
        return Envelope.list("booking_statuses", queries.statuses(params, language));
    }

    @GetMapping("/booking-statuses/{booking_status_id}")
    Envelope status(@PathVariable("booking_status_id") String id, Language language) {
        return Envelope.of(queries.status(id, language));
    }
}
