package io.patron.automation;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;
import static io.patron.api.Filters.IN;
import static io.patron.db.Tables.EVENT;
import static io.patron.db.Tables.EVENT_GROUP;
import static io.patron.db.Tables.EVENT_TYPE;
import static io.patron.db.Tables.EVENT_TYPE_PROPERTY;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.ApiTime;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.customer.CustomerService;
import io.patron.property.PropertyService;

/** Reads of event groups, event types, event properties and events, with their filters. */
@Component
@Transactional(readOnly = true)
class EventQueries {

    static final String PROPERTY_KIND = "event";

    private final DSLContext dsl;
    private final ListQueries lists;
    private final PropertyService properties;
    private final CustomerService customers;
    private final JsonMapper json;
    private final Clock clock;

    EventQueries(DSLContext dsl, ListQueries lists, PropertyService properties, CustomerService customers,
                 JsonMapper json, Clock clock) {
        this.dsl = dsl;
        this.lists = lists;
        this.properties = properties;
        this.customers = customers;
        this.json = json;
        this.clock = clock;
    }

    // --- groups and types ---

    private static ListSpec<EventBodies.EventGroup> groupSpec(Language language) {
        return ListSpec.<EventBodies.EventGroup>from(EVENT_GROUP)
                .id("event_group_id", EVENT_GROUP.ID)
                .field("name", Translations.text("event_group.name", EVENT_GROUP.ID, language), CONTAINS)
                .field("state", EVENT_GROUP.STATE)
                .field("text_id", EVENT_GROUP.TEXT_ID, EQ)
                .defaultOrder(EVENT_GROUP.POSITION)
                .map(r -> r.into(EventBodies.EventGroup.class));
    }

    Page<EventBodies.EventGroup> groups(ListParams params, Language language) {
        return lists.page(groupSpec(language), params, EVENT_GROUP.STATE.ne(0));
    }

