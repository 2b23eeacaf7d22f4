package io.patron.reward;

import static io.patron.db.Tables.REWARD;
import static io.patron.db.Tables.REWARD_CUSTOMER_TYPE;
import static io.patron.db.Tables.REWARD_RELATION;
import static io.patron.db.Tables.REWARD_RELATION_TARGET;
import static io.patron.db.Tables.REWARD_SEGMENT;
import static io.patron.db.Tables.REWARD_SETTING;
import static io.patron.db.Tables.REWARD_STORE;
import static io.patron.db.Tables.REWARD_TAG_RECORD;
import static io.patron.db.Tables.REWARD_TYPE;
import static io.patron.db.Tables.REWARD_USE;
import static io.patron.db.Tables.VOUCHER;
import static io.patron.db.Tables.VOUCHER_HOLD;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.common.BulkSql;
import io.patron.common.Ids;
import io.patron.db.tables.records.RewardUseRecord;

/** The SQL of rewards, their relations, vouchers and uses. */
@Repository
class RewardRepository {

    /** A reward as the rules and the voucher writes need it. */
    record RewardRow(String id, String code, int group, String typeId, String behaviour, BigDecimal typeValue,
                     BigDecimal pointsCost, int priority, boolean automated, boolean portable, LocalDate validFrom,
                     LocalDate validTo, LocalTime timeFrom, LocalTime timeTo, String voucherValidity,
                     String voucherValidityValue, String codeGeneration, String partnerId,
                     BigDecimal minimumPurchase, BigDecimal maximumDiscount, Integer limitTotal,
                     Integer limitPerCustomer, Integer maxVouchersPerPurchase, int state) {

        boolean giftCard() {
            return RewardRules.Behaviour.GIFT_CARD.code.equals(behaviour);
        }
    }

    /** A voucher as its writes need it. */
    record VoucherRow(String id, String code, String rewardId, String customerId, String storeId,
                      BigDecimal voucherValue, BigDecimal customValue, BigDecimal originalBalance, BigDecimal balance,
                      OffsetDateTime appliedAt, OffsetDateTime validFrom, OffsetDateTime validTo, String note,
                      String redemptionId, String source, int state, boolean held) {

        /** Used, or held for an open reservation ({@link VoucherHolds}): not spendable either way. */
        boolean used() {
            return appliedAt != null || held;
        }
    }

    /** One relation row with its targets. */
    record RelationRow(int relation, String relatedTo, Integer count, BigDecimal minPrice, BigDecimal maxPrice,
                       Set<String> targets) {
    }

    private final DSLContext dsl;

    RewardRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // --- rewards ---------------------------------------------------------------------------------

    private org.jooq.SelectOnConditionStep<Record> rewards(org.jooq.SelectField<?>... more) {
        return dsl.select(REWARD.fields()).select(REWARD_TYPE.BEHAVIOUR).select(more).from(REWARD)
                .join(REWARD_TYPE).on(REWARD_TYPE.ID.eq(REWARD.REWARD_TYPE_ID));
    }

    private static RewardRow reward(Record r) {
        return new RewardRow(r.get(REWARD.ID), r.get(REWARD.CODE), r.get(REWARD.REWARD_GROUP),
                r.get(REWARD.REWARD_TYPE_ID), r.get(REWARD_TYPE.BEHAVIOUR), r.get(REWARD.TYPE_VALUE),
                r.get(REWARD.POINTS_COST), r.get(REWARD.PRIORITY), r.get(REWARD.IS_AUTOMATED),
                r.get(REWARD.IS_PORTABLE), r.get(REWARD.VALID_FROM), r.get(REWARD.VALID_TO),
                r.get(REWARD.VALID_TIME_FROM), r.get(REWARD.VALID_TIME_TO), r.get(REWARD.VOUCHER_VALIDITY),
                r.get(REWARD.VOUCHER_VALIDITY_VALUE), r.get(REWARD.CODE_GENERATION), r.get(REWARD.PARTNER_ID),
                r.get(REWARD.MINIMUM_PURCHASE_VALUE), r.get(REWARD.MAXIMUM_DISCOUNT_VALUE), r.get(REWARD.LIMIT_TOTAL),
                r.get(REWARD.LIMIT_PER_CUSTOMER), r.get(REWARD.MAX_VOUCHERS_PER_PURCHASE), r.get(REWARD.STATE));
    }

