package io.patron.segment;

import static io.patron.db.Tables.SEGMENT_REFRESH;
import static io.patron.segment.SegmentTestSupport.create;
import static io.patron.segment.SegmentTestSupport.info;
import static io.patron.segment.SegmentTestSupport.isMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.api.ApiTime;
import io.patron.common.Ids;
import io.patron.events.OutboxPoller;
import io.patron.reference.CurrencyQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/**
 * Rule-based segments over purchase history and recorded events. A purchase, its cancellation and an event move the
 * customer at once (the listener queues them and the refresh drains the queue, without the daily pass); time moving
 * on moves them at the daily pass.
 */
class SegmentPurchaseConditionsTest extends ApiTest {

    private static final String BIG_SPENDERS = Ids.stable("segment", "big_spenders");
    private static final String REGULARS = Ids.stable("segment", "regulars");
    private static final String LAPSED = Ids.stable("segment", "lapsed");
    private static final String SHELF_BROWSERS = Ids.stable("segment", "shelf_browsers");
    private static final String SHELF_VISIT = Ids.stable("event_type", "shelf_visit");
    private static final String STORE_ITEM = Ids.stable("purchase_item_type", "store_purchase");
    private static final String STORE_PURCHASE = Ids.stable("purchase_type", "store_purchase");

    @Autowired
    DSLContext dsl;
    @Autowired
    OutboxPoller poller;
    @Autowired
    SegmentMembership membership;
    @Autowired
    SegmentRepository repository;
    @Autowired
    MutableClock clock;
    @Autowired
    SegmentRefreshQueue queue;
    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void project() {
        clock.reset();
        importProject("test-purchases.yaml");
        importProject("test-segments-purchases.yaml");
    }

    private void settle() {
        SegmentTestSupport.settle(dsl, poller);
    }

    private List<String> segmentsOf(String customerId) {
        return List.of(BIG_SPENDERS, REGULARS, LAPSED, SHELF_BROWSERS).stream()
                .filter(segment -> isMember(dsl, segment, customerId)).toList();
    }

