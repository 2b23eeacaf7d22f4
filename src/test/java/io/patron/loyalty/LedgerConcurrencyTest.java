package io.patron.loyalty;

import static io.patron.loyalty.Ledger.CLUB;
import static io.patron.loyalty.Ledger.assertConsistent;
import static io.patron.loyalty.Ledger.assign;
import static io.patron.loyalty.Ledger.available;
import static io.patron.loyalty.Ledger.change;
import static io.patron.loyalty.Ledger.newCustomer;
import static io.patron.loyalty.Ledger.reserve;
import static io.patron.loyalty.Ledger.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/**
 * Real concurrent requests against the real database: the wallet lock lets exactly the affordable spends through,
 * transfers in both directions never deadlock, and reservations racing with spends never over-commit.
 */
class LedgerConcurrencyTest extends ApiTest {

    private static final int CLIENTS = 16;

    @Autowired
    LedgerConsistency consistency;

    @Autowired
    LoyaltyLedger read;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
    }

    /**
     * Sends {@code n} requests from up to {@value #CLIENTS} concurrent clients, released together, and answers their
     * statuses. (More clients would only queue for the server's connection pool, whose wait is bounded: on a loaded
     * machine a queue of 200 behind one wallet lock outlasts it.)
     */
    private static List<Integer> race(int n, IntFunction<Api.Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.min(n, CLIENTS))) {
            for (int i = 0; i < n; i++) {
                int index = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return request.apply(index).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        }
    }

    @Test
    void twoHundredParallelSpendsOfOnePointOnOneHundredFiftyLetExactlyOneHundredFiftyThrough() throws Exception {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        assign(admin, jana, 100, CLUB);
        assign(admin, jana, 50, CLUB);
        List<Integer> statuses = race(200, i -> admin.post("/points/actions/reduce-points", change(jana, 1, CLUB)));
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(150);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(50);
        assertThat(available(admin, jana, CLUB)).isEqualByComparingTo("0");
        assertThat(read.pointBalance(jana, CLUB).available()).isEqualByComparingTo("0");
        assertConsistent(consistency);
    }

    @Test
    void transfersInBothDirectionsAtOnceNeverDeadlockAndKeepTheTotal() throws Exception {
        Api admin = admin();
        String a = newCustomer(admin, "a@example.com");
        String b = newCustomer(admin, "b@example.com");
        assign(admin, a, 100, CLUB);
        assign(admin, b, 100, CLUB);
        List<Integer> statuses = race(200, i -> admin.post("/points/actions/transfer-points",
                i % 2 == 0 ? transfer(a, b, 1, CLUB) : transfer(b, a, 1, CLUB)));
        // each side starts with 100 and sends 100 at most: every transfer can be paid
        assertThat(statuses).containsOnly(204);
        assertThat(available(admin, a, CLUB)).isEqualByComparingTo("100");
        assertThat(available(admin, b, CLUB)).isEqualByComparingTo("100");
        assertConsistent(consistency);
    }

    @Test
    void reservationsRacingWithSpendsNeverOverCommit() throws Exception {
        Api admin = admin();
        String petr = newCustomer(admin, "petr@example.com");
        assign(admin, petr, 100, CLUB);
        List<Integer> statuses = race(100, i -> i % 2 == 0
                ? admin.post("/point-reservations/actions/reserve-points", reserve("R-" + i, petr, 3, null))
                : admin.post("/points/actions/reduce-points", change(petr, 3, CLUB)));
        // 33 of 3 points fit in 100, whichever way they are taken
        assertThat(statuses).filteredOn(s -> s == 201 || s == 204).hasSize(33);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(67);
        LoyaltyLedger.Balance balance = read.pointBalance(petr, CLUB);
        int reservations = admin.get("/point-reservations", "customer_id", petr).data().path("total_items").asInt();
        assertThat(balance.reserved()).isEqualByComparingTo(BigDecimal.valueOf(3L * reservations));
        assertThat(balance.available().add(BigDecimal.valueOf(3L * (33 - reservations))))
                .isEqualByComparingTo("100");
        assertThat(balance.spendable()).isEqualByComparingTo("1");
        assertThat(admin.post("/points/actions/reduce-points", change(petr, 2, CLUB)).expect(400).invalidParams())
                .containsExactly("amount:not_allowed_value");
        assertThat(admin.get("/point-reservations", "customer_id", petr).data().path("point_reservations"))
                .allSatisfy(r -> assertThat(r.path("state").asInt()).isEqualTo(1));
        assertConsistent(consistency);
    }
}
