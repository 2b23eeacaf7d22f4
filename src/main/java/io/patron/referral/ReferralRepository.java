package io.patron.referral;

import static io.patron.db.Tables.REFERRAL;
import static io.patron.db.Tables.REFERRAL_CAMPAIGN;
import static io.patron.db.Tables.REFERRAL_GRANT;
import static io.patron.db.Tables.REFERRAL_USE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.api.ApiTime;
import io.patron.api.InvalidParam;
import io.patron.api.ListSpec;
import io.patron.db.tables.records.ReferralCampaignRecord;

/** SQL of referral campaigns, customers' codes, registrations with a code and the incentives they granted. */
@Repository
class ReferralRepository {

    static final String DEFAULT_KEY = "default";

    /** The incentive of one side: points of a point type and/or a voucher of a reward (either may be null). */
    record Incentive(BigDecimal points, String pointTypeId, String rewardId) {
    }

    /** A referral campaign as configured. */
    record Campaign(String id, String name, String prefix, int length, String alphabet, OffsetDateTime startsAt,
                    OffsetDateTime endsAt, Integer codeValidityDays, String relationTypeId, int state,
                    Incentive referrer, Incentive referred, String pointsPartnerId) {

        /** Active and within its dates: new codes are made only then. */
        boolean running(OffsetDateTime now) {
            return state == 1 && (startsAt == null || !startsAt.isAfter(now)) && (endsAt == null || !endsAt.isBefore(now));
        }
    }

    /** A code found by its text: its referral, holder, campaign's relation type and whether it can be used now. */
    record Code(String referralId, String customerId, String campaignId, String relationTypeId, boolean usable) {
    }

    /** A registration with a code: the referral's holder and campaign, and the new customer. */
    record Use(String id, String referralId, String campaignId, String referrerId, String referredId) {
    }

    private final DSLContext dsl;
    private final Clock clock;