    Optional<RewardRow> reward(String id) {
        return rewards().where(REWARD.ID.eq(id)).fetchOptional(RewardRepository::reward);
    }

    /** The reward with this code and its name in the language (as {@link #names} gives it). */
    Optional<Named> rewardByCode(String code, io.patron.api.Language language) {
        return named(REWARD.CODE.eq(code), language);
    }

    private Optional<Named> named(org.jooq.Condition where, io.patron.api.Language language) {
        org.jooq.Field<String> name = name(language);
        return rewards(name).where(where).fetchOptional(r -> new Named(reward(r), orEmpty(r.get(name))));
    }

    private static org.jooq.Field<String> name(io.patron.api.Language language) {
        return io.patron.api.Translations.text(RewardQueries.REWARD_NAME, REWARD.ID, language).as("reward_name");
    }

    private static String orEmpty(String name) {
        return name == null ? "" : name;
    }

    Optional<RewardRow> rewardByCode(String code) {
        return rewards().where(REWARD.CODE.eq(code)).fetchOptional(RewardRepository::reward);
    }

    Map<String, RewardRow> rewards(Collection<String> ids) {
        Map<String, RewardRow> out = new HashMap<>();
        if (!ids.isEmpty()) {
            rewards().where(REWARD.ID.in(ids)).fetch(RewardRepository::reward).forEach(r -> out.put(r.id(), r));
        }
        return out;
    }

    /** A reward with its name in a language. */
    record Named(RewardRow reward, String name) {
    }

    /** Active automated rewards, by priority (1 first) then id, with their names as {@link #names} gives them. */
    List<Named> automated(io.patron.api.Language language) {
        org.jooq.Field<String> name = name(language);
        return rewards(name).where(REWARD.IS_AUTOMATED.isTrue()).and(REWARD.STATE.eq(1))
                .orderBy(REWARD.PRIORITY, REWARD.ID).fetch(r -> new Named(reward(r), orEmpty(r.get(name))));
    }

    boolean rewardExists(String id) {
        return dsl.fetchExists(REWARD, REWARD.ID.eq(id).and(REWARD.STATE.ne(0)));
    }

    boolean codeTaken(String code) {
        return dsl.fetchExists(REWARD, REWARD.CODE.eq(code)) || dsl.fetchExists(VOUCHER, VOUCHER.CODE.eq(code));
    }

    /** Locks the reward's row until the transaction ends: every use and issue of one reward is serialized. */
    void lockReward(String id) {
        dsl.select(REWARD.ID).from(REWARD).where(REWARD.ID.eq(id)).forUpdate().fetch();
    }

    Optional<String> behaviourOfType(String typeId) {
        return dsl.select(REWARD_TYPE.BEHAVIOUR).from(REWARD_TYPE).where(REWARD_TYPE.ID.eq(typeId))
                .and(REWARD_TYPE.STATE.ne(0)).fetchOptional(REWARD_TYPE.BEHAVIOUR);
    }

