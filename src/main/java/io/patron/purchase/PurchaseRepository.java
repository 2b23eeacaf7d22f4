package io.patron.purchase;

import static io.patron.db.Tables.EARNING_MULTIPLIER;
import static io.patron.db.Tables.EARNING_RULE;
import static io.patron.db.Tables.PURCHASE;
import static io.patron.db.Tables.PURCHASE_BENEFIT;
import static io.patron.db.Tables.PURCHASE_EARNING;
import static io.patron.db.Tables.PURCHASE_ITEM;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.common.BulkSql;
import io.patron.common.Ids;
import io.patron.reference.ReferenceCache;
import io.patron.db.tables.records.EarningRuleRecord;
import io.patron.db.tables.records.PurchaseBenefitRecord;
import io.patron.db.tables.records.PurchaseItemRecord;
import io.patron.db.tables.records.PurchaseRecord;

/** SQL of purchases, their items, benefits and earnings, and of the earning rules. */
@Repository
class PurchaseRepository {

    private final DSLContext dsl;
    private final ReferenceCache cache;

    PurchaseRepository(DSLContext dsl, ReferenceCache cache) {
        this.dsl = dsl;
        this.cache = cache;
    }

    boolean billIdExists(String billId) {
        return dsl.fetchExists(PURCHASE, PURCHASE.BILL_ID.eq(billId));
    }

    Optional<PurchaseRecord> byBillId(String billId) {
        return dsl.selectFrom(PURCHASE).where(PURCHASE.BILL_ID.eq(billId)).fetchOptional();
    }

    Optional<PurchaseRecord> byId(String id) {
        return dsl.selectFrom(PURCHASE).where(PURCHASE.ID.eq(id)).fetchOptional();
    }

    Optional<PurchaseRecord> cancellationOf(String purchaseId) {
        return dsl.selectFrom(PURCHASE).where(PURCHASE.CANCELS_ID.eq(purchaseId)).fetchOptional();
    }

    void insert(PurchaseRecord purchase) {
        dsl.executeInsert(purchase);
    }

    PurchaseRecord newPurchase() {
        return dsl.newRecord(PURCHASE);
    }

    PurchaseItemRecord newItem() {
        return dsl.newRecord(PURCHASE_ITEM);
    }

    /** The items in one statement (one audit row on PostgreSQL). */
    void insertItems(List<PurchaseItemRecord> items) {
        BulkSql.insert(dsl, items);
    }

    List<PurchaseItemRecord> items(String purchaseId) {
        return dsl.selectFrom(PURCHASE_ITEM).where(PURCHASE_ITEM.PURCHASE_ID.eq(purchaseId))
                .orderBy(PURCHASE_ITEM.POSITION).fetch();
    }

    /** A benefit row of a purchase, for {@link #insertBenefits}. */
    PurchaseBenefitRecord newBenefit(String purchaseId, int position, String kind, String code, String name,
                                     String rewardId, String voucherId, String billItemId, BigDecimal discount,
                                     BigDecimal percent) {
        PurchaseBenefitRecord r = dsl.newRecord(PURCHASE_BENEFIT);
        r.setId(Ids.newId());
        r.setPurchaseId(purchaseId);
        r.setPosition(position);
        r.setKind(kind);
        r.setCode(code);
        r.setName(name);
        r.setRewardId(rewardId);
        r.setVoucherId(voucherId);
        r.setBillItemId(billItemId);
        r.setDiscount(discount);
        r.setPercent(percent);
        return r;
    }

    /** The benefits in one statement (one audit row on PostgreSQL). */
    void insertBenefits(List<PurchaseBenefitRecord> benefits) {
        BulkSql.insert(dsl, benefits);
    }

    /** The distinct vouchers a purchase used, in the order it applied them. */
    List<String> voucherIds(String purchaseId) {
        return dsl.select(PURCHASE_BENEFIT.VOUCHER_ID, DSL.min(PURCHASE_BENEFIT.POSITION)).from(PURCHASE_BENEFIT)
                .where(PURCHASE_BENEFIT.PURCHASE_ID.eq(purchaseId)).and(PURCHASE_BENEFIT.VOUCHER_ID.isNotNull())
                .groupBy(PURCHASE_BENEFIT.VOUCHER_ID).orderBy(DSL.min(PURCHASE_BENEFIT.POSITION))
                .fetch(PURCHASE_BENEFIT.VOUCHER_ID);
    }

    void insertEarning(String purchaseId, String customerId, String pointTypeId, String lotId, BigDecimal amount,
                       OffsetDateTime now) {
        dsl.insertInto(PURCHASE_EARNING).set(PURCHASE_EARNING.ID, Ids.newId())
                .set(PURCHASE_EARNING.PURCHASE_ID, purchaseId).set(PURCHASE_EARNING.CUSTOMER_ID, customerId)
                .set(PURCHASE_EARNING.POINT_TYPE_ID, pointTypeId).set(PURCHASE_EARNING.LOT_ID, lotId)
                .set(PURCHASE_EARNING.AMOUNT, amount).set(PURCHASE_EARNING.CREATED_AT, now).execute();
    }

    /** The lots a purchase earned: lot id and amount. */
    List<org.jooq.Record2<String, BigDecimal>> earnings(String purchaseId) {
        return dsl.select(PURCHASE_EARNING.LOT_ID, PURCHASE_EARNING.AMOUNT).from(PURCHASE_EARNING)
                .where(PURCHASE_EARNING.PURCHASE_ID.eq(purchaseId)).orderBy(PURCHASE_EARNING.ID).fetch();
    }

