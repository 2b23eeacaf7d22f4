package io.patron.loyalty;

import static io.patron.db.Tables.LOYALTY_BALANCE;
import static io.patron.db.Tables.LOYALTY_DEBT;
import static io.patron.db.Tables.LOYALTY_DRAW;
import static io.patron.db.Tables.LOYALTY_MOVEMENT;
import static io.patron.db.Tables.LOYALTY_RECORD;
import static io.patron.db.Tables.LOYALTY_SETTING;
import static io.patron.db.Tables.LOYALTY_TYPE;
import static io.patron.db.Tables.POINT_RESERVATION;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.common.Ids;
import io.patron.reference.ReferenceCache;

/** The SQL of the ledger: types, records (lots and redemptions), draws, movements, balances, reservations. */
@Repository
class LedgerRepository {

    static final String PENDING = "pending";
    static final String ACTIVE = "active";
    static final String EXPIRED = "expired";
    static final String REDEMPTION = "redemption";
    static final String REVERSED = "reversed";

    /** Entity of the translated point and credit type names. */
    static final String TYPE_NAME = "loyalty_type.name";

    private final DSLContext dsl;
    private final ReferenceCache cache;

    LedgerRepository(DSLContext dsl, ReferenceCache cache) {
        this.dsl = dsl;
        this.cache = cache;
    }

    /**
     * On H2, lets this session wait up to a minute for a row lock (its default gives up after a second or so, far
     * less than a queue of cash desks on one wallet can take); PostgreSQL waits as long as it takes by default.
     */
    void waitPatientlyForLocks() {
        if (dsl.dialect().family() == SQLDialect.H2) {
            dsl.execute("set lock_timeout 60000");
        }
    }

    // --- types and settings ------------------------------------------------------------------

    // Types and settings change only through the project import: read from memory (see ReferenceCache).

    Optional<LoyaltyType> type(LoyaltyType.Kind kind, String id) {
        return type(id).filter(t -> t.kind() == kind);
    }

