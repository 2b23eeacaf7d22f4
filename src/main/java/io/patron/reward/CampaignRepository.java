package io.patron.reward;

import static io.patron.db.Tables.CAMPAIGN;
import static io.patron.db.Tables.CAMPAIGN_PRODUCT;
import static io.patron.db.Tables.CAMPAIGN_PRODUCT_STORE;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.db.tables.records.CampaignProductRecord;
import io.patron.db.tables.records.CampaignRecord;

/** SQL of campaigns, campaign products and their stores. */
@Repository
class CampaignRepository {

    private final DSLContext dsl;

    CampaignRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    CampaignRecord newCampaign() {
        return dsl.newRecord(CAMPAIGN);
    }

    CampaignProductRecord newCampaignProduct() {
        return dsl.newRecord(CAMPAIGN_PRODUCT);
    }

    /**
     * Whether the campaign exists (not deleted), locking its row while a record naming it is written. The lock also
     * keeps H2 from answering from a result it reused before an insert of the same transaction.
     */
    boolean campaignExists(String id) {
        return dsl.select(CAMPAIGN.ID).from(CAMPAIGN).where(CAMPAIGN.ID.eq(id)).and(CAMPAIGN.STATE.ne(0))
                .forUpdate().fetchOptional().isPresent();
    }

    /** Locks the campaign product's row (store records of one product are added one at a time). */
    boolean lockCampaignProduct(String id) {
        return dsl.select(CAMPAIGN_PRODUCT.ID).from(CAMPAIGN_PRODUCT).where(CAMPAIGN_PRODUCT.ID.eq(id)).forUpdate()
                .fetchOptional().isPresent();
    }

    boolean storeRecordExists(String campaignProductId, String storeId) {
        return dsl.fetchExists(CAMPAIGN_PRODUCT_STORE, CAMPAIGN_PRODUCT_STORE.CAMPAIGN_PRODUCT_ID.eq(campaignProductId)
                .and(CAMPAIGN_PRODUCT_STORE.STORE_ID.eq(storeId)));
    }

    void insertStoreRecord(String id, String campaignProductId, String storeId, OffsetDateTime now) {
        dsl.insertInto(CAMPAIGN_PRODUCT_STORE).set(CAMPAIGN_PRODUCT_STORE.ID, id)
                .set(CAMPAIGN_PRODUCT_STORE.CAMPAIGN_PRODUCT_ID, campaignProductId)
                .set(CAMPAIGN_PRODUCT_STORE.STORE_ID, storeId).set(CAMPAIGN_PRODUCT_STORE.CREATED_AT, now).execute();
        dsl.update(CAMPAIGN_PRODUCT).set(CAMPAIGN_PRODUCT.LAST_CHANGE, now)
                .where(CAMPAIGN_PRODUCT.ID.eq(campaignProductId)).execute();
    }

    /** One campaign price that may apply at a checkout. */
    record Candidate(String id, String productId, String currencyId, java.math.BigDecimal value, int valueTypeId,
                     String typeId, String name) {
    }

    /**
     * The active campaign products of active campaigns for these products, valid at {@code at}, for the store (none
     * listed or this one) and shown at the cash desk (or with no display place), in id order.
     */
    List<Candidate> candidates(Collection<String> productIds, String storeId, OffsetDateTime at) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        Condition shown = CAMPAIGN_PRODUCT.DISPLAY_IN.isNull().or(CAMPAIGN_PRODUCT.DISPLAY_IN.eq(""))
                .or(DSL.concat(DSL.val(","), CAMPAIGN_PRODUCT.DISPLAY_IN, DSL.val(",")).contains(",cash desk,"));
        return dsl.select(CAMPAIGN_PRODUCT.ID, CAMPAIGN_PRODUCT.PRODUCT_ID, CAMPAIGN_PRODUCT.CURRENCY_ID,
                        CAMPAIGN_PRODUCT.CAMPAIGN_VALUE, CAMPAIGN_PRODUCT.VALUE_TYPE_ID, CAMPAIGN_PRODUCT.TYPE_ID,
                        CAMPAIGN_PRODUCT.NAME)
                .from(CAMPAIGN_PRODUCT).join(CAMPAIGN).on(CAMPAIGN.ID.eq(CAMPAIGN_PRODUCT.CAMPAIGN_ID))
                .where(CAMPAIGN_PRODUCT.PRODUCT_ID.in(productIds))
                .and(CAMPAIGN_PRODUCT.STATE.eq(1)).and(CAMPAIGN.STATE.eq(1))
                .and(CAMPAIGN_PRODUCT.VALID_FROM.le(at)).and(CAMPAIGN_PRODUCT.VALID_TO.ge(at))
                .and(shown)
                .and(storeId == null ? DSL.notExists(DSL.selectOne().from(CAMPAIGN_PRODUCT_STORE)
                        .where(CAMPAIGN_PRODUCT_STORE.CAMPAIGN_PRODUCT_ID.eq(CAMPAIGN_PRODUCT.ID)))
                        : CampaignQueries.storeCondition(storeId))
                .orderBy(CAMPAIGN_PRODUCT.ID)
                .fetch(r -> new Candidate(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7()));
    }
}