    BigDecimal earnedTotal(String purchaseId) {
        BigDecimal sum = dsl.select(DSL.sum(PURCHASE_EARNING.AMOUNT)).from(PURCHASE_EARNING)
                .where(PURCHASE_EARNING.PURCHASE_ID.eq(purchaseId)).fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    List<String> earnedLotIds(String purchaseId) {
        return dsl.select(PURCHASE_EARNING.LOT_ID).from(PURCHASE_EARNING)
                .where(PURCHASE_EARNING.PURCHASE_ID.eq(purchaseId)).fetch(PURCHASE_EARNING.LOT_ID);
    }

    void setCustomer(String purchaseId, String customerId, OffsetDateTime now) {
        dsl.update(PURCHASE).set(PURCHASE.CUSTOMER_ID, customerId).set(PURCHASE.LAST_CHANGE, now)
                .where(PURCHASE.ID.eq(purchaseId)).execute();
    }

    void markEarned(String purchaseId, OffsetDateTime now) {
        dsl.update(PURCHASE).set(PURCHASE.POINTS_EARNED, true).set(PURCHASE.LAST_CHANGE, now)
                .where(PURCHASE.ID.eq(purchaseId)).execute();
    }

    /** Turnover of a customer by currency: originals plus, negated, their cancellations, in {@code [from, to)}. */
    List<org.jooq.Record2<String, BigDecimal>> turnover(String customerId, OffsetDateTime from, OffsetDateTime to) {
        var signed = DSL.when(PURCHASE.CANCELED.isTrue(), PURCHASE.TOTAL_PRICE.neg()).otherwise(PURCHASE.TOTAL_PRICE);
        var where = PURCHASE.CUSTOMER_ID.eq(customerId);
        if (from != null) {
            where = where.and(PURCHASE.PAYMENT_TIME.ge(from));
        }
        if (to != null) {
            where = where.and(PURCHASE.PAYMENT_TIME.lt(to));
        }
        return dsl.select(PURCHASE.CURRENCY_ID, DSL.sum(signed)).from(PURCHASE).where(where)
                .groupBy(PURCHASE.CURRENCY_ID).fetch();
    }

    // --- earning rules --------------------------------------------------------------------------

    /** The earning rules of a currency (project configuration, so from memory; the records are read only). */
    List<EarningRuleRecord> rules(String currencyId) {
        return cache.get("purchase:earning-rules:" + currencyId, () -> List.copyOf(dsl.selectFrom(EARNING_RULE)
                .where(EARNING_RULE.CURRENCY_ID.eq(currencyId)).orderBy(EARNING_RULE.POINT_TYPE_ID).fetch()));
    }

    /** The multipliers of a rule by "kind:target id" (project configuration, from memory). */
    java.util.Map<String, BigDecimal> multipliers(String ruleId) {
        return cache.get("purchase:earning-multipliers:" + ruleId, () -> {
            java.util.Map<String, BigDecimal> out = new java.util.LinkedHashMap<>();
            dsl.selectFrom(EARNING_MULTIPLIER).where(EARNING_MULTIPLIER.RULE_ID.eq(ruleId))
                    .orderBy(EARNING_MULTIPLIER.ID)
                    .forEach(m -> out.put(m.getTargetKind() + ":" + m.getTargetId(), m.getMultiplier()));
            return java.util.Collections.unmodifiableMap(out);
        });
    }

    void putRule(String id, String pointTypeId, String currencyId, BigDecimal perUnit, String rounding,
                 BigDecimal minPointsPayment, OffsetDateTime now) {
        int updated = dsl.update(EARNING_RULE).set(EARNING_RULE.POINTS_PER_UNIT, perUnit)
                .set(EARNING_RULE.ROUNDING, rounding).set(EARNING_RULE.MIN_POINTS_PAYMENT_PURCHASE, minPointsPayment)
                .set(EARNING_RULE.LAST_CHANGE, now).where(EARNING_RULE.ID.eq(id)).execute();
        if (updated == 0) {
            dsl.insertInto(EARNING_RULE).set(EARNING_RULE.ID, id).set(EARNING_RULE.POINT_TYPE_ID, pointTypeId)
                    .set(EARNING_RULE.CURRENCY_ID, currencyId).set(EARNING_RULE.POINTS_PER_UNIT, perUnit)
                    .set(EARNING_RULE.ROUNDING, rounding)
                    .set(EARNING_RULE.MIN_POINTS_PAYMENT_PURCHASE, minPointsPayment)
                    .set(EARNING_RULE.LAST_CHANGE, now).execute();
        }
        dsl.deleteFrom(EARNING_MULTIPLIER).where(EARNING_MULTIPLIER.RULE_ID.eq(id)).execute();
    }

    void putMultiplier(String ruleId, String kind, String targetId, BigDecimal multiplier) {
        dsl.insertInto(EARNING_MULTIPLIER).set(EARNING_MULTIPLIER.ID, Ids.stable("earning_multiplier",
                        ruleId + ":" + kind + ":" + targetId)).set(EARNING_MULTIPLIER.RULE_ID, ruleId)
                .set(EARNING_MULTIPLIER.TARGET_KIND, kind).set(EARNING_MULTIPLIER.TARGET_ID, targetId)
                .set(EARNING_MULTIPLIER.MULTIPLIER, multiplier).execute();
    }
}
