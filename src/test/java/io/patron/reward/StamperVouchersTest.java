package io.patron.reward;

import static io.patron.reward.CampaignFixtures.productId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.events.DomainEvent;
import io.patron.events.EventType;
import io.patron.events.OutboxPoller;
import io.patron.purchase.PurchaseParticipant.Committed;
import io.patron.purchase.PurchaseParticipant.PaidItem;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import tools.jackson.databind.JsonNode;

/**
 * What the stamper unlocks becomes a voucher of the customer: the checkpoint's reward at its stamp, the campaign's
 * reward when the card fills; once, whatever the redeliveries; withdrawn, while unused, when a cancellation takes
 * the card back below it.
 */
class StamperVouchersTest extends ApiTest {

    @Autowired
    ProjectImporter importer;
    @Autowired
    StampCollector stamper;
    @Autowired
    StamperVouchers listener;
    @Autowired
    OutboxPoller poller;
    @Autowired
    MutableClock clock;

    private String sock;

    @BeforeEach
    void project() throws IOException {
        importProject("test-rewards.yaml");
        String yaml = """
                stamper_campaigns:
                  - id: sock-card
                    name: { en: Sock card }
                    stamp_count: 2
                    reward_id: %s
                    conditions:
                      - { id: socks, products: [ { list_code: GLOBAL, code: "RW-SOCK" } ], count: 1 }
                    checkpoints:
                      - { id: sock-first, stamp_number: 1, reward_id: %s }
                """.formatted(Rewards.id("RW-CAMPAIGN"), Rewards.id("RW-SIMPLE15"));
        Path file = Files.createTempFile("test-stamper-vouchers", ".yaml");
        try {
            Files.writeString(file, yaml);
            importer.apply(ProjectFile.load("file:" + file));
        } finally {
            Files.delete(file);
        }
        sock = productId(admin(), "RW-SOCK");
    }

    private Committed purchase(String purchaseId, String customerId) {
        return new Committed(purchaseId, customerId, Rewards.PRG, OffsetDateTime.now(clock),
                List.of(new PaidItem("1", sock, BigDecimal.ONE, new BigDecimal("100"), false)));
    }

    private List<String> rewardsOfVouchers(Api admin, String customerId) {
        return admin.get("/customers/" + customerId + "/vouchers").expect(200).data().path("vouchers").valueStream()
                .map(v -> v.path("reward").path("reward_id").asString()).sorted().toList();
    }

    private void deliver() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            poller.drain();
            assertThat(poller.drain()).isZero();
        });
    }

    @Test
    void theCheckpointAndTheFullCardGiveVouchersOnceAndACancellationWithdrawsTheUnusedOne() {
        Api admin = admin();
        String anna = Rewards.newCustomer(admin, "anna@example.com");
        stamper.committed(purchase("P1", anna));
        deliver();
        assertThat(rewardsOfVouchers(admin, anna)).containsExactly(Rewards.id("RW-SIMPLE15"));

        stamper.committed(purchase("P2", anna));
        deliver();
        assertThat(rewardsOfVouchers(admin, anna))
                .containsExactlyInAnyOrder(Rewards.id("RW-SIMPLE15"), Rewards.id("RW-CAMPAIGN"));

        // a redelivered "card filled" issues nothing more
        JsonNode card = admin.get("/stamper-cards", "customer_id", anna).expect(200).data().path("stamper_cards").get(0);
        DomainEvent again = new DomainEvent("redelivered", EventType.STAMPER_CARD_FILLED, card.path("stamper_card_id")
                .asString(), OffsetDateTime.now(clock), Api.JSON.valueToTree(java.util.Map.of(
                "stamper_card_id", card.path("stamper_card_id").asString(), "customer_id", anna,
                "reward_id", Rewards.id("RW-CAMPAIGN"))));
        transactions().executeWithoutResult(s -> listener.onEvent(again));
        assertThat(rewardsOfVouchers(admin, anna)).hasSize(2);

        // the second purchase is cancelled: the card is no longer full, its unused voucher is withdrawn
        stamper.cancelled("P2");
        deliver();
        assertThat(rewardsOfVouchers(admin, anna)).containsExactly(Rewards.id("RW-SIMPLE15"));
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactionTemplate;

    private org.springframework.transaction.support.TransactionTemplate transactions() {
        return transactionTemplate;
    }
}