    ReferralRepository(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    // --- campaigns ------------------------------------------------------------------------------

    /** A campaign that is not deleted. */
    Optional<Campaign> campaign(String id) {
        return dsl.selectFrom(REFERRAL_CAMPAIGN).where(REFERRAL_CAMPAIGN.ID.eq(id)).and(REFERRAL_CAMPAIGN.STATE.ne(0))
                .fetchOptional(ReferralRepository::campaign);
    }

    /** The project's default campaign, unless it is deleted. */
    Optional<Campaign> defaultCampaign() {
        return dsl.selectFrom(REFERRAL_CAMPAIGN).where(REFERRAL_CAMPAIGN.DEFAULT_KEY.eq(DEFAULT_KEY))
                .and(REFERRAL_CAMPAIGN.STATE.ne(0)).fetchOptional(ReferralRepository::campaign);
    }

    /** A campaign in any state (the incentives of a registration made while it ran). */
    Optional<Campaign> anyCampaign(String id) {
        return dsl.selectFrom(REFERRAL_CAMPAIGN).where(REFERRAL_CAMPAIGN.ID.eq(id))
                .fetchOptional(ReferralRepository::campaign);
    }

    private static Campaign campaign(ReferralCampaignRecord r) {
        return new Campaign(r.getId(), r.getName(), r.getCodePrefix(), r.getCodeLength(), r.getCodeAlphabet(),
                r.getStartsAt(), r.getEndsAt(), r.getCodeValidityDays(), r.getRelationTypeId(), r.getState(),
                new Incentive(r.getReferrerPoints(), r.getReferrerPointTypeId(), r.getReferrerRewardId()),
                new Incentive(r.getReferredPoints(), r.getReferredPointTypeId(), r.getReferredRewardId()),
                r.getPointsPartnerId());
    }

    // --- codes ----------------------------------------------------------------------------------

    boolean hasCode(String customerId, String campaignId) {
        return dsl.fetchExists(REFERRAL, REFERRAL.CUSTOMER_ID.eq(customerId).and(REFERRAL.CAMPAIGN_ID.eq(campaignId)));
    }

    boolean codeTaken(String code) {
        return dsl.fetchExists(REFERRAL, REFERRAL.CODE.eq(code));
    }

    void insertCode(String id, String campaignId, String customerId, String code, OffsetDateTime validTo,
                    OffsetDateTime now) {
        dsl.insertInto(REFERRAL).set(REFERRAL.ID, id).set(REFERRAL.CAMPAIGN_ID, campaignId)
                .set(REFERRAL.CUSTOMER_ID, customerId).set(REFERRAL.CODE, code).set(REFERRAL.STATE, 1)
                .set(REFERRAL.VALID_TO, validTo).set(REFERRAL.CREATED_AT, now).execute();
    }

    Optional<String> campaignOf(String referralId) {
        return dsl.select(REFERRAL.CAMPAIGN_ID).from(REFERRAL).where(REFERRAL.ID.eq(referralId))
                .fetchOptional(REFERRAL.CAMPAIGN_ID);
    }

    /** The code (in its stored form) with its campaign; usable when {@link #valid} holds now. */
    Optional<Code> byCode(String code) {
        Field<Boolean> usable = DSL.field(valid(now())).as("usable");
        return dsl.select(REFERRAL.ID, REFERRAL.CUSTOMER_ID, REFERRAL.CAMPAIGN_ID, REFERRAL_CAMPAIGN.RELATION_TYPE_ID,
                        usable)
                .from(REFERRAL).join(REFERRAL_CAMPAIGN).on(REFERRAL_CAMPAIGN.ID.eq(REFERRAL.CAMPAIGN_ID))
                .where(REFERRAL.CODE.eq(code))
                .fetchOptional(r -> new Code(r.value1(), r.value2(), r.value3(), r.value4(),
                        Boolean.TRUE.equals(r.value5())));
    }

    /**
     * A code that can be used at {@code now}: the code and its campaign active, the campaign started and not ended,
     * the code not expired. Never null (so that its negation is exact).
     */
    static Condition valid(OffsetDateTime now) {
        return REFERRAL.STATE.eq(1).and(REFERRAL_CAMPAIGN.STATE.eq(1))
                .and(REFERRAL_CAMPAIGN.STARTS_AT.isNull().or(REFERRAL_CAMPAIGN.STARTS_AT.le(now)))
                .and(REFERRAL_CAMPAIGN.ENDS_AT.isNull().or(REFERRAL_CAMPAIGN.ENDS_AT.ge(now)))
                .and(REFERRAL.VALID_TO.isNull().or(REFERRAL.VALID_TO.ge(now)));
    }

    /** When a code expires: its own expiry or its campaign's end, whichever comes first (null: never). */
    private static final Field<OffsetDateTime> EXPIRES = DSL
            .when(REFERRAL.VALID_TO.isNull(), REFERRAL_CAMPAIGN.ENDS_AT)
            .when(REFERRAL_CAMPAIGN.ENDS_AT.isNull(), REFERRAL.VALID_TO)
            .otherwise(DSL.least(REFERRAL.VALID_TO, REFERRAL_CAMPAIGN.ENDS_AT));

    /** Customers' codes with the filters {@code is_valid} (true when left out) and {@code referral_code}. */
    ListSpec<ReferralBodies.Referral> spec() {
        OffsetDateTime now = now();
        return ListSpec.<ReferralBodies.Referral>from(REFERRAL.join(REFERRAL_CAMPAIGN)
                        .on(REFERRAL_CAMPAIGN.ID.eq(REFERRAL.CAMPAIGN_ID)))
                .id("referral_id", REFERRAL.ID)
                .field("code", REFERRAL.CODE)
                .field("customer_id", REFERRAL.CUSTOMER_ID)
                .field("referral_campaign_id", REFERRAL.CAMPAIGN_ID)
                .field("valid_to", ApiTime.text(EXPIRES, clock))
                .customerScoped(REFERRAL.CUSTOMER_ID)
                .filters(filters -> {
                    List<InvalidParam> errors = new ArrayList<>();
                    Boolean valid = filters.query().bool("is_valid", errors);
                    errors.forEach(filters::error);
                    filters.where(valid == null || valid ? valid(now) : DSL.not(valid(now)));
                })
                .filter("referral_code", code -> REFERRAL.CODE.eq(ReferralCodeFormat.normalize(code)))
                .map(r -> r.into(ReferralBodies.Referral.class));
    }

    // --- registrations with a code and their incentives -------------------------------------------

    void insertUse(String id, String referralId, String referredId, OffsetDateTime now) {
        dsl.insertInto(REFERRAL_USE).set(REFERRAL_USE.ID, id).set(REFERRAL_USE.REFERRAL_ID, referralId)
                .set(REFERRAL_USE.REFERRED_CUSTOMER_ID, referredId).set(REFERRAL_USE.CREATED_AT, now).execute();
    }

    Optional<Use> use(String id) {
        return dsl.select(REFERRAL_USE.ID, REFERRAL_USE.REFERRAL_ID, REFERRAL.CAMPAIGN_ID, REFERRAL.CUSTOMER_ID,
                        REFERRAL_USE.REFERRED_CUSTOMER_ID)
                .from(REFERRAL_USE).join(REFERRAL).on(REFERRAL.ID.eq(REFERRAL_USE.REFERRAL_ID))
                .where(REFERRAL_USE.ID.eq(id))
                .fetchOptional(r -> new Use(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    boolean granted(String useId, String side, String kind) {
        return dsl.fetchExists(REFERRAL_GRANT, REFERRAL_GRANT.REFERRAL_USE_ID.eq(useId)
                .and(REFERRAL_GRANT.SIDE.eq(side)).and(REFERRAL_GRANT.KIND.eq(kind)));
    }

    /**
     * Records a grant (the point lot or voucher, or why there is none); the unique key of use, side and kind makes a
     * second grant of the same incentive fail.
     */
    void insertGrant(String id, String useId, String side, String kind, String customerId, String recordId,
                     String refusal, OffsetDateTime now) {
        dsl.insertInto(REFERRAL_GRANT).set(REFERRAL_GRANT.ID, id).set(REFERRAL_GRANT.REFERRAL_USE_ID, useId)
                .set(REFERRAL_GRANT.SIDE, side).set(REFERRAL_GRANT.KIND, kind)
                .set(REFERRAL_GRANT.CUSTOMER_ID, customerId).set(REFERRAL_GRANT.RECORD_ID, recordId)
                .set(REFERRAL_GRANT.REFUSAL, refusal).set(REFERRAL_GRANT.CREATED_AT, now).execute();
    }
}
