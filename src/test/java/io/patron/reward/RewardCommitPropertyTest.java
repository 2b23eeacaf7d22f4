package io.patron.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestContextManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.catalog.CatalogQueries;
import io.patron.purchase.BenefitProvider.Benefit;
import io.patron.purchase.BenefitProvider.Proposal;
import io.patron.purchase.BenefitProvider.Shared;
import io.patron.purchase.CheckoutBasket;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.TestData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Property-based test against the real database: for generated baskets and presented vouchers (single-use and gift
 * cards), the evaluation never discounts beyond the item, is the same twice, and commit then reverse leaves every
 * voucher exactly as it was (balance, applied date, store, value) and no use counted.
 */
class RewardCommitPropertyTest extends ApiTest {

    private static final AtomicInteger RUN = new AtomicInteger();

    @Autowired
    PresentedCodeProvider presented;

    @Autowired
    AutomatedRewardProvider automated;

    @Autowired
    CatalogQueries catalog;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TestData testData;

    @Autowired
    java.time.Clock clock;

    String customer;
    List<String> products;

    record Line(int product, int quantity, int price) {
    }

    @BeforeProperty
    void wire() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        testData.reset();
        importProject("test-rewards.yaml");
        customer = Rewards.newCustomer(admin(), "property@rewards.test");
        products = List.of(catalog.productIdByCode("RW-SHOE").orElseThrow(),
                catalog.productIdByCode("RW-SOCK").orElseThrow(), catalog.productIdByCode("RW-CAP").orElseThrow());
    }

    @Provide
    Arbitrary<List<Line>> baskets() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 4000)).as(Line::new).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> rewards() {
        return Arbitraries.of("RW-SIMPLE15", "RW-GIFT", "RW-CAMPAIGN", "RW-CATALOG").list().ofMinSize(1).ofMaxSize(3);
    }

    private String state(Api admin, String voucherId) {
        return admin.get("/vouchers/" + voucherId).expect(200).data().toString()
                .replaceAll("\"last_change\":\"[^\"]*\",?", "");
    }

    @Property(tries = 25)
    void commitThenReverseRestoresEveryVoucher(@ForAll("baskets") List<Line> lines,
                                               @ForAll("rewards") List<String> rewards) {
        Api admin = admin();
        int run = RUN.incrementAndGet();
        List<String> codes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rewards.size(); i++) {
            String code = "PROP-" + run + "-" + i;
            ids.add(Rewards.batchVoucher(admin, rewards.get(i), customer, code));
            codes.add(code);
        }
        List<CheckoutBasket.Item> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            BigDecimal price = BigDecimal.valueOf(l.price()).multiply(BigDecimal.valueOf(l.quantity()));
            items.add(new CheckoutBasket.Item("b" + i, products.get(l.product()), List.of(),
                    BigDecimal.valueOf(l.quantity()), price, price, false, null));
        }
        CheckoutBasket basket = new CheckoutBasket(customer, Rewards.PRG, "CZK", OffsetDateTime.now(clock),
                CheckoutBasket.PaymentType.A, "en", items, codes);
        Map<String, BigDecimal> remaining = new LinkedHashMap<>();
        items.forEach(i -> remaining.put(i.billItemId(), i.paidAmount()));
        // one evaluation: the presented codes reuse what the automated rewards read
        Shared shared = new Shared();
        Proposal auto = automated.propose(basket, remaining, shared);
        for (Benefit b : auto.benefits()) {
            b.discounts().forEach(d -> remaining.computeIfPresent(d.billItemId(), (k, v) -> v.subtract(d.value())));
        }
        Proposal proposal = presented.propose(basket, remaining, shared);
        assertThat(presented.propose(basket, remaining, new Shared())).isEqualTo(proposal);
        Map<String, BigDecimal> left = new LinkedHashMap<>(remaining);
        for (Benefit b : proposal.benefits()) {
            b.discounts().forEach(d -> left.computeIfPresent(d.billItemId(), (k, v) -> v.subtract(d.value())));
        }
        assertThat(left.values()).allSatisfy(v -> assertThat(v.signum()).isNotNegative());
        List<String> before = ids.stream().map(id -> state(admin, id)).toList();
        String purchase = "PROP-P-" + run;
        List<Benefit> used = new ArrayList<>(auto.benefits());
        used.addAll(proposal.benefits());
        transactions.executeWithoutResult(s -> presented.commit(purchase, basket, used));
        transactions.executeWithoutResult(s -> presented.reverse(purchase));
        assertThat(ids.stream().map(id -> state(admin, id)).toList()).isEqualTo(before);
    }
}
