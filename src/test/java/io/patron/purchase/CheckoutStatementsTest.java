package io.patron.purchase;

import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.db.Tables.PURCHASE_BENEFIT;
import static io.patron.db.Tables.PURCHASE_ITEM;
import static io.patron.db.Tables.REWARD_USE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.api.Caller;
import io.patron.api.Language;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.events.EventType;
import io.patron.events.OutboxPoller;
import io.patron.loyalty.LedgerConsistency;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.StatementCounter;
import io.patron.support.TestDatabase;
import io.patron.tier.Tiers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statements of the checkout benchmark's purchase ({@code bench/checkout.sh}, issue 11), with the benchmark's
 * own project file: a 5-item bill that gets two automated rewards, one of the customer's vouchers and a points
 * payment, and earns points. accept-payment and send-purchase are called as the controller calls them, on this
 * thread, so that {@link StatementCounter} sees their statements; the same bills over HTTP give the same answer and
 * write the same rows.
 */
class CheckoutStatementsTest extends ApiTest {

    private static final String STORE = "cb-store";
    private static final String VOUCHER_REWARD = "cb-voucher";
    private static final Caller CASH_DESK = new Caller.User("checkout-statements", ENTERPRISE_APP, "hash");
    private static final Language ENGLISH = new Language("en", "en");
    private static final String PURCHASE_TYPE = Ids.stable("purchase_type", "store_purchase");
    /** The bench's bill: CB-1, CB-2 the brand reward; CB-3, CB-4 the group reward; CB-5 the voucher's group. */
    private static final List<Object[]> ITEMS = List.of(new Object[] {"CB-1", 500}, new Object[] {"CB-2", 400},
            new Object[] {"CB-3", 300}, new Object[] {"CB-4", 200}, new Object[] {"CB-5", 100});
    private static final int MAX_POINTS = 20;

    @Autowired
    ProjectImporter importer;
    @Autowired
    PurchaseService purchases;
    @Autowired
    JsonMapper json;
    @Autowired
    OutboxPoller poller;
    @Autowired
    DSLContext dsl;
    @Autowired
    Clock clock;
    @Autowired
    LedgerConsistency consistency;

    private Api admin;
    private String customer;

    @BeforeEach
    void benchProject() {
        importer.apply(ProjectFile.load("bench/checkout-project.yaml"));
        admin = admin();
        customer = Checkout.newCustomer(admin, "desk@bench.example.com");
        // the sign-up status that pays by points
        Tiers.deliverEvents(poller, dsl);
        admin.post("/points/actions/assign-points", Map.of("customer_id", customer, "amount", 1000,
                "partner_id", "cb-partner", "point_type_id", "cb-points")).expect(201);
        for (int k = 1; k <= 2; k++) {
            admin.post("/vouchers/batch", Map.of("vouchers", List.of(Map.of("reward_id", VOUCHER_REWARD,
                    "customer_id", customer, "code", "CBV-" + k)))).expect(204);
        }
    }

    /*
     * jOOQ statements per call, the second purchase of a customer (configuration caches warm); audit rows are
     * written by triggers and not counted. H2 runs two more in send-purchase than PostgreSQL: the ledger's
     * "set lock_timeout" before each of its wallet locks (LedgerRepository.waitPatientlyForLocks).
     *   before (e67fdca): accept-payment 38, send-purchase 83 on H2 (81 on PostgreSQL)
     *   after:            accept-payment 15, send-purchase 46 on H2 (44 on PostgreSQL)
     */
    private static final int ACCEPT_AT_MOST = 15;
    private static final int SEND_AT_MOST = 44;
    private static final int H2_LOCK_TIMEOUTS = 2;

