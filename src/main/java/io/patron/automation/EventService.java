package io.patron.automation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.Languages;
import io.patron.api.Reason;
import io.patron.common.Ids;
import io.patron.customer.CustomerProfiles;
import io.patron.customer.CustomerService;
import io.patron.customer.CustomerSourceService;
import io.patron.events.DomainEvent;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.property.PropertyChecker;
import io.patron.property.PropertyService;

/**
 * Records events: those clients post (the customer named by id or by exactly one identifier, the property
 * records checked against the type, an event once per type, customer and external ids) and those Patron's engine
 * publishes (built-in types). Each event is written with its {@link EventType#EVENT_RECORDED} outbox entry in one
 * transaction (an engine event only when something follows its type); scenarios and webhooks start from that entry.
 */
@Service
@Transactional
public class EventService {

    static final int MAX_DATA_JSON = 8000;

    private final EventRepository repository;
    private final PropertyService properties;
    private final CustomerService customers;
    private final CustomerProfiles profiles;
    private final CustomerSourceService sources;
    private final DomainEvents events;
    private final Languages languages;
    private final JsonMapper json;
    private final Clock clock;

    EventService(EventRepository repository, PropertyService properties, CustomerService customers,
                 CustomerProfiles profiles, CustomerSourceService sources, DomainEvents events, Languages languages,
                 JsonMapper json, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.customers = customers;
        this.profiles = profiles;
        this.sources = sources;
        this.events = events;
        this.languages = languages;
        this.json = json;
        this.clock = clock;
    }

