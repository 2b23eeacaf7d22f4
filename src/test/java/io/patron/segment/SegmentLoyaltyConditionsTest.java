package io.patron.segment;

import static io.patron.segment.SegmentTestSupport.isMember;
import static io.patron.tier.Tiers.assign;
import static io.patron.tier.Tiers.newCustomer;
import static io.patron.tier.Tiers.reduce;
import static io.patron.tier.Tiers.setStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.events.OutboxPoller;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/**
 * Rule-based segments over points balances, statuses and cards: a customer enters and leaves as their wallet,
 * status and cards change, at once (the outbox listener queues the customer for a refresh); the daily pass agrees.
 */
class SegmentLoyaltyConditionsTest extends ApiTest {

    private static final String SAVERS = Ids.stable("segment", "savers");
    private static final String SMALL_SAVERS = Ids.stable("segment", "small_savers");
    private static final String SILVER_TIER = Ids.stable("segment", "silver_tier");
    private static final String GOLD_CARD_HOLDERS = Ids.stable("segment", "gold_card_holders");
    private static final String SILVER_SAVERS = Ids.stable("segment", "silver_savers_without_gold_card");
    private static final String GOLD_CARD = "8bed991c68a470e7aaeffbf048";

    @Autowired
    DSLContext dsl;
    @Autowired
    OutboxPoller poller;
    @Autowired
    SegmentMembership membership;
    @Autowired
    SegmentRepository repository;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
        importProject("test-statuses.yaml");
        importProject("test-cards.yaml");
        importProject("test-segments-loyalty.yaml");
    }

    private void settle() {
        SegmentTestSupport.settle(dsl, poller);
    }

    /** The daily pass over every rule-based segment agrees with what the refreshes left. */
    private void assertThePassChangesNothing() {
        for (SegmentRepository.RuleBased segment : repository.ruleBased()) {
            assertThat(membership.evaluate(segment)).as(segment.id()).isEqualTo(new SegmentMembership.Change(0, 0));
        }
    }

    private List<String> segmentsOf(String customerId) {
        return List.of(SAVERS, SMALL_SAVERS, SILVER_TIER, GOLD_CARD_HOLDERS, SILVER_SAVERS).stream()
                .filter(segment -> isMember(dsl, segment, customerId)).toList();
    }

    private static void newGoldCard(Api admin, String number, String customerId) {
        Map<String, Object> card = new HashMap<>();
        card.put("card_number", number);
        card.put("card_type_id", GOLD_CARD);
        card.put("state", 1);
        card.put("customer_id", customerId);
        admin.post("/cards", Map.of("card", card)).expect(201);
    }

    @Test
    void customersEnterAndLeaveAsTheirPointsStatusAndCardsChange() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String petr = newCustomer(admin, "petr@example.com");
        settle();
        assertThat(segmentsOf(jana)).isEmpty();

        assign(admin, jana, 150, "pt-club");
        assign(admin, petr, 40, "pt-club");
        settle();
        assertThat(segmentsOf(jana)).containsExactly(SAVERS);
        assertThat(segmentsOf(petr)).containsExactly(SMALL_SAVERS);

        admin.post("/customers/actions/set-status-record", setStatus(jana, "st-silver", null, null)).expect(200);
        settle();
        assertThat(segmentsOf(jana)).containsExactly(SAVERS, SILVER_TIER, SILVER_SAVERS);

        newGoldCard(admin, "77000111", jana);
        settle();
        assertThat(segmentsOf(jana)).containsExactly(SAVERS, SILVER_TIER, GOLD_CARD_HOLDERS);

        reduce(admin, jana, 60, "pt-club"); // 90 left
        settle();
        assertThat(segmentsOf(jana)).containsExactly(SMALL_SAVERS, SILVER_TIER, GOLD_CARD_HOLDERS);

        // a transfer refreshes both wallets
        admin.post("/points/actions/transfer-points", Map.of("original_customer_id", jana, "new_customer_id", petr,
                "amount", 90, "point_type_id", "pt-club")).expect(204);
        settle();
        assertThat(segmentsOf(jana)).containsExactly(SILVER_TIER, GOLD_CARD_HOLDERS);
        assertThat(segmentsOf(petr)).containsExactly(SAVERS);

        // the daily pass finds nothing the refreshes missed
        assertThePassChangesNothing();
    }

    @Test
    void badConditionParametersStopTheImport() {
        for (String file : List.of("test-segments-bad-balance.yaml", "test-segments-bad-status.yaml")) {
            assertThatThrownBy(() -> importProject(file)).as(file).hasMessageContaining("Section 'segments'")
                    .hasMessageContaining("rule");
        }
    }
}