    /** The relations of these rewards with their targets, in one query (a relation's targets are its join rows). */
    Map<String, List<RelationRow>> relations(Collection<String> rewardIds) {
        Map<String, List<RelationRow>> out = new LinkedHashMap<>();
        if (rewardIds.isEmpty()) {
            return out;
        }
        RelationRow[] last = {null};
        String[] lastReward = {null};
        dsl.select(REWARD_RELATION.REWARD_ID, REWARD_RELATION.RELATION, REWARD_RELATION.RELATED_TO,
                        REWARD_RELATION.ITEM_COUNT, REWARD_RELATION.MIN_PRICE, REWARD_RELATION.MAX_PRICE,
                        REWARD_RELATION_TARGET.TARGET_ID)
                .from(REWARD_RELATION).leftJoin(REWARD_RELATION_TARGET)
                .on(REWARD_RELATION_TARGET.REWARD_ID.eq(REWARD_RELATION.REWARD_ID))
                .and(REWARD_RELATION_TARGET.RELATION.eq(REWARD_RELATION.RELATION))
                .and(REWARD_RELATION_TARGET.RELATED_TO.eq(REWARD_RELATION.RELATED_TO))
                .where(REWARD_RELATION.REWARD_ID.in(rewardIds))
                .orderBy(REWARD_RELATION.REWARD_ID, REWARD_RELATION.RELATION, REWARD_RELATION.RELATED_TO,
                        REWARD_RELATION_TARGET.TARGET_ID)
                .forEach(r -> {
                    // the rows of one relation follow each other (primary key reward, relation, related_to)
                    if (last[0] == null || !r.value1().equals(lastReward[0]) || last[0].relation() != r.value2()
                            || !last[0].relatedTo().equals(r.value3())) {
                        last[0] = new RelationRow(r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                                new LinkedHashSet<>());
                        lastReward[0] = r.value1();
                        out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(last[0]);
                    }
                    if (r.value7() != null) {
                        last[0].targets().add(r.value7());
                    }
                });
        return out;
    }

    /** The stores, segments and customer types each of these rewards is restricted to (empty: not restricted). */
    record Restrictions(Map<String, Set<String>> stores, Map<String, Set<String>> segments,
                        Map<String, Set<String>> customerTypes) {

        Set<String> stores(String rewardId) {
            return stores.getOrDefault(rewardId, Set.of());
        }

        Set<String> segments(String rewardId) {
            return segments.getOrDefault(rewardId, Set.of());
        }

        Set<String> customerTypes(String rewardId) {
            return customerTypes.getOrDefault(rewardId, Set.of());
        }
    }

    /** What the checkout reads of its rewards besides their rows: {@link #relations} and {@link Restrictions}. */
    record Rules(Map<String, List<RelationRow>> relations, Restrictions restrictions) {
    }

    /**
     * {@link #relations} (with their targets) and the stores, segments and customer types of these rewards, in one
     * query: a union of the five tables, each row tagged with its kind.
     */
    Rules rules(Collection<String> rewardIds) {
        Map<String, List<RelationRow>> relations = new LinkedHashMap<>();
        List<Map<String, Set<String>>> kinds = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        if (rewardIds.isEmpty()) {
            return new Rules(relations, new Restrictions(kinds.get(0), kinds.get(1), kinds.get(2)));
        }
        org.jooq.Field<Integer> kind = DSL.field(DSL.name("kind"), Integer.class);
        org.jooq.Field<String> rewardId = DSL.field(DSL.name("reward_id"), String.class);
        org.jooq.Field<Integer> relation = DSL.field(DSL.name("relation"), Integer.class);
        org.jooq.Field<String> relatedTo = DSL.field(DSL.name("related_to"), String.class);
        org.jooq.Field<String> target = DSL.field(DSL.name("target_id"), String.class);
        // kind 3: a relation, with one of its targets per row (none: a null target); 0, 1, 2: restrictions
        var union = dsl.select(DSL.inline(RELATION_KIND).as(kind), REWARD_RELATION.REWARD_ID.as(rewardId),
                        REWARD_RELATION.RELATION.as(relation), REWARD_RELATION.RELATED_TO.as(relatedTo),
                        REWARD_RELATION.ITEM_COUNT, REWARD_RELATION.MIN_PRICE, REWARD_RELATION.MAX_PRICE,
                        REWARD_RELATION_TARGET.TARGET_ID.as(target))
                .from(REWARD_RELATION).leftJoin(REWARD_RELATION_TARGET)
                .on(REWARD_RELATION_TARGET.REWARD_ID.eq(REWARD_RELATION.REWARD_ID))
                .and(REWARD_RELATION_TARGET.RELATION.eq(REWARD_RELATION.RELATION))
                .and(REWARD_RELATION_TARGET.RELATED_TO.eq(REWARD_RELATION.RELATED_TO))
                .where(REWARD_RELATION.REWARD_ID.in(rewardIds))
                .unionAll(restriction(0, REWARD_STORE, REWARD_STORE.REWARD_ID, REWARD_STORE.STORE_ID, rewardIds))
                .unionAll(restriction(1, REWARD_SEGMENT, REWARD_SEGMENT.REWARD_ID, REWARD_SEGMENT.SEGMENT_ID,
                        rewardIds))
                .unionAll(restriction(2, REWARD_CUSTOMER_TYPE, REWARD_CUSTOMER_TYPE.REWARD_ID,
                        REWARD_CUSTOMER_TYPE.CUSTOMER_TYPE_ID, rewardIds))
                .orderBy(kind, rewardId, relation, relatedTo, target);
        RelationRow[] last = {null};
        String[] lastReward = {null};
        for (var r : union.fetch()) {
            int k = r.value1();
            if (k != RELATION_KIND) {
                kinds.get(k).computeIfAbsent(r.value2(), x -> new LinkedHashSet<>()).add(r.value8());
                continue;
            }
            // the rows of one relation follow each other (primary key reward, relation, related_to)
            if (last[0] == null || !r.value2().equals(lastReward[0]) || last[0].relation() != r.value3()
                    || !last[0].relatedTo().equals(r.value4())) {
                last[0] = new RelationRow(r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        new LinkedHashSet<>());
                lastReward[0] = r.value2();
                relations.computeIfAbsent(r.value2(), x -> new ArrayList<>()).add(last[0]);
            }
            if (r.value8() != null) {
                last[0].targets().add(r.value8());
            }
        }
        return new Rules(relations, new Restrictions(kinds.get(0), kinds.get(1), kinds.get(2)));
    }

