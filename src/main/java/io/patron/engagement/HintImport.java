package io.patron.engagement;

import static io.patron.db.Tables.AUDIENCE;
import static io.patron.db.Tables.CUSTOMER_ENGAGEMENT_SETUP;
import static io.patron.db.Tables.HINT;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.Languages;
import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.segment.SegmentService;
import io.patron.tier.StatusConditions;

/**
 * Imports hints, audiences and customer engagement setups; the project file owns them:
 * <pre>
 * hints:                             # GET /recommendations; texts translated like names
 *   - text_id: winter_care
 *     name: { en: Winter care, cs: Zimní péče }
 *     brief_description: ...         # detailed_description and content likewise
 *     picture_urls: [https://...]
 *     web_url: https://...
 *     target: { customer_property: favourite_sport, value: ski }   # left out: every customer
 *     # or/and: segment: regulars (member now), status: gold (holds it now); every condition given must hold
 * audiences:                         # Enterprise API only
 *   - { text_id: newsletter_readers, name: Newsletter readers, communication_channel: email }
 * customer_engagement_setups:        # handed to the tracking script: never credentials
 *   - { text_id: eshop, setup: { tracking: [page_view, add_to_cart], cookie_days: 30 } }
 * </pre>
 */
@Component
class HintImport implements ProjectImport {

    /** Every condition given must hold; a segment and a status are named by id or text id. */
    record Target(String customerProperty, String value, String segment, String status) {
    }

    record HintDefinition(String id, String textId, Object name, Object briefDescription, Object detailedDescription,
                          Object content, List<String> pictureUrls, String webUrl, Target target, Integer state) {
    }

    record AudienceDefinition(String id, String textId, String name, String communicationChannel, Integer state) {
    }

    record SetupDefinition(String id, String textId, JsonNode setup, Integer state) {
    }

