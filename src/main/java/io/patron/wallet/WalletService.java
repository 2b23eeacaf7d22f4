package io.patron.wallet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.InvalidParam;
import io.patron.api.QueryParams;
import io.patron.api.Reason;
import io.patron.customer.CustomerService;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.tier.ActiveCurrencies;
import io.patron.tier.CustomerStatuses;
import io.patron.tier.TurnoverSource;

/**
 * The five wallet overviews. Points are those of the default point type (the overviews name no type); credit
 * totals are those of the project currency, every currency being in {@code split_by_currency}. An interval is
 * whole days in the project's time zone, {@code date_from} and {@code date_to} included, either open.
 */
@Service
@Transactional(readOnly = true)
public class WalletService {

    /** The customer and the interval of one overview call. */
    record Query(String customerId, OffsetDateTime from, OffsetDateTime to) {
    }

    private final LoyaltyLedger ledger;
    private final CustomerStatuses statuses;
    private final ActiveCurrencies currencies;
    private final TurnoverSource turnovers;
    private final CustomerService customers;
    private final Clock clock;

    WalletService(LoyaltyLedger ledger, CustomerStatuses statuses, ActiveCurrencies currencies,
                  TurnoverSource turnovers, CustomerService customers, Clock clock) {
        this.ledger = ledger;
        this.statuses = statuses;
        this.currencies = currencies;
        this.turnovers = turnovers;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Reads {@code customer_id} (required; the Customer API's own customer only) and, with {@code interval},
     * {@code date_from} / {@code date_to}; refuses bad values naming them, an unknown customer with a 404.
     */
    Query query(Caller caller, QueryParams params, boolean interval) {
        List<InvalidParam> errors = new ArrayList<>();
        String customerId = params.string("customer_id");
        if (customerId == null || customerId.isBlank()) {
            errors.add(InvalidParam.of("customer_id", Reason.REQUIRED, "The customer is required"));
        }
        LocalDate from = interval ? date(params, "date_from", errors) : null;
        LocalDate to = interval ? date(params, "date_to", errors) : null;
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(InvalidParam.of("date_to", Reason.NOT_ALLOWED_VALUE, to.toString(),
                    "date_to must not be before date_from"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        if (!customers.exists(customerId)) {
            throw ApiError.notFound("customers", customerId);
        }
        return new Query(customerId, from == null ? null : from.atStartOfDay(clock.getZone()).toOffsetDateTime(),
                to == null ? null : to.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime());
    }

    private static LocalDate date(QueryParams params, String name, List<InvalidParam> errors) {
        String value = params.string(name);
        if (value == null) {
            return null;
        }
        try {
            return ApiTime.parseDate(value);
        } catch (DateTimeException e) {
            errors.add(InvalidParam.of(name, Reason.INVALID_VALUE_FORMAT, value, ApiTime.DATE_FORMS));
            return null;
        }
    }

    /**
     * {@code points-overview}: earned and redeemed in the interval, spendable now (reservations held back), and its
     * money value per currency when the customer's status allows paying by points, rounded down to the currency's
     * decimal places (the points never promise more money than they pay).
     */
    WalletBodies.PointsOverview points(Query q) {
        Optional<String> type = ledger.defaultPointTypeId();
        if (type.isEmpty()) {
            return new WalletBodies.PointsOverview(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, List.of());
        }
        LoyaltyLedger.Sums sums = ledger.movementSums(q.customerId(), type.get(), null, q.from(), q.to());
        BigDecimal available = ledger.pointBalance(q.customerId(), type.get()).spendable();
        List<WalletBodies.MoneyValue> money = new ArrayList<>();
        if (statuses.switches(q.customerId()).paymentPoints()) {
            Map<String, BigDecimal> values = statuses.pointMoneyValues(type.get());
            for (ActiveCurrencies.Currency currency : currencies.all()) {
                BigDecimal value = values.get(currency.currencyId());
                if (value != null) {
                    money.add(new WalletBodies.MoneyValue(currency.currencyId(),
                            available.multiply(value).setScale(currency.decimals(), RoundingMode.DOWN)));
                }
            }
        }
        return new WalletBodies.PointsOverview(sums.earned(), sums.redeemed(), available, money);
    }

    /**
     * {@code credits-overview}: per currency the customer has credits in, of the chosen credit types (all when none
     * is named; an unknown one is refused), earned and redeemed in the interval and spendable now.
     */
    WalletBodies.CreditsOverview credits(Query q, List<String> creditTypeIds) {
        List<String> known = ledger.creditTypes().stream().map(LoyaltyLedger.TypeInfo::typeId).toList();
        List<InvalidParam> errors = new ArrayList<>();
        creditTypeIds.stream().filter(id -> !known.contains(id)).forEach(id -> errors.add(
                InvalidParam.of("credit_type_id", Reason.NOT_FOUND, id, "No credit type with this id")));
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        List<String> types = creditTypeIds.isEmpty() ? known : creditTypeIds.stream().distinct().toList();
        Set<String> held = new LinkedHashSet<>();
        types.forEach(type -> held.addAll(ledger.creditCurrencies(q.customerId(), type)));
        List<WalletBodies.CreditWalletSummary> split = new ArrayList<>();
        for (String currency : ordered(held)) {
            int decimals = currencies.decimals(currency);
            BigDecimal earned = zero(decimals);
            BigDecimal redeemed = zero(decimals);
            BigDecimal available = zero(decimals);
            for (String type : types) {
                LoyaltyLedger.Sums sums = ledger.movementSums(q.customerId(), type, currency, q.from(), q.to());
                earned = earned.add(sums.earned());
                redeemed = redeemed.add(sums.redeemed());
                available = available.add(ledger.creditBalance(q.customerId(), type, currency).spendable());
            }
            split.add(new WalletBodies.CreditWalletSummary(currency, earned, redeemed, available));
        }
        String main = currencies.main().currencyId();
        WalletBodies.CreditWalletSummary inMain = split.stream().filter(s -> s.currencyId().equals(main)).findFirst()
                .orElse(new WalletBodies.CreditWalletSummary(main, zero(currencies.main().decimals()),
                        zero(currencies.main().decimals()), zero(currencies.main().decimals())));
        return new WalletBodies.CreditsOverview(inMain.earnedCredits(), inMain.redeemedCredits(),
                inMain.availableCredits(), split);
    }

    /** The project's currencies first, in their order, then any other the customer has credits in. */
    private List<String> ordered(Set<String> held) {
        List<String> out = new ArrayList<>();
        currencies.all().stream().map(ActiveCurrencies.Currency::currencyId).filter(held::contains).forEach(out::add);
        held.stream().filter(c -> !out.contains(c)).forEach(out::add);
        return out;
    }

    /** {@code points-expiration-overview} of the default point type. */
    WalletBodies.ExpirationOverview pointsExpiration(Query q) {
        Optional<String> type = ledger.defaultPointTypeId();
        if (type.isEmpty()) {
            return new WalletBodies.ExpirationOverview(BigDecimal.ZERO, null, BigDecimal.ZERO);
        }
        return expiration(q.customerId(), List.of(type.get()), null);
    }

    /** {@code credits-expiration-overview}: every credit type, in the project currency. */
    WalletBodies.ExpirationOverview creditsExpiration(Query q) {
        List<String> types = ledger.creditTypes().stream().map(LoyaltyLedger.TypeInfo::typeId).toList();
        if (types.isEmpty()) {
            return new WalletBodies.ExpirationOverview(zero(currencies.main().decimals()), null,
                    zero(currencies.main().decimals()));
        }
        return expiration(q.customerId(), types, currencies.main().currencyId());
    }

    /**
     * What expires next (all lots ending on the earliest day still ahead, over the types) and what expires from now
     * to the end of this month; nothing expiring is amount 0 without a date.
     */
    private WalletBodies.ExpirationOverview expiration(String customerId, List<String> types, String currency) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime monthEnd = ZonedDateTime.now(clock).toLocalDate().withDayOfMonth(1).plusMonths(1)
                .atStartOfDay(clock.getZone()).toOffsetDateTime();
        LocalDate nextDay = null;
        BigDecimal nextAmount = BigDecimal.ZERO;
        BigDecimal thisMonth = BigDecimal.ZERO;
        for (String type : types) {
            Optional<LoyaltyLedger.Expiring> next = ledger.nextExpiring(customerId, type, currency);
            if (next.isPresent()) {
                LocalDate day = next.get().validTo().atZoneSameInstant(clock.getZone()).toLocalDate();
                if (nextDay == null || day.isBefore(nextDay)) {
                    nextDay = day;
                    nextAmount = next.get().amount();
                } else if (day.equals(nextDay)) {
                    nextAmount = nextAmount.add(next.get().amount());
                }
            }
            thisMonth = thisMonth.add(ledger.expiringBetween(customerId, type, currency, now, monthEnd));
        }
        return new WalletBodies.ExpirationOverview(nextAmount, nextDay == null ? null : nextDay.toString(), thisMonth);
    }

    /**
     * {@code sales-turnover}: purchase turnover per active currency in the interval, cancellations subtracted. It
     * comes from the purchases capability once purchases are stored (the checkout issue); until then every
     * currency shows 0, truthfully, as there is no purchase.
     */
    WalletBodies.SalesTurnover turnover(Query q) {
        List<WalletBodies.Turnover> out = new ArrayList<>();
        turnovers.turnover(q.customerId(), q.from(), q.to())
                .forEach((currency, value) -> out.add(new WalletBodies.Turnover(currency, value)));
        return new WalletBodies.SalesTurnover(out);
    }

    private static BigDecimal zero(int decimals) {
        return BigDecimal.ZERO.setScale(decimals);
    }
}
