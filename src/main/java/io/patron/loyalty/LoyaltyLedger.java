package io.patron.loyalty;

import static io.patron.db.Tables.LOYALTY_MOVEMENT;
import static io.patron.db.Tables.LOYALTY_RECORD;
import static io.patron.db.Tables.LOYALTY_TYPE;
import static io.patron.db.Tables.POINT_RESERVATION;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger read API for other capabilities (statuses, the wallet overviews, the checkout). Every amount is a
 * {@link BigDecimal} with the decimal places of its type; "now" is the project clock.
 * <ul>
 * <li>{@link #balances}: per type (and currency for credits) what is spendable now, pending and reserved;</li>
 * <li>{@link #movementSums}: earned, redeemed, expired and transferred amounts within an interval;</li>
 * <li>{@link #nextExpiring} and {@link #expiringBetween}: what expires next and within a period;</li>
 * <li>{@link #pointTypes} / {@link #creditTypes} / {@link #defaultPointTypeId} / {@link #defaultCreditTypeId}.</li>
 * </ul>
 * Reads run in the caller's transaction when there is one (inside the checkout, after it took the wallet lock
 * through {@link LedgerService}), else in their own read-only one.
 */
@Service
@Transactional(readOnly = true)
public class LoyaltyLedger {

    /** Points (currencyId null) or credits of one type and currency, as they stand now. */
    public record Balance(String typeId, String currencyId, BigDecimal available, BigDecimal pending,
                          BigDecimal reserved) {

        /** What can be spent now: available less reserved (never below zero). */
        public BigDecimal spendable() {
            return available.subtract(reserved).max(BigDecimal.ZERO);
        }
    }

    /**
     * Sums of one type's movements in an interval. {@code earned}: assigned, earned and deposited (when the lot was
     * created, pending or not, synchronizations and transfers not included); {@code redeemed}: spent or reduced,
     * less reversals (positive number); {@code expired}: positive; {@code transferredIn/Out}: positive.
     */
    public record Sums(BigDecimal earned, BigDecimal redeemed, BigDecimal expired, BigDecimal transferredIn,
                       BigDecimal transferredOut) {
    }

    /** The amount expiring at one moment (the end of a day). */
    public record Expiring(BigDecimal amount, OffsetDateTime validTo) {
    }

    /** A point or credit type as the other capabilities need it. */
    public record TypeInfo(String typeId, String textId, boolean isDefault, int decimals) {
    }

    private final DSLContext dsl;
    private final LedgerRepository repository;
    private final Clock clock;

    LoyaltyLedger(DSLContext dsl, LedgerRepository repository, Clock clock) {
        this.dsl = dsl;
        this.repository = repository;
        this.clock = clock;
    }

    /** The point types, default first... in text id order. */
    public List<TypeInfo> pointTypes() {
        return repository.types(LoyaltyType.Kind.POINT).stream().map(LoyaltyLedger::info).toList();
    }

    public List<TypeInfo> creditTypes() {
        return repository.types(LoyaltyType.Kind.CREDIT).stream().map(LoyaltyLedger::info).toList();
    }

    public Optional<String> defaultPointTypeId() {
        return repository.defaultType(LoyaltyType.Kind.POINT).map(LoyaltyType::id);
    }

    public Optional<String> defaultCreditTypeId() {
        return repository.defaultType(LoyaltyType.Kind.CREDIT).map(LoyaltyType::id);
    }

    private static TypeInfo info(LoyaltyType type) {
        return new TypeInfo(type.id(), type.textId(), type.isDefault(), type.scale());
    }

    /**
     * The customer's points of every point type (currencyId null) and credits of every credit type and currency
     * they ever had. {@code available} counts only lots spendable now (active, not past their end), {@code pending}
     * the lots not yet active, {@code reserved} the active point reservations (credits: zero).
     */
    public List<Balance> balances(String customerId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, LoyaltyType> types = new LinkedHashMap<>();
        List<Balance> out = new ArrayList<>();
        var wallets = dsl.selectDistinct(LOYALTY_RECORD.TYPE_ID, LOYALTY_RECORD.CURRENCY_ID).from(LOYALTY_RECORD)
                .where(LOYALTY_RECORD.CUSTOMER_ID.eq(customerId))
                .union(dsl.selectDistinct(POINT_RESERVATION.TYPE_ID, DSL.inline(""))
                        .from(POINT_RESERVATION).where(POINT_RESERVATION.CUSTOMER_ID.eq(customerId)))
                .fetch();
        for (var wallet : wallets) {
            LoyaltyType type = types.computeIfAbsent(wallet.value1(), id -> repository.type(id).orElseThrow());
            out.add(balance(customerId, type, wallet.value2(), now));
        }
        return out;
    }

    /** One customer's points of one type. */
    public Balance pointBalance(String customerId, String pointTypeId) {
        return repository.type(LoyaltyType.Kind.POINT, pointTypeId)
                .map(type -> balance(customerId, type, "", OffsetDateTime.now(clock)))
                .orElseThrow(() -> new IllegalArgumentException("No point type " + pointTypeId));
    }

    /** One customer's credits of one type in one currency. */
    public Balance creditBalance(String customerId, String creditTypeId, String currencyId) {
        return repository.type(LoyaltyType.Kind.CREDIT, creditTypeId)
                .map(type -> balance(customerId, type, currencyId, OffsetDateTime.now(clock)))
                .orElseThrow(() -> new IllegalArgumentException("No credit type " + creditTypeId));
    }

    /**
     * {@link Balance#spendable()} of {@link #pointBalance} (currencyId null) or {@link #creditBalance}, in one
     * statement: what the checkout asks of a wallet.
     */
    public BigDecimal spendable(String customerId, String typeId, String currencyId) {
        LoyaltyType type = repository.type(typeId)
                .orElseThrow(() -> new IllegalArgumentException("No loyalty type " + typeId));
        boolean points = type.kind() == LoyaltyType.Kind.POINT;
        LedgerRepository.Holdings h = repository.holdings(customerId, type.id(), points ? "" : currencyId, points,
                OffsetDateTime.now(clock));
        return type.shown(h.spendable().subtract(h.debt())).subtract(type.shown(h.reserved())).max(BigDecimal.ZERO);
    }

    /** The pending period of a point or credit type in days (0: earnings are spendable at once). */
    public int pendingDays(String typeId) {
        return repository.type(typeId).map(LoyaltyType::pendingDays)
                .orElseThrow(() -> new IllegalArgumentException("No loyalty type " + typeId));
    }

    /**
     * {@code available} less the outstanding debt of take-backs (see {@link LedgerService#takeBack}): negative while
     * the customer owes points that a cancelled purchase had earned and they had spent.
     */
    private Balance balance(String customerId, LoyaltyType type, String currency, OffsetDateTime now) {
        BigDecimal available = repository.spendableSum(customerId, type.id(), currency, now)
                .subtract(repository.outstandingDebt(customerId, type.id(), currency));
        BigDecimal pending = dsl.select(DSL.sum(LOYALTY_RECORD.AVAILABLE)).from(LOYALTY_RECORD)
                .where(LOYALTY_RECORD.CUSTOMER_ID.eq(customerId)).and(LOYALTY_RECORD.TYPE_ID.eq(type.id()))
                .and(LOYALTY_RECORD.CURRENCY_ID.eq(currency)).and(LOYALTY_RECORD.PHASE.eq(LedgerRepository.PENDING))
                .and(LOYALTY_RECORD.VALID_TO.isNull().or(LOYALTY_RECORD.VALID_TO.ge(now)))
                .fetchOne(0, BigDecimal.class);
        BigDecimal reserved = type.kind() == LoyaltyType.Kind.POINT
                ? repository.reserved(customerId, type.id(), now) : BigDecimal.ZERO;
        return new Balance(type.id(), currency.isEmpty() ? null : currency, type.shown(available),
                type.shown(pending == null ? BigDecimal.ZERO : pending), type.shown(reserved));
    }

    /**
     * Sums of the customer's movements of one type (and currency; null for points) with {@code from <= time < to}
     * (either bound may be null: open).
     */
    public Sums movementSums(String customerId, String typeId, String currencyId, OffsetDateTime from,
                             OffsetDateTime to) {
        LoyaltyType type = repository.type(typeId).orElseThrow(() -> new IllegalArgumentException("No type " + typeId));
        Condition where = LOYALTY_MOVEMENT.CUSTOMER_ID.eq(customerId).and(LOYALTY_MOVEMENT.TYPE_ID.eq(typeId))
                .and(LOYALTY_MOVEMENT.CURRENCY_ID.eq(currencyId == null ? "" : currencyId));
        if (from != null) {
            where = where.and(LOYALTY_MOVEMENT.CREATED_AT.ge(from));
        }
        if (to != null) {
            where = where.and(LOYALTY_MOVEMENT.CREATED_AT.lt(to));
        }
        Map<String, BigDecimal> byOperation = new LinkedHashMap<>();
        dsl.select(LOYALTY_MOVEMENT.OPERATION, DSL.sum(LOYALTY_MOVEMENT.AMOUNT)).from(LOYALTY_MOVEMENT).where(where)
                .groupBy(LOYALTY_MOVEMENT.OPERATION)
                .forEach(r -> byOperation.put(r.value1(), r.value2()));
        BigDecimal earned = sum(byOperation, Operation.ASSIGN, Operation.EARN, Operation.DEPOSIT);
        BigDecimal redeemed = sum(byOperation, Operation.REDEEM, Operation.REDUCE_CREDITS).negate()
                .subtract(sum(byOperation, Operation.REVERSE));
        BigDecimal expired = sum(byOperation, Operation.EXPIRE).negate();
        BigDecimal in = sum(byOperation, Operation.TRANSFER_IN);
        BigDecimal out = sum(byOperation, Operation.TRANSFER_OUT).negate();
        return new Sums(type.shown(earned), type.shown(redeemed), type.shown(expired), type.shown(in),
                type.shown(out));
    }

    private static BigDecimal sum(Map<String, BigDecimal> byOperation, Operation... operations) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Operation operation : operations) {
            BigDecimal value = byOperation.get(operation.code);
            if (value != null) {
                sum = sum.add(value);
            }
        }
        return sum;
    }

    /**
     * What expires next of the customer's spendable and pending lots of one type (and currency; null for points):
     * the amount of all lots ending at the earliest end not yet passed; empty when nothing will expire.
     */
    public Optional<Expiring> nextExpiring(String customerId, String typeId, String currencyId) {
        LoyaltyType type = repository.type(typeId).orElseThrow(() -> new IllegalArgumentException("No type " + typeId));
        OffsetDateTime now = OffsetDateTime.now(clock);
        Condition lots = expiringLots(customerId, typeId, currencyId, now);
        OffsetDateTime next = dsl.select(DSL.min(LOYALTY_RECORD.VALID_TO)).from(LOYALTY_RECORD).where(lots)
                .fetchOne(0, OffsetDateTime.class);
        if (next == null) {
            return Optional.empty();
        }
        BigDecimal amount = dsl.select(DSL.sum(LOYALTY_RECORD.AVAILABLE)).from(LOYALTY_RECORD)
                .where(lots).and(LOYALTY_RECORD.VALID_TO.eq(next)).fetchOne(0, BigDecimal.class);
        return Optional.of(new Expiring(type.shown(amount), next.atZoneSameInstant(clock.getZone()).toOffsetDateTime()));
    }

    /** The amount of the customer's lots of one type (and currency) that end with {@code from <= valid_to < to}. */
    public BigDecimal expiringBetween(String customerId, String typeId, String currencyId, OffsetDateTime from,
                                     OffsetDateTime to) {
        LoyaltyType type = repository.type(typeId).orElseThrow(() -> new IllegalArgumentException("No type " + typeId));
        OffsetDateTime now = OffsetDateTime.now(clock);
        BigDecimal amount = dsl.select(DSL.sum(LOYALTY_RECORD.AVAILABLE)).from(LOYALTY_RECORD)
                .where(expiringLots(customerId, typeId, currencyId, now))
                .and(LOYALTY_RECORD.VALID_TO.ge(from)).and(LOYALTY_RECORD.VALID_TO.lt(to))
                .fetchOne(0, BigDecimal.class);
        return type.shown(amount == null ? BigDecimal.ZERO : amount);
    }

    private static Condition expiringLots(String customerId, String typeId, String currencyId, OffsetDateTime now) {
        return LOYALTY_RECORD.CUSTOMER_ID.eq(customerId).and(LOYALTY_RECORD.TYPE_ID.eq(typeId))
                .and(LOYALTY_RECORD.CURRENCY_ID.eq(currencyId == null ? "" : currencyId))
                .and(LOYALTY_RECORD.PHASE.in(LedgerRepository.ACTIVE, LedgerRepository.PENDING))
                .and(LOYALTY_RECORD.AVAILABLE.gt(BigDecimal.ZERO))
                .and(LOYALTY_RECORD.VALID_TO.ge(now));
    }

    /** The currencies the customer has (had) credits of one type in. */
    public List<String> creditCurrencies(String customerId, String creditTypeId) {
        return dsl.selectDistinct(LOYALTY_RECORD.CURRENCY_ID).from(LOYALTY_RECORD)
                .join(LOYALTY_TYPE).on(LOYALTY_TYPE.ID.eq(LOYALTY_RECORD.TYPE_ID))
                .where(LOYALTY_RECORD.CUSTOMER_ID.eq(customerId)).and(LOYALTY_RECORD.TYPE_ID.eq(creditTypeId))
                .and(LOYALTY_TYPE.KIND.eq(LoyaltyType.Kind.CREDIT.code()))
                .orderBy(LOYALTY_RECORD.CURRENCY_ID).fetch(LOYALTY_RECORD.CURRENCY_ID);
    }
}