    @Test
    void theBenchPurchaseRunsFewStatements() {
        // the first purchase over HTTP: what a cash desk sees, and the caches a running server has filled
        Set<String> before = events();
        String first = overHttp("CB-A", "CBV-1");
        List<String> firstEvents = eventsSince(before);
        assertThat(firstEvents).containsExactly(EventType.POINTS_ASSIGNED, EventType.POINTS_REDEEMED,
                EventType.PURCHASE_SENT, EventType.VOUCHER_USED);

        Map<String, Object> bill = bill("CB-B");
        Map<String, Object> accept = accept(bill, "CBV-2");
        PurchaseBodies.AcceptPayment acceptBody = json.convertValue(accept, PurchaseBodies.AcceptPayment.class);
        List<PurchaseBodies.AcceptedPayment> accepted = new ArrayList<>();
        List<String> acceptStatements = StatementCounter.statements(() -> accepted.add(
                purchases.acceptPayment(CASH_DESK, acceptBody, ENGLISH)));
        JsonNode answer = Api.JSON.readTree(json.writeValueAsString(accepted.getFirst()));
        // the same as over HTTP, and the workload the benchmark claims
        assertThat(answer).isEqualTo(admin.header("Accept-Language", "en")
                .post("/purchases/actions/accept-payment", accept).expect(200).data());
        assertFullBasket(answer);

        Map<String, Object> send = send(bill, answer);
        PurchaseBodies.SendPurchase sendBody = json.convertValue(send, PurchaseBodies.SendPurchase.class);
        List<String> sent = new ArrayList<>();
        before = events();
        List<String> sendStatements = StatementCounter.statements(() -> sent.add(
                purchases.send(CASH_DESK, sendBody, ENGLISH)));
        String second = sent.getFirst();

        assertThat(acceptStatements).as(String.join("\n", acceptStatements)).hasSizeLessThanOrEqualTo(ACCEPT_AT_MOST);
        assertThat(sendStatements).as(String.join("\n", sendStatements))
                .hasSizeLessThanOrEqualTo(SEND_AT_MOST + (TestDatabase.postgres() ? 0 : H2_LOCK_TIMEOUTS));

        // the service call wrote what the HTTP call wrote
        assertThat(rows(second)).isEqualTo(rows(first));
        assertThat(eventsSince(before)).isEqualTo(firstEvents);
        assertThat(dsl.fetchCount(PURCHASE_ITEM, PURCHASE_ITEM.PURCHASE_ID.eq(second))).isEqualTo(5);
        assertThat(dsl.fetchCount(PURCHASE_BENEFIT, PURCHASE_BENEFIT.PURCHASE_ID.eq(second))).isEqualTo(5);
        assertThat(dsl.fetchCount(REWARD_USE, REWARD_USE.PURCHASE_ID.eq(second))).isEqualTo(3);
        JsonNode summary = admin.get("/purchases/" + second + "/actions/payment-summary").expect(200).data();
        assertThat(summary.path("used_points").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(MAX_POINTS));
        assertThat(summary.path("earned_points").decimalValue())
                .isEqualByComparingTo(answer.path("credit_points_of_this_transaction").decimalValue());
        assertThat(summary.path("used_vouchers")).hasSize(1);
        assertThat(consistency.check()).isEmpty();
        // each item, benefit and use is in the audit: one entry per row on H2, one per statement on PostgreSQL
        String token = loginToken(LOGIN, PASSWORD);
        assertAudited(token, "purchase_item", dsl.select(PURCHASE_ITEM.ID).from(PURCHASE_ITEM)
                .where(PURCHASE_ITEM.PURCHASE_ID.eq(second)).fetch(PURCHASE_ITEM.ID), 5);
        assertAudited(token, "purchase_benefit", dsl.select(PURCHASE_BENEFIT.ID).from(PURCHASE_BENEFIT)
                .where(PURCHASE_BENEFIT.PURCHASE_ID.eq(second)).fetch(PURCHASE_BENEFIT.ID), 5);
        // the automated rewards' uses in one statement, the voucher's in another
        assertAudited(token, "reward_use", dsl.select(REWARD_USE.ID).from(REWARD_USE)
                .where(REWARD_USE.PURCHASE_ID.eq(second)).and(REWARD_USE.VOUCHER_ID.isNull()).fetch(REWARD_USE.ID), 2);
    }

    /** Each record is in one audit entry of an insert, of {@code perStatement} records on PostgreSQL. */
    private void assertAudited(String token, String table, List<String> ids, int perStatement) {
        assertThat(ids).hasSize(perStatement);
        for (String id : ids) {
            JsonNode entries = Api.root(port).bearer(token).get("/admin/audit", "table", table, "record_id", id)
                    .expect(200).data().path("audit_entries");
            assertThat(entries).as(table + " " + id).hasSize(1);
            assertThat(entries.get(0).path("record_count").asInt()).as(table + " " + id)
                    .isEqualTo(TestDatabase.postgres() ? perStatement : 1);
        }
    }

    /** accept-payment then send-purchase over HTTP, as bench/checkout.sh does; the purchase's id. */
    private String overHttp(String billId, String voucherCode) {
        Map<String, Object> bill = bill(billId);
        JsonNode answer = admin.post("/purchases/actions/accept-payment", accept(bill, voucherCode)).expect(200)
                .data();
        assertFullBasket(answer);
        return admin.post("/purchases/actions/send-purchase", send(bill, answer)).expect(201).data()
                .path("purchase_id").asString();
    }

    private static void assertFullBasket(JsonNode answer) {
        assertThat(answer.path("recommended_discounts").valueStream().map(d -> d.path("discount_code").asString())
                .distinct()).hasSize(2);
        assertThat(answer.path("vouchers")).hasSize(1);
        assertThat(answer.path("credit_points").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(MAX_POINTS));
    }