    private static final int RELATION_KIND = 3;

    /** A restriction's rows shaped as {@link #rules}' union. */
    private org.jooq.Select<org.jooq.Record8<Integer, String, Integer, String, Integer, BigDecimal, BigDecimal, String>>
            restriction(int kind, org.jooq.Table<?> table, org.jooq.Field<String> rewardId,
                        org.jooq.Field<String> value, Collection<String> rewardIds) {
        return dsl.select(DSL.inline(kind), rewardId, DSL.castNull(REWARD_RELATION.RELATION),
                        DSL.castNull(REWARD_RELATION.RELATED_TO), DSL.castNull(REWARD_RELATION.ITEM_COUNT),
                        DSL.castNull(REWARD_RELATION.MIN_PRICE), DSL.castNull(REWARD_RELATION.MAX_PRICE), value)
                .from(table).where(rewardId.in(rewardIds));
    }

    Map<String, Set<String>> stores(Collection<String> rewardIds) {
        return pairs(REWARD_STORE, REWARD_STORE.REWARD_ID, REWARD_STORE.STORE_ID, rewardIds);
    }

    Map<String, Set<String>> segments(Collection<String> rewardIds) {
        return pairs(REWARD_SEGMENT, REWARD_SEGMENT.REWARD_ID, REWARD_SEGMENT.SEGMENT_ID, rewardIds);
    }

    Map<String, Set<String>> customerTypes(Collection<String> rewardIds) {
        return pairs(REWARD_CUSTOMER_TYPE, REWARD_CUSTOMER_TYPE.REWARD_ID, REWARD_CUSTOMER_TYPE.CUSTOMER_TYPE_ID,
                rewardIds);
    }

    /** The customer types some reward is restricted to. */
    Set<String> restrictingCustomerTypes() {
        return dsl.selectDistinct(REWARD_CUSTOMER_TYPE.CUSTOMER_TYPE_ID).from(REWARD_CUSTOMER_TYPE)
                .fetchSet(REWARD_CUSTOMER_TYPE.CUSTOMER_TYPE_ID);
    }

