package io.patron.tier;

import static io.patron.db.Tables.POINT_MONEY_VALUE;
import static io.patron.db.Tables.STATUS;
import static io.patron.db.Tables.STATUS_RECORD;
import static io.patron.db.Tables.STATUS_TURNOVER;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.common.Ids;
import io.patron.reference.ReferenceCache;
import io.patron.db.tables.records.StatusRecord;

/** The SQL of statuses, status records and point money values. */
@Repository
class StatusRepository {

    static final String NAME = "status.name";
    static final String DESCRIPTION = "status.description";
    static final int ACTIVE = 1;
    static final int NON_ACTIVE = 2;

    /** A stored status record. */
    record Row(String id, String customerId, String statusId, int assignedBy, int state, OffsetDateTime validFrom,
               OffsetDateTime validTo) {
    }

    private final DSLContext dsl;
    private final ReferenceCache cache;

    StatusRepository(DSLContext dsl, ReferenceCache cache) {
        this.dsl = dsl;
        this.cache = cache;
    }

    // --- definitions -----------------------------------------------------------------------------------------

    Optional<String> idByTextId(String textId) {
        return dsl.select(STATUS.ID).from(STATUS).where(STATUS.TEXT_ID.eq(textId)).fetchOptional(STATUS.ID);
    }

    /** Inserts or updates a status without its links; tells whether anything changed. */
    boolean upsert(Status s, OffsetDateTime now) {
        Optional<Status> current = status(s.id());
        if (current.isPresent() && sameDefinition(current.get(), s)) {
            return false;
        }
        if (current.isEmpty()) {
            dsl.insertInto(STATUS).set(STATUS.ID, s.id()).set(STATUS.TEXT_ID, s.textId())
                    .set(STATUS.POSITION, s.position()).set(STATUS.QUALIFICATION_TYPE, s.qualificationType())
                    .set(STATUS.QUALIFICATION_PERIOD, s.qualificationPeriod())
                    .set(STATUS.QUALIFICATION_POINTS, s.qualificationPoints())
                    .set(STATUS.VALIDITY_MONTHS, s.validityMonths()).set(STATUS.COLLECTION_POINTS, s.collectionPoints())
                    .set(STATUS.PAYMENT_POINTS, s.paymentPoints()).set(STATUS.DISCOUNT, s.discount())
                    .set(STATUS.DISCOUNT_ON_DISCOUNTED, s.discountOnDiscounted()).set(STATUS.LAST_CHANGE, now)
                    .execute();
        } else {
            dsl.update(STATUS).set(STATUS.TEXT_ID, s.textId())
                    .set(STATUS.POSITION, s.position()).set(STATUS.QUALIFICATION_TYPE, s.qualificationType())
                    .set(STATUS.QUALIFICATION_PERIOD, s.qualificationPeriod())
                    .set(STATUS.QUALIFICATION_POINTS, s.qualificationPoints())
                    .set(STATUS.VALIDITY_MONTHS, s.validityMonths()).set(STATUS.COLLECTION_POINTS, s.collectionPoints())
                    .set(STATUS.PAYMENT_POINTS, s.paymentPoints()).set(STATUS.DISCOUNT, s.discount())
                    .set(STATUS.DISCOUNT_ON_DISCOUNTED, s.discountOnDiscounted()).set(STATUS.LAST_CHANGE, now)
                    .where(STATUS.ID.eq(s.id())).execute();
        }
        dsl.deleteFrom(STATUS_TURNOVER).where(STATUS_TURNOVER.STATUS_ID.eq(s.id())).execute();
        s.turnover().forEach((currency, value) -> dsl.insertInto(STATUS_TURNOVER)
                .set(STATUS_TURNOVER.ID, Ids.stable("status_turnover", s.id() + '/' + currency))
                .set(STATUS_TURNOVER.STATUS_ID, s.id()).set(STATUS_TURNOVER.CURRENCY_ID, currency)
                .set(STATUS_TURNOVER.TURNOVER, value).execute());
        return true;
    }

