package io.patron.engagement;

import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.AUDIENCE;
import static io.patron.db.Tables.CUSTOMER_ENGAGEMENT_SETUP;
import static io.patron.db.Tables.HINT;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.ApiRequest;
import io.patron.api.ApiTime;
import io.patron.api.CustomerScope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;
import io.patron.card.CustomerDirectory;
import io.patron.property.PropertyService;
import io.patron.segment.SegmentService;
import io.patron.tier.StatusConditions;

/**
 * Reads of hints ({@code /recommendations}), the hints of one customer (those without a target and those whose
 * every target condition holds: the customer property has the configured value, the customer is a member of the
 * segment, holds the status now), audiences and customer engagement setups.
 */
@Service
@Transactional(readOnly = true)
public class HintQueries {

    private final ListQueries lists;
    private final DSLContext dsl;
    private final PropertyService properties;
    private final CustomerDirectory customers;
    private final JsonMapper json;
    private final Clock clock;
    private final SegmentService segments;
    private final StatusConditions statuses;

    HintQueries(ListQueries lists, DSLContext dsl, PropertyService properties, CustomerDirectory customers,
                JsonMapper json, Clock clock, SegmentService segments, StatusConditions statuses) {
        this.segments = segments;
        this.statuses = statuses;
        this.lists = lists;
        this.dsl = dsl;
        this.properties = properties;
        this.customers = customers;
        this.json = json;
        this.clock = clock;
    }

    private ListSpec<HintBodies.Hint> hints(Language language) {
        Field<String> name = Translations.text("hint.name", HINT.ID, language);
        return ListSpec.<HintBodies.Hint>from(HINT)
                .id("recommendation_id", HINT.ID)
                .field("name", name)
                .field("brief_description", Translations.text("hint.brief_description", HINT.ID, language))
                .field("detailed_description", Translations.text("hint.detailed_description", HINT.ID, language))
                .field("content", Translations.text("hint.content", HINT.ID, language))
                .field("web_url", HINT.WEB_URL)
                .field("last_change", ApiTime.local(HINT.LAST_CHANGE, clock))
                .field("state", HINT.STATE)
                .column("picture_urls", HINT.PICTURE_URLS)
                .filter("name", v -> DSL.lower(name).contains(v.toLowerCase(java.util.Locale.ROOT)))
                .defaultOrder(HINT.POSITION)
                .sortableOnly("recommendation_id", "name", "brief_description", "detailed_description", "content",
                        "web_url", "last_change", "state")
                .map(this::hint);
    }

    private HintBodies.Hint hint(Record r) {
        List<String> pictures = json.readValue(r.get("picture_urls", String.class), new TypeReference<List<String>>() { });
        return new HintBodies.Hint(r.get("recommendation_id", String.class), r.get("name", String.class),
                r.get("brief_description", String.class), r.get("detailed_description", String.class),
                r.get("content", String.class), pictures.isEmpty() ? null : pictures, r.get("web_url", String.class),
                r.get("last_change", LocalDateTime.class), r.get("state", Integer.class));
    }

    public Page<HintBodies.Hint> hints(ListParams params, Language language) {
        return lists.page(hints(language), params, HINT.STATE.ne(0));
    }

    public HintBodies.Hint hint(String id, Language language) {
        return lists.one(hints(language), HINT.ID.eq(id).and(HINT.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("recommendations", id));
    }

    /** The active hints whose target the customer matches. */
    public Page<HintBodies.Hint> customerHints(String customerId, ListParams params, Language language) {
        CustomerScope.requireAccess(ApiRequest.caller(params.request()), customerId, "customer_id");
        if (!customers.exists(customerId)) {
            throw ApiError.notFound("customers", customerId);
        }
        List<String> matching = new ArrayList<>();
        java.util.Set<String> memberOf = null;
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(clock);
        for (var h : dsl.select(HINT.ID, HINT.TARGET_PROPERTY_ID, HINT.TARGET_PROPERTY_VALUE, HINT.TARGET_SEGMENT_ID,
                HINT.TARGET_STATUS_ID).from(HINT).where(HINT.STATE.eq(1)).fetch()) {
            if (h.value4() != null) {
                memberOf = memberOf == null ? segments.segmentsOf(customerId) : memberOf;
                if (!memberOf.contains(h.value4())) {
                    continue;
                }
            }
            if (h.value5() != null && !dsl.fetchExists(DSL.selectOne().where(
                    statuses.hasStatus(DSL.val(customerId), h.value5(), now)))) {
                continue;
            }
            if (h.value2() == null || dsl.fetchExists(DSL.selectOne().where(
                    properties.ownerHasValue("customer", DSL.val(customerId), h.value2(), h.value3())))) {
                matching.add(h.value1());
            }
        }
        return lists.page(hints(language), params, HINT.ID.in(matching));
    }

    // --- audiences and setups -------------------------------------------------------------------------

    private ListSpec<HintBodies.Audience> audiences() {
        return ListSpec.<HintBodies.Audience>from(AUDIENCE)
                .id("audience_id", AUDIENCE.ID)
                .field("name", AUDIENCE.NAME, io.patron.api.Filters.CONTAINS)
                .field("communication_channel_id", AUDIENCE.COMMUNICATION_CHANNEL_ID, EQ)
                .field("state", AUDIENCE.STATE)
                .field("last_change", ApiTime.local(AUDIENCE.LAST_CHANGE, clock))
                .map(r -> r.into(HintBodies.Audience.class));
    }

    public Page<HintBodies.Audience> audiences(ListParams params) {
        return lists.page(audiences(), params, AUDIENCE.STATE.ne(0));
    }

    public HintBodies.Audience audience(String id) {
        return lists.one(audiences(), AUDIENCE.ID.eq(id).and(AUDIENCE.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("audiences", id));
    }

    private static final ListSpec<HintBodies.Setup> SETUPS = ListSpec.<HintBodies.Setup>from(CUSTOMER_ENGAGEMENT_SETUP)
            .id("setup_id", CUSTOMER_ENGAGEMENT_SETUP.ID)
            .field("setup", CUSTOMER_ENGAGEMENT_SETUP.SETUP)
            .field("state", CUSTOMER_ENGAGEMENT_SETUP.STATE)
            .map(r -> r.into(HintBodies.Setup.class));

    public Page<HintBodies.Setup> setups(ListParams params) {
        return lists.page(SETUPS, params, CUSTOMER_ENGAGEMENT_SETUP.STATE.ne(0));
    }

    public HintBodies.Setup setup(String id) {
        return lists.one(SETUPS, CUSTOMER_ENGAGEMENT_SETUP.ID.eq(id).and(CUSTOMER_ENGAGEMENT_SETUP.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("customer-engagement-setups", id));
    }
}
