package io.patron.automation;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.JsonNode;

import io.patron.api.OneOf;
import io.patron.property.PropertyService;

/** Request and response bodies of events, event types and event groups. */
final class EventBodies {

    private EventBodies() {
    }

    record EventGroup(String eventGroupId, String name, Integer state, String textId) {
    }

    record EventType(String eventTypeId, String eventGroupId, String eventGroupTextId, String iconName, String name,
                     Integer state, String textId) {
    }

    /** An event as read; {@code property_records} only when asked for with {@code include_property_records}. */
    record Event(String eventId, String eventTypeId, String customerId, String externalId,
                 String secondaryExternalId, LocalDateTime createdAt, JsonNode data, Integer state,
                 List<PropertyService.PropertyRecord> propertyRecords) {
        Event withPropertyRecords(List<PropertyService.PropertyRecord> records) {
            return new Event(eventId, eventTypeId, customerId, externalId, secondaryExternalId, createdAt, data, state,
                    records);
        }
    }

    /**
     * A new event: the customer by {@code customer_id} or by one identifier (type and value), never both.
     * {@code customer_identifier_value} is a string (email, phone) or an object (customer source and external id).
     */
    record EventPost(@NotBlank String eventTypeId, String customerId,
                     @OneOf({"email", "phone", "external_id"}) String customerIdentifierType,
                     JsonNode customerIdentifierValue, @NotBlank String externalId, String secondaryExternalId,
                     JsonNode data, String createdAt) {
    }

    record EventBody(@NotNull @Valid EventPost event,
                     @Valid @Size(max = 1000) List<PropertyService.PropertyRecordInput> propertyRecords) {
    }
}