    private static boolean sameDefinition(Status a, Status b) {
        return a.textId().equals(b.textId()) && a.position() == b.position()
                && a.qualificationType() == b.qualificationType()
                && Objects.equals(a.qualificationPeriod(), b.qualificationPeriod())
                && sameAmount(a.qualificationPoints(), b.qualificationPoints())
                && Objects.equals(a.validityMonths(), b.validityMonths())
                && a.collectionPoints() == b.collectionPoints() && a.paymentPoints() == b.paymentPoints()
                && a.discount() == b.discount() && a.discountOnDiscounted() == b.discountOnDiscounted()
                && a.turnover().size() == b.turnover().size()
                && a.turnover().entrySet().stream().allMatch(e -> sameAmount(e.getValue(), b.turnover().get(e.getKey())));
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** Sets the ladder links of a status; tells whether they changed. */
    boolean link(String id, String previousId, String nextId, OffsetDateTime now) {
        return dsl.update(STATUS).set(STATUS.PREVIOUS_STATUS_ID, previousId).set(STATUS.NEXT_STATUS_ID, nextId)
                .set(STATUS.LAST_CHANGE, now)
                .where(STATUS.ID.eq(id))
                .and(STATUS.PREVIOUS_STATUS_ID.isDistinctFrom(previousId).or(STATUS.NEXT_STATUS_ID.isDistinctFrom(nextId)))
                .execute() > 0;
    }

    void touch(String id, OffsetDateTime now) {
        dsl.update(STATUS).set(STATUS.LAST_CHANGE, now).where(STATUS.ID.eq(id)).execute();
    }

    /** A status with its turnover (only the project import writes statuses: from memory, see ReferenceCache). */
    Optional<Status> status(String id) {
        return cache.get("tier:status:" + id, () -> dsl.selectFrom(STATUS).where(STATUS.ID.eq(id)).fetchOptional()
                .map(r -> of(r, java.util.Collections.unmodifiableMap(
                        turnover(List.of(id)).getOrDefault(id, Map.of())))));
    }

    /** Whether the project has any status (project configuration, from memory). */
    boolean anyStatus() {
        return cache.get("tier:any-status", () -> dsl.fetchExists(STATUS));
    }

    /** Every status, lowest of the ladder first. */
    List<Status> statuses() {
        var rows = dsl.selectFrom(STATUS).orderBy(STATUS.POSITION, STATUS.TEXT_ID).fetch();
        Map<String, Map<String, BigDecimal>> turnover = turnover(rows.map(StatusRecord::getId));
        return rows.map(r -> of(r, turnover.getOrDefault(r.getId(), Map.of())));
    }

    /** The qualifying turnover of these statuses: status id to currency id to amount, currencies in id order. */
    Map<String, Map<String, BigDecimal>> turnover(List<String> statusIds) {
        Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
        if (statusIds.isEmpty()) {
            return out;
        }
        dsl.selectFrom(STATUS_TURNOVER).where(STATUS_TURNOVER.STATUS_ID.in(statusIds))
                .orderBy(STATUS_TURNOVER.CURRENCY_ID)
                .forEach(r -> out.computeIfAbsent(r.getStatusId(), k -> new LinkedHashMap<>())
                        .put(r.getCurrencyId(), r.getTurnover()));
        return out;
    }

    private static Status of(StatusRecord r, Map<String, BigDecimal> turnover) {
        return new Status(r.getId(), r.getTextId(), r.getPosition(), r.getQualificationType(),
                r.getQualificationPeriod(), r.getQualificationPoints(), r.getPreviousStatusId(), r.getNextStatusId(),
                r.getValidityMonths(), r.getCollectionPoints(), r.getPaymentPoints(), r.getDiscount(),
                r.getDiscountOnDiscounted(), Map.copyOf(turnover));
    }

    // --- status records ---------------------------------------------------------------------------------------

    /** The customer's active record (at most one), valid now or not. */
    Optional<Row> activeRecord(String customerId) {
        return dsl.selectFrom(STATUS_RECORD).where(STATUS_RECORD.ACTIVE_CUSTOMER_ID.eq(customerId))
                .fetchOptional(StatusRepository::row);
    }

    /** The customers that have (had) a status record. */
    /** True for a customer (given by their id column) who never had a status record. */
    org.jooq.Condition neverHadRecord(org.jooq.Field<String> customerId) {
        return DSL.notExists(DSL.selectOne().from(STATUS_RECORD).where(STATUS_RECORD.CUSTOMER_ID.eq(customerId)));
    }

    Optional<Row> record(String id) {
        return dsl.selectFrom(STATUS_RECORD).where(STATUS_RECORD.ID.eq(id)).fetchOptional(StatusRepository::row);
    }

    void insertRecord(String id, String customerId, String statusId, int assignedBy, OffsetDateTime validFrom,
                      OffsetDateTime validTo, OffsetDateTime now) {
        dsl.insertInto(STATUS_RECORD).set(STATUS_RECORD.ID, id).set(STATUS_RECORD.CUSTOMER_ID, customerId)
                .set(STATUS_RECORD.STATUS_ID, statusId).set(STATUS_RECORD.ASSIGNED_BY, assignedBy)
                .set(STATUS_RECORD.STATE, ACTIVE).set(STATUS_RECORD.ACTIVE_CUSTOMER_ID, customerId)
                .set(STATUS_RECORD.VALID_FROM, validFrom).set(STATUS_RECORD.VALID_TO, validTo)
                .set(STATUS_RECORD.CREATED_AT, now).set(STATUS_RECORD.LAST_CHANGE, now).execute();
    }

    /** Makes an active record non active, valid until {@code validTo}. */
    void deactivate(String id, OffsetDateTime validTo, OffsetDateTime now) {
        dsl.update(STATUS_RECORD).set(STATUS_RECORD.STATE, NON_ACTIVE).setNull(STATUS_RECORD.ACTIVE_CUSTOMER_ID)
                .set(STATUS_RECORD.VALID_TO, validTo).set(STATUS_RECORD.LAST_CHANGE, now)
                .where(STATUS_RECORD.ID.eq(id)).and(STATUS_RECORD.STATE.eq(ACTIVE)).execute();
    }

    /** Active records whose validity ended before {@code now}, oldest end first. */
    List<Row> ended(OffsetDateTime now, int limit) {
        return dsl.selectFrom(STATUS_RECORD).where(STATUS_RECORD.STATE.eq(ACTIVE))
                .and(STATUS_RECORD.VALID_TO.lt(now)).orderBy(STATUS_RECORD.VALID_TO, STATUS_RECORD.ID).limit(limit)
                .fetch(StatusRepository::row);
    }

    private static Row row(io.patron.db.tables.records.StatusRecordRecord r) {
        return new Row(r.getId(), r.getCustomerId(), r.getStatusId(), r.getAssignedBy(), r.getState(), r.getValidFrom(),
                r.getValidTo());
    }

    // --- point money values -----------------------------------------------------------------------------------

    void putMoneyValue(String pointTypeId, String currencyId, BigDecimal value, OffsetDateTime now) {
        int updated = dsl.update(POINT_MONEY_VALUE).set(POINT_MONEY_VALUE.MONEY_VALUE, value)
                .set(POINT_MONEY_VALUE.LAST_CHANGE, now)
                .where(POINT_MONEY_VALUE.POINT_TYPE_ID.eq(pointTypeId)).and(POINT_MONEY_VALUE.CURRENCY_ID.eq(currencyId))
                .and(POINT_MONEY_VALUE.MONEY_VALUE.ne(value)).execute();
        if (updated == 0 && !dsl.fetchExists(POINT_MONEY_VALUE, POINT_MONEY_VALUE.POINT_TYPE_ID.eq(pointTypeId)
                .and(POINT_MONEY_VALUE.CURRENCY_ID.eq(currencyId)))) {
            dsl.insertInto(POINT_MONEY_VALUE).set(POINT_MONEY_VALUE.ID, Ids.stable("point_money_value",
                            pointTypeId + '/' + currencyId))
                    .set(POINT_MONEY_VALUE.POINT_TYPE_ID, pointTypeId).set(POINT_MONEY_VALUE.CURRENCY_ID, currencyId)
                    .set(POINT_MONEY_VALUE.MONEY_VALUE, value).set(POINT_MONEY_VALUE.LAST_CHANGE, now).execute();
        }
    }

    /** What one point of the type is worth, by currency id. */
    /** What a point of the type is worth per currency (project configuration, from memory). */
    Map<String, BigDecimal> moneyValues(String pointTypeId) {
        return cache.get("tier:money-values:" + pointTypeId, () -> java.util.Collections.unmodifiableMap(
                dsl.selectFrom(POINT_MONEY_VALUE).where(POINT_MONEY_VALUE.POINT_TYPE_ID.eq(pointTypeId))
                        .orderBy(POINT_MONEY_VALUE.CURRENCY_ID).fetch().stream()
                        .collect(Collectors.toMap(r -> r.getCurrencyId(), r -> r.getMoneyValue(), (a, b) -> a,
                                LinkedHashMap::new))));
    }
}
