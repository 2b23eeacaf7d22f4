package io.patron.reward;

import static io.patron.db.Tables.STAMPER_CAMPAIGN;
import static io.patron.db.Tables.STAMPER_CARD;
import static io.patron.db.Tables.STAMPER_CARD_CHECKPOINT;
import static io.patron.db.Tables.STAMPER_CHECKPOINT;
import static io.patron.db.Tables.STAMPER_CONDITION;
import static io.patron.db.Tables.STAMPER_STAMP;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.db.tables.records.StamperCardRecord;

/** SQL of the stamper: campaigns with their rules, a customer's cards and stamps. */
@Repository
class StampRepository {

    private final DSLContext dsl;

    StampRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One condition of a campaign, as the collector applies it. */
    record Condition(String id, Set<String> productIds, Set<String> groupIds, Set<String> brandIds, int itemCount,
                     BigDecimal minItemValue) {
        boolean anyProduct() {
            return productIds.isEmpty() && groupIds.isEmpty() && brandIds.isEmpty();
        }
    }

    record Checkpoint(String id, int stampNumber, String rewardId) {
    }

    record Campaign(String id, int stampCount, Integer repetitions, String rewardId, List<Condition> conditions,
                    List<Checkpoint> checkpoints) {
    }

    /** The active campaigns valid at {@code at} with their active conditions and checkpoints, in file order. */
    List<Campaign> activeCampaigns(OffsetDateTime at) {
        return dsl.selectFrom(STAMPER_CAMPAIGN).where(STAMPER_CAMPAIGN.STATE.eq(1))
                .and(STAMPER_CAMPAIGN.VALID_FROM.isNull().or(STAMPER_CAMPAIGN.VALID_FROM.le(at)))
                .and(STAMPER_CAMPAIGN.VALID_TO.isNull().or(STAMPER_CAMPAIGN.VALID_TO.ge(at)))
                .orderBy(STAMPER_CAMPAIGN.POSITION, STAMPER_CAMPAIGN.ID)
                .fetch(c -> campaign(c.getId(), c.getStampCount(), c.getCountOfCampaignRepetitions(),
                        c.getRewardId()));
    }

    /** The campaign whatever its validity (a cancellation repacks cards of a campaign that has ended). */
    Campaign campaign(String id) {
        var c = dsl.selectFrom(STAMPER_CAMPAIGN).where(STAMPER_CAMPAIGN.ID.eq(id)).fetchSingle();
        return campaign(c.getId(), c.getStampCount(), c.getCountOfCampaignRepetitions(), c.getRewardId());
    }

    private Campaign campaign(String id, int stampCount, Integer repetitions, String rewardId) {
        List<Condition> conditions = dsl.selectFrom(STAMPER_CONDITION)
                .where(STAMPER_CONDITION.STAMPER_CAMPAIGN_ID.eq(id)).and(STAMPER_CONDITION.STATE.eq(1))
                .orderBy(STAMPER_CONDITION.POSITION, STAMPER_CONDITION.ID)
                .fetch(r -> new Condition(r.getId(), split(r.getProductIds()), split(r.getProductGroupIds()),
                        split(r.getBrandIds()), r.getItemCount(), r.getMinItemValue()));
        List<Checkpoint> checkpoints = dsl.selectFrom(STAMPER_CHECKPOINT)
                .where(STAMPER_CHECKPOINT.STAMPER_CAMPAIGN_ID.eq(id)).and(STAMPER_CHECKPOINT.STATE.eq(1))
                .orderBy(STAMPER_CHECKPOINT.STAMP_NUMBER, STAMPER_CHECKPOINT.ID)
                .fetch(r -> new Checkpoint(r.getId(), r.getStampNumber(), r.getRewardId()));
        return new Campaign(id, stampCount, repetitions, rewardId, conditions, checkpoints);
    }

