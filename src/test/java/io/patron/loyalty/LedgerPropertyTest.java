package io.patron.loyalty;

import static io.patron.db.Tables.LOYALTY_RECORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestContextManager;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import io.patron.support.TestData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Property-based test of the lot engine against the real database: random sequences of assign, reduce, transfer,
 * reserve, free, spend-and-reverse, pending earnings and moves of the clock (with the jobs) keep, after every step,
 * balance = sum of available lots = sum of movements, nothing negative, every refusal exactly when a simple model
 * says the points are not there, and a reversal restores every lot exactly. The test borrows the Spring context
 * of the other tests (the same configuration, so no new context) through a {@link TestContextManager}.
 */
class LedgerPropertyTest extends ApiTest {

    private static final Caller ENTERPRISE = new Caller.Anonymous("property-test");
    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    @Autowired
    LedgerService ledger;

    @Autowired
    LoyaltyLedger read;

    @Autowired
    LedgerConsistency consistency;

    @Autowired
    LedgerJobs jobs;

    @Autowired
    MutableClock clock;

    @Autowired
    TestData testData;

    @Autowired
    DSLContext dsl;

    /** One step of a sequence; {@code who} picks one of two customers, {@code amount} is whole points. */
    record Step(String kind, int who, int amount) {
    }

    @BeforeProperty
    void wire() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        testData.reset();
        importProject("test-loyalty.yaml");
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of("assign", "assign", "reduce", "reduce", "transfer", "reserve", "free", "reverse",
                        "pending", "advance"),
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(1, 60)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 25)
    void theLedgerStaysConsistentWhateverHappens(@ForAll("sequences") List<Step> steps) {
        String[] customers = {newCustomer(), newCustomer()};
        long[] spendable = {0, 0};
        List<List<String[]>> reservations = List.of(new ArrayList<>(), new ArrayList<>());
        for (Step step : steps) {
            String me = customers[step.who()];
            String other = customers[1 - step.who()];
            BigDecimal amount = BigDecimal.valueOf(step.amount());
            long free = spendable[step.who()] - reserved(reservations.get(step.who()));
            boolean affordable = step.amount() <= free;
            switch (step.kind()) {
                case "assign" -> {
                    ledger.assignPoints(new LedgerService.Change(amount, me, Ledger.PARTNER, Ledger.CLUB, null, null));
                    spendable[step.who()] += step.amount();
                }
                case "pending" -> ledger.assignPoints(
                        new LedgerService.Change(amount, me, Ledger.PARTNER, Ledger.BONUS, null, null));
                case "reduce" -> {
                    attempt(affordable, () -> ledger.reducePoints(
                            new LedgerService.Change(amount, me, Ledger.PARTNER, Ledger.CLUB, null, null)));
                    if (affordable) {
                        spendable[step.who()] -= step.amount();
                    }
                }
                case "transfer" -> {
                    attempt(affordable, () -> ledger.transferPoints(ENTERPRISE,
                            new LedgerService.Transfer(me, other, amount, Ledger.CLUB, null, null)));
                    if (affordable) {
                        spendable[step.who()] -= step.amount();
                        spendable[1 - step.who()] += step.amount();
                    }
                }
                case "reserve" -> {
                    String externalId = "R-" + CUSTOMERS.incrementAndGet();
                    attempt(affordable, () -> ledger.reservePoints(ENTERPRISE, externalId, me, amount, null));
                    if (affordable) {
                        reservations.get(step.who()).add(new String[] {externalId, String.valueOf(step.amount())});
                    }
                }
                case "free" -> {
                    if (!reservations.get(step.who()).isEmpty()) {
                        ledger.freePoints(ENTERPRISE, reservations.get(step.who()).removeFirst()[0]);
                    }
                }
                case "reverse" -> {
                    if (affordable) {
                        Map<String, BigDecimal> before = lots(me);
                        String redemption = ledger.reducePoints(
                                new LedgerService.Change(amount, me, Ledger.PARTNER, Ledger.CLUB, null, null));
                        assertThat(ledger.reverse(redemption, null, null)).isEqualByComparingTo(amount);
                        assertThat(lots(me)).isEqualTo(before);
                    }
                }
                case "advance" -> {
                    clock.advance(Duration.ofDays(step.amount() / 3));
                    jobs.activatePending();
                    jobs.expireLots();
                    jobs.expireReservations();
                }
                default -> throw new IllegalStateException(step.kind());
            }
            for (int i = 0; i < 2; i++) {
                LoyaltyLedger.Balance balance = read.pointBalance(customers[i], Ledger.CLUB);
                assertThat(balance.available()).isEqualByComparingTo(BigDecimal.valueOf(spendable[i]));
                assertThat(balance.reserved()).isEqualByComparingTo(BigDecimal.valueOf(reserved(reservations.get(i))));
                assertThat(balance.available().subtract(balance.reserved()).signum()).isNotNegative();
                assertThat(read.pointBalance(customers[i], Ledger.BONUS).available().signum()).isNotNegative();
            }
            assertThat(consistency.check()).as("after %s", step).isEmpty();
        }
    }

    private String newCustomer() {
        return Ledger.newCustomer(admin(), "property-" + CUSTOMERS.incrementAndGet() + "@example.com");
    }

    private static long reserved(List<String[]> reservations) {
        return reservations.stream().mapToLong(r -> Long.parseLong(r[1])).sum();
    }

    /** Runs a change that the model says succeeds, or checks that it is refused naming {@code amount}. */
    private static void attempt(boolean succeeds, Runnable change) {
        if (succeeds) {
            change.run();
        } else {
            assertThatThrownBy(change::run).isInstanceOfSatisfying(ApiError.class, e ->
                    assertThat(e.errorData().toString()).contains("name=amount").contains("not_allowed_value"));
        }
    }

    /** The available amount of each of the customer's lots. */
    private Map<String, BigDecimal> lots(String customerId) {
        Map<String, BigDecimal> lots = new HashMap<>();
        dsl.select(LOYALTY_RECORD.ID, LOYALTY_RECORD.AVAILABLE).from(LOYALTY_RECORD)
                .where(LOYALTY_RECORD.CUSTOMER_ID.eq(customerId)).and(LOYALTY_RECORD.PHASE.eq("active"))
                .forEach(r -> lots.put(r.value1(), r.value2().stripTrailingZeros()));
        return lots;
    }
}
