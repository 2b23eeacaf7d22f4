package io.patron.reward;

import static io.patron.db.Tables.STAMPER_CARD;
import static io.patron.db.Tables.STAMPER_STAMP;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestContextManager;

import io.patron.purchase.PurchaseParticipant.Committed;
import io.patron.purchase.PurchaseParticipant.PaidItem;
import io.patron.support.ApiTest;
import io.patron.support.TestData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Properties of campaign prices and the stamper over generated inputs: a campaign discount is never negative and
 * never more than what is left to pay (nor than the line's price); committing a generated purchase and cancelling it
 * leaves a customer's stamps and cards exactly as they were, after any history of earlier purchases.
 */
class StampAndCampaignPropertyTest extends ApiTest {

    private static final AtomicInteger PURCHASES = new AtomicInteger();

    @Autowired
    StampCollector stamper;

    @Autowired
    TestData testData;

    @Autowired
    DSLContext dsl;

    @Autowired
    Clock clock;

    @Autowired
    io.patron.catalog.CatalogQueries catalog;

    List<String> products;
    String customerId;

    @BeforeProperty
    void wire() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        testData.reset();
        importProject("test-campaigns.yaml");
        products = new ArrayList<>();
        for (String plu : List.of("1000000000001", "1000000000002", "1000000000003", "1000000000004")) {
            products.add(catalog.productIdByPlu(List.of(new io.patron.catalog.PluId("GLOBAL", plu))).orElseThrow());
        }
        customerId = admin().post("/customers", CampaignFixtures.signUp("prop@example.com", false)).expect(201)
                .data().path("customer_id").asString();
    }

    @Property(tries = 500)
    void aCampaignDiscountIsNeverNegativeNorMoreThanIsLeft(@ForAll("valueTypes") int valueType,
                                                           @ForAll @IntRange(min = 0, max = 200000) int valueCents,
                                                           @ForAll @IntRange(min = 1, max = 10) int quantity,
                                                           @ForAll @IntRange(min = 0, max = 100000) int priceCents,
                                                           @ForAll @IntRange(min = 0, max = 100000) int leftCents,
                                                           @ForAll boolean sameCurrency) {
        BigDecimal value = valueType == 1 ? BigDecimal.valueOf(valueCents % 10001, 2) : BigDecimal.valueOf(valueCents, 2);
        BigDecimal price = BigDecimal.valueOf(priceCents, 2);
        BigDecimal left = BigDecimal.valueOf(Math.min(leftCents, priceCents), 2);
        BigDecimal off = CampaignPrices.discount(valueType, value, "CZK", sameCurrency ? "CZK" : "EUR", price,
                BigDecimal.valueOf(quantity), left);
        assertThat(off).isNotNegative();
        assertThat(off).isLessThanOrEqualTo(left);
        assertThat(off).isLessThanOrEqualTo(price);
        if (valueType == 2 && !sameCurrency) {
            assertThat(off).isZero();
        }
        // the same input gives the same discount
        assertThat(CampaignPrices.discount(valueType, value, "CZK", sameCurrency ? "CZK" : "EUR", price,
                BigDecimal.valueOf(quantity), left)).isEqualTo(off);
    }

    @Provide
    Arbitrary<Integer> valueTypes() {
        return Arbitraries.of(1, 2);
    }

    record Line(int product, int quantity, int unitPrice, boolean loyaltyOff) {
    }

    @Provide
    Arbitrary<List<Line>> purchase() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(0, 80), Arbitraries.of(false, false, false, true))
                .as(Line::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<List<Line>>> history() {
        return purchase().list().ofMaxSize(4);
    }

    @Property(tries = 25)
    void committingThenCancellingAPurchaseLeavesStampsAndCardsAsTheyWere(@ForAll("history") List<List<Line>> before,
                                                                        @ForAll("purchase") List<Line> purchase) {
        for (List<Line> earlier : before) {
            stamper.committed(committed("H" + PURCHASES.incrementAndGet(), earlier));
        }
        String snapshot = snapshot();
        String id = "X" + PURCHASES.incrementAndGet();
        stamper.committed(committed(id, purchase));
        stamper.cancelled(id);
        assertThat(snapshot()).isEqualTo(snapshot);
        assertThat(dsl.fetchCount(STAMPER_STAMP, STAMPER_STAMP.PURCHASE_ID.eq(id).and(STAMPER_STAMP.STATE.eq(1))))
                .isZero();
    }

    private Committed committed(String id, List<Line> lines) {
        List<PaidItem> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            items.add(new PaidItem(String.valueOf(i), products.get(l.product()), BigDecimal.valueOf(l.quantity()),
                    BigDecimal.valueOf((long) l.quantity() * l.unitPrice()), l.loyaltyOff()));
        }
        return new Committed(id, customerId, CampaignFixtures.PRAGUE, OffsetDateTime.now(clock), items);
    }

    /** Every card of the customer (campaign, order, filled, stamps in order) and its active stamps, as text. */
    private String snapshot() {
        StringBuilder out = new StringBuilder();
        for (var card : dsl.selectFrom(STAMPER_CARD).where(STAMPER_CARD.CUSTOMER_ID.eq(customerId))
                .orderBy(STAMPER_CARD.STAMPER_CAMPAIGN_ID, STAMPER_CARD.STAMPER_CARD_ORDER).fetch()) {
            out.append(card.getStamperCampaignId()).append('#').append(card.getStamperCardOrder())
                    .append(card.getIsFilledUp() ? " full " : " open ").append(card.getRewardUnlocked())
                    .append(' ').append(card.getStampsCollected()).append(':');
            dsl.select(STAMPER_STAMP.ID, STAMPER_STAMP.STAMP_ORDER).from(STAMPER_STAMP)
                    .where(STAMPER_STAMP.STAMPER_CARD_ID.eq(card.getId())).and(STAMPER_STAMP.STATE.eq(1))
                    .orderBy(STAMPER_STAMP.STAMP_ORDER)
                    .forEach(s -> out.append(' ').append(s.value1()).append('@').append(s.value2()));
            out.append('\n');
        }
        return out.toString();
    }
}