    private static Set<String> split(String joined) {
        return joined == null || joined.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(joined.split(",")));
    }

    /** The customer's cards of the campaign, locked until the transaction ends, in card order. */
    List<StamperCardRecord> lockCards(String campaignId, String customerId) {
        return dsl.selectFrom(STAMPER_CARD).where(STAMPER_CARD.STAMPER_CAMPAIGN_ID.eq(campaignId))
                .and(STAMPER_CARD.CUSTOMER_ID.eq(customerId)).orderBy(STAMPER_CARD.STAMPER_CARD_ORDER).forUpdate()
                .fetch();
    }

    StamperCardRecord newCard() {
        return dsl.newRecord(STAMPER_CARD);
    }

    void deleteCard(String cardId) {
        dsl.deleteFrom(STAMPER_CARD_CHECKPOINT).where(STAMPER_CARD_CHECKPOINT.STAMPER_CARD_ID.eq(cardId)).execute();
        dsl.deleteFrom(STAMPER_CARD).where(STAMPER_CARD.ID.eq(cardId)).execute();
    }

    /** The active stamps of the customer in the campaign: id, card, order, in collection order. */
    List<org.jooq.Record3<String, String, Integer>> activeStamps(String campaignId, String customerId) {
        return dsl.select(STAMPER_STAMP.ID, STAMPER_STAMP.STAMPER_CARD_ID, STAMPER_STAMP.STAMP_ORDER)
                .from(STAMPER_STAMP).where(STAMPER_STAMP.STAMPER_CAMPAIGN_ID.eq(campaignId))
                .and(STAMPER_STAMP.CUSTOMER_ID.eq(customerId)).and(STAMPER_STAMP.STATE.eq(1))
                .orderBy(STAMPER_STAMP.SEQUENCE_NUMBER).fetch();
    }

    long lastSequence(String campaignId, String customerId) {
        Long last = dsl.select(DSL.max(STAMPER_STAMP.SEQUENCE_NUMBER)).from(STAMPER_STAMP)
                .where(STAMPER_STAMP.STAMPER_CAMPAIGN_ID.eq(campaignId)).and(STAMPER_STAMP.CUSTOMER_ID.eq(customerId))
                .fetchOne(0, Long.class);
        return last == null ? 0 : last;
    }

    boolean purchaseStamped(String purchaseId, String customerId) {
        return dsl.fetchExists(STAMPER_STAMP, STAMPER_STAMP.PURCHASE_ID.eq(purchaseId)
                .and(STAMPER_STAMP.CUSTOMER_ID.eq(customerId)));
    }

    void insertStamp(String id, String campaignId, String customerId, String purchaseId, String conditionId,
                     long sequence, OffsetDateTime at) {
        dsl.insertInto(STAMPER_STAMP).set(STAMPER_STAMP.ID, id).set(STAMPER_STAMP.STAMPER_CAMPAIGN_ID, campaignId)
                .set(STAMPER_STAMP.CUSTOMER_ID, customerId).set(STAMPER_STAMP.PURCHASE_ID, purchaseId)
                .set(STAMPER_STAMP.STAMPER_CONDITION_ID, conditionId).set(STAMPER_STAMP.SEQUENCE_NUMBER, sequence)
                .set(STAMPER_STAMP.STATE, 1).set(STAMPER_STAMP.CREATED_AT, at).set(STAMPER_STAMP.LAST_CHANGE, at)
                .execute();
    }

    void place(String stampId, String cardId, int order, OffsetDateTime now) {
        dsl.update(STAMPER_STAMP).set(STAMPER_STAMP.STAMPER_CARD_ID, cardId).set(STAMPER_STAMP.STAMP_ORDER, order)
                .set(STAMPER_STAMP.LAST_CHANGE, now).where(STAMPER_STAMP.ID.eq(stampId)).execute();
    }

    /** The (customer, campaign) pairs whose active stamps the purchase added. */
    List<org.jooq.Record2<String, String>> stampedBy(String purchaseId) {
        return dsl.selectDistinct(STAMPER_STAMP.CUSTOMER_ID, STAMPER_STAMP.STAMPER_CAMPAIGN_ID).from(STAMPER_STAMP)
                .where(STAMPER_STAMP.PURCHASE_ID.eq(purchaseId)).and(STAMPER_STAMP.STATE.eq(1))
                .orderBy(STAMPER_STAMP.CUSTOMER_ID, STAMPER_STAMP.STAMPER_CAMPAIGN_ID).fetch();
    }

    /** The purchase's active stamps: campaign, condition and how many, in that order. */
    List<org.jooq.Record3<String, String, Integer>> stampsOf(String purchaseId) {
        return dsl.select(STAMPER_STAMP.STAMPER_CAMPAIGN_ID, STAMPER_STAMP.STAMPER_CONDITION_ID, DSL.count())
                .from(STAMPER_STAMP).where(STAMPER_STAMP.PURCHASE_ID.eq(purchaseId)).and(STAMPER_STAMP.STATE.eq(1))
                .groupBy(STAMPER_STAMP.STAMPER_CAMPAIGN_ID, STAMPER_STAMP.STAMPER_CONDITION_ID)
                .orderBy(STAMPER_STAMP.STAMPER_CAMPAIGN_ID, STAMPER_STAMP.STAMPER_CONDITION_ID).fetch();
    }

    /** Deletes (state 0, off any card) the purchase's stamps of the customer in the campaign. */
    int removeStamps(String purchaseId, String customerId, String campaignId, OffsetDateTime now) {
        return dsl.update(STAMPER_STAMP).set(STAMPER_STAMP.STATE, 0)
                .set(STAMPER_STAMP.STAMPER_CARD_ID, (String) null).set(STAMPER_STAMP.STAMP_ORDER, (Integer) null)
                .set(STAMPER_STAMP.LAST_CHANGE, now)
                .where(STAMPER_STAMP.PURCHASE_ID.eq(purchaseId)).and(STAMPER_STAMP.CUSTOMER_ID.eq(customerId))
                .and(STAMPER_STAMP.STAMPER_CAMPAIGN_ID.eq(campaignId)).and(STAMPER_STAMP.STATE.eq(1)).execute();
    }

    Set<String> reachedCheckpoints(String cardId) {
        return dsl.select(STAMPER_CARD_CHECKPOINT.STAMPER_CHECKPOINT_ID).from(STAMPER_CARD_CHECKPOINT)
                .where(STAMPER_CARD_CHECKPOINT.STAMPER_CARD_ID.eq(cardId))
                .fetchSet(STAMPER_CARD_CHECKPOINT.STAMPER_CHECKPOINT_ID);
    }

    void reach(String cardId, String checkpointId, OffsetDateTime now) {
        dsl.insertInto(STAMPER_CARD_CHECKPOINT).set(STAMPER_CARD_CHECKPOINT.STAMPER_CARD_ID, cardId)
                .set(STAMPER_CARD_CHECKPOINT.STAMPER_CHECKPOINT_ID, checkpointId)
                .set(STAMPER_CARD_CHECKPOINT.REACHED_AT, now).execute();
    }

    void unreach(String cardId, String checkpointId) {
        dsl.deleteFrom(STAMPER_CARD_CHECKPOINT).where(STAMPER_CARD_CHECKPOINT.STAMPER_CARD_ID.eq(cardId))
                .and(STAMPER_CARD_CHECKPOINT.STAMPER_CHECKPOINT_ID.eq(checkpointId)).execute();
    }
}