    Map<String, Set<String>> tags(Collection<String> rewardIds) {
        return pairs(REWARD_TAG_RECORD, REWARD_TAG_RECORD.REWARD_ID, REWARD_TAG_RECORD.TAG_ID, rewardIds);
    }

    private Map<String, Set<String>> pairs(org.jooq.Table<?> table, org.jooq.Field<String> key,
                                           org.jooq.Field<String> value, Collection<String> keys) {
        Map<String, Set<String>> out = new HashMap<>();
        if (!keys.isEmpty()) {
            dsl.select(key, value).from(table).where(key.in(keys)).orderBy(key, value)
                    .forEach(r -> out.computeIfAbsent(r.value1(), k -> new LinkedHashSet<>()).add(r.value2()));
        }
        return out;
    }

    /** Which of the ids name reward tags. */
    Set<String> existingTags(Collection<String> ids) {
        return ids.isEmpty() ? Set.of() : dsl.select(io.patron.db.Tables.REWARD_TAG.ID).from(io.patron.db.Tables.REWARD_TAG)
                .where(io.patron.db.Tables.REWARD_TAG.ID.in(ids)).fetchSet(io.patron.db.Tables.REWARD_TAG.ID);
    }

    /** The names of these rewards in the language (falling back as translations do). */
    Map<String, String> names(Collection<String> ids, io.patron.api.Language language) {
        Map<String, String> out = new HashMap<>();
        if (!ids.isEmpty()) {
            org.jooq.Field<String> name = io.patron.api.Translations.text(RewardQueries.REWARD_NAME, REWARD.ID, language);
            dsl.select(REWARD.ID, name).from(REWARD).where(REWARD.ID.in(ids))
                    .forEach(r -> out.put(r.value1(), r.value2() == null ? "" : r.value2()));
        }
        return out;
    }

    /** A translated text of an entity id, or null. */
    String text(String entity, String id, io.patron.api.Language language) {
        return dsl.select(io.patron.api.Translations.text(entity, DSL.inline(id), language)).fetchOne(0, String.class);
    }

    void insertReward(Map<org.jooq.Field<?>, Object> values) {
        dsl.insertInto(REWARD).set(values).execute();
    }

    void updateReward(String id, Map<org.jooq.Field<?>, Object> values) {
        dsl.update(REWARD).set(values).where(REWARD.ID.eq(id)).execute();
    }

    void replaceSet(String rewardId, String what, Collection<String> ids) {
        switch (what) {
            case "store" -> {
                dsl.deleteFrom(REWARD_STORE).where(REWARD_STORE.REWARD_ID.eq(rewardId)).execute();
                ids.forEach(id -> dsl.insertInto(REWARD_STORE).set(REWARD_STORE.REWARD_ID, rewardId)
                        .set(REWARD_STORE.STORE_ID, id).execute());
            }
            case "segment" -> {
                dsl.deleteFrom(REWARD_SEGMENT).where(REWARD_SEGMENT.REWARD_ID.eq(rewardId)).execute();
                ids.forEach(id -> dsl.insertInto(REWARD_SEGMENT).set(REWARD_SEGMENT.REWARD_ID, rewardId)
                        .set(REWARD_SEGMENT.SEGMENT_ID, id).execute());
            }
            case "customer_type" -> {
                dsl.deleteFrom(REWARD_CUSTOMER_TYPE).where(REWARD_CUSTOMER_TYPE.REWARD_ID.eq(rewardId)).execute();
                ids.forEach(id -> dsl.insertInto(REWARD_CUSTOMER_TYPE).set(REWARD_CUSTOMER_TYPE.REWARD_ID, rewardId)
                        .set(REWARD_CUSTOMER_TYPE.CUSTOMER_TYPE_ID, id).execute());
            }
            case "tag" -> {
                dsl.deleteFrom(REWARD_TAG_RECORD).where(REWARD_TAG_RECORD.REWARD_ID.eq(rewardId)).execute();
                ids.forEach(id -> dsl.insertInto(REWARD_TAG_RECORD).set(REWARD_TAG_RECORD.REWARD_ID, rewardId)
                        .set(REWARD_TAG_RECORD.TAG_ID, id).execute());
            }
            default -> throw new IllegalArgumentException(what);
        }
    }

