package io.patron.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the checkout evaluation over generated baskets, with two test providers that have real logic (a
 * campaign price cutting a fixed amount off the most expensive item, a percentage reward on every item): no paid
 * amount below zero, discounts within what each stage was left, totals consistent, points within every bound, the
 * same input giving the same output.
 */
class CheckoutEnginePropertyTest {

    /** Stage 100: takes {@code amount} off the item with the most left to pay (ties: the first). */
    static final class FixedOffMostExpensive implements BenefitProvider {
        final BigDecimal amount;
        final List<Map<String, BigDecimal>> seen = new ArrayList<>();

        FixedOffMostExpensive(BigDecimal amount) {
            this.amount = amount;
        }

        @Override
        public int stage() {
            return CAMPAIGN_PRICES;
        }

        @Override
        public Proposal propose(CheckoutBasket basket, Map<String, BigDecimal> remaining, Shared shared) {
            seen.add(Map.copyOf(remaining));
            String best = null;
            for (CheckoutBasket.Item item : basket.items()) {
                if (best == null || remaining.get(item.billItemId()).compareTo(remaining.get(best)) > 0) {
                    best = item.billItemId();
                }
            }
            if (best == null || remaining.get(best).signum() == 0) {
                return Proposal.NONE;
            }
            BigDecimal value = amount.min(remaining.get(best));
            return new Proposal(List.of(new Benefit(Benefit.Kind.RECOMMENDED_DISCOUNT, "FIX", "Fixed off", false, null,
                    null, List.of(new ItemDiscount(best, value, BigDecimal.ZERO)))), List.of());
        }

        @Override
        public void commit(String purchaseId, CheckoutBasket basket, List<Benefit> used) {
        }

        @Override
        public void reverse(String purchaseId) {
        }
    }

    /** Stage 200: {@code percent} % off what is left on every item; an overall benefit. */
    static final class PercentOffAll implements BenefitProvider {
        final int percent;
        final List<Map<String, BigDecimal>> seen = new ArrayList<>();

        PercentOffAll(int percent) {
            this.percent = percent;
        }

        @Override
        public int stage() {
            return AUTOMATED_REWARDS;
        }

        @Override
        public Proposal propose(CheckoutBasket basket, Map<String, BigDecimal> remaining, Shared shared) {
            seen.add(Map.copyOf(remaining));
            List<ItemDiscount> discounts = new ArrayList<>();
            for (CheckoutBasket.Item item : basket.items()) {
                BigDecimal left = remaining.get(item.billItemId());
                BigDecimal value = left.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2,
                        RoundingMode.HALF_UP);
                if (value.signum() > 0) {
                    discounts.add(new ItemDiscount(item.billItemId(), value, BigDecimal.valueOf(percent)));
                }
            }
            return discounts.isEmpty() ? Proposal.NONE : new Proposal(List.of(new Benefit(Benefit.Kind.VOUCHER,
                    "PCT", "Percent off", true, "r-1", "v-1", discounts)), List.of());
        }

        @Override
        public void commit(String purchaseId, CheckoutBasket basket, List<Benefit> used) {
        }

