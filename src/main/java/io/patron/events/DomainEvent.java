package io.patron.events;

import java.time.OffsetDateTime;

import tools.jackson.databind.JsonNode;

/**
 * One event as listeners receive it: its id (the same on every delivery, for idempotent listeners), type, the id
 * of the record it is about, when it happened (project clock) and its payload (JSON, snake_case names).
 */
public record DomainEvent(String id, String type, String aggregateId, OffsetDateTime occurredAt, JsonNode payload) {

    /** A payload field as text (null when absent). */
    public String text(String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