    /** Replaces the relations of the reward: all, or ({@code productsOnly}) those related to products. */
    void replaceRelations(String rewardId, boolean productsOnly, List<RelationRow> relations) {
        dsl.deleteFrom(REWARD_RELATION_TARGET).where(REWARD_RELATION_TARGET.REWARD_ID.eq(rewardId))
                .and(productsOnly ? REWARD_RELATION_TARGET.RELATED_TO.eq("product") : DSL.noCondition()).execute();
        dsl.deleteFrom(REWARD_RELATION).where(REWARD_RELATION.REWARD_ID.eq(rewardId))
                .and(productsOnly ? REWARD_RELATION.RELATED_TO.eq("product") : DSL.noCondition()).execute();
        for (RelationRow r : relations) {
            dsl.insertInto(REWARD_RELATION).set(REWARD_RELATION.REWARD_ID, rewardId)
                    .set(REWARD_RELATION.RELATION, r.relation()).set(REWARD_RELATION.RELATED_TO, r.relatedTo())
                    .set(REWARD_RELATION.ITEM_COUNT, r.count()).set(REWARD_RELATION.MIN_PRICE, r.minPrice())
                    .set(REWARD_RELATION.MAX_PRICE, r.maxPrice()).execute();
            for (String target : r.targets()) {
                dsl.insertInto(REWARD_RELATION_TARGET).set(REWARD_RELATION_TARGET.REWARD_ID, rewardId)
                        .set(REWARD_RELATION_TARGET.RELATION, r.relation())
                        .set(REWARD_RELATION_TARGET.RELATED_TO, r.relatedTo())
                        .set(REWARD_RELATION_TARGET.TARGET_ID, target).execute();
            }
        }
    }

    // --- vouchers --------------------------------------------------------------------------------

    /** Whether the voucher of the row is held ({@link VoucherHolds}), read with the voucher. */
    private static final org.jooq.Field<Boolean> HELD = DSL.field(DSL.exists(DSL.selectOne().from(VOUCHER_HOLD)
            .where(VOUCHER_HOLD.VOUCHER_ID.eq(VOUCHER.ID)))).as("held");

    private org.jooq.SelectJoinStep<Record> vouchers() {
        return dsl.select(VOUCHER.fields()).select(HELD).from(VOUCHER);
    }

    private static VoucherRow voucher(Record r) {
        return new VoucherRow(r.get(VOUCHER.ID), r.get(VOUCHER.CODE), r.get(VOUCHER.REWARD_ID),
                r.get(VOUCHER.CUSTOMER_ID), r.get(VOUCHER.STORE_ID), r.get(VOUCHER.VOUCHER_VALUE),
                r.get(VOUCHER.CUSTOM_VALUE), r.get(VOUCHER.ORIGINAL_BALANCE), r.get(VOUCHER.BALANCE),
                r.get(VOUCHER.APPLIED_AT), r.get(VOUCHER.VALID_FROM), r.get(VOUCHER.VALID_TO), r.get(VOUCHER.NOTE),
                r.get(VOUCHER.REDEMPTION_ID), r.get(VOUCHER.SOURCE), r.get(VOUCHER.STATE),
                Boolean.TRUE.equals(r.get(HELD)));
    }

    /** The customer's vouchers (not deleted) issued under {@code source}, locked to the end of the transaction. */
    List<VoucherRow> lockVouchersBySource(String customerId, String source) {
        return vouchers().where(VOUCHER.CUSTOMER_ID.eq(customerId)).and(VOUCHER.SOURCE.eq(source))
                .and(VOUCHER.STATE.ne(0)).orderBy(VOUCHER.ID).forUpdate().fetch(RewardRepository::voucher);
    }

    Optional<VoucherRow> voucher(String id) {
        return vouchers().where(VOUCHER.ID.eq(id)).fetchOptional(RewardRepository::voucher);
    }

