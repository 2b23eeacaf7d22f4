package io.patron.automation;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;

/**
 * Events, event types, event groups and event properties. Reads are open to both interfaces (the Customer API sees
 * its logged-in customer's events only); an application records events of its own customer only.
 */
@ApiController
class EventController {

    private final EventQueries queries;
    private final EventService events;

    EventController(EventQueries queries, EventService events) {
        this.queries = queries;
        this.events = events;
    }

    @GetMapping("/events")
    Envelope events(ListParams params, Language language) {
        return Envelope.list("events", queries.events(params, language));
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope record(@Valid @RequestBody EventBodies.EventBody body, Caller caller, Language language) {
        return Envelope.field("event_id", events.record(caller, body, language));
    }

    @GetMapping("/events/{event_id}")
    Envelope event(@PathVariable("event_id") String id, Caller caller) {
        return Envelope.of(queries.event(id, caller));
    }

    @GetMapping("/events/{event_id}/property-records")
    Envelope eventPropertyRecords(@PathVariable("event_id") String id, Caller caller, ListParams params,
                                  Language language) {
        return Envelope.list("property_records", queries.eventPropertyRecords(id, caller, params, language));
    }

    @GetMapping("/customers/{customer_id}/events")
    Envelope customerEvents(@PathVariable("customer_id") String customerId, ListParams params, Language language) {
        return Envelope.list("customer_events", queries.customerEvents(customerId, params, language));
    }

    @GetMapping("/event-groups")
    Envelope groups(ListParams params, Language language) {
        return Envelope.list("event_groups", queries.groups(params, language));
    }

    @GetMapping("/event-groups/{event_group_id}")
    Envelope group(@PathVariable("event_group_id") String id, Language language) {
        return Envelope.of(queries.group(id, language));
    }

    @GetMapping("/event-types")
    Envelope types(ListParams params, Language language) {
        return Envelope.list("event_types", queries.types(params, language));
    }

    @GetMapping("/event-types/{event_type_id}")
    Envelope type(@PathVariable("event_type_id") String id, Language language) {
        return Envelope.of(queries.type(id, language));
    }

    @Operation(operationId = "getSubEventTypeProperties")
    @GetMapping("/event-types/{event_type_id}/event-properties")
    Envelope typeProperties(@PathVariable("event_type_id") String id, ListParams params, Language language) {
        return Envelope.list("event_properties", queries.typeProperties(id, params, language));
    }

    @GetMapping("/event-properties")
    Envelope properties(ListParams params, Language language) {
        return Envelope.list("event_properties", queries.eventProperties(params, language));
    }

    @GetMapping("/event-properties/{event_property_id}")
    Envelope property(@PathVariable("event_property_id") String id, Language language) {
        return Envelope.of(queries.eventProperty(id, language));
    }
}