    EventBodies.EventGroup group(String id, Language language) {
        return lists.one(groupSpec(language), EVENT_GROUP.ID.eq(id).and(EVENT_GROUP.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("event-groups", id));
    }

    private static ListSpec<EventBodies.EventType> typeSpec(Language language) {
        return ListSpec.<EventBodies.EventType>from(EVENT_TYPE.join(EVENT_GROUP).on(EVENT_GROUP.ID.eq(EVENT_TYPE.EVENT_GROUP_ID)))
                .id("event_type_id", EVENT_TYPE.ID)
                .field("event_group_id", EVENT_TYPE.EVENT_GROUP_ID)
                .field("event_group_text_id", EVENT_GROUP.TEXT_ID, IN)
                .field("icon_name", EVENT_TYPE.ICON_NAME)
                .field("name", Translations.text("event_type.name", EVENT_TYPE.ID, language), CONTAINS)
                .field("state", EVENT_TYPE.STATE)
                .field("text_id", EVENT_TYPE.TEXT_ID, EQ)
                .defaultOrder(EVENT_GROUP.POSITION, EVENT_TYPE.POSITION)
                .map(r -> r.into(EventBodies.EventType.class));
    }

    Page<EventBodies.EventType> types(ListParams params, Language language) {
        return lists.page(typeSpec(language), params, EVENT_TYPE.STATE.ne(0));
    }

    EventBodies.EventType type(String id, Language language) {
        return lists.one(typeSpec(language), EVENT_TYPE.ID.eq(id).and(EVENT_TYPE.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("event-types", id));
    }

    Page<PropertyService.Property> typeProperties(String typeId, ListParams params, Language language) {
        if (!dsl.fetchExists(EVENT_TYPE, EVENT_TYPE.ID.eq(typeId).and(EVENT_TYPE.STATE.ne(0)))) {
            throw ApiError.notFound("event-types", typeId);
        }
        List<String> ids = dsl.select(EVENT_TYPE_PROPERTY.PROPERTY_ID).from(EVENT_TYPE_PROPERTY)
                .where(EVENT_TYPE_PROPERTY.EVENT_TYPE_ID.eq(typeId)).fetch(EVENT_TYPE_PROPERTY.PROPERTY_ID);
        return properties.definitions(PROPERTY_KIND, ids, params, language);
    }

    Page<PropertyService.Property> eventProperties(ListParams params, Language language) {
        return properties.definitions(PROPERTY_KIND, params, language);
    }

    PropertyService.Property eventProperty(String id, Language language) {
        return properties.definition(PROPERTY_KIND, "event-properties", id, language);
    }

    // --- events ---

    private ListSpec<EventBodies.Event> eventSpec() {
        return ListSpec.<EventBodies.Event>from(EVENT)
                .id("event_id", EVENT.ID)
                .field("event_type_id", EVENT.EVENT_TYPE_ID, EQ)
                .field("customer_id", EVENT.CUSTOMER_ID, EQ)
                .field("external_id", EVENT.EXTERNAL_ID, EQ)
                .field("secondary_external_id", EVENT.SECONDARY_EXTERNAL_ID)
                .field("created_at", ApiTime.local(EVENT.CREATED_AT, clock))
                .field("state", EVENT.STATE)
                .column("data_json", EVENT.DATA_JSON)
                .filter("event_type_ids", EVENT.EVENT_TYPE_ID, IN)
                .filters(f -> time(f, "time_from", EVENT.CREATED_AT::ge))
                .filters(f -> time(f, "time_to", EVENT.CREATED_AT::le))
                .customerScoped(EVENT.CUSTOMER_ID)
                .defaultOrder(EVENT.CREATED_AT)
                .map(r -> new EventBodies.Event(r.get("event_id", String.class), r.get("event_type_id", String.class),
                        r.get("customer_id", String.class), r.get("external_id", String.class),
                        r.get("secondary_external_id", String.class), r.get("created_at", LocalDateTime.class),
                        r.get("data_json", String.class) == null ? null : json.readTree(r.get("data_json", String.class)),
                        r.get("state", Integer.class), null));
    }

    /** {@code time_from}/{@code time_to}: local times of the project, as the API gives them. */
    private void time(Filters filters, String param, Function<OffsetDateTime, Condition> condition) {
        filters.custom(param, v -> {
            try {
                return condition.apply(ApiTime.parseDateTime(v).atZone(clock.getZone()).toOffsetDateTime());
            } catch (RuntimeException e) {
                filters.error(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, v, ApiTime.DATE_TIME_FORMS));
                return DSL.noCondition();
            }
        });
    }

    Page<EventBodies.Event> events(ListParams params, Language language) {
        boolean include = includeRecords(params);
        return withRecords(lists.page(eventSpec(), params), include, language);
    }

    Page<EventBodies.Event> customerEvents(String customerId, ListParams params, Language language) {
        boolean include = includeRecords(params);
        return withRecords(lists.customerPage(eventSpec(), params, customerId, customers::exists),
                include, language);
    }

    EventBodies.Event event(String id, Caller caller) {
        EventBodies.Event event = lists.one(eventSpec(), EVENT.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("events", id));
        requireOwn(caller, id, event.customerId());
        return event;
    }

    Page<PropertyService.PropertyRecord> eventPropertyRecords(String id, Caller caller, ListParams params,
                                                              Language language) {
        String customerId = dsl.select(EVENT.CUSTOMER_ID).from(EVENT).where(EVENT.ID.eq(id))
                .fetchOptional(EVENT.CUSTOMER_ID).orElseThrow(() -> ApiError.notFound("events", id));
        requireOwn(caller, id, customerId);
        return properties.records(PROPERTY_KIND, id, params, language);
    }

    /** On the Customer API, another customer's event is refused ({@code not_belong_to_logged_in_customer}). */
    private static void requireOwn(Caller caller, String eventId, String customerId) {
        if (caller instanceof Caller.CustomerToken token) {
            if (token.customerId() == null) {
                throw ApiError.forbidden("No customer is logged in on this token");
            }
            if (!token.customerId().equals(customerId)) {
                throw ApiError.badRequest(List.of(InvalidParam.of("event_id", Reason.NOT_BELONG_TO_LOGGED_IN_CUSTOMER,
                        eventId, "The event does not belong to the logged-in customer")));
            }
        }
    }

    private static boolean includeRecords(ListParams params) {
        List<InvalidParam> errors = new java.util.ArrayList<>();
        Boolean include = params.filters().query().bool("include_property_records", errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return Boolean.TRUE.equals(include);
    }

    private Page<EventBodies.Event> withRecords(Page<EventBodies.Event> page, boolean include, Language language) {
        if (!include || page.items().isEmpty()) {
            return page;
        }
        Map<String, List<PropertyService.PropertyRecord>> records = properties.recordsOf(PROPERTY_KIND,
                page.items().stream().map(EventBodies.Event::eventId).toList(), language);
        return new Page<>(page.items().stream()
                .map(e -> e.withPropertyRecords(records.getOrDefault(e.eventId(), List.of()))).toList(),
                page.totalItems());
    }
}