    /** {@code POST /events}: the new event's id. */
    String record(Caller caller, EventBodies.EventBody body, Language language) {
        EventBodies.EventPost post = body.event();
        List<InvalidParam> errors = new ArrayList<>();
        EventRepository.TypeRow type = repository.type(post.eventTypeId()).filter(t -> t.state() != 0).orElse(null);
        if (type == null) {
            errors.add(InvalidParam.of("event.event_type_id", Reason.NOT_FOUND, post.eventTypeId(), "No such event type"));
        } else if (type.builtIn()) {
            errors.add(InvalidParam.of("event.event_type_id", Reason.NOT_ALLOWED_VALUE, post.eventTypeId(),
                    "Events of Patron's built-in types are recorded by Patron itself"));
        } else if (type.state() != 1) {
            errors.add(InvalidParam.of("event.event_type_id", Reason.NOT_ALLOWED_VALUE, post.eventTypeId(),
                    "The event type is not active"));
        }
        String customerId = customer(caller, post, errors);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime createdAt = now;
        if (post.createdAt() != null) {
            try {
                createdAt = ApiTime.parseDateTime(post.createdAt()).atZone(clock.getZone()).toOffsetDateTime();
            } catch (RuntimeException e) {
                errors.add(InvalidParam.of("event.created_at", Reason.INVALID_VALUE_FORMAT, post.createdAt(),
                        ApiTime.DATE_TIME_FORMS));
            }
        }
        String dataJson = data(post.data(), errors);
        String secondary = post.secondaryExternalId() == null || post.secondaryExternalId().isEmpty() ? null
                : post.secondaryExternalId();
        String id = Ids.newId();
        List<PropertyService.CheckedValue> values = type == null ? List.of()
                : propertyValues(id, type.id(), body.propertyRecords(), language, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        if (repository.exists(type.id(), customerId, post.externalId(), secondary)) {
            throw alreadyExists(post.externalId());
        }
        try {
            repository.insert(id, type.id(), customerId, post.externalId(), secondary, dataJson, createdAt, now);
        } catch (DataIntegrityViolationException e) {
            // a parallel request recorded the same event first: the unique constraint decides
            throw alreadyExists(post.externalId());
        }
        if (!values.isEmpty()) {
            properties.merge(EventQueries.PROPERTY_KIND, Map.of(id, values));
        }
        publish(id, type.id(), customerId);
        return id;
    }

    private static ApiError alreadyExists(String externalId) {
        return ApiError.badRequest(List.of(InvalidParam.of("event.external_id", Reason.RELATION_ALREADY_EXISTS,
                externalId, "The customer already has an event of this type with these external ids")));
    }

    private void publish(String id, String typeId, String customerId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event_id", id);
        payload.put("event_type_id", typeId);
        payload.put("customer_id", customerId);
        events.publish(EventType.EVENT_RECORDED, id, payload);
    }

    /**
     * The customer of a new event: by {@code customer_id}, or by exactly one identifier (type and value); both or
     * neither are refused naming the fields. On the Customer API only the logged-in customer.
     */
    private String customer(Caller caller, EventBodies.EventPost post, List<InvalidParam> errors) {
        JsonNode value = post.customerIdentifierValue() == null || post.customerIdentifierValue().isNull() ? null
                : post.customerIdentifierValue();
        String type = post.customerIdentifierType();
        boolean byId = post.customerId() != null;
        if (byId && (type != null || value != null)) {
            errors.add(InvalidParam.of("event.customer_id", Reason.NOT_ALLOWED_VALUE, post.customerId(),
                    "Give customer_id or a customer identifier, not both"));
            errors.add(InvalidParam.of(type != null ? "event.customer_identifier_type" : "event.customer_identifier_value",
                    Reason.NOT_ALLOWED_VALUE, "Give customer_id or a customer identifier, not both"));
            return null;
        }
        if (byId) {
            if (caller instanceof Caller.CustomerToken token) {
                requireLoggedIn(token);
                if (!token.customerId().equals(post.customerId())) {
                    errors.add(notOwn("event.customer_id", post.customerId()));
                    return null;
                }
            }
            if (!customers.exists(post.customerId())) {
                errors.add(InvalidParam.of("event.customer_id", Reason.NOT_FOUND, post.customerId(), "No such customer"));
                return null;
            }
            return post.customerId();
        }
        if (type == null || value == null) {
            if (type == null && value == null) {
                errors.add(InvalidParam.of("event.customer_id", Reason.REQUIRED,
                        "Give customer_id or a customer identifier (customer_identifier_type and _value)"));
            }
            if (type == null) {
                errors.add(InvalidParam.of("event.customer_identifier_type", Reason.REQUIRED,
                        "customer_identifier_type is required without customer_id"));
            }
            if (value == null) {
                errors.add(InvalidParam.of("event.customer_identifier_value", Reason.REQUIRED,
                        "customer_identifier_value is required without customer_id"));
            }
            return null;
        }
        Optional<String> found = identified(type, value, errors);
        if (found == null) {
            return null;
        }
        if (caller instanceof Caller.CustomerToken token) {
            requireLoggedIn(token);
            // an identifier of anyone else is refused alike, whether it names a customer or not
            if (found.isEmpty() || !token.customerId().equals(found.get())) {
                errors.add(notOwn("event.customer_identifier_value", null));
                return null;
            }
        }
        if (found.isEmpty()) {
            errors.add(InvalidParam.of("event.customer_identifier_value", Reason.NOT_FOUND,
                    "No customer has this " + type));
            return null;
        }
        return found.get();
    }

    /** The customer an identifier names (empty: nobody), or null when the value does not fit the type. */
    private Optional<String> identified(String type, JsonNode value, List<InvalidParam> errors) {
        String field = "event.customer_identifier_value";
        switch (type) {
            case "email", "phone" -> {
                if (!value.isString() || value.asString().isBlank()) {
                    errors.add(InvalidParam.of(field, Reason.INVALID_VALUE_FORMAT, "A text is expected for " + type));
                    return null;
                }
                if (type.equals("email")) {
                    return profiles.byEmail(value.asString());
                }
                List<String> ids = profiles.byPhone(value.asString());
                return ids.size() == 1 ? Optional.of(ids.getFirst()) : Optional.empty();
            }
            default -> {
                if (!value.isObject()) {
                    errors.add(InvalidParam.of(field, Reason.INVALID_VALUE_FORMAT,
                            "An object with customer_source_id and external_id is expected"));
                    return null;
                }
                boolean good = true;
                for (String part : new String[] {"customer_source_id", "external_id"}) {
                    JsonNode v = value.get(part);
                    if (v == null || v.isNull()) {
                        errors.add(InvalidParam.of(field + "." + part, Reason.REQUIRED, part + " is required"));
                        good = false;
                    } else if (!v.isString() || v.asString().isBlank() || v.asString().length() > 200) {
                        errors.add(InvalidParam.of(field + "." + part, Reason.INVALID_VALUE_FORMAT,
                                "A text of up to 200 characters is expected"));
                        good = false;
                    }
                }
                return good ? sources.customerOf(value.get("customer_source_id").asString(),
                        value.get("external_id").asString()) : null;
            }
        }
    }

    private static void requireLoggedIn(Caller.CustomerToken token) {
        if (token.customerId() == null) {
            throw ApiError.forbidden("No customer is logged in on this token");
        }
    }

    private static InvalidParam notOwn(String field, String value) {
        return InvalidParam.of(field, Reason.NOT_BELONG_TO_LOGGED_IN_CUSTOMER, value,
                "An application records events of its logged-in customer only");
    }

    /** The event's data as JSON: a text, a list of texts or an object, as the contract allows. */
    private static String data(JsonNode data, List<InvalidParam> errors) {
        if (data == null || data.isNull()) {
            return null;
        }
        boolean fits = data.isString() || data.isObject()
                || data.isArray() && data.valueStream().allMatch(JsonNode::isString);
        if (!fits) {
            errors.add(InvalidParam.of("event.data", Reason.INVALID_VALUE_FORMAT,
                    "data is a text, a list of texts or an object"));
            return null;
        }
        String text = data.toString();
        if (text.length() > MAX_DATA_JSON) {
            errors.add(InvalidParam.of("event.data", Reason.INVALID_VALUE_FORMAT,
                    "data may take up to " + MAX_DATA_JSON + " characters as JSON"));
            return null;
        }
        return text;
    }

    /** The property records checked against the type: its properties only, each once, of their data type. */
    private List<PropertyService.CheckedValue> propertyValues(String eventId, String typeId,
                                                              List<PropertyService.PropertyRecordInput> inputs,
                                                              Language language, List<InvalidParam> errors) {
        List<String> allowed = repository.typeProperties(typeId);
        List<PropertyService.CheckedValue> good = new ArrayList<>();
        Set<String> given = new HashSet<>();
        PropertyChecker checker = inputs == null || inputs.isEmpty() ? null : properties.checker(EventQueries.PROPERTY_KIND);
        for (int i = 0; inputs != null && i < inputs.size(); i++) {
            PropertyService.PropertyRecordInput input = inputs.get(i);
            String at = "property_records[" + i + "].";
            if (input == null) {
                errors.add(InvalidParam.of("property_records[" + i + "]", Reason.REQUIRED, "A property record is required"));
                continue;
            }
            if (input.propertyId() != null && !input.propertyId().isBlank()) {
                if (!allowed.contains(input.propertyId())) {
                    errors.add(InvalidParam.of(at + "property_id", Reason.NOT_ALLOWED_VALUE, input.propertyId(),
                            "The event type has no such property"));
                    continue;
                }
                if (!given.add(input.propertyId())) {
                    errors.add(InvalidParam.of(at + "property_id", Reason.ALREADY_EXISTS, input.propertyId(),
                            "The property is given twice"));
                    continue;
                }
            }
            List<InvalidParam> own = new ArrayList<>();
            good.addAll(checker.check(eventId, List.of(input), null, own));
            own.forEach(e -> errors.add(new InvalidParam(at + e.name(), e.reason(), e.value(), e.message())));
        }
        for (String propertyId : allowed) {
            if (!given.contains(propertyId)
                    && Boolean.TRUE.equals(properties.definition(EventQueries.PROPERTY_KIND, "event-properties",
                    propertyId, language).isRequired())) {
                errors.add(InvalidParam.of("property_records", Reason.REQUIRED, propertyId,
                        "The event type requires the property " + propertyId));
            }
        }
        return good;
    }

    // --- engine events and readers ---

    /**
     * Records an engine event of a built-in type for its customer, once (a redelivery finds it recorded): the
     * outbox event's id is the event's external id. Events without a (still existing) customer are not recorded.
     * With {@code announce} its {@link EventType#EVENT_RECORDED} entry is written too; without, the event is only
     * history (nothing follows its type: no scenario, webhook or segment would use the delivery).
     */
    void recordEngineEvent(DomainEvent event, boolean announce) {
        BuiltInEventTypes.BuiltIn builtIn = BuiltInEventTypes.ALL.get(event.type());
        String customerId = builtIn == null ? null : event.text(builtIn.customerField());
        if (customerId == null || !customers.exists(customerId)) {
            return;
        }
        String typeId = AutomationProjectImport.typeId(event.type());
        String id = Ids.newId();
        if (!repository.insertUnlessRecorded(id, typeId, customerId, event.id(), event.payload().toString(),
                event.occurredAt(), OffsetDateTime.now(clock))) {
            return;
        }
        if (announce) {
            publish(id, typeId, customerId);
        }
    }

    /** A recorded event as scenarios see it: its row and its property values by property id. */
    @Transactional(readOnly = true)
    Optional<AutomationStep.TriggerEvent> triggerEvent(String eventId) {
        return repository.event(eventId).map(row -> new AutomationStep.TriggerEvent(row.id(), row.typeTextId(),
                row.createdAt(), propertyValues(row.id()), row.dataJson() == null ? null : json.readTree(row.dataJson())));
    }

    private Map<String, Object> propertyValues(String eventId) {
        Map<String, Object> values = new LinkedHashMap<>();
        properties.recordsOf(EventQueries.PROPERTY_KIND, List.of(eventId), defaultLanguage())
                .getOrDefault(eventId, List.of())
                .forEach(r -> values.put(r.propertyId(), r.propertyValue()));
        return values;
    }

    private Language defaultLanguage() {
        return new Language(languages.defaultLanguage(), languages.defaultLanguage());
    }

    /** The event as a webhook delivers it (JSON), or empty when it no longer exists. */
    @Transactional(readOnly = true)
    Optional<Map<String, Object>> webhookBody(String eventId) {
        return repository.event(eventId).map(row -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event_id", row.id());
            event.put("event_type_id", row.typeId());
            event.put("event_type", row.typeTextId());
            event.put("customer_id", row.customerId());
            event.put("external_id", row.externalId());
            if (row.secondaryExternalId() != null) {
                event.put("secondary_external_id", row.secondaryExternalId());
            }
            event.put("created_at", ApiTime.format(row.createdAt().toInstant(), clock));
            if (row.dataJson() != null) {
                event.put("data", json.readTree(row.dataJson()));
            }
            List<Map<String, Object>> records = new ArrayList<>();
            propertyValues(row.id()).forEach((k, v) -> {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("property_id", k);
                record.put("property_value", v);
                records.add(record);
            });
            event.put("property_records", records);
            return event;
        });
    }

    /** Whether the customer has an event of one of the types (text ids) in the window. */
    @Transactional(readOnly = true)
    boolean happened(String customerId, List<String> typeTextIds, OffsetDateTime from, OffsetDateTime to) {
        return repository.happened(customerId, typeTextIds, from, to);
    }
}
