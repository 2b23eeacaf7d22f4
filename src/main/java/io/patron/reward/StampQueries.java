package io.patron.reward;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.STAMPER_CAMPAIGN;
import static io.patron.db.Tables.STAMPER_CARD;
import static io.patron.db.Tables.STAMPER_CHECKPOINT;
import static io.patron.db.Tables.STAMPER_CONDITION;
import static io.patron.db.Tables.STAMPER_STAMP;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
import io.patron.api.QueryParams;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.reward.StampBodies.StamperBonusCheckpoint;
import io.patron.reward.StampBodies.StamperCampaign;
import io.patron.reward.StampBodies.StamperCard;
import io.patron.reward.StampBodies.StamperCondition;
import io.patron.reward.StampBodies.StamperStamp;

/**
 * Reads of the stamper. Campaigns are open to every caller; cards and stamps are a customer's: a Customer API token
 * sees only its logged-in customer's. Deleted stamps (of cancelled purchases) are not listed.
 */
@Service
@Transactional(readOnly = true)
public class StampQueries {

    private final ListQueries lists;
    private final DSLContext dsl;
    private final Clock clock;

    StampQueries(ListQueries lists, DSLContext dsl, Clock clock) {
        this.lists = lists;
        this.dsl = dsl;
        this.clock = clock;
    }

    private ListSpec<StamperCampaign> campaignSpec(Language language) {
        return ListSpec.<StamperCampaign>from(STAMPER_CAMPAIGN)
                .id("stamper_campaign_id", STAMPER_CAMPAIGN.ID)
                .field("partner_id", STAMPER_CAMPAIGN.PARTNER_ID, EQ)
                .field("name", DSL.coalesce(Translations.text(StampProjectImport.CAMPAIGN_NAME, STAMPER_CAMPAIGN.ID,
                        language), STAMPER_CAMPAIGN.ID), CONTAINS)
                .field("description", Translations.text(StampProjectImport.CAMPAIGN_DESCRIPTION, STAMPER_CAMPAIGN.ID,
                        language))
                .field("stamp_count", STAMPER_CAMPAIGN.STAMP_COUNT)
                .field("valid_from", ApiTime.local(STAMPER_CAMPAIGN.VALID_FROM, clock))
                .field("valid_to", ApiTime.local(STAMPER_CAMPAIGN.VALID_TO, clock))
                .field("count_of_campaign_repetitions", STAMPER_CAMPAIGN.COUNT_OF_CAMPAIGN_REPETITIONS)
                .field("last_change", ApiTime.local(STAMPER_CAMPAIGN.LAST_CHANGE, clock))
                .field("state", STAMPER_CAMPAIGN.STATE)
                .defaultOrder(STAMPER_CAMPAIGN.POSITION)
                .map(r -> new StamperCampaign(r.get("stamper_campaign_id", String.class),
                        r.get("partner_id", String.class), r.get("name", String.class),
                        r.get("description", String.class), r.get("stamp_count", Integer.class),
                        r.get("valid_from", LocalDateTime.class), r.get("valid_to", LocalDateTime.class),
                        r.get("count_of_campaign_repetitions", Integer.class), List.of(), List.of(),
                        r.get("last_change", LocalDateTime.class), r.get("state", Integer.class)));
    }

    /**
     * {@code GET /stamper-campaigns}: {@code name}, {@code partner_id}, {@code is_valid} (now within the validity),
     * {@code valid_from}/{@code valid_to} (validity overlapping the range); deleted campaigns are not listed.
     */
    public Page<StamperCampaign> campaigns(ListParams params, Language language) {
        Filters filters = params.filters();
        QueryParams query = filters.query();
        List<InvalidParam> errors = new ArrayList<>();
        Boolean valid = query.bool("is_valid", errors);
        LocalDateTime from = dateTime(query, "valid_from", errors);
        LocalDateTime to = dateTime(query, "valid_to", errors);
        errors.forEach(filters::error);
        filters.condition();
        Condition where = STAMPER_CAMPAIGN.STATE.ne(0);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Condition inRange = STAMPER_CAMPAIGN.VALID_FROM.isNull().or(STAMPER_CAMPAIGN.VALID_FROM.le(now))
                .and(STAMPER_CAMPAIGN.VALID_TO.isNull().or(STAMPER_CAMPAIGN.VALID_TO.ge(now)));
        if (valid != null) {
            where = where.and(valid ? inRange : DSL.not(inRange));
        }
        if (from != null) {
            where = where.and(STAMPER_CAMPAIGN.VALID_TO.isNull()
                    .or(STAMPER_CAMPAIGN.VALID_TO.ge(from.atZone(clock.getZone()).toOffsetDateTime())));
        }
        if (to != null) {
            where = where.and(STAMPER_CAMPAIGN.VALID_FROM.isNull()
                    .or(STAMPER_CAMPAIGN.VALID_FROM.le(to.atZone(clock.getZone()).toOffsetDateTime())));
        }
        Page<StamperCampaign> page = lists.page(campaignSpec(language), params, where);
        return new Page<>(complete(page.items(), language), page.totalItems());
    }