    Optional<VoucherRow> voucherByCode(String code) {
        return vouchers().where(VOUCHER.CODE.eq(code)).fetchOptional(RewardRepository::voucher);
    }

    /** A voucher with its reward (named in a language). */
    record VoucherOfReward(VoucherRow voucher, Named reward) {
    }

    /** The voucher with this code and its reward, in one query. */
    Optional<VoucherOfReward> voucherByCode(String code, io.patron.api.Language language) {
        org.jooq.Field<String> name = name(language);
        return dsl.select(VOUCHER.fields()).select(HELD).select(REWARD.fields()).select(REWARD_TYPE.BEHAVIOUR, name)
                .from(VOUCHER).join(REWARD).on(REWARD.ID.eq(VOUCHER.REWARD_ID))
                .join(REWARD_TYPE).on(REWARD_TYPE.ID.eq(REWARD.REWARD_TYPE_ID))
                .where(VOUCHER.CODE.eq(code))
                .fetchOptional(r -> new VoucherOfReward(voucher(r), new Named(reward(r), orEmpty(r.get(name)))));
    }

    /** The voucher's row, locked until the transaction ends. */
    Optional<VoucherRow> lockVoucher(String id) {
        return vouchers().where(VOUCHER.ID.eq(id)).forUpdate().fetchOptional(RewardRepository::voucher);
    }

    boolean voucherCodeExists(String code) {
        return dsl.fetchExists(VOUCHER, VOUCHER.CODE.eq(code));
    }

    Set<String> existingVoucherCodes(Collection<String> codes) {
        return codes.isEmpty() ? Set.of()
                : dsl.select(VOUCHER.CODE).from(VOUCHER).where(VOUCHER.CODE.in(codes)).fetchSet(VOUCHER.CODE);
    }

    void insertVoucher(Map<org.jooq.Field<?>, Object> values) {
        dsl.insertInto(VOUCHER).set(values).execute();
    }

    void updateVoucher(String id, Map<org.jooq.Field<?>, Object> values) {
        dsl.update(VOUCHER).set(values).where(VOUCHER.ID.eq(id)).execute();
    }

    /** Vouchers of the reward that are not deleted, of one customer or (customerId null) of all. */
    int vouchersIssued(String rewardId, String customerId) {
        return dsl.fetchCount(VOUCHER, VOUCHER.REWARD_ID.eq(rewardId).and(VOUCHER.STATE.ne(0))
                .and(customerId == null ? DSL.noCondition() : VOUCHER.CUSTOMER_ID.eq(customerId)));
    }

    // --- uses ------------------------------------------------------------------------------------

    int uses(String rewardId, String customerId) {
        return dsl.fetchCount(REWARD_USE, REWARD_USE.REWARD_ID.eq(rewardId)
                .and(customerId == null ? DSL.noCondition() : REWARD_USE.CUSTOMER_ID.eq(customerId)));
    }

    void insertUse(String rewardId, String voucherId, String customerId, String purchaseId, BigDecimal amount,
                   OffsetDateTime now) {
        dsl.insertInto(REWARD_USE).set(REWARD_USE.ID, Ids.newId()).set(REWARD_USE.REWARD_ID, rewardId)
                .set(REWARD_USE.VOUCHER_ID, voucherId).set(REWARD_USE.CUSTOMER_ID, customerId)
                .set(REWARD_USE.PURCHASE_ID, purchaseId).set(REWARD_USE.AMOUNT, amount)
                .set(REWARD_USE.CREATED_AT, now).execute();
    }

    /** A use of a reward, for {@link #insertUses}. */
    RewardUseRecord newUse(String rewardId, String voucherId, String customerId, String purchaseId,
                           BigDecimal amount, OffsetDateTime now) {
        RewardUseRecord use = dsl.newRecord(REWARD_USE);
        use.setId(Ids.newId());
        use.setRewardId(rewardId);
        use.setVoucherId(voucherId);
        use.setCustomerId(customerId);
        use.setPurchaseId(purchaseId);
        use.setAmount(amount);
        use.setCreatedAt(now);
        return use;
    }

