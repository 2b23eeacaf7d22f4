package io.patron.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.api.ApiError;
import io.patron.catalog.CatalogQueries;
import io.patron.purchase.BenefitProvider.Proposal;
import io.patron.purchase.BenefitProvider.Shared;
import io.patron.purchase.CheckoutBasket;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/**
 * Real threads committing against the real database: a single-use voucher committed by 20 cash desks at once is
 * used exactly once, and a cash-desk code limited to K uses lets exactly K of 50 concurrent purchases through.
 */
class RewardConcurrencyTest extends ApiTest {

    private static final int THREADS = 16;

    @Autowired
    PresentedCodeProvider presented;

    @Autowired
    CatalogQueries catalog;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    java.time.Clock clock;

    @BeforeEach
    void project() {
        importProject("test-rewards.yaml");
    }

    /** Runs {@code n} commits released together; answers how many committed. */
    private int race(int n, IntFunction<Runnable> commit) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.min(n, THREADS))) {
            for (int i = 0; i < n; i++) {
                Runnable work = commit.apply(i);
                answers.add(threads.submit(() -> {
                    start.await();
                    try {
                        transactions.executeWithoutResult(s -> work.run());
                        return true;
                    } catch (ApiError refused) {
                        assertThat(RewardCheckoutTest.reasons(refused)).containsExactly(
                                "benefit_codes:voucher_already_used");
                        return false;
                    }
                }));
            }
            start.countDown();
            int committed = 0;
            for (Future<Boolean> answer : answers) {
                committed += answer.get() ? 1 : 0;
            }
            return committed;
        }
    }

    private CheckoutBasket basket(String customerId, String code) {
        String cap = catalog.productIdByCode("RW-CAP").orElseThrow();
        return new CheckoutBasket(customerId, Rewards.PRG, "CZK", OffsetDateTime.now(clock),
                CheckoutBasket.PaymentType.A, "en", List.of(new CheckoutBasket.Item("1", cap, List.of(),
                BigDecimal.ONE, new BigDecimal("300"), new BigDecimal("300"), false, null)), List.of(code));
    }

    @Test
    void oneSingleUseVoucherCommittedByTwentyDesksAtOnceIsUsedOnce() throws Exception {
        Api admin = admin();
        String jana = Rewards.newCustomer(admin, "race@rewards.test");
        String voucher = Rewards.batchVoucher(admin, "RW-SIMPLE15", jana, "RACE-1");
        CheckoutBasket basket = new CheckoutBasket(jana, Rewards.PRG, "CZK", OffsetDateTime.now(clock),
                CheckoutBasket.PaymentType.A, "en", List.of(new CheckoutBasket.Item("1",
                catalog.productIdByCode("RW-CAP").orElseThrow(), List.of(), BigDecimal.valueOf(2),
                new BigDecimal("600"), new BigDecimal("600"), false, null)), List.of("RACE-1"));
        Proposal proposal = presented.propose(basket, Map.of("1", new BigDecimal("600")), new Shared());
        assertThat(proposal.benefits()).hasSize(1);
        int committed = race(20, i -> () -> presented.commit("RACE-P-" + i, basket, proposal.benefits()));
        assertThat(committed).isEqualTo(1);
        assertThat(admin.get("/vouchers/" + voucher).expect(200).data().path("applied_date").asString()).isNotBlank();
    }

    @Test
    void aCodeLimitedToThreeUsesLetsExactlyThreeOfFiftyConcurrentPurchasesThrough() throws Exception {
        CheckoutBasket basket = basket(null, "RW-LIMITED");
        Proposal proposal = presented.propose(basket, Map.of("1", new BigDecimal("300")), new Shared());
        assertThat(proposal.benefits()).hasSize(1);
        int committed = race(50, i -> () -> presented.commit("LIMIT-P-" + i, basket, proposal.benefits()));
        assertThat(committed).isEqualTo(3);
        assertThat(presented.propose(basket, Map.of("1", new BigDecimal("300")), new Shared()).refusals())
                .singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo("voucher_already_used"));
        // a cancellation gives one use back
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < 50; i++) {
                presented.reverse("LIMIT-P-" + i);
            }
        });
        assertThat(presented.propose(basket, Map.of("1", new BigDecimal("300")), new Shared()).benefits()).hasSize(1);
    }
}