    public StamperCampaign campaign(String id, Language language) {
        StamperCampaign campaign = lists.one(campaignSpec(language),
                        STAMPER_CAMPAIGN.ID.eq(id).and(STAMPER_CAMPAIGN.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("stamper-campaigns", id));
        return complete(List.of(campaign), language).getFirst();
    }

    private List<StamperCampaign> complete(List<StamperCampaign> campaigns, Language language) {
        if (campaigns.isEmpty()) {
            return campaigns;
        }
        List<String> ids = campaigns.stream().map(StamperCampaign::stamperCampaignId).toList();
        Map<String, List<StamperCondition>> conditions = dsl.select(STAMPER_CONDITION.STAMPER_CAMPAIGN_ID,
                        STAMPER_CONDITION.ID, Translations.text(StampProjectImport.CONDITION_DESCRIPTION,
                                STAMPER_CONDITION.ID, language))
                .from(STAMPER_CONDITION).where(STAMPER_CONDITION.STAMPER_CAMPAIGN_ID.in(ids))
                .and(STAMPER_CONDITION.STATE.eq(1))
                .orderBy(STAMPER_CONDITION.STAMPER_CAMPAIGN_ID, STAMPER_CONDITION.POSITION)
                .fetchGroups(r -> r.value1(), r -> new StamperCondition(r.value2(), r.value3()));
        Map<String, List<StamperBonusCheckpoint>> checkpoints = dsl.select(STAMPER_CHECKPOINT.STAMPER_CAMPAIGN_ID,
                        STAMPER_CHECKPOINT.ID, Translations.text(StampProjectImport.CHECKPOINT_DESCRIPTION,
                                STAMPER_CHECKPOINT.ID, language), STAMPER_CHECKPOINT.STAMP_NUMBER)
                .from(STAMPER_CHECKPOINT).where(STAMPER_CHECKPOINT.STAMPER_CAMPAIGN_ID.in(ids))
                .and(STAMPER_CHECKPOINT.STATE.eq(1))
                .orderBy(STAMPER_CHECKPOINT.STAMPER_CAMPAIGN_ID, STAMPER_CHECKPOINT.STAMP_NUMBER,
                        STAMPER_CHECKPOINT.POSITION)
                .fetchGroups(r -> r.value1(), r -> new StamperBonusCheckpoint(r.value2(), r.value3(), r.value4()));
        return campaigns.stream().map(c -> c.with(conditions.getOrDefault(c.stamperCampaignId(), List.of()),
                checkpoints.getOrDefault(c.stamperCampaignId(), List.of()))).toList();
    }

    private ListSpec<StamperStamp> stampSpec() {
        return ListSpec.<StamperStamp>from(STAMPER_STAMP)
                .id("stamp_id", STAMPER_STAMP.ID)
                .field("customer_id", STAMPER_STAMP.CUSTOMER_ID, EQ)
                .field("purchase_id", STAMPER_STAMP.PURCHASE_ID)
                .field("stamper_card_id", STAMPER_STAMP.STAMPER_CARD_ID, EQ)
                .field("stamp_order", STAMPER_STAMP.STAMP_ORDER)
                .field("stamper_condition_id", STAMPER_STAMP.STAMPER_CONDITION_ID, EQ)
                .field("created_at", ApiTime.local(STAMPER_STAMP.CREATED_AT, clock))
                .field("last_change", ApiTime.local(STAMPER_STAMP.LAST_CHANGE, clock))
                .field("state", STAMPER_STAMP.STATE)
                .defaultOrder(STAMPER_STAMP.CUSTOMER_ID, STAMPER_STAMP.STAMPER_CAMPAIGN_ID,
                        STAMPER_STAMP.SEQUENCE_NUMBER)
                .customerScoped(STAMPER_STAMP.CUSTOMER_ID)
                .map(r -> new StamperStamp(r.get("stamp_id", String.class), r.get("customer_id", String.class),
                        r.get("purchase_id", String.class), r.get("stamper_card_id", String.class),
                        r.get("stamp_order", Integer.class), r.get("stamper_condition_id", String.class),
                        r.get("created_at", LocalDateTime.class), r.get("last_change", LocalDateTime.class),
                        r.get("state", Integer.class)));
    }

    /** {@code GET /stamps}: the active stamps, by {@code customer_id}, {@code stamper_card_id}, {@code stamper_condition_id}. */
    public Page<StamperStamp> stamps(ListParams params) {
        return lists.page(stampSpec(), params, STAMPER_STAMP.STATE.eq(1));
    }

    public StamperStamp stamp(Caller caller, String id) {
        StamperStamp stamp = lists.one(stampSpec(), STAMPER_STAMP.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("stamps", id));
        CustomerScope.requireHolder(caller, stamp.customerId(), "stamper_stamp_id", id);
        return stamp;
    }

    private ListSpec<StamperCard> cardSpec() {
        return ListSpec.<StamperCard>from(STAMPER_CARD)
                .id("stamper_card_id", STAMPER_CARD.ID)
                .field("stamper_campaign_id", STAMPER_CARD.STAMPER_CAMPAIGN_ID, EQ)
                .field("customer_id", STAMPER_CARD.CUSTOMER_ID, EQ)
                .field("stamper_card_order", STAMPER_CARD.STAMPER_CARD_ORDER)
                .field("is_filled_up", STAMPER_CARD.IS_FILLED_UP)
                .field("created_at", ApiTime.local(STAMPER_CARD.CREATED_AT, clock))
                .field("last_change", ApiTime.local(STAMPER_CARD.LAST_CHANGE, clock))
                .field("state", STAMPER_CARD.STATE, Filters.oneOf(0, 1))
                .defaultOrder(STAMPER_CARD.CUSTOMER_ID, STAMPER_CARD.STAMPER_CAMPAIGN_ID,
                        STAMPER_CARD.STAMPER_CARD_ORDER)
                .customerScoped(STAMPER_CARD.CUSTOMER_ID)
                .map(r -> new StamperCard(r.get("stamper_card_id", String.class),
                        r.get("stamper_campaign_id", String.class), r.get("customer_id", String.class),
                        r.get("stamper_card_order", Integer.class), r.get("is_filled_up", Boolean.class), List.of(),
                        r.get("created_at", LocalDateTime.class), r.get("last_change", LocalDateTime.class),
                        r.get("state", Integer.class)));
    }

    /**
     * {@code GET /stamper-cards}: by {@code customer_id}, {@code stamper_campaign_id}, {@code state} and
     * {@code filled_up} ({@code true}: full cards, {@code false}: cards with room); each with its stamps.
     */
    public Page<StamperCard> cards(ListParams params) {
        Filters filters = params.filters();
        List<InvalidParam> errors = new ArrayList<>();
        Boolean filled = filters.query().bool("filled_up", errors);
        errors.forEach(filters::error);
        filters.condition();
        Page<StamperCard> page = lists.page(cardSpec(), params,
                filled == null ? DSL.noCondition() : STAMPER_CARD.IS_FILLED_UP.eq(filled));
        return new Page<>(withStamps(page.items()), page.totalItems());
    }

    public StamperCard card(Caller caller, String id) {
        StamperCard card = lists.one(cardSpec(), STAMPER_CARD.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("stamper-cards", id));
        CustomerScope.requireHolder(caller, card.customerId(), "stamper_card_id", id);
        return withStamps(List.of(card)).getFirst();
    }

    private List<StamperCard> withStamps(List<StamperCard> cards) {
        if (cards.isEmpty()) {
            return cards;
        }
        Map<String, List<StamperStamp>> stamps = new java.util.HashMap<>();
        lists.all(stampSpec(), STAMPER_STAMP.STAMPER_CARD_ID.in(cards.stream().map(StamperCard::stamperCardId)
                        .toList()).and(STAMPER_STAMP.STATE.eq(1)))
                .forEach(s -> stamps.computeIfAbsent(s.stamperCardId(), k -> new ArrayList<>()).add(s));
        stamps.values().forEach(list -> list.sort(java.util.Comparator.comparing(StamperStamp::stampOrder)));
        return cards.stream().map(c -> c.with(stamps.getOrDefault(c.stamperCardId(), List.of()))).toList();
    }

    private LocalDateTime dateTime(QueryParams query, String param, List<InvalidParam> errors) {
        String text = query.string(param);
        if (text == null) {
            return null;
        }
        try {
            return ApiTime.parseDateTime(text, clock.getZone());
        } catch (DateTimeException e) {
            errors.add(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, text, ApiTime.DATE_TIME_FORMS));
            return null;
        }
    }
}