    /** The uses in one statement (one audit row on PostgreSQL). */
    void insertUses(List<RewardUseRecord> uses) {
        BulkSql.insert(dsl, uses);
    }

    /** The uses a purchase made: (reward, voucher or null, amount), in the order they were made. */
    List<org.jooq.Record4<String, String, String, BigDecimal>> usesOf(String purchaseId) {
        return dsl.select(REWARD_USE.ID, REWARD_USE.REWARD_ID, REWARD_USE.VOUCHER_ID, REWARD_USE.AMOUNT)
                .from(REWARD_USE).where(REWARD_USE.PURCHASE_ID.eq(purchaseId)).orderBy(REWARD_USE.CREATED_AT,
                        REWARD_USE.ID).fetch();
    }

    /** The vouchers a purchase issued (stamper unlocks, catalogue rewards bought at its desk), oldest first. */
    List<String> vouchersIssuedBy(String purchaseId) {
        return dsl.select(VOUCHER.ID).from(VOUCHER).where(VOUCHER.PURCHASE_ID.eq(purchaseId))
                .orderBy(VOUCHER.CREATED_AT, VOUCHER.ID).fetch(VOUCHER.ID);
    }

    void deleteUse(String useId) {
        dsl.deleteFrom(REWARD_USE).where(REWARD_USE.ID.eq(useId)).execute();
    }

    void deleteUsesOfVoucher(String voucherId) {
        dsl.deleteFrom(REWARD_USE).where(REWARD_USE.VOUCHER_ID.eq(voucherId)).execute();
    }

    // --- settings --------------------------------------------------------------------------------

    Optional<String> setting(String name) {
        return dsl.select(REWARD_SETTING.SETTING).from(REWARD_SETTING).where(REWARD_SETTING.NAME.eq(name))
                .fetchOptional(REWARD_SETTING.SETTING);
    }

    void putSetting(String name, String value, OffsetDateTime now) {
        if (dsl.fetchExists(REWARD_SETTING, REWARD_SETTING.NAME.eq(name))) {
            dsl.update(REWARD_SETTING).set(REWARD_SETTING.SETTING, value).set(REWARD_SETTING.LAST_CHANGE, now)
                    .where(REWARD_SETTING.NAME.eq(name)).and(REWARD_SETTING.SETTING.ne(value)).execute();
        } else {
            dsl.insertInto(REWARD_SETTING).set(REWARD_SETTING.NAME, name).set(REWARD_SETTING.SETTING, value)
                    .set(REWARD_SETTING.LAST_CHANGE, now).execute();
        }
    }

    // --- holds -----------------------------------------------------------------------------------

    /** Who holds the voucher, if anyone. */
    Optional<String> holder(String voucherId) {
        return dsl.select(VOUCHER_HOLD.HOLDER_REF).from(VOUCHER_HOLD).where(VOUCHER_HOLD.VOUCHER_ID.eq(voucherId))
                .fetchOptional(VOUCHER_HOLD.HOLDER_REF);
    }

    void insertHold(String voucherId, String holderRef, OffsetDateTime at) {
        dsl.insertInto(VOUCHER_HOLD).set(VOUCHER_HOLD.VOUCHER_ID, voucherId).set(VOUCHER_HOLD.HOLDER_REF, holderRef)
                .set(VOUCHER_HOLD.CREATED_AT, at).execute();
    }

    /** The vouchers the holder holds, by id. */
    List<String> heldBy(String holderRef) {
        return dsl.select(VOUCHER_HOLD.VOUCHER_ID).from(VOUCHER_HOLD).where(VOUCHER_HOLD.HOLDER_REF.eq(holderRef))
                .orderBy(VOUCHER_HOLD.VOUCHER_ID).fetch(VOUCHER_HOLD.VOUCHER_ID);
    }

    void deleteHolds(String holderRef) {
        dsl.deleteFrom(VOUCHER_HOLD).where(VOUCHER_HOLD.HOLDER_REF.eq(holderRef)).execute();
    }
}
