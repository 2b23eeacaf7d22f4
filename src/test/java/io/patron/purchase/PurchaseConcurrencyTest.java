package io.patron.purchase;

import static io.patron.purchase.Checkout.CLUB;
import static io.patron.purchase.Checkout.assign;
import static io.patron.purchase.Checkout.bill;
import static io.patron.purchase.Checkout.item;
import static io.patron.purchase.Checkout.newCustomer;
import static io.patron.purchase.Checkout.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.db.Tables;
import io.patron.loyalty.LedgerConsistency;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Real threads against the real database: one purchase per bill_id, and points never spent twice. */
class PurchaseConcurrencyTest extends ApiTest {

    @Autowired
    DSLContext dsl;

    @Autowired
    LedgerConsistency consistency;

    @Autowired
    LoyaltyLedger wallets;

    @Autowired
    io.patron.events.OutboxPoller poller;

    @BeforeEach
    void project() {
        importProject("test-purchases.yaml");
    }

    private static List<Integer> race(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twentyIdenticalSendPurchasesMakeExactlyOnePurchase() throws Exception {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        io.patron.tier.Tiers.deliverEvents(poller, dsl);
        assign(admin, jana, 1000);
        Map<String, Object> body = send(jana, "S", 10, null, bill("SAME", List.of(item("1", 100, 100,
                PurchaseTest.STORE_ITEM))));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> admin.post("/purchases/actions/send-purchase", body).status());
        }
        List<Integer> statuses = race(calls);
        assertThat(statuses).containsOnly(201, 400);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(dsl.fetchCount(Tables.PURCHASE)).isEqualTo(1);
        // 1000 - 10 + (100 - 5) * 0.1 = 999 (rounded down)
        assertThat(wallets.pointBalance(jana, CLUB).available()).isEqualByComparingTo("999");
        assertThat(consistency.check()).isEmpty();
    }

    @Test
    void twoDesksSpendingTheSamePointsNeverOverdraw() throws Exception {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        io.patron.tier.Tiers.deliverEvents(poller, dsl);
        assign(admin, jana, 100);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String billId = "DESK-" + i;
            calls.add(() -> admin.post("/purchases/actions/send-purchase", send(jana, "D", 30, null,
                    bill(billId, List.of(item("1", 100, 100, PurchaseTest.STORE_ITEM))))).status());
        }
        List<Integer> statuses = race(calls);
        // type D earns nothing: 100 points pay at most three bills of 30
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(3);
        assertThat(wallets.pointBalance(jana, CLUB).available()).isEqualByComparingTo("10");
        assertThat(dsl.fetchCount(Tables.PURCHASE)).isEqualTo(3);
        assertThat(consistency.check()).isEmpty();
    }
}