    Optional<LoyaltyType> type(String id) {
        return allTypes().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    Optional<LoyaltyType> defaultType(LoyaltyType.Kind kind) {
        return types(kind).stream().filter(LoyaltyType::isDefault).findFirst();
    }

    List<LoyaltyType> types(LoyaltyType.Kind kind) {
        return allTypes().stream().filter(t -> t.kind() == kind).toList();
    }

    /** Every point and credit type, by text id (the order {@link #defaultType} picks the default in). */
    List<LoyaltyType> allTypes() {
        return cache.get("loyalty:types", () -> List.copyOf(dsl.selectFrom(LOYALTY_TYPE)
                .orderBy(LOYALTY_TYPE.TEXT_ID, LOYALTY_TYPE.ID).fetch(LoyaltyType::of)));
    }

    Optional<String> typeIdByTextId(LoyaltyType.Kind kind, String textId) {
        return dsl.select(LOYALTY_TYPE.ID).from(LOYALTY_TYPE).where(LOYALTY_TYPE.KIND.eq(kind.code()))
                .and(LOYALTY_TYPE.TEXT_ID.eq(textId)).fetchOptional(LOYALTY_TYPE.ID);
    }

    /** Inserts or updates a type from the project file; true when anything changed. */
    boolean upsertType(LoyaltyType type, OffsetDateTime now) {
        var current = dsl.selectFrom(LOYALTY_TYPE).where(LOYALTY_TYPE.ID.eq(type.id())).fetchOptional(LoyaltyType::of);
        if (current.isEmpty()) {
            dsl.insertInto(LOYALTY_TYPE)
                    .set(LOYALTY_TYPE.ID, type.id()).set(LOYALTY_TYPE.KIND, type.kind().code())
                    .set(LOYALTY_TYPE.TEXT_ID, type.textId()).set(LOYALTY_TYPE.IS_DEFAULT, type.isDefault())
                    .set(LOYALTY_TYPE.EXPIRY_POLICY, type.expiry().code())
                    .set(LOYALTY_TYPE.EXPIRY_PERIOD, type.expiryPeriod())
                    .set(LOYALTY_TYPE.PENDING_DAYS, type.pendingDays()).set(LOYALTY_TYPE.AMOUNT_SCALE, type.scale())
                    .set(LOYALTY_TYPE.LAST_CHANGE, now).execute();
            return true;
        }
        if (current.get().equals(type)) {
            return false;
        }
        dsl.update(LOYALTY_TYPE).set(LOYALTY_TYPE.IS_DEFAULT, type.isDefault())
                .set(LOYALTY_TYPE.EXPIRY_POLICY, type.expiry().code()).set(LOYALTY_TYPE.EXPIRY_PERIOD, type.expiryPeriod())
                .set(LOYALTY_TYPE.PENDING_DAYS, type.pendingDays()).set(LOYALTY_TYPE.AMOUNT_SCALE, type.scale())
                .set(LOYALTY_TYPE.LAST_CHANGE, now).where(LOYALTY_TYPE.ID.eq(type.id())).execute();
        return true;
    }

    void touchType(String id, OffsetDateTime now) {
        dsl.update(LOYALTY_TYPE).set(LOYALTY_TYPE.LAST_CHANGE, now).where(LOYALTY_TYPE.ID.eq(id)).execute();
    }

    /** Makes one type the default of its kind. */
    void makeDefault(LoyaltyType.Kind kind, String id, OffsetDateTime now) {
        dsl.update(LOYALTY_TYPE).set(LOYALTY_TYPE.IS_DEFAULT, LOYALTY_TYPE.ID.eq(id))
                .set(LOYALTY_TYPE.LAST_CHANGE, now)
                .where(LOYALTY_TYPE.KIND.eq(kind.code()))
                .and(LOYALTY_TYPE.IS_DEFAULT.ne(LOYALTY_TYPE.ID.eq(id))).execute();
    }

    Optional<String> setting(String name) {
        return cache.get("loyalty:setting:" + name, () -> dsl.select(LOYALTY_SETTING.SETTING_VALUE)
                .from(LOYALTY_SETTING).where(LOYALTY_SETTING.NAME.eq(name)).fetchOptional(LOYALTY_SETTING.SETTING_VALUE));
    }

    void putSetting(String name, String value, OffsetDateTime now) {
        if (dsl.update(LOYALTY_SETTING).set(LOYALTY_SETTING.SETTING_VALUE, value).set(LOYALTY_SETTING.LAST_CHANGE, now)
                .where(LOYALTY_SETTING.NAME.eq(name)).and(LOYALTY_SETTING.SETTING_VALUE.ne(value)).execute() == 0
                && !dsl.fetchExists(LOYALTY_SETTING, LOYALTY_SETTING.NAME.eq(name))) {
            dsl.insertInto(LOYALTY_SETTING).set(LOYALTY_SETTING.NAME, name).set(LOYALTY_SETTING.SETTING_VALUE, value)
                    .set(LOYALTY_SETTING.LAST_CHANGE, now).execute();
        }
    }

    // --- records, draws, movements, balances --------------------------------------------------

    /** A lot that can give points: its id and available amount. */
    record Source(String id, BigDecimal available, OffsetDateTime validTo, String partnerId) {
    }

    /** Condition of a lot that is spendable at {@code now}: active and not past its end. */
    static Condition spendable(OffsetDateTime now) {
        return LOYALTY_RECORD.PHASE.eq(ACTIVE).and(LOYALTY_RECORD.AVAILABLE.gt(BigDecimal.ZERO))
                .and(LOYALTY_RECORD.VALID_TO.isNull().or(LOYALTY_RECORD.VALID_TO.ge(now)));
    }

    /** The spendable lots of a wallet, in the order they are drawn: earliest expiry, then oldest; no expiry last. */
    List<Source> spendableLots(String customerId, String typeId, String currencyId, OffsetDateTime now) {
        return dsl.select(LOYALTY_RECORD.ID, LOYALTY_RECORD.AVAILABLE, LOYALTY_RECORD.VALID_TO,
                        LOYALTY_RECORD.PARTNER_ID)
                .from(LOYALTY_RECORD)
                .where(LOYALTY_RECORD.CUSTOMER_ID.eq(customerId)).and(LOYALTY_RECORD.TYPE_ID.eq(typeId))
                .and(LOYALTY_RECORD.CURRENCY_ID.eq(currencyId)).and(spendable(now))
                .orderBy(LOYALTY_RECORD.VALID_TO.asc().nullsLast(), LOYALTY_RECORD.CREATED_AT.asc(),
                        LOYALTY_RECORD.ID.asc())
                .fetch(r -> new Source(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    BigDecimal spendableSum(String customerId, String typeId, String currencyId, OffsetDateTime now) {
        BigDecimal sum = dsl.select(DSL.sum(LOYALTY_RECORD.AVAILABLE)).from(LOYALTY_RECORD)
                .where(LOYALTY_RECORD.CUSTOMER_ID.eq(customerId)).and(LOYALTY_RECORD.TYPE_ID.eq(typeId))
                .and(LOYALTY_RECORD.CURRENCY_ID.eq(currencyId)).and(spendable(now))
                .fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    void insertRecord(String id, String customerId, String typeId, String currencyId, String partnerId,
                      String storeId, String phase, BigDecimal assigned, BigDecimal available, OffsetDateTime validTo,
                      OffsetDateTime pendingUntil, String note, OffsetDateTime now) {
        dsl.insertInto(LOYALTY_RECORD)
                .set(LOYALTY_RECORD.ID, id).set(LOYALTY_RECORD.CUSTOMER_ID, customerId)
                .set(LOYALTY_RECORD.TYPE_ID, typeId).set(LOYALTY_RECORD.CURRENCY_ID, currencyId)
                .set(LOYALTY_RECORD.PARTNER_ID, partnerId).set(LOYALTY_RECORD.STORE_ID, storeId)
                .set(LOYALTY_RECORD.PHASE, phase).set(LOYALTY_RECORD.ASSIGNED, assigned)
                .set(LOYALTY_RECORD.AVAILABLE, available).set(LOYALTY_RECORD.VALID_TO, validTo)
                .set(LOYALTY_RECORD.PENDING_UNTIL, pendingUntil).set(LOYALTY_RECORD.NOTE, note)
                .set(LOYALTY_RECORD.CREATED_AT, now).set(LOYALTY_RECORD.LAST_CHANGE, now)
                .execute();
    }

    boolean hasRecords(String customerId) {
        return dsl.fetchExists(LOYALTY_RECORD, LOYALTY_RECORD.CUSTOMER_ID.eq(customerId));
    }

    /** Adds {@code delta} to a lot's available amount (never below zero: the check constraint refuses). */
    void addAvailable(String lotId, BigDecimal delta, OffsetDateTime now) {
        dsl.update(LOYALTY_RECORD).set(LOYALTY_RECORD.AVAILABLE, LOYALTY_RECORD.AVAILABLE.plus(delta))
                .set(LOYALTY_RECORD.LAST_CHANGE, now).where(LOYALTY_RECORD.ID.eq(lotId)).execute();
    }

    void setPhase(String recordId, String phase, BigDecimal available, OffsetDateTime now) {
        dsl.update(LOYALTY_RECORD).set(LOYALTY_RECORD.PHASE, phase).set(LOYALTY_RECORD.AVAILABLE, available)
                .set(LOYALTY_RECORD.LAST_CHANGE, now).where(LOYALTY_RECORD.ID.eq(recordId)).execute();
    }

    /** A record with its type, for reversal and the jobs (locks nothing; callers hold the wallet lock). */
    record Held(String id, String customerId, String typeId, String currencyId, String partnerId, String storeId,
                String phase, BigDecimal assigned, BigDecimal available, OffsetDateTime validTo,
                OffsetDateTime pendingUntil) {
    }

    Optional<Held> record(String id) {
        return dsl.selectFrom(LOYALTY_RECORD).where(LOYALTY_RECORD.ID.eq(id)).fetchOptional(r -> new Held(r.getId(),
                r.getCustomerId(), r.getTypeId(), r.getCurrencyId(), r.getPartnerId(), r.getStoreId(), r.getPhase(),
                r.getAssigned(), r.getAvailable(), r.getValidTo(), r.getPendingUntil()));
    }

    void insertDraw(String redemptionId, String lotId, BigDecimal amount) {
        dsl.insertInto(LOYALTY_DRAW).set(LOYALTY_DRAW.ID, Ids.newId()).set(LOYALTY_DRAW.REDEMPTION_ID, redemptionId)
                .set(LOYALTY_DRAW.LOT_ID, lotId).set(LOYALTY_DRAW.AMOUNT, amount).execute();
    }

    /** The draws of a redemption: lot id and amount, in the order they were drawn. */
    List<Record3<String, BigDecimal, String>> draws(String redemptionId) {
        return dsl.select(LOYALTY_DRAW.LOT_ID, LOYALTY_DRAW.AMOUNT, LOYALTY_RECORD.PHASE)
                .from(LOYALTY_DRAW).join(LOYALTY_RECORD).on(LOYALTY_RECORD.ID.eq(LOYALTY_DRAW.LOT_ID))
                .where(LOYALTY_DRAW.REDEMPTION_ID.eq(redemptionId)).orderBy(LOYALTY_DRAW.ID).fetch();
    }

    /** What standing redemptions (not reversed) drew from a lot. */
    BigDecimal spentFromLot(String lotId) {
        BigDecimal sum = dsl.select(DSL.sum(LOYALTY_DRAW.AMOUNT)).from(LOYALTY_DRAW).join(LOYALTY_RECORD)
                .on(LOYALTY_RECORD.ID.eq(LOYALTY_DRAW.REDEMPTION_ID))
                .where(LOYALTY_DRAW.LOT_ID.eq(lotId)).and(LOYALTY_RECORD.PHASE.eq(REDEMPTION))
                .fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** One appended movement. */
    record Movement(String customerId, String typeId, String currencyId, Operation operation, BigDecimal amount,
                    BigDecimal availableChange, BigDecimal pendingChange, String recordId, String partnerId,
                    String storeId, String note, String extendedData) {
    }

    void insertMovement(Movement m, OffsetDateTime now) {
        dsl.insertInto(LOYALTY_MOVEMENT)
                .set(LOYALTY_MOVEMENT.ID, Ids.newId()).set(LOYALTY_MOVEMENT.CUSTOMER_ID, m.customerId())
                .set(LOYALTY_MOVEMENT.TYPE_ID, m.typeId()).set(LOYALTY_MOVEMENT.CURRENCY_ID, m.currencyId())
                .set(LOYALTY_MOVEMENT.OPERATION, m.operation().code).set(LOYALTY_MOVEMENT.AMOUNT, m.amount())
                .set(LOYALTY_MOVEMENT.AVAILABLE_CHANGE, m.availableChange())
                .set(LOYALTY_MOVEMENT.PENDING_CHANGE, m.pendingChange())
                .set(LOYALTY_MOVEMENT.RECORD_ID, m.recordId()).set(LOYALTY_MOVEMENT.PARTNER_ID, m.partnerId())
                .set(LOYALTY_MOVEMENT.STORE_ID, m.storeId()).set(LOYALTY_MOVEMENT.NOTE, m.note())
                .set(LOYALTY_MOVEMENT.EXTENDED_DATA, m.extendedData()).set(LOYALTY_MOVEMENT.CREATED_AT, now)
                .execute();
        if (m.availableChange().signum() != 0 || m.pendingChange().signum() != 0) {
            addBalance(m.customerId(), m.typeId(), m.currencyId(), m.availableChange(), m.pendingChange(), now);
        }
    }

    /** Changes the cached balance; the caller holds the customer's wallet lock, so the row cannot appear meanwhile. */
    private void addBalance(String customerId, String typeId, String currencyId, BigDecimal available,
                            BigDecimal pending, OffsetDateTime now) {
        int updated = dsl.update(LOYALTY_BALANCE)
                .set(LOYALTY_BALANCE.AVAILABLE, LOYALTY_BALANCE.AVAILABLE.plus(available))
                .set(LOYALTY_BALANCE.PENDING, LOYALTY_BALANCE.PENDING.plus(pending))
                .set(LOYALTY_BALANCE.LAST_CHANGE, now)
                .where(LOYALTY_BALANCE.CUSTOMER_ID.eq(customerId)).and(LOYALTY_BALANCE.TYPE_ID.eq(typeId))
                .and(LOYALTY_BALANCE.CURRENCY_ID.eq(currencyId)).execute();
        if (updated == 0) {
            dsl.insertInto(LOYALTY_BALANCE).set(LOYALTY_BALANCE.ID, Ids.newId())
                    .set(LOYALTY_BALANCE.CUSTOMER_ID, customerId).set(LOYALTY_BALANCE.TYPE_ID, typeId)
                    .set(LOYALTY_BALANCE.CURRENCY_ID, currencyId).set(LOYALTY_BALANCE.AVAILABLE, available)
                    .set(LOYALTY_BALANCE.PENDING, pending).set(LOYALTY_BALANCE.LAST_CHANGE, now).execute();
        }
    }

    // --- debts of take-backs (V601) ---------------------------------------------------------------

    /** The outstanding shortfall of take-backs of a wallet (zero when none). */
    BigDecimal outstandingDebt(String customerId, String typeId, String currencyId) {
        BigDecimal sum = dsl.select(DSL.sum(LOYALTY_DEBT.OUTSTANDING)).from(LOYALTY_DEBT)
                .where(LOYALTY_DEBT.CUSTOMER_ID.eq(customerId)).and(LOYALTY_DEBT.TYPE_ID.eq(typeId))
                .and(LOYALTY_DEBT.CURRENCY_ID.eq(currencyId)).fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    void insertDebt(String customerId, String typeId, String currencyId, String recordId, BigDecimal amount,
                    OffsetDateTime now) {
        dsl.insertInto(LOYALTY_DEBT).set(LOYALTY_DEBT.ID, Ids.newId()).set(LOYALTY_DEBT.CUSTOMER_ID, customerId)
                .set(LOYALTY_DEBT.TYPE_ID, typeId).set(LOYALTY_DEBT.CURRENCY_ID, currencyId)
                .set(LOYALTY_DEBT.RECORD_ID, recordId).set(LOYALTY_DEBT.AMOUNT, amount)
                .set(LOYALTY_DEBT.OUTSTANDING, amount).set(LOYALTY_DEBT.CREATED_AT, now)
                .set(LOYALTY_DEBT.LAST_CHANGE, now).execute();
    }

    /** The outstanding debts of a wallet, oldest first: id and outstanding amount. */
    List<org.jooq.Record2<String, BigDecimal>> outstandingDebts(String customerId, String typeId, String currencyId) {
        return dsl.select(LOYALTY_DEBT.ID, LOYALTY_DEBT.OUTSTANDING).from(LOYALTY_DEBT)
                .where(LOYALTY_DEBT.CUSTOMER_ID.eq(customerId)).and(LOYALTY_DEBT.TYPE_ID.eq(typeId))
                .and(LOYALTY_DEBT.CURRENCY_ID.eq(currencyId)).and(LOYALTY_DEBT.OUTSTANDING.gt(BigDecimal.ZERO))
                .orderBy(LOYALTY_DEBT.CREATED_AT, LOYALTY_DEBT.ID).fetch();
    }

    void reduceDebt(String debtId, BigDecimal by, OffsetDateTime now) {
        dsl.update(LOYALTY_DEBT).set(LOYALTY_DEBT.OUTSTANDING, LOYALTY_DEBT.OUTSTANDING.minus(by))
                .set(LOYALTY_DEBT.LAST_CHANGE, now).where(LOYALTY_DEBT.ID.eq(debtId)).execute();
    }

    // --- jobs ----------------------------------------------------------------------------------

    /** Up to {@code limit} lots whose pending period ended by {@code now}, with their customer. */
    List<Held> duePending(OffsetDateTime now, int limit) {
        return dsl.selectFrom(LOYALTY_RECORD).where(LOYALTY_RECORD.PHASE.eq(PENDING))
                .and(LOYALTY_RECORD.PENDING_UNTIL.le(now)).orderBy(LOYALTY_RECORD.PENDING_UNTIL, LOYALTY_RECORD.ID)
                .limit(limit).fetch(r -> new Held(r.getId(), r.getCustomerId(), r.getTypeId(), r.getCurrencyId(),
                        r.getPartnerId(), r.getStoreId(), r.getPhase(), r.getAssigned(), r.getAvailable(),
                        r.getValidTo(), r.getPendingUntil()));
    }

    /** Up to {@code limit} active or pending lots past their end at {@code now}. */
    List<Held> dueExpiry(OffsetDateTime now, int limit) {
        return dsl.selectFrom(LOYALTY_RECORD).where(LOYALTY_RECORD.PHASE.in(ACTIVE, PENDING))
                .and(LOYALTY_RECORD.VALID_TO.lt(now)).orderBy(LOYALTY_RECORD.VALID_TO, LOYALTY_RECORD.ID)
                .limit(limit).fetch(r -> new Held(r.getId(), r.getCustomerId(), r.getTypeId(), r.getCurrencyId(),
                        r.getPartnerId(), r.getStoreId(), r.getPhase(), r.getAssigned(), r.getAvailable(),
                        r.getValidTo(), r.getPendingUntil()));
    }

    // --- reservations --------------------------------------------------------------------------

    /** Condition of a reservation that holds points at {@code now}. */
    static Condition holding(OffsetDateTime now) {
        return POINT_RESERVATION.STATE.eq(1)
                .and(POINT_RESERVATION.EXPIRATION.isNull().or(POINT_RESERVATION.EXPIRATION.gt(now)));
    }

    /** What a wallet holds for a spend: its spendable sum, the points its active reservations hold, its debt. */
    record Holdings(BigDecimal spendable, BigDecimal reserved, BigDecimal debt) {
    }

    /**
     * {@link #spendableSum}, {@link #reserved} (with {@code reservations}; credits have none) and
     * {@link #outstandingDebt} in one statement: a spend asks all three under the wallet lock.
     */
    Holdings holdings(String customerId, String typeId, String currencyId, boolean reservations, OffsetDateTime now) {
        var spendableSum = DSL.field(DSL.select(DSL.sum(LOYALTY_RECORD.AVAILABLE)).from(LOYALTY_RECORD)
                .where(LOYALTY_RECORD.CUSTOMER_ID.eq(customerId)).and(LOYALTY_RECORD.TYPE_ID.eq(typeId))
                .and(LOYALTY_RECORD.CURRENCY_ID.eq(currencyId)).and(spendable(now)));
        var reservedSum = reservations
                ? DSL.field(DSL.select(DSL.sum(POINT_RESERVATION.QUANTITY)).from(POINT_RESERVATION)
                        .where(POINT_RESERVATION.CUSTOMER_ID.eq(customerId)).and(POINT_RESERVATION.TYPE_ID.eq(typeId))
                        .and(holding(now)))
                : DSL.inline(BigDecimal.ZERO);
        var debtSum = DSL.field(DSL.select(DSL.sum(LOYALTY_DEBT.OUTSTANDING)).from(LOYALTY_DEBT)
                .where(LOYALTY_DEBT.CUSTOMER_ID.eq(customerId)).and(LOYALTY_DEBT.TYPE_ID.eq(typeId))
                .and(LOYALTY_DEBT.CURRENCY_ID.eq(currencyId)));
        Record3<BigDecimal, BigDecimal, BigDecimal> sums = dsl.select(spendableSum, reservedSum, debtSum).fetchOne();
        return new Holdings(orZero(sums.value1()), orZero(sums.value2()), orZero(sums.value3()));
    }

    private static BigDecimal orZero(BigDecimal sum) {
        return sum == null ? BigDecimal.ZERO : sum;
    }

    BigDecimal reserved(String customerId, String typeId, OffsetDateTime now) {
        BigDecimal sum = dsl.select(DSL.sum(POINT_RESERVATION.QUANTITY)).from(POINT_RESERVATION)
                .where(POINT_RESERVATION.CUSTOMER_ID.eq(customerId)).and(POINT_RESERVATION.TYPE_ID.eq(typeId))
                .and(holding(now)).fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** Reservations with this external id that are still marked active (whatever their expiration). */
    record Reservation(String id, String customerId, String typeId, BigDecimal quantity, OffsetDateTime expiration) {
    }

    Optional<Reservation> activeReservation(String externalId) {
        return dsl.selectFrom(POINT_RESERVATION).where(POINT_RESERVATION.ACTIVE_EXTERNAL_ID.eq(externalId))
                .fetchOptional(r -> new Reservation(r.getId(), r.getCustomerId(), r.getTypeId(), r.getQuantity(),
                        r.getExpiration()));
    }

    boolean anyReservation(String externalId) {
        return dsl.fetchExists(POINT_RESERVATION, POINT_RESERVATION.EXTERNAL_ID.eq(externalId));
    }

    void insertReservation(String id, String customerId, String typeId, String externalId, BigDecimal quantity,
                           OffsetDateTime expiration, OffsetDateTime now) {
        dsl.insertInto(POINT_RESERVATION).set(POINT_RESERVATION.ID, id)
                .set(POINT_RESERVATION.CUSTOMER_ID, customerId).set(POINT_RESERVATION.TYPE_ID, typeId)
                .set(POINT_RESERVATION.EXTERNAL_ID, externalId).set(POINT_RESERVATION.ACTIVE_EXTERNAL_ID, externalId)
                .set(POINT_RESERVATION.QUANTITY, quantity).set(POINT_RESERVATION.STATE, 1)
                .set(POINT_RESERVATION.EXPIRATION, expiration).set(POINT_RESERVATION.CREATED_AT, now)
                .set(POINT_RESERVATION.LAST_CHANGE, now).execute();
    }

    /** Ends a reservation: 0 released, 2 expired; it no longer holds its external id. */
    void endReservation(String id, int state, OffsetDateTime now) {
        dsl.update(POINT_RESERVATION).set(POINT_RESERVATION.STATE, state)
                .set(POINT_RESERVATION.ACTIVE_EXTERNAL_ID, (String) null).set(POINT_RESERVATION.LAST_CHANGE, now)
                .where(POINT_RESERVATION.ID.eq(id)).execute();
    }

    /** Marks the reservation expired (state 2) if it is still active and past its expiration; true when it did. */
    boolean endIfExpired(String id, OffsetDateTime now) {
        return dsl.update(POINT_RESERVATION).set(POINT_RESERVATION.STATE, 2)
                .set(POINT_RESERVATION.ACTIVE_EXTERNAL_ID, (String) null).set(POINT_RESERVATION.LAST_CHANGE, now)
                .where(POINT_RESERVATION.ID.eq(id)).and(POINT_RESERVATION.STATE.eq(1))
                .and(POINT_RESERVATION.EXPIRATION.le(now)).execute() == 1;
    }

    List<Reservation> dueReservations(OffsetDateTime now, int limit) {
        return dsl.selectFrom(POINT_RESERVATION).where(POINT_RESERVATION.STATE.eq(1))
                .and(POINT_RESERVATION.EXPIRATION.le(now)).orderBy(POINT_RESERVATION.EXPIRATION, POINT_RESERVATION.ID)
                .limit(limit).fetch(r -> new Reservation(r.getId(), r.getCustomerId(), r.getTypeId(),
                        r.getQuantity(), r.getExpiration()));
    }
}
