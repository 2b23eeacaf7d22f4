package io.patron.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.patron.purchase.BenefitProvider.ItemDiscount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based tests of the rules engine over generated baskets and rule sets: a discount is never negative,
 * never more than what is left to pay on an item, never more than the maximum discount, and the same input gives
 * the same output.
 */
class RewardRulesPropertyTest {

    record Case(RewardRules.Rule rule, List<RewardRules.Item> items, Map<String, BigDecimal> remaining) {
    }

    private static Arbitrary<BigDecimal> money(int max) {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(max)).ofScale(2);
    }

    private static Arbitrary<RewardRules.Relation> relations() {
        Arbitrary<String> relatedTo = Arbitraries.of("product", "product_group", "product_brand");
        return Combinators.combine(relatedTo, Arbitraries.of("p1", "p2", "p3", "g1", "g2", "b1", "b2").set().ofMinSize(1)
                        .ofMaxSize(3), Arbitraries.integers().between(1, 4).injectNull(0.3),
                money(500).injectNull(0.7), money(6000).injectNull(0.7))
                .as(RewardRules.Relation::new);
    }

    private static Arbitrary<RewardRules.Rule> rules() {
        return Combinators.combine(Arbitraries.of(RewardRules.Behaviour.values()), money(3000),
                relations().list().ofMaxSize(2), relations().list().ofMaxSize(2), money(3000).injectNull(0.6),
                money(2000).injectNull(0.6)).as(RewardRules.Rule::new);
    }

    private static Arbitrary<RewardRules.Item> item(int index) {
        return Combinators.combine(Arbitraries.of("p1", "p2", "p3").injectNull(0.1),
                Arbitraries.of("g1", "g2").set().ofMaxSize(2), Arbitraries.of("b1", "b2").injectNull(0.2),
                Arbitraries.integers().between(1, 4), money(5000), Arbitraries.of(false, false, false, true))
                .as((p, g, b, q, price, off) -> new RewardRules.Item("i" + index, p, Set.copyOf(g), b,
                        BigDecimal.valueOf(q), price, off));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<RewardRules.Item>> items = Arbitraries.integers().between(1, 5).flatMap(n -> {
            List<Arbitrary<RewardRules.Item>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(item(i));
            }
            return Combinators.combine(all).as(List::copyOf);
        });
        Arbitrary<List<Integer>> shares = Arbitraries.integers().between(0, 100).list().ofSize(5);
        return Combinators.combine(rules(), items, shares).as((rule, list, share) -> {
            Map<String, BigDecimal> remaining = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                RewardRules.Item item = list.get(i);
                remaining.put(item.billItemId(), item.price().multiply(BigDecimal.valueOf(share.get(i)))
                        .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.DOWN));
            }
            return new Case(rule, list, remaining);
        });
    }

    @Property(tries = 2000)
    void discountsStayWithinWhatIsLeftAndTheMaximum(@ForAll("cases") Case c) {
        RewardRules.Outcome outcome = RewardRules.evaluate(c.rule(), c.items(), c.remaining());
        if (outcome.refusal() != null) {
            assertThat(outcome.discounts()).isEmpty();
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (ItemDiscount d : outcome.discounts()) {
            assertThat(d.value().signum()).isPositive();
            assertThat(d.value()).isLessThanOrEqualTo(c.remaining().get(d.billItemId()));
            assertThat(d.value().scale()).isLessThanOrEqualTo(2);
            RewardRules.Item item = c.items().stream().filter(i -> i.billItemId().equals(d.billItemId()))
                    .findFirst().orElseThrow();
            assertThat(item.loyaltyOff()).isFalse();
            total = total.add(d.value());
        }
        if (c.rule().maximumDiscount() != null) {
            assertThat(total).isLessThanOrEqualTo(c.rule().maximumDiscount());
        }
        if (c.rule().behaviour() == RewardRules.Behaviour.FIXED_AMOUNT
                || c.rule().behaviour() == RewardRules.Behaviour.GIFT_CARD) {
            assertThat(total).isLessThanOrEqualTo(c.rule().value());
        }
    }

    @Property(tries = 500)
    void theSameInputGivesTheSameOutput(@ForAll("cases") Case c) {
        assertThat(RewardRules.evaluate(c.rule(), c.items(), c.remaining()))
                .isEqualTo(RewardRules.evaluate(c.rule(), List.copyOf(c.items()), new LinkedHashMap<>(c.remaining())));
    }

    @Property(tries = 500)
    void aSpreadAddsUpToTheAmountAndNeverExceedsAWeight(@ForAll("cases") Case c) {
        BigDecimal amount = c.rule().value();
        Map<String, BigDecimal> parts = RewardRules.spread(c.remaining(), amount);
        BigDecimal sum = c.remaining().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal given = parts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(given).isLessThanOrEqualTo(amount.min(sum));
        parts.forEach((id, part) -> {
            assertThat(part.signum()).isNotNegative();
            assertThat(part).isLessThanOrEqualTo(c.remaining().get(id));
        });
    }
}