    private Map<String, Object> bill(String billId) {
        List<Map<String, Object>> items = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < ITEMS.size(); i++) {
            String code = (String) ITEMS.get(i)[0];
            int price = (Integer) ITEMS.get(i)[1];
            total += price;
            Map<String, Object> item = new HashMap<>();
            item.put("plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", code)));
            item.put("plu_name", code);
            item.put("vat_rate", 21);
            item.put("quantity", 1);
            item.put("price", price);
            item.put("paid_amount", price);
            item.put("bill_item_id", String.valueOf(i + 1));
            item.put("loyalty_off", false);
            items.add(item);
        }
        Map<String, Object> bill = new HashMap<>();
        bill.put("bill_id", billId);
        // just after now: after the new vouchers' validity start
        bill.put("payment_time", LocalDateTime.now(clock).plusMinutes(1).withNano(0)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        bill.put("currency_id", Checkout.CZK);
        bill.put("total_price", total);
        bill.put("bill_items", items);
        return bill;
    }

    private Map<String, Object> accept(Map<String, Object> bill, String voucherCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("store_id", STORE);
        body.put("cashdesk_number", 1);
        body.put("customer_id", customer);
        body.put("payment_type", "A");
        body.put("max_points", MAX_POINTS);
        body.put("benefit_codes", List.of(voucherCode));
        body.put("bill", bill);
        return body;
    }

    /** send-purchase of the bill with the recap accept-payment answered, as the bench's cash desks send it. */
    private Map<String, Object> send(Map<String, Object> bill, JsonNode answer) {
        Map<String, Object> finalBill = new HashMap<>(bill);
        finalBill.put("purchase_type_id", PURCHASE_TYPE);
        finalBill.put("canceled", false);
        finalBill.put("payment_type", "A");
        Map<String, Object> recap = new HashMap<>();
        recap.put("credit_points", answer.path("credit_points").decimalValue());
        recap.put("vouchers", Api.JSON.convertValue(answer.path("vouchers"), List.class));
        finalBill.put("payment_recap", recap);
        Map<String, Object> body = new HashMap<>();
        body.put("store_id", STORE);
        body.put("cashdesk_number", 1);
        body.put("customer_id", customer);
        body.put("bill", finalBill);
        return body;
    }

    /** The outbox's event ids now, once the events before are delivered (and what their deliveries publish). */
    private Set<String> events() {
        Tiers.deliverEvents(poller, dsl);
        return dsl.select(OUTBOX_EVENT.ID).from(OUTBOX_EVENT).fetchSet(OUTBOX_EVENT.ID);
    }

    /** The types of the checkout's events published since {@code before}, sorted (deliveries' own events left out). */
    private List<String> eventsSince(Set<String> before) {
        return dsl.select(OUTBOX_EVENT.ID, OUTBOX_EVENT.EVENT_TYPE).from(OUTBOX_EVENT)
                .where(OUTBOX_EVENT.EVENT_TYPE.ne(EventType.EVENT_RECORDED)).fetch().stream()
                .filter(r -> !before.contains(r.value1())).map(r -> r.value2()).sorted().toList();
    }

    /** What a purchase wrote, without its ids: items, benefits, reward uses. */
    private List<String> rows(String purchaseId) {
        List<String> rows = new ArrayList<>();
        dsl.select(PURCHASE_ITEM.POSITION, PURCHASE_ITEM.BILL_ITEM_ID, PURCHASE_ITEM.PRODUCT_ID,
                        PURCHASE_ITEM.PLU_IDS, PURCHASE_ITEM.PRICE, PURCHASE_ITEM.PAID_AMOUNT,
                        PURCHASE_ITEM.FINAL_AMOUNT, PURCHASE_ITEM.POINTS_PAID)
                .from(PURCHASE_ITEM).where(PURCHASE_ITEM.PURCHASE_ID.eq(purchaseId)).orderBy(PURCHASE_ITEM.POSITION)
                .forEach(r -> rows.add("item " + r.value1() + " " + r.value2() + " " + r.value3() + " " + r.value4()
                        + " " + r.value5().stripTrailingZeros() + " " + r.value6().stripTrailingZeros() + " "
                        + r.value7().stripTrailingZeros() + " " + r.value8().stripTrailingZeros()));
        dsl.select(PURCHASE_BENEFIT.POSITION, PURCHASE_BENEFIT.KIND, PURCHASE_BENEFIT.REWARD_ID,
                        PURCHASE_BENEFIT.BILL_ITEM_ID, PURCHASE_BENEFIT.DISCOUNT, PURCHASE_BENEFIT.PERCENT,
                        PURCHASE_BENEFIT.VOUCHER_ID.isNotNull())
                .from(PURCHASE_BENEFIT).where(PURCHASE_BENEFIT.PURCHASE_ID.eq(purchaseId))
                .orderBy(PURCHASE_BENEFIT.POSITION)
                .forEach(r -> rows.add("benefit " + r.value1() + " " + r.value2() + " " + r.value3() + " "
                        + r.value4() + " " + r.value5().stripTrailingZeros() + " " + r.value6().stripTrailingZeros()
                        + " voucher " + r.value7()));
        dsl.select(REWARD_USE.REWARD_ID, REWARD_USE.AMOUNT, REWARD_USE.VOUCHER_ID.isNotNull()).from(REWARD_USE)
                .where(REWARD_USE.PURCHASE_ID.eq(purchaseId)).orderBy(REWARD_USE.REWARD_ID)
                .forEach(r -> rows.add("use " + r.value1() + " " + r.value2().stripTrailingZeros() + " voucher "
                        + r.value3()));
        return rows;
    }
}