        @Override
        public void reverse(String purchaseId) {
        }
    }

    record Line(int price, int paid, boolean off, String type) {
    }

    record Case(List<Line> lines, CheckoutBasket.PaymentType paymentType, int fixedOff, int percentOff,
                int statusDiscount, int spendable, int maxPoints) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.integers().between(0, 5000),
                        Arbitraries.integers().between(0, 100), Arbitraries.of(false, false, false, true),
                        Arbitraries.of("store", "store", "no_reward", "otc_without_loyalty", "points_only"))
                .as((price, share, off, type) -> new Line(price, price * share / 100, off, type));
        return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.of(CheckoutBasket.PaymentType.values()), Arbitraries.integers().between(0, 500),
                Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 20000), Arbitraries.integers().between(0, 20000))
                .as(Case::new);
    }

    private static CheckoutEngine.Input input(Case c) {
        List<CheckoutBasket.Item> items = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < c.lines().size(); i++) {
            Line l = c.lines().get(i);
            String id = "i" + i;
            items.add(new CheckoutBasket.Item(id, null, List.of(), BigDecimal.ONE, BigDecimal.valueOf(l.price()),
                    BigDecimal.valueOf(l.paid()), l.off(), null));
            types.put(id, "store".equals(l.type()) ? null : l.type());
        }
        CheckoutBasket basket = new CheckoutBasket("c-1", "s-1", "czk", OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0,
                ZoneOffset.UTC), c.paymentType(), "en", items, List.of());
        CheckoutEngine.Rule rule = new CheckoutEngine.Rule("pt", 0, false, new BigDecimal("0.1"), RoundingMode.DOWN,
                Map.of(), null);
        return new CheckoutEngine.Input(basket, types, Map.of(), new CheckoutEngine.Status(true, true,
                c.statusDiscount(), false), new CheckoutEngine.PointWallet("pt", BigDecimal.valueOf(c.spendable()), 0,
                new BigDecimal("0.5"), false), new CheckoutEngine.CreditWallet("ct", new BigDecimal("100")),
                List.of(rule), BigDecimal.valueOf(c.maxPoints()), null, 2, CheckoutEngine.Messages.of("en"));
    }

    private static CheckoutEngine.Evaluation run(Case c, List<BenefitProvider> providers) {
        return CheckoutEngine.evaluate(input(c), providers);
    }

    @Property(tries = 300)
    void noPaidAmountGoesNegativeAndTotalsAreConsistent(@ForAll("cases") Case c) {
        List<BenefitProvider> providers = List.of(new PercentOffAll(c.percentOff()),
                new FixedOffMostExpensive(BigDecimal.valueOf(c.fixedOff())));
        CheckoutEngine.Evaluation e = run(c, providers);
        Map<String, BigDecimal> discounts = new HashMap<>();
        e.applied().forEach(a -> discounts.merge(a.billItemId(), a.value(), BigDecimal::add));
        BigDecimal worth = BigDecimal.ZERO;
        for (CheckoutEngine.ItemResult r : e.items()) {
            assertThat(r.finalAmount()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            assertThat(r.finalAmount()).isLessThanOrEqualTo(r.item().paidAmount());
            // what was taken off is exactly the item's discounts
            assertThat(r.item().paidAmount().subtract(r.finalAmount()))
                    .isEqualByComparingTo(discounts.getOrDefault(r.item().billItemId(), BigDecimal.ZERO));
            assertThat(r.pointsPaid()).isLessThanOrEqualTo(r.finalAmount());
            if (r.item().loyaltyOff() || "otc_without_loyalty".equals(input(c).itemTypes().get(
                    r.item().billItemId()))) {
                assertThat(r.finalAmount()).isEqualByComparingTo(r.item().paidAmount());
                assertThat(r.pointsPaid()).isZero();
            }
            worth = worth.add(r.pointsPaid());
        }
        // points: within the ask, the wallet and what they pay
        assertThat(e.creditPoints()).isLessThanOrEqualTo(BigDecimal.valueOf(c.maxPoints()));
        assertThat(e.creditPoints()).isLessThanOrEqualTo(BigDecimal.valueOf(c.spendable()));
        assertThat(e.priceOfCreditPoints()).isEqualByComparingTo(worth);
        assertThat(e.priceOfCreditPoints()).isLessThanOrEqualTo(e.creditPoints().multiply(new BigDecimal("0.5")));
        // overall benefits only where the payment type allows them
        if (!c.paymentType().allowsOverallDiscounts()) {
            assertThat(e.applied()).noneMatch(a -> "PCT".equals(a.code()) || "status".equals(a.code()));
        }
        if (!c.paymentType().collectsPoints()) {
            assertThat(e.earned()).isEmpty();
        }
    }

    @Property(tries = 200)
    void laterStagesSeeWhatEarlierStagesLeft(@ForAll("cases") Case c) {
        PercentOffAll percent = new PercentOffAll(c.percentOff());
        FixedOffMostExpensive fixed = new FixedOffMostExpensive(BigDecimal.valueOf(c.fixedOff()));
        CheckoutEngine.Evaluation e = run(c, List.of(percent, fixed)); // given out of order on purpose
        Map<String, BigDecimal> fixedOff = new HashMap<>();
        e.applied().stream().filter(a -> "FIX".equals(a.code()))
                .forEach(a -> fixedOff.merge(a.billItemId(), a.value(), BigDecimal::add));
        Map<String, BigDecimal> first = fixed.seen.getFirst();
        Map<String, BigDecimal> second = percent.seen.getFirst();
        first.forEach((id, left) -> assertThat(second.get(id))
                .isEqualByComparingTo(left.subtract(fixedOff.getOrDefault(id, BigDecimal.ZERO))));
        first.values().forEach(v -> assertThat(v).isGreaterThanOrEqualTo(BigDecimal.ZERO));
    }

    @Property(tries = 200)
    void theSameInputGivesTheSameOutput(@ForAll("cases") Case c) {
        CheckoutEngine.Evaluation a = run(c, List.of(new FixedOffMostExpensive(BigDecimal.valueOf(c.fixedOff())),
                new PercentOffAll(c.percentOff())));
        CheckoutEngine.Evaluation b = run(c, List.of(new PercentOffAll(c.percentOff()),
                new FixedOffMostExpensive(BigDecimal.valueOf(c.fixedOff()))));
        assertThat(b.items()).isEqualTo(a.items());
        assertThat(b.creditPoints()).isEqualTo(a.creditPoints());
        assertThat(b.earned()).isEqualTo(a.earned());
        assertThat(b.messages()).isEqualTo(a.messages());
        assertThat(b.applied().stream().map(x -> x.code() + x.billItemId() + x.value()).toList())
                .isEqualTo(a.applied().stream().map(x -> x.code() + x.billItemId() + x.value()).toList());
    }
}
