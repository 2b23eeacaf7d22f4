package io.patron.loyalty;

import static io.patron.loyalty.LedgerRepository.ACTIVE;
import static io.patron.loyalty.LedgerRepository.EXPIRED;
import static io.patron.loyalty.LedgerRepository.PENDING;
import static io.patron.loyalty.LedgerRepository.REDEMPTION;
import static io.patron.loyalty.LedgerRepository.REVERSED;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.customer.CustomerService;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.reference.CurrencyQueries;
import io.patron.store.StoreQueries;

import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's writes: every change of a customer's points or credits, with the rules that keep it exact.
 * <ul>
 * <li>Each change holds the customer's wallet lock (the customer's row, see {@link CustomerService#lockStanding});
 * a transfer locks both customers in the order of their ids, so transfers in both directions never deadlock.</li>
 * <li>An earning is a lot (assigned and available amount, expiry from its type, optional pending period); a spend
 * is a redemption drawing from the spendable lots, earliest expiry first, then oldest, lots without expiry last,
 * and recording each draw, so that {@link #reverse} gives back to exactly those lots.</li>
 * <li>Every change appends a movement and updates the cached balance in the same transaction; nothing may spend
 * points held by an active reservation, and no path takes a lot below zero.</li>
 * </ul>
 * The API operations below check the caller and the input; {@link #earn}, {@link #spend} and {@link #reverse} are
 * the engine for other capabilities (the checkout), which check their own input.
 */
@Service
@Transactional
public class LedgerService {

    /** The project switch that enables deposit-credits, reduce-credits and transfer-credits. */
    public static final String CREDIT_ACTIONS_SWITCH = "credit_actions";
    /** The partner of synchronize-points when the request names none. */
    static final String DEFAULT_PARTNER_SETTING = "default_partner_id";
    private static final String NO_CURRENCY = "";

    private final LedgerRepository repository;
    private final CustomerService customers;
    private final StoreQueries stores;
    private final CurrencyQueries currencies;
    private final DomainEvents events;
    private final PatronProperties settings;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;

    LedgerService(LedgerRepository repository, CustomerService customers, StoreQueries stores,
                  CurrencyQueries currencies, DomainEvents events, PatronProperties settings, Clock clock) {
        this.repository = repository;
        this.customers = customers;
        this.stores = stores;
        this.currencies = currencies;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    // --- requests of the API --------------------------------------------------------------------

    /** The fields of assign-points, reduce-points, deposit-credits and reduce-credits. */
    public record Change(BigDecimal amount, String customerId, String partnerId, String typeId, String currencyId,
                         String note) {
    }

    /** The fields of transfer-points and transfer-credits. */
    public record Transfer(String originalCustomerId, String newCustomerId, BigDecimal amount, String typeId,
                           String currencyId, String note) {
    }

    /** {@code POST /points/actions/assign-points}: the new lot's id. */
    public String assignPoints(Change change) {
        Wallet wallet = checkChange(LoyaltyType.Kind.POINT, change);
        return earnLocked(new Earning(wallet.customerId, wallet.type.id(), null, change.amount(), change.partnerId(),
                null, change.note(), null), wallet.type, now());
    }

    /** {@code POST /points/actions/reduce-points}: the redemption's id. */
    public String reducePoints(Change change) {
        Wallet wallet = checkChange(LoyaltyType.Kind.POINT, change);
        requireSpendable(wallet, change.amount(), "amount");
        return spendChecked(new Spending(wallet.customerId, wallet.type.id(), null, change.amount(), change.partnerId(),
                null, change.note(), null), wallet.type, now());
    }

    /** {@code POST /credits/actions/deposit-credits}: the new lot's id. */
    public String depositCredits(Change change) {
        requireCreditActions();
        Wallet wallet = checkChange(LoyaltyType.Kind.CREDIT, change);
        return earn(new Earning(wallet.customerId, wallet.type.id(), wallet.currencyId, change.amount(),
                change.partnerId(), null, change.note(), null));
    }

    /** {@code POST /credits/actions/reduce-credits}: the redemption's id. */
    public String reduceCredits(Change change) {
        requireCreditActions();
        Wallet wallet = checkChange(LoyaltyType.Kind.CREDIT, change);
        requireSpendable(wallet, change.amount(), "amount");
        return spendChecked(new Spending(wallet.customerId, wallet.type.id(), wallet.currencyId, change.amount(),
                change.partnerId(), null, change.note(), null), wallet.type, now());
    }

    /**
     * {@code POST /points/actions/transfer-points}: both sides or neither. On the Customer API only the logged-in
     * customer's own points can be given away.
     */
    public void transferPoints(Caller caller, Transfer transfer) {
        CustomerScope.requireAccess(caller, transfer.originalCustomerId(), "original_customer_id");
        transfer(LoyaltyType.Kind.POINT, transfer);
    }

    /** {@code POST /credits/actions/transfer-credits}. */
    public void transferCredits(Transfer transfer) {
        requireCreditActions();
        transfer(LoyaltyType.Kind.CREDIT, transfer);
    }

    /**
     * {@code POST /points/actions/synchronize-points}: sets the customer's spendable points of the default type to
     * {@code amount} with one correcting movement (none when they already match).
     */
    public void synchronizePoints(String customerId, BigDecimal amount, String partnerId, String note) {
        List<InvalidParam> errors = new ArrayList<>();
        LoyaltyType type = repository.defaultType(LoyaltyType.Kind.POINT).orElse(null);
        if (type == null) {
            errors.add(InvalidParam.of("point_type_id", Reason.NOT_FOUND, "The project has no point type"));
        } else if (amount.signum() < 0) {
            errors.add(InvalidParam.of("amount", Reason.NOT_ALLOWED_VALUE, amount.toPlainString(),
                    "The amount must not be negative"));
        } else {
            checkScale(amount, type, "amount", errors);
        }
        String partner = partnerId != null ? partnerId : repository.setting(DEFAULT_PARTNER_SETTING).orElse(null);
        if (partner == null) {
            errors.add(InvalidParam.of("partner_id", Reason.REQUIRED,
                    "The project has no default partner; name the partner"));
        } else {
            checkPartner(partner, "partner_id", errors);
        }
        lockCustomer(customerId, "customer_id", errors);
        throwIfAny(errors);
        OffsetDateTime now = now();
        BigDecimal current = repository.spendableSum(customerId, type.id(), NO_CURRENCY, now);
        BigDecimal difference = amount.subtract(current);
        if (difference.signum() > 0) {
            earn(new Earning(customerId, type.id(), null, difference, partner, null, note, Operation.SYNCHRONIZE));
        } else if (difference.signum() < 0) {
            BigDecimal reserved = repository.reserved(customerId, type.id(), now);
            if (reserved.compareTo(amount) > 0) {
                throw ApiError.badRequest(List.of(InvalidParam.of("amount", Reason.NOT_ALLOWED_VALUE,
                        amount.toPlainString(), type.shown(reserved).toPlainString()
                                + " points are reserved; the balance cannot be set below them")));
            }
            spend(new Spending(customerId, type.id(), null, difference.negate(), partner, null, note,
                    Operation.SYNCHRONIZE));
        }
    }

    // --- reservations ----------------------------------------------------------------------------

    /**
     * {@code POST /point-reservations/actions/reserve-points}: holds points of the default point type under the
     * client's external id (unique among active reservations) until it is freed or expires.
     */
    public void reservePoints(Caller caller, String externalId, String customerId, BigDecimal amount,
                              String expirationTime) {
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        List<InvalidParam> errors = new ArrayList<>();
        OffsetDateTime now = now();
        LoyaltyType type = repository.defaultType(LoyaltyType.Kind.POINT).orElse(null);
        if (type == null) {
            errors.add(InvalidParam.of("amount", Reason.NOT_FOUND, "The project has no point type"));
        } else {
            checkAmount(amount, type, "amount", errors);
        }
        OffsetDateTime expiration = null;
        if (expirationTime != null) {
            try {
                expiration = ApiTime.parseDateTime(expirationTime, clock.getZone()).atZone(clock.getZone())
                        .toOffsetDateTime();
                if (!expiration.isAfter(now)) {
                    errors.add(InvalidParam.of("expiration_time", Reason.NOT_ALLOWED_VALUE, expirationTime,
                            "The expiration must be in the future"));
                }
            } catch (DateTimeException e) {
                errors.add(InvalidParam.of("expiration_time", Reason.INVALID_VALUE_FORMAT, expirationTime,
                        ApiTime.DATE_TIME_FORMS));
            }
        }
        lockCustomer(customerId, "customer_id", errors);
        Optional<LedgerRepository.Reservation> taken = repository.activeReservation(externalId);
        if (taken.isPresent() && holds(taken.get(), now)) {
            errors.add(InvalidParam.of("external_id", Reason.ALREADY_EXISTS, externalId,
                    "An active reservation has this external id"));
        }
        throwIfAny(errors);
        // a reservation past its expiration that the job has not ended yet gives its external id up now
        taken.ifPresent(stale -> repository.endReservation(stale.id(), 2, now));
        Wallet wallet = new Wallet(customerId, type, NO_CURRENCY);
        requireSpendable(wallet, amount, "amount");
        String id = Ids.newId();
        try {
            repository.insertReservation(id, customerId, type.id(), externalId, amount, expiration, now);
        } catch (DataIntegrityViolationException e) {
            throw ApiError.badRequest("external_id", Reason.ALREADY_EXISTS,
                    "An active reservation has this external id");
        }
        repository.insertMovement(new LedgerRepository.Movement(customerId, type.id(), NO_CURRENCY, Operation.RESERVE,
                amount, BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, null,
                extended(Map.of("points_reservation_id", id, "external_id", externalId))), now);
    }

    /** {@code POST /point-reservations/actions/free-points}: ends the active reservation of the external id. */
    public void freePoints(Caller caller, String externalId) {
        OffsetDateTime now = now();
        LedgerRepository.Reservation reservation = repository.activeReservation(externalId)
                .filter(r -> holds(r, now))
                .orElseThrow(() -> ApiError.badRequest(List.of(InvalidParam.of("external_id", Reason.NOT_FOUND,
                        externalId, "No active reservation has this external id"))));
        CustomerScope.requireAccess(caller, reservation.customerId(), "external_id");
        lockWallet(reservation.customerId());
        repository.endReservation(reservation.id(), 0, now);
        repository.insertMovement(new LedgerRepository.Movement(reservation.customerId(), reservation.typeId(),
                NO_CURRENCY, Operation.RELEASE, reservation.quantity(), BigDecimal.ZERO, BigDecimal.ZERO, null, null,
                null, null, extended(Map.of("points_reservation_id", reservation.id(), "external_id", externalId))),
                now);
    }

    private static boolean holds(LedgerRepository.Reservation reservation, OffsetDateTime now) {
        return reservation.expiration() == null || reservation.expiration().isAfter(now);
    }

    // --- the engine ------------------------------------------------------------------------------

    /**
     * An earning: a new lot of {@code amount} of the type (credits: in {@code currencyId}), pending for the type's
     * pending period and valid as its expiry policy says. {@code operation} null means assign (points) or deposit
     * (credits).
     */
    public record Earning(String customerId, String typeId, String currencyId, BigDecimal amount, String partnerId,
                          String storeId, String note, Operation operation) {
    }

    /** A spend of {@code amount}; {@code operation} null means redeem (points) or reduce (credits). */
    public record Spending(String customerId, String typeId, String currencyId, BigDecimal amount, String partnerId,
                           String storeId, String note, Operation operation) {
    }

    /**
     * Creates the lot of an earning under the customer's wallet lock and answers its id. The caller has checked
     * the amount (positive, within the type's decimal places), the customer, partner and store.
     */
    public String earn(Earning earning) {
        return earnAt(earning, now());
    }

    /** {@link #earn} as of {@code now}: the demo data's earnings in the past. */
    String earnAt(Earning earning, OffsetDateTime now) {
        lockWallet(earning.customerId());
        return earnLocked(earning, repository.type(earning.typeId()).orElseThrow(), now);
    }

    /** The earning itself, for a caller that holds the wallet lock. */
    private String earnLocked(Earning earning, LoyaltyType type, OffsetDateTime now) {
        OffsetDateTime validTo = type.expiry().validTo(now, type.expiryPeriod(), clock.getZone());
        Operation operation = earning.operation() != null ? earning.operation()
                : type.kind() == LoyaltyType.Kind.POINT ? Operation.ASSIGN : Operation.DEPOSIT;
        // a correction by synchronization is spendable at once
        OffsetDateTime pendingUntil = operation == Operation.SYNCHRONIZE ? null
                : ExpiryPolicy.pendingUntil(now, type.pendingDays(), clock.getZone());
        String currency = currency(earning.currencyId());
        String id = Ids.newId();
        boolean pending = pendingUntil != null;
        repository.insertRecord(id, earning.customerId(), type.id(), currency, earning.partnerId(), earning.storeId(),
                pending ? PENDING : ACTIVE, earning.amount(), earning.amount(), validTo, pendingUntil, earning.note(),
                now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(type.kind() == LoyaltyType.Kind.POINT ? "point_id" : "credit_id", id);
        if (validTo != null) {
            data.put("valid_to", ApiTime.format(validTo.toInstant(), clock));
        }
        if (pending) {
            data.put("pending_until", ApiTime.format(pendingUntil.toInstant(), clock));
        }
        repository.insertMovement(new LedgerRepository.Movement(earning.customerId(), type.id(), currency, operation,
                earning.amount(), pending ? BigDecimal.ZERO : earning.amount(),
                pending ? earning.amount() : BigDecimal.ZERO, id, earning.partnerId(), earning.storeId(),
                earning.note(), extended(data)), now);
        publishEarned(type, earning.customerId(), currency, id, earning.amount());
        if (!pending) {
            settleDebts(earning.customerId(), type, currency, id, earning.amount(), earning.storeId(), now);
        }
        return id;
    }

    /**
     * Spends under the customer's wallet lock: a redemption record drawing from the spendable lots, earliest expiry
     * first, and its movement; answers the redemption's id. Refuses (400 naming {@code amount}) more than the
     * spendable amount minus active reservations, writing nothing.
     */
    public String spend(Spending spending) {
        return spendAt(spending, now());
    }

    /** {@link #spend} as of {@code now}: the demo data's spends in the past. */
    String spendAt(Spending spending, OffsetDateTime now) {
        lockWallet(spending.customerId());
        LoyaltyType type = repository.type(spending.typeId()).orElseThrow();
        requireSpendable(new Wallet(spending.customerId(), type, currency(spending.currencyId())), spending.amount(),
                "amount", now);
        return spendChecked(spending, type, now);
    }

    /** The spend itself, for a caller that holds the wallet lock and has checked the amount is there. */
    private String spendChecked(Spending spending, LoyaltyType type, OffsetDateTime now) {
        String currency = currency(spending.currencyId());
        String id = Ids.newId();
        List<Drawn> drawn = draw(spending.customerId(), type, currency, spending.amount(), now);
        String partner = spending.partnerId() != null ? spending.partnerId() : drawn.getFirst().partnerId();
        repository.insertRecord(id, spending.customerId(), type.id(), currency, partner, spending.storeId(),
                REDEMPTION, spending.amount().negate(), BigDecimal.ZERO, null, null, spending.note(), now);
        drawn.forEach(d -> repository.insertDraw(id, d.lotId(), d.amount()));
        Operation operation = spending.operation() != null ? spending.operation()
                : type.kind() == LoyaltyType.Kind.POINT ? Operation.REDEEM : Operation.REDUCE_CREDITS;
        repository.insertMovement(new LedgerRepository.Movement(spending.customerId(), type.id(), currency, operation,
                spending.amount().negate(), spending.amount().negate(), BigDecimal.ZERO, id, partner,
                spending.storeId(), spending.note(), extended(draws(type, id, drawn))), now);
        if (type.kind() == LoyaltyType.Kind.POINT) {
            events.publish(EventType.POINTS_REDEEMED, spending.customerId(), Map.of("customer_id",
                    spending.customerId(), "point_type_id", type.id(), "point_id", id, "amount", spending.amount()));
        } else {
            events.publish(EventType.CREDITS_CHANGED, spending.customerId(), Map.of("customer_id",
                    spending.customerId(), "credit_type_id", type.id(), "currency_id", currency,
                    "amount", spending.amount().negate()));
        }
        return id;
    }

    /**
     * Reverses a redemption (a cancelled purchase, a refund): gives back to exactly the lots it drew from, the
     * amounts it drew. What returns to a lot the expiry job has already ended stays expired (shown in the
     * movement's extended data). Answers the amount that became spendable again; a redemption already reversed
     * gives nothing.
     */
    public BigDecimal reverse(String redemptionId, String storeId, String note) {
        LedgerRepository.Held redemption = repository.record(redemptionId)
                .orElseThrow(() -> new IllegalArgumentException("No ledger record " + redemptionId));
        lockWallet(redemption.customerId());
        redemption = repository.record(redemptionId).orElseThrow();
        if (!REDEMPTION.equals(redemption.phase())) {
            return BigDecimal.ZERO;
        }
        LoyaltyType type = repository.type(redemption.typeId()).orElseThrow();
        OffsetDateTime now = now();
        BigDecimal restored = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        List<Map<String, Object>> lots = new ArrayList<>();
        for (var draw : repository.draws(redemptionId)) {
            boolean expired = EXPIRED.equals(draw.value3());
            if (!expired) {
                repository.addAvailable(draw.value1(), draw.value2(), now);
                restored = restored.add(draw.value2());
            }
            total = total.add(draw.value2());
            Map<String, Object> lot = new LinkedHashMap<>();
            lot.put(type.kind() == LoyaltyType.Kind.POINT ? "point_id" : "credit_id", draw.value1());
            lot.put("amount", type.shown(draw.value2()));
            lot.put("expired", expired);
            lots.add(lot);
        }
        repository.setPhase(redemptionId, REVERSED, BigDecimal.ZERO, now);
        repository.insertMovement(new LedgerRepository.Movement(redemption.customerId(), type.id(),
                redemption.currencyId(), Operation.REVERSE, total, restored, BigDecimal.ZERO, redemptionId,
                redemption.partnerId(), storeId, note, extended(Map.of("lots", lots))), now);
        publishEarned(type, redemption.customerId(), redemption.currencyId(), redemptionId, restored);
        return restored;
    }

    /**
     * What {@link #takeBack} did: the whole earning taken back ({@code amount}), of which {@code fromLot} came from the
     * lot itself, {@code fromOthers} from the customer's other spendable lots, and {@code shortfall} could not be
     * taken at all and stays as a debt (a negative balance) settled from the next earnings.
     */
    public record TakeBack(BigDecimal amount, BigDecimal fromLot, BigDecimal fromOthers, BigDecimal shortfall) {

        static final TakeBack NOTHING = new TakeBack(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO);
    }

    /**
     * Takes back an earning (a cancelled purchase's points) under the customer's wallet lock: a pending lot is
     * cancelled whole; from an active lot what is still on it, and what the customer already spent of it (or what
     * settled a debt) from the other spendable lots in drawing order; what even they cannot cover becomes a debt:
     * the balance shows it as a negative amount and the next earnings settle it first. The lot ends in phase
     * {@code reversed}. Of an expired lot only the part spent before it expired is taken back (the rest is gone
     * already). A lot already taken back gives nothing. One movement {@code take_back} records it all.
     */
    public TakeBack takeBack(String lotId, String storeId, String note) {
        LedgerRepository.Held lot = repository.record(lotId)
                .orElseThrow(() -> new IllegalArgumentException("No ledger record " + lotId));
        lockWallet(lot.customerId());
        lot = repository.record(lotId).orElseThrow();
        OffsetDateTime now = now();
        LoyaltyType type = repository.type(lot.typeId()).orElseThrow();
        String key = type.kind() == LoyaltyType.Kind.POINT ? "point_id" : "credit_id";
        if (PENDING.equals(lot.phase())) {
            repository.setPhase(lotId, REVERSED, BigDecimal.ZERO, now);
            repository.insertMovement(new LedgerRepository.Movement(lot.customerId(), lot.typeId(), lot.currencyId(),
                    Operation.TAKE_BACK, lot.assigned().negate(), BigDecimal.ZERO, lot.available().negate(), lotId,
                    lot.partnerId(), storeId, note, extended(Map.of(key, lotId, "pending", true))), now);
            return new TakeBack(lot.assigned(), lot.available(), BigDecimal.ZERO, BigDecimal.ZERO);
        }
        BigDecimal fromLot;
        BigDecimal toRecover;
        if (ACTIVE.equals(lot.phase())) {
            fromLot = lot.available();
            toRecover = lot.assigned().subtract(lot.available());
        } else if (EXPIRED.equals(lot.phase())) {
            fromLot = BigDecimal.ZERO;
            toRecover = repository.spentFromLot(lotId);
        } else {
            return TakeBack.NOTHING;
        }
        repository.setPhase(lotId, REVERSED, BigDecimal.ZERO, now);
        BigDecimal free = repository.spendableSum(lot.customerId(), lot.typeId(), lot.currencyId(), now);
        BigDecimal fromOthers = toRecover.min(free).max(BigDecimal.ZERO);
        List<Drawn> drawn = fromOthers.signum() > 0
                ? draw(lot.customerId(), type, lot.currencyId(), fromOthers, now) : List.of();
        BigDecimal shortfall = toRecover.subtract(fromOthers);
        if (shortfall.signum() > 0) {
            repository.insertDebt(lot.customerId(), lot.typeId(), lot.currencyId(), lotId, shortfall, now);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key, lotId);
        data.put("from_lot", type.shown(fromLot));
        data.put("lots", draws(type, lotId, drawn).get("lots"));
        data.put("shortfall", type.shown(shortfall));
        BigDecimal total = fromLot.add(toRecover);
        repository.insertMovement(new LedgerRepository.Movement(lot.customerId(), lot.typeId(), lot.currencyId(),
                Operation.TAKE_BACK, total.negate(), fromLot.add(fromOthers).negate(), BigDecimal.ZERO, lotId,
                lot.partnerId(), storeId, note, extended(data)), now);
        return new TakeBack(total, fromLot, fromOthers, shortfall);
    }

    /** Settles the wallet's outstanding debts from a lot that just became spendable (the caller holds the lock). */
    private void settleDebts(String customerId, LoyaltyType type, String currency, String lotId, BigDecimal onLot,
                             String storeId, OffsetDateTime now) {
        BigDecimal left = onLot;
        BigDecimal settled = BigDecimal.ZERO;
        for (var debt : repository.outstandingDebts(customerId, type.id(), currency)) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal take = debt.value2().min(left);
            repository.reduceDebt(debt.value1(), take, now);
            left = left.subtract(take);
            settled = settled.add(take);
        }
        if (settled.signum() > 0) {
            repository.addAvailable(lotId, settled.negate(), now);
            repository.insertMovement(new LedgerRepository.Movement(customerId, type.id(), currency,
                    Operation.SETTLE_DEBT, settled.negate(), settled.negate(), BigDecimal.ZERO, lotId, null, storeId,
                    null, extended(Map.of(type.kind() == LoyaltyType.Kind.POINT ? "point_id" : "credit_id", lotId,
                            "settled", type.shown(settled)))), now);
        }
    }

    /** Takes {@code amount} from the spendable lots in drawing order; the caller checked there is enough. */
    private List<Drawn> draw(String customerId, LoyaltyType type, String currency, BigDecimal amount,
                             OffsetDateTime now) {
        List<Drawn> drawn = new ArrayList<>();
        BigDecimal remaining = amount;
        for (LedgerRepository.Source lot : repository.spendableLots(customerId, type.id(), currency, now)) {
            if (remaining.signum() == 0) {
                break;
            }
            BigDecimal take = lot.available().min(remaining);
            repository.addAvailable(lot.id(), take.negate(), now);
            drawn.add(new Drawn(lot.id(), take, lot.validTo(), lot.partnerId()));
            remaining = remaining.subtract(take);
        }
        if (remaining.signum() != 0) {
            // the caller's check ran under the same lock: reaching this is a bug, and the transaction rolls back
            throw new IllegalStateException("Lots of " + customerId + " short by " + remaining);
        }
        return drawn;
    }

    private record Drawn(String lotId, BigDecimal amount, OffsetDateTime validTo, String partnerId) {
    }

    private Map<String, Object> draws(LoyaltyType type, String redemptionId, List<Drawn> drawn) {
        String key = type.kind() == LoyaltyType.Kind.POINT ? "point_id" : "credit_id";
        List<Map<String, Object>> lots = drawn.stream().map(d -> {
            Map<String, Object> lot = new LinkedHashMap<>();
            lot.put(key, d.lotId());
            lot.put("amount", type.shown(d.amount()));
            return lot;
        }).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key, redemptionId);
        data.put("lots", lots);
        return data;
    }

    private void transfer(LoyaltyType.Kind kind, Transfer transfer) {
        List<InvalidParam> errors = new ArrayList<>();
        String typeParam = kind == LoyaltyType.Kind.POINT ? "point_type_id" : "credit_type_id";
        LoyaltyType type = type(kind, transfer.typeId(), typeParam, errors);
        if (type != null) {
            checkAmount(transfer.amount(), type, "amount", errors);
        }
        String currency = kind == LoyaltyType.Kind.CREDIT ? checkCurrency(transfer.currencyId(), errors) : NO_CURRENCY;
        String from = transfer.originalCustomerId();
        String to = transfer.newCustomerId();
        if (from.equals(to)) {
            errors.add(InvalidParam.of("new_customer_id", Reason.NOT_ALLOWED_VALUE, to,
                    "The new holder must be another customer"));
            throwIfAny(errors);
        }
        // both wallets, always in the order of the ids: two transfers in opposite directions never deadlock
        for (String id : new TreeSet<>(List.of(from, to))) {
            lockCustomer(id, id.equals(from) ? "original_customer_id" : "new_customer_id", errors);
        }
        throwIfAny(errors);
        Wallet wallet = new Wallet(from, type, currency);
        requireSpendable(wallet, transfer.amount(), "amount");
        OffsetDateTime now = now();
        List<Drawn> drawn = draw(from, type, currency, transfer.amount(), now);
        String redemptionId = Ids.newId();
        repository.insertRecord(redemptionId, from, type.id(), currency, drawn.getFirst().partnerId(), null,
                REDEMPTION, transfer.amount().negate(), BigDecimal.ZERO, null, null, transfer.note(), now);
        drawn.forEach(d -> repository.insertDraw(redemptionId, d.lotId(), d.amount()));
        Map<String, Object> outData = draws(type, redemptionId, drawn);
        outData.put("new_customer_id", to);
        repository.insertMovement(new LedgerRepository.Movement(from, type.id(), currency, Operation.TRANSFER_OUT,
                transfer.amount().negate(), transfer.amount().negate(), BigDecimal.ZERO, redemptionId,
                drawn.getFirst().partnerId(), null, transfer.note(), extended(outData)), now);
        // the new holder gets one lot per lot drawn, with its expiry and partner
        List<Map<String, Object>> newLots = new ArrayList<>();
        String firstLot = null;
        for (Drawn d : drawn) {
            String lotId = Ids.newId();
            firstLot = firstLot == null ? lotId : firstLot;
            repository.insertRecord(lotId, to, type.id(), currency, d.partnerId(), null, ACTIVE, d.amount(),
                    d.amount(), d.validTo(), null, transfer.note(), now);
            Map<String, Object> lot = new LinkedHashMap<>();
            lot.put(kind == LoyaltyType.Kind.POINT ? "point_id" : "credit_id", lotId);
            lot.put("amount", type.shown(d.amount()));
            newLots.add(lot);
        }
        Map<String, Object> inData = new LinkedHashMap<>();
        inData.put("original_customer_id", from);
        inData.put("lots", newLots);
        repository.insertMovement(new LedgerRepository.Movement(to, type.id(), currency, Operation.TRANSFER_IN,
                transfer.amount(), transfer.amount(), BigDecimal.ZERO, firstLot, drawn.getFirst().partnerId(), null,
                transfer.note(), extended(inData)), now);
        if (kind == LoyaltyType.Kind.POINT) {
            events.publish(EventType.POINTS_TRANSFERRED, from, Map.of("from_customer_id", from,
                    "to_customer_id", to, "point_type_id", type.id(), "amount", transfer.amount()));
        } else {
            events.publish(EventType.CREDITS_CHANGED, from, Map.of("customer_id", from, "credit_type_id", type.id(),
                    "currency_id", currency, "amount", transfer.amount().negate()));
            events.publish(EventType.CREDITS_CHANGED, to, Map.of("customer_id", to, "credit_type_id", type.id(),
                    "currency_id", currency, "amount", transfer.amount()));
        }
    }

    // --- jobs' steps (each runs in its own transaction, called by LedgerJobs) -------------------

    /** Activates one lot whose pending period ended (if it still is pending); true when it did. */
    boolean activate(String lotId) {
        LedgerRepository.Held lot = repository.record(lotId).orElse(null);
        if (lot == null) {
            return false;
        }
        lockWallet(lot.customerId());
        lot = repository.record(lotId).orElseThrow();
        OffsetDateTime now = now();
        if (!PENDING.equals(lot.phase()) || lot.pendingUntil() == null || lot.pendingUntil().isAfter(now)) {
            return false;
        }
        LoyaltyType type = repository.type(lot.typeId()).orElseThrow();
        repository.setPhase(lotId, ACTIVE, lot.available(), now);
        repository.insertMovement(new LedgerRepository.Movement(lot.customerId(), lot.typeId(), lot.currencyId(),
                Operation.ACTIVATE, lot.available(), lot.available(), lot.available().negate(), lotId,
                lot.partnerId(), lot.storeId(), null, extended(Map.of(
                        type.kind() == LoyaltyType.Kind.POINT ? "point_id" : "credit_id", lotId))), now);
        if (type.kind() == LoyaltyType.Kind.POINT) {
            events.publish(EventType.POINTS_ACTIVATED, lot.customerId(), Map.of("customer_id", lot.customerId(),
                    "point_type_id", lot.typeId(), "point_id", lotId, "amount", lot.available()));
        } else {
            events.publish(EventType.CREDITS_CHANGED, lot.customerId(), Map.of("customer_id", lot.customerId(),
                    "credit_type_id", lot.typeId(), "currency_id", lot.currencyId(), "amount", lot.available()));
        }
        settleDebts(lot.customerId(), type, lot.currencyId(), lotId, lot.available(), lot.storeId(), now);
        return true;
    }

    /** Expires one lot past its end (if it still is active or pending); true when it did. */
    boolean expire(String lotId) {
        LedgerRepository.Held lot = repository.record(lotId).orElse(null);
        if (lot == null) {
            return false;
        }
        lockWallet(lot.customerId());
        lot = repository.record(lotId).orElseThrow();
        OffsetDateTime now = now();
        boolean pending = PENDING.equals(lot.phase());
        if (!(pending || ACTIVE.equals(lot.phase())) || lot.validTo() == null || !lot.validTo().isBefore(now)) {
            return false;
        }
        repository.setPhase(lotId, EXPIRED, BigDecimal.ZERO, now);
        BigDecimal gone = lot.available();
        if (gone.signum() == 0) {
            return true; // spent in full: nothing expires, nothing to write in the history
        }
        LoyaltyType type = repository.type(lot.typeId()).orElseThrow();
        String key = type.kind() == LoyaltyType.Kind.POINT ? "point_id" : "credit_id";
        repository.insertMovement(new LedgerRepository.Movement(lot.customerId(), lot.typeId(), lot.currencyId(),
                Operation.EXPIRE, gone.negate(), pending ? BigDecimal.ZERO : gone.negate(),
                pending ? gone.negate() : BigDecimal.ZERO, lotId, lot.partnerId(), null, null,
                extended(Map.of(key, lotId, "valid_to", ApiTime.format(lot.validTo().toInstant(), clock)))), now);
        if (type.kind() == LoyaltyType.Kind.POINT) {
            events.publish(EventType.POINTS_EXPIRED, lot.customerId(), Map.of("customer_id", lot.customerId(),
                    "point_type_id", lot.typeId(), "point_id", lotId, "amount", gone));
        } else {
            events.publish(EventType.CREDITS_CHANGED, lot.customerId(), Map.of("customer_id", lot.customerId(),
                    "credit_type_id", lot.typeId(), "currency_id", lot.currencyId(), "amount", gone.negate()));
        }
        return true;
    }

    /** Ends one reservation past its expiration (if it is still marked active); true when it did. */
    boolean expireReservation(LedgerRepository.Reservation reservation) {
        lockWallet(reservation.customerId());
        OffsetDateTime now = now();
        if (!repository.endIfExpired(reservation.id(), now)) {
            return false;
        }
        repository.insertMovement(new LedgerRepository.Movement(reservation.customerId(), reservation.typeId(),
                NO_CURRENCY, Operation.RESERVATION_EXPIRE, reservation.quantity(), BigDecimal.ZERO, BigDecimal.ZERO,
                null, null, null, null, extended(Map.of("points_reservation_id", reservation.id()))), now);
        return true;
    }

    // --- checks ------------------------------------------------------------------------------------

    /** A customer's wallet of one type (and currency, for credits), locked and checked. */
    private record Wallet(String customerId, LoyaltyType type, String currencyId) {
    }

    private Wallet checkChange(LoyaltyType.Kind kind, Change change) {
        List<InvalidParam> errors = new ArrayList<>();
        String typeParam = kind == LoyaltyType.Kind.POINT ? "point_type_id" : "credit_type_id";
        LoyaltyType type = type(kind, change.typeId(), typeParam, errors);
        if (type != null) {
            checkAmount(change.amount(), type, "amount", errors);
        }
        String currency = kind == LoyaltyType.Kind.CREDIT ? checkCurrency(change.currencyId(), errors) : NO_CURRENCY;
        checkPartner(change.partnerId(), "partner_id", errors);
        lockCustomer(change.customerId(), "customer_id", errors);
        throwIfAny(errors);
        return new Wallet(change.customerId(), type, currency);
    }

    /** The named type, or the default of its kind when none is named; null (and an error) when there is none. */
    private LoyaltyType type(LoyaltyType.Kind kind, String typeId, String param, List<InvalidParam> errors) {
        Optional<LoyaltyType> type = configuredType(kind, typeId);
        if (type.isEmpty()) {
            errors.add(typeId == null
                    ? InvalidParam.of(param, Reason.REQUIRED, "The project has no default " + kind.code() + " type")
                    : InvalidParam.of(param, Reason.NOT_FOUND, typeId, "No " + kind.code() + " type with this id"));
        }
        return type.orElse(null);
    }

    /**
     * A type named by a request (the default of its kind without a name), from this node's memory of the imported
     * configuration (see {@code LedgerRepository.allTypes}).
     */
    private Optional<LoyaltyType> configuredType(LoyaltyType.Kind kind, String typeId) {
        return typeId == null ? repository.defaultType(kind) : repository.type(kind, typeId);
    }

    private static void checkAmount(BigDecimal amount, LoyaltyType type, String param, List<InvalidParam> errors) {
        if (amount.signum() <= 0) {
            errors.add(InvalidParam.of(param, Reason.NOT_ALLOWED_VALUE, amount.toPlainString(),
                    "The amount must be greater than zero"));
        } else {
            checkScale(amount, type, param, errors);
        }
    }

    private static void checkScale(BigDecimal amount, LoyaltyType type, String param, List<InvalidParam> errors) {
        if (amount.stripTrailingZeros().scale() > type.scale()) {
            errors.add(InvalidParam.of(param, Reason.NOT_ALLOWED_VALUE, amount.toPlainString(), type.scale() == 0
                    ? "This type takes whole amounts only"
                    : "This type takes at most " + type.scale() + " decimal places"));
        } else if (amount.abs().compareTo(new BigDecimal("1000000000000")) >= 0) {
            errors.add(InvalidParam.of(param, Reason.NOT_ALLOWED_VALUE, amount.toPlainString(),
                    "The amount must be less than 10^12"));
        }
    }

    private String checkCurrency(String currencyId, List<InvalidParam> errors) {
        String currency = currencyId != null ? currencyId : CurrencyQueries.currencyId(settings.currency());
        if (currencies.activeIds(List.of(currency)).isEmpty()) {
            errors.add(InvalidParam.of("currency_id", Reason.NOT_FOUND, currency, "Not an active currency"));
        }
        return currency;
    }

    private void checkPartner(String partnerId, String param, List<InvalidParam> errors) {
        if (partnerId == null) {
            // the API's bodies require it; a service caller (automation) may have left it out
            errors.add(InvalidParam.of(param, Reason.REQUIRED, "A partner is required"));
        } else if (!stores.partnerExists(partnerId)) {
            errors.add(InvalidParam.of(param, Reason.NOT_FOUND, partnerId, "No partner with this id"));
        }
    }

    /** The wallet lock: the customer's row, held to the end of the transaction; answers the customer's standing. */
    private CustomerService.Standing lockWallet(String customerId) {
        repository.waitPatientlyForLocks();
        return customers.lockStanding(customerId);
    }

    /** Takes the customer's wallet lock; an unknown customer is {@code not_found}, a deleted one {@code deleted}. */
    private void lockCustomer(String customerId, String param, List<InvalidParam> errors) {
        switch (lockWallet(customerId)) {
            case UNKNOWN -> errors.add(InvalidParam.of(param, Reason.NOT_FOUND, customerId, "No customer with this id"));
            case DELETED -> errors.add(InvalidParam.of(param, Reason.DELETED, customerId, "The customer is deleted"));
            case ACTIVE -> { }
        }
    }

    /** Refuses to spend more than the spendable amount less active reservations; the caller holds the lock. */
    private void requireSpendable(Wallet wallet, BigDecimal amount, String param) {
        requireSpendable(wallet, amount, param, now());
    }

    private void requireSpendable(Wallet wallet, BigDecimal amount, String param, OffsetDateTime now) {
        LedgerRepository.Holdings holdings = repository.holdings(wallet.customerId, wallet.type.id(),
                wallet.currencyId, wallet.type.kind() == LoyaltyType.Kind.POINT, now);
        BigDecimal reserved = holdings.reserved();
        BigDecimal free = holdings.spendable().subtract(reserved).subtract(holdings.debt());
        if (amount.compareTo(free) > 0) {
            String unit = wallet.type.kind() == LoyaltyType.Kind.POINT ? " points" : " credits";
            throw ApiError.badRequest(List.of(InvalidParam.of(param, Reason.NOT_ALLOWED_VALUE, amount.toPlainString(),
                    "Only " + wallet.type.shown(free.max(BigDecimal.ZERO)).toPlainString() + unit + " can be spent"
                            + (reserved.signum() > 0 ? " (" + wallet.type.shown(reserved).toPlainString()
                            + " are reserved)" : ""))));
        }
    }

    private void requireCreditActions() {
        if (!creditActionsEnabled()) {
            throw ApiError.forbidden("This action method is disabled: the project switch '" + CREDIT_ACTIONS_SWITCH
                    + "' (section loyalty_settings of the project file) is off");
        }
    }

    boolean creditActionsEnabled() {
        return repository.setting(CREDIT_ACTIONS_SWITCH).map("enabled"::equals).orElse(false);
    }

    private static void throwIfAny(List<InvalidParam> errors) {
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
    }

    private void publishEarned(LoyaltyType type, String customerId, String currency, String recordId,
                               BigDecimal amount) {
        if (amount.signum() == 0) {
            return;
        }
        if (type.kind() == LoyaltyType.Kind.POINT) {
            events.publish(EventType.POINTS_ASSIGNED, customerId, Map.of("customer_id", customerId,
                    "point_type_id", type.id(), "point_id", recordId, "amount", amount));
        } else {
            events.publish(EventType.CREDITS_CHANGED, customerId, Map.of("customer_id", customerId,
                    "credit_type_id", type.id(), "currency_id", currency, "amount", amount));
        }
    }

    private static String currency(String currencyId) {
        return currencyId == null ? NO_CURRENCY : currencyId;
    }

    private String extended(Map<String, ?> data) {
        return json.writeValueAsString(data);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