    /** Words that mark a credential in a setup: the setup is public (the tracking script reads it). */
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "api_key", "apikey",
            "credential", "private_key");

    private final DSLContext dsl;
    private final Translations translations;
    private final Languages languages;
    private final LookupQueries lookups;
    private final JsonMapper json;
    private final Clock clock;
    private final SegmentService segments;
    private final StatusConditions statuses;

    HintImport(DSLContext dsl, Translations translations, Languages languages, LookupQueries lookups, JsonMapper json,
               Clock clock, SegmentService segments, StatusConditions statuses) {
        this.segments = segments;
        this.statuses = statuses;
        this.dsl = dsl;
        this.translations = translations;
        this.languages = languages;
        this.lookups = lookups;
        this.json = json;
        this.clock = clock;
    }

    /** After the lookups (channels), property definitions, statuses (40) and segments (100) that hints name. */
    @Override
    public int order() {
        return 105;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<HintDefinition> hints = file.section("hints", HintDefinition.class);
        for (int i = 0; i < hints.size(); i++) {
            HintDefinition h = hints.get(i);
            String where = file.location() + ": hints[" + i + "]";
            require(h.textId(), where + ": text_id");
            if (h.name() == null) {
                throw new IllegalStateException(where + ": name is required");
            }
            Target t = h.target();
            if (t != null && (t.customerProperty() == null) != (t.value() == null)) {
                throw new IllegalStateException(where + ": a target's customer_property needs a value");
            }
            if (t != null && t.customerProperty() == null && t.segment() == null && t.status() == null) {
                throw new IllegalStateException(where
                        + ": a target needs customer_property and value, segment or status");
            }
            String segmentId = t == null || t.segment() == null ? null : segmentId(t.segment())
                    .orElseThrow(() -> new IllegalStateException(where + ": target segment '" + t.segment()
                            + "' is not a segment's id or text id"));
            String statusId = t == null || t.status() == null ? null : statuses.statusId(t.status())
                    .orElseThrow(() -> new IllegalStateException(where + ": target status '" + t.status()
                            + "' is not a status's id or text id"));
            String id = h.id() != null ? h.id() : Ids.stable("hint", h.textId());
            List<String> languageIds = languages.active();
            boolean texts = translations.put("hint.name", id, ProjectFile.texts(h.name(), languageIds))
                    | translations.put("hint.brief_description", id, ProjectFile.texts(h.briefDescription(), languageIds))
                    | translations.put("hint.detailed_description", id,
                            ProjectFile.texts(h.detailedDescription(), languageIds))
                    | translations.put("hint.content", id, ProjectFile.texts(h.content(), languageIds));
            String pictures = json.writeValueAsString(h.pictureUrls() == null ? List.of() : h.pictureUrls());
            String propertyId = h.target() == null ? null : h.target().customerProperty();
            String value = h.target() == null ? null : h.target().value();
            int state = h.state() == null ? 1 : h.state();
            var existing = dsl.selectFrom(HINT).where(HINT.ID.eq(id)).fetchOptional();
            if (existing.isEmpty()) {
                dsl.insertInto(HINT).set(HINT.ID, id).set(HINT.TEXT_ID, h.textId()).set(HINT.POSITION, i)
                        .set(HINT.WEB_URL, h.webUrl()).set(HINT.PICTURE_URLS, pictures)
                        .set(HINT.TARGET_PROPERTY_ID, propertyId).set(HINT.TARGET_PROPERTY_VALUE, value)
                        .set(HINT.TARGET_SEGMENT_ID, segmentId).set(HINT.TARGET_STATUS_ID, statusId)
                        .set(HINT.STATE, state).set(HINT.LAST_CHANGE, now).execute();
            } else {
                var r = existing.get();
                boolean same = !texts && r.getTextId().equals(h.textId()) && r.getPosition() == i
                        && java.util.Objects.equals(r.getWebUrl(), h.webUrl()) && r.getPictureUrls().equals(pictures)
                        && java.util.Objects.equals(r.getTargetPropertyId(), propertyId)
                        && java.util.Objects.equals(r.getTargetPropertyValue(), value)
                        && java.util.Objects.equals(r.getTargetSegmentId(), segmentId)
                        && java.util.Objects.equals(r.getTargetStatusId(), statusId) && r.getState() == state;
                if (!same) {
                    dsl.update(HINT).set(HINT.TEXT_ID, h.textId()).set(HINT.POSITION, i)
                            .set(HINT.WEB_URL, h.webUrl()).set(HINT.PICTURE_URLS, pictures)
                            .set(HINT.TARGET_PROPERTY_ID, propertyId).set(HINT.TARGET_PROPERTY_VALUE, value)
                            .set(HINT.TARGET_SEGMENT_ID, segmentId).set(HINT.TARGET_STATUS_ID, statusId)
                            .set(HINT.STATE, state).set(HINT.LAST_CHANGE, now).where(HINT.ID.eq(id)).execute();
                }
            }
        }

        List<AudienceDefinition> audiences = file.section("audiences", AudienceDefinition.class);
        for (int i = 0; i < audiences.size(); i++) {
            AudienceDefinition a = audiences.get(i);
            String where = file.location() + ": audiences[" + i + "]";
            require(a.textId(), where + ": text_id");
            require(a.name(), where + ": name");
            String channelId = lookups.idOf(LookupKind.COMMUNICATION_CHANNELS, String.valueOf(a.communicationChannel()))
                    .orElseThrow(() -> new IllegalStateException(where + ": communication_channel '"
                            + a.communicationChannel() + "' is not a channel's text id"));
            String id = a.id() != null ? a.id() : Ids.stable("audience", a.textId());
            int state = a.state() == null ? 1 : a.state();
            int updated = dsl.update(AUDIENCE).set(AUDIENCE.TEXT_ID, a.textId()).set(AUDIENCE.NAME, a.name())
                    .set(AUDIENCE.COMMUNICATION_CHANNEL_ID, channelId).set(AUDIENCE.STATE, state)
                    .set(AUDIENCE.LAST_CHANGE, now)
                    .where(AUDIENCE.ID.eq(id))
                    .and(AUDIENCE.TEXT_ID.ne(a.textId()).or(AUDIENCE.NAME.ne(a.name()))
                            .or(AUDIENCE.COMMUNICATION_CHANNEL_ID.ne(channelId)).or(AUDIENCE.STATE.ne(state)))
                    .execute();
            if (updated == 0 && !dsl.fetchExists(AUDIENCE, AUDIENCE.ID.eq(id))) {
                dsl.insertInto(AUDIENCE).set(AUDIENCE.ID, id).set(AUDIENCE.TEXT_ID, a.textId())
                        .set(AUDIENCE.NAME, a.name()).set(AUDIENCE.COMMUNICATION_CHANNEL_ID, channelId)
                        .set(AUDIENCE.STATE, state).set(AUDIENCE.LAST_CHANGE, now).execute();
            }
        }

        List<SetupDefinition> setups = file.section("customer_engagement_setups", SetupDefinition.class);
        for (int i = 0; i < setups.size(); i++) {
            SetupDefinition s = setups.get(i);
            String where = file.location() + ": customer_engagement_setups[" + i + "]";
            require(s.textId(), where + ": text_id");
            if (s.setup() == null || !s.setup().isObject()) {
                throw new IllegalStateException(where + ": setup must be an object");
            }
            refuseCredentials(s.setup(), where + ".setup");
            String id = s.id() != null ? s.id() : Ids.stable("customer_engagement_setup", s.textId());
            String setup = json.writeValueAsString(s.setup());
            int state = s.state() == null ? 1 : s.state();
            int updated = dsl.update(CUSTOMER_ENGAGEMENT_SETUP).set(CUSTOMER_ENGAGEMENT_SETUP.TEXT_ID, s.textId())
                    .set(CUSTOMER_ENGAGEMENT_SETUP.SETUP, setup).set(CUSTOMER_ENGAGEMENT_SETUP.STATE, state)
                    .set(CUSTOMER_ENGAGEMENT_SETUP.LAST_CHANGE, now)
                    .where(CUSTOMER_ENGAGEMENT_SETUP.ID.eq(id))
                    .and(CUSTOMER_ENGAGEMENT_SETUP.SETUP.ne(setup).or(CUSTOMER_ENGAGEMENT_SETUP.STATE.ne(state))
                            .or(CUSTOMER_ENGAGEMENT_SETUP.TEXT_ID.ne(s.textId())))
                    .execute();
            if (updated == 0 && !dsl.fetchExists(CUSTOMER_ENGAGEMENT_SETUP, CUSTOMER_ENGAGEMENT_SETUP.ID.eq(id))) {
                dsl.insertInto(CUSTOMER_ENGAGEMENT_SETUP).set(CUSTOMER_ENGAGEMENT_SETUP.ID, id)
                        .set(CUSTOMER_ENGAGEMENT_SETUP.TEXT_ID, s.textId()).set(CUSTOMER_ENGAGEMENT_SETUP.SETUP, setup)
                        .set(CUSTOMER_ENGAGEMENT_SETUP.STATE, state).set(CUSTOMER_ENGAGEMENT_SETUP.LAST_CHANGE, now)
                        .execute();
            }
        }
    }

    /** The segment named by its id or by its text id. */
    private java.util.Optional<String> segmentId(String idOrTextId) {
        if (!segments.existingSegments(List.of(idOrTextId)).isEmpty()) {
            return java.util.Optional.of(idOrTextId);
        }
        String stable = Ids.stable("segment", idOrTextId);
        return segments.existingSegments(List.of(stable)).isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(stable);
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(what + " is required");
        }
    }

    static void refuseCredentials(JsonNode node, String where) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey().toLowerCase(Locale.ROOT);
                if (SECRET_WORDS.stream().anyMatch(key::contains)) {
                    throw new IllegalStateException(where + "." + field.getKey()
                            + ": a customer engagement setup is public and must not hold credentials");
                }
                refuseCredentials(field.getValue(), where + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseCredentials(node.get(i), where + "[" + i + "]");
            }
        }
    }
}