    /** A one-line bill paid at the time (project time minus {@code daysAgo}). */
    private Map<String, Object> purchase(String customerId, String billId, int amount, int daysAgo) {
        Map<String, Object> item = new HashMap<>();
        item.put("plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", "PLU-" + billId)));
        item.put("plu_name", "Article " + billId);
        item.put("vat_rate", 21);
        item.put("quantity", 1);
        item.put("price", amount);
        item.put("paid_amount", amount);
        item.put("bill_item_id", "1");
        item.put("loyalty_off", false);
        item.put("purchase_item_type_id", STORE_ITEM);
        Map<String, Object> bill = new HashMap<>();
        bill.put("bill_id", billId);
        bill.put("payment_time", ApiTime.DATE_TIME.format(OffsetDateTime.now(clock).minusDays(daysAgo)
                .atZoneSameInstant(clock.getZone()).toLocalDateTime()));
        bill.put("currency_id", CurrencyQueries.currencyId("CZK"));
        bill.put("total_price", amount);
        bill.put("bill_items", List.of(item));
        bill.put("purchase_type_id", STORE_PURCHASE);
        bill.put("canceled", false);
        bill.put("payment_type", "S");
        Map<String, Object> body = new HashMap<>();
        body.put("store_id", "store-a");
        body.put("cashdesk_number", 1);
        body.put("customer_id", customerId);
        body.put("bill", bill);
        return body;
    }

    private static Map<String, Object> cancellation(Map<String, Object> original) {
        Map<String, Object> body = new HashMap<>(original);
        @SuppressWarnings("unchecked")
        Map<String, Object> bill = new HashMap<>((Map<String, Object>) original.get("bill"));
        bill.put("bill_number", bill.get("bill_id"));
        bill.put("bill_id", "C" + bill.get("bill_id"));
        bill.put("canceled", true);
        body.remove("customer_id");
        body.put("bill", bill);
        return body;
    }

    private static Map<String, Object> shelfVisit(String customerId, String externalId) {
        return Map.of("event", Map.of("event_type_id", SHELF_VISIT, "customer_id", customerId,
                "external_id", externalId));
    }

    @Test
    void purchasesCancellationsAndEventsMoveCustomersAtOnceAndTimeMovesThemAtThePass() {
        Api admin = admin();
        String jana = create(admin, info("jana@example.com", "CZ", "420777000011", null));
        String petr = create(admin, info("petr@example.com", "CZ", "420777000012", null));
        String eva = create(admin, info("eva@example.com", "CZ", "420777000013", null));
        settle();
        // no purchase yet: everybody has lapsed
        assertThat(segmentsOf(jana)).containsExactly(LAPSED);

        admin.post("/purchases/actions/send-purchase", purchase(jana, "SEG-1", 600, 0)).expect(201);
        settle();
        assertThat(segmentsOf(jana)).isEmpty();

        Map<String, Object> second = purchase(jana, "SEG-2", 500, 1);
        admin.post("/purchases/actions/send-purchase", second).expect(201);
        settle();
        assertThat(segmentsOf(jana)).containsExactly(BIG_SPENDERS, REGULARS);

        admin.post("/purchases/actions/send-purchase", cancellation(second)).expect(201);
        settle();
        assertThat(segmentsOf(jana)).isEmpty();

        // a big bill outside the 90-day window counts for "not lapsed", not for turnover
        admin.post("/purchases/actions/send-purchase", purchase(petr, "SEG-3", 2000, 100)).expect(201);
        settle();
        assertThat(segmentsOf(petr)).isEmpty();

        admin.post("/events", shelfVisit(eva, "visit-1")).expect(201);
        settle();
        assertThat(segmentsOf(eva)).containsExactly(LAPSED);
        admin.post("/events", shelfVisit(eva, "visit-2")).expect(201);
        settle();
        assertThat(segmentsOf(eva)).containsExactly(LAPSED, SHELF_BROWSERS);

        // half a year later, nothing of theirs changed: the daily pass moves everybody out of the windows
        clock.advance(Duration.ofDays(181));
        for (SegmentRepository.RuleBased segment : repository.ruleBased()) {
            membership.evaluate(segment);
        }
        assertThat(segmentsOf(jana)).containsExactly(LAPSED);
        assertThat(segmentsOf(petr)).containsExactly(LAPSED);
        assertThat(segmentsOf(eva)).containsExactly(LAPSED);
    }

    @Test
    void changesAreQueuedAtCommitOncePerTransactionAndCountedAcrossTransactions() {
        Api admin = admin();
        String jana = create(admin, info("jana@example.com", "CZ", "420777000011", null));
        settle();
        queue.stop(); // no drain meanwhile, so the queue shows what was written
        try {
            transactions.executeWithoutResult(s -> {
                queue.enqueue(jana);
                queue.enqueue(jana);
                queue.enqueue(jana);
                // written just before the commit, after the transaction's other work took its locks
                assertThat(dsl.fetchCount(SEGMENT_REFRESH)).isZero();
            });
            assertThat(version(jana)).isEqualTo(1L);
            transactions.executeWithoutResult(s -> queue.enqueue(jana));
            assertThat(version(jana)).isEqualTo(2L);
            // a rolled-back transaction queues nothing
            transactions.executeWithoutResult(s -> {
                queue.enqueue(jana);
                s.setRollbackOnly();
            });
            assertThat(version(jana)).isEqualTo(2L);
        } finally {
            queue.start();
        }
        settle();
        assertThat(segmentsOf(jana)).containsExactly(LAPSED);
    }

    @Test
    void aQueueThatGrewIsRefreshedTogetherInAFewStatements() {
        Api admin = admin();
        String jana = create(admin, info("jana@example.com", "CZ", "420777000011", null));
        String petr = create(admin, info("petr@example.com", "CZ", "420777000012", null));
        String eva = create(admin, info("eva@example.com", "CZ", "420777000013", null));
        settle();
        // the changes pile up as under load; only this thread delivers, so nothing queues a customer behind its back
        poller.stop();
        queue.stop();
        List<String> statements;
        try {
            admin.post("/purchases/actions/send-purchase", purchase(jana, "TOG-1", 600, 0)).expect(201);
            admin.post("/purchases/actions/send-purchase", purchase(petr, "TOG-2", 600, 0)).expect(201);
            admin.post("/purchases/actions/send-purchase", purchase(petr, "TOG-3", 500, 1)).expect(201);
            transactions.executeWithoutResult(s -> queue.enqueue(eva)); // queued, nothing of hers changed
            while (poller.drain() > 0) {
                // deliveries queue the customers
            }
            assertThat(dsl.fetchCount(SEGMENT_REFRESH)).isEqualTo(3);
            assertThat(segmentsOf(jana)).containsExactly(LAPSED);
            statements = io.patron.support.StatementCounter.statements(() -> assertThat(queue.drain()).isEqualTo(3));
            assertThat(dsl.fetchCount(SEGMENT_REFRESH)).isZero();
        } finally {
            queue.start();
            poller.start();
        }
        assertThat(segmentsOf(jana)).isEmpty();
        assertThat(segmentsOf(petr)).containsExactly(BIG_SPENDERS, REGULARS);
        assertThat(segmentsOf(eva)).containsExactly(LAPSED);
        // reading the queue, locking, the rule-based segments, whom the four rules select, the memberships: the same
        // five reads for three customers as for one (one by one, it took 30)
        assertThat(statements.stream().filter(sql -> sql.regionMatches(true, 0, "select", 0, 6)))
                .as("%s", statements).hasSize(5);
    }

    private Long version(String customerId) {
        return dsl.select(SEGMENT_REFRESH.VERSION).from(SEGMENT_REFRESH)
                .where(SEGMENT_REFRESH.CUSTOMER_ID.eq(customerId)).fetchOne(SEGMENT_REFRESH.VERSION);
    }

    @Test
    void badPurchaseAndEventRulesStopTheImport() {
        assertThatThrownBy(() -> importProject("test-segments-bad-purchases.yaml"))
                .hasMessageContaining("Section 'segments'").hasMessageContaining("days");
    }
}
