package io.patron.reward;

import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.reward.CampaignFixtures.PRAGUE;
import static io.patron.reward.CampaignFixtures.ids;
import static io.patron.reward.CampaignFixtures.newCustomer;
import static io.patron.reward.CampaignFixtures.productId;
import static io.patron.reward.CampaignFixtures.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.events.EventType;
import io.patron.purchase.PurchaseParticipant;
import io.patron.purchase.PurchaseParticipant.Committed;
import io.patron.purchase.PurchaseParticipant.PaidItem;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Stamp campaigns, and the stamps, cards and rewards committed and cancelled purchases give customers. */
class StamperTest extends ApiTest {

    @Autowired
    List<PurchaseParticipant> participants;

    @Autowired
    MutableClock clock;

    @Autowired
    DSLContext dsl;

    Api admin;
    String espresso;
    String cappuccino;
    String tshirt;
    String socks;

    @BeforeEach
    void data() {
        importProject("test-campaigns.yaml");
        admin = admin();
        espresso = productId(admin, "C1");
        cappuccino = productId(admin, "C2");
        tshirt = productId(admin, "T1");
        socks = productId(admin, "S1");
    }

    PurchaseParticipant stamper() {
        return participants.stream().filter(p -> p instanceof StampCollector).findFirst().orElseThrow();
    }

    static PaidItem paid(String id, String productId, int quantity, String paidAmount) {
        return new PaidItem(id, productId, BigDecimal.valueOf(quantity), new BigDecimal(paidAmount), false);
    }

    Committed purchase(String purchaseId, String customerId, PaidItem... items) {
        return new Committed(purchaseId, customerId, PRAGUE, OffsetDateTime.now(clock), List.of(items));
    }

    List<String> events(String type) {
        return dsl.select(OUTBOX_EVENT.PAYLOAD).from(OUTBOX_EVENT).where(OUTBOX_EVENT.EVENT_TYPE.eq(type))
                .orderBy(OUTBOX_EVENT.OCCURRED_AT, OUTBOX_EVENT.ID).fetch(OUTBOX_EVENT.PAYLOAD);
    }

    JsonNode cards(Api api, String... query) {
        return api.get("/stamper-cards", query).expect(200).data();
    }

    @Test
    void stampCampaignsAreReadWithTheirConditionsAndCheckpoints() {
        JsonNode all = admin.get("/stamper-campaigns").expect(200).data();
        assertThat(all.path("total_items").asInt()).isEqualTo(3);
        assertThat(ids(admin.get("/stamper-campaigns", "is_valid", "true"), "stamper_campaigns",
                "stamper_campaign_id")).containsExactly("coffee-card", "basics-card");
        assertThat(ids(admin.get("/stamper-campaigns", "is_valid", "false"), "stamper_campaigns",
                "stamper_campaign_id")).containsExactly("old-card");
        assertThat(ids(admin.get("/stamper-campaigns", "name", "coffee"), "stamper_campaigns",
                "stamper_campaign_id")).containsExactly("coffee-card");
        assertThat(ids(admin.get("/stamper-campaigns", "valid_to", "2019-06-01 00:00:00"), "stamper_campaigns",
                "stamper_campaign_id")).containsExactly("coffee-card", "old-card");
        assertThat(ids(admin.get("/stamper-campaigns", "sort_field", "stamp_count"), "stamper_campaigns",
                "stamper_campaign_id")).containsExactly("old-card", "basics-card", "coffee-card");

        JsonNode coffee = admin.header("Accept-Language", "cs").get("/stamper-campaigns/coffee-card").expect(200)
                .data();
        assertThat(coffee.path("name").asString()).isEqualTo("Kávová karta");
        assertThat(coffee.path("stamp_count").asInt()).isEqualTo(4);
        assertThat(coffee.path("count_of_campaign_repetitions").asInt()).isEqualTo(2);
        assertThat(coffee.path("stamper_conditions").get(0).path("stamper_condition_id").asString())
                .isEqualTo("coffee-drinks");
        assertThat(coffee.path("stamper_bonus_checkpoints").get(0).path("stamp_number").asInt()).isEqualTo(2);
        assertThat(admin.get("/stamper-campaigns/basics-card").expect(200).data().path("valid_from").asString())
                .isEqualTo("2020-01-01 00:00:00");
        admin.get("/stamper-campaigns/nope").expect(404);
        assertThat(admin.get("/stamper-campaigns", "is_valid", "perhaps").expect(400).invalidParams())
                .containsExactly("is_valid:invalid_value_format");
        assertThat(admin.get("/stamper-campaigns", "valid_from", "yesterday").expect(400).invalidParams())
                .containsExactly("valid_from:invalid_value_format");
        assertThat(ids(customer().bearer(customerToken("phone-1")).get("/stamper-campaigns"), "stamper_campaigns",
                "stamper_campaign_id")).hasSize(3);
    }

    @Test
    void purchasesFillCardsUnlockRewardsAndCancellationsTakeExactlyTheirStampsBack() {
        String anna = newCustomer(admin, "anna@example.com");
        PurchaseParticipant stamper = stamper();

        // 3 espressos at 35 earn 3 coffee stamps; a cappuccino at 20 is below the 30 minimum
        stamper.committed(purchase("P1", anna, paid("1", espresso, 3, "105"), paid("2", cappuccino, 1, "20")));
        JsonNode first = cards(admin, "customer_id", anna, "stamper_campaign_id", "coffee-card");
        assertThat(first.path("total_items").asInt()).isEqualTo(1);
        JsonNode card1 = first.path("stamper_cards").get(0);
        assertThat(card1.path("stamper_card_order").asInt()).isEqualTo(1);
        assertThat(card1.path("is_filled_up").asBoolean()).isFalse();
        assertThat(card1.path("stamps")).hasSize(3);
        assertThat(card1.path("stamps").get(2).path("stamp_order").asInt()).isEqualTo(3);
        assertThat(card1.path("stamps").get(0).path("purchase_id").asString()).isEqualTo("P1");
        assertThat(events(EventType.STAMPER_CHECKPOINT_REACHED)).singleElement().asString()
                .contains("coffee-halfway").contains("free-cookie").contains(anna);
        // committing the same purchase again adds nothing
        stamper.committed(purchase("P1", anna, paid("1", espresso, 3, "105")));
        assertThat(admin.get("/stamps", "customer_id", anna).expect(200).data().path("total_items").asInt())
                .isEqualTo(3);

        // 2 cappuccinos fill card 1 (its reward unlocks) and start card 2
        stamper.committed(purchase("P2", anna, paid("1", cappuccino, 2, "80")));
        JsonNode two = cards(admin, "customer_id", anna, "stamper_campaign_id", "coffee-card");
        assertThat(ids(admin.get("/stamper-cards", "customer_id", anna, "stamper_campaign_id", "coffee-card"),
                "stamper_cards", "is_filled_up")).containsExactly("true", "false");
        assertThat(two.path("stamper_cards").get(1).path("stamps")).hasSize(1);
        assertThat(events(EventType.STAMPER_CARD_FILLED)).singleElement().asString()
                .contains(two.path("stamper_cards").get(0).path("stamper_card_id").asString()).contains("free-coffee");

        // 4 more: the campaign allows 2 cards (8 stamps), so 3 are stamped and no third card starts
        stamper.committed(purchase("P3", anna, paid("1", espresso, 4, "140")));
        assertThat(admin.get("/stamps", "customer_id", anna, "stamper_card_id",
                two.path("stamper_cards").get(1).path("stamper_card_id").asString()).expect(200).data()
                .path("total_items").asInt()).isEqualTo(4);
        assertThat(cards(admin, "customer_id", anna, "stamper_campaign_id", "coffee-card").path("total_items")
                .asInt()).isEqualTo(2);
        assertThat(cards(admin, "customer_id", anna, "filled_up", "false").path("total_items").asInt()).isZero();
        assertThat(events(EventType.STAMPER_CARD_FILLED)).hasSize(2);
        assertThat(events(EventType.STAMPER_CHECKPOINT_REACHED)).hasSize(2);

        // cancelling P2 removes its 2 stamps; P3's move up; card 2 is no longer full and its reward is locked
        stamper.cancelled("P2");
        JsonNode after = cards(admin, "customer_id", anna, "stamper_campaign_id", "coffee-card");
        assertThat(after.path("stamper_cards").get(0).path("is_filled_up").asBoolean()).isTrue();
        assertThat(after.path("stamper_cards").get(1).path("is_filled_up").asBoolean()).isFalse();
        assertThat(after.path("stamper_cards").get(1).path("stamps")).hasSize(2);
        List<String> purchases = ids(admin.get("/stamps", "customer_id", anna, "sort_field", "created_at"),
                "stamper_stamps", "purchase_id");
        assertThat(purchases).hasSize(6).doesNotContain("P2");
        assertThat(events(EventType.STAMPER_BONUS_REVOKED)).singleElement().asString().contains("free-coffee");
        stamper.cancelled("P2");
        assertThat(admin.get("/stamps", "customer_id", anna).expect(200).data().path("total_items").asInt())
                .isEqualTo(6);

        // basics: one stamp per two items of the brand or the named product; the expired campaign gives none
        stamper.committed(purchase("P4", anna, paid("1", tshirt, 1, "300"), paid("2", socks, 1, "100"),
                paid("3", espresso, 1, "10")));
        JsonNode basics = cards(admin, "customer_id", anna, "stamper_campaign_id", "basics-card");
        assertThat(basics.path("stamper_cards").get(0).path("stamps")).singleElement()
                .satisfies(s -> assertThat(s.path("stamper_condition_id").asString()).isEqualTo("basics-pairs"));
        assertThat(cards(admin, "stamper_campaign_id", "old-card").path("total_items").asInt()).isZero();
        // an anonymous purchase and loyalty_off items earn nothing
        stamper.committed(purchase("P5", null, paid("1", espresso, 5, "500")));
        stamper.committed(purchase("P6", anna, new PaidItem("1", tshirt, BigDecimal.TEN, new BigDecimal("999"),
                true)));
        assertThat(admin.get("/stamps", "customer_id", anna).expect(200).data().path("total_items").asInt())
                .isEqualTo(7);

        // one stamp and one card read by id; unknown ids are 404; bad filters 400
        JsonNode stamp = admin.get("/stamps", "customer_id", anna).expect(200).data().path("stamper_stamps").get(0);
        JsonNode read = admin.get("/stamps/" + stamp.path("stamp_id").asString()).expect(200).data();
        assertThat(read.path("customer_id").asString()).isEqualTo(anna);
        assertThat(read.path("state").asInt()).isEqualTo(1);
        JsonNode card = admin.get("/stamper-cards/" + stamp.path("stamper_card_id").asString()).expect(200).data();
        assertThat(card.path("stamps").toString()).contains(stamp.path("stamp_id").asString());
        admin.get("/stamps/nope").expect(404);
        admin.get("/stamper-cards/nope").expect(404);
        assertThat(admin.get("/stamper-cards", "filled_up", "maybe").expect(400).invalidParams())
                .containsExactly("filled_up:invalid_value_format");
        assertThat(admin.get("/stamper-cards", "state", "3").expect(400).invalidParams())
                .containsExactly("state:not_allowed_value");
    }

    @Test
    void aCustomerApiTokenSeesOnlyItsCustomersCardsAndStamps() {
        String other = newCustomer(admin, "other@example.com");
        Api app = customer().bearer(customerToken("phone-1"));
        String me = app.post("/customers", signUp("me@example.com", true)).expect(201).data().path("customer_id")
                .asString();
        Api loggedOut = customer().bearer(customerToken("phone-2"));
        stamper().committed(purchase("MINE", me, paid("1", espresso, 1, "40")));
        stamper().committed(purchase("THEIRS", other, paid("1", espresso, 1, "40")));
        String theirCard = cards(admin, "customer_id", other).path("stamper_cards").get(0).path("stamper_card_id")
                .asString();
        String theirStamp = admin.get("/stamps", "customer_id", other).expect(200).data().path("stamper_stamps").get(0)
                .path("stamp_id").asString();

        assertThat(ids(app.get("/stamper-cards"), "stamper_cards", "customer_id")).containsExactly(me);
        assertThat(ids(app.get("/stamper-cards", "customer_id", other), "stamper_cards", "customer_id")).isEmpty();
        assertThat(ids(app.get("/stamps"), "stamper_stamps", "purchase_id")).containsExactly("MINE");
        assertThat(ids(app.get("/stamps", "customer_id", other), "stamper_stamps", "purchase_id")).isEmpty();
        assertThat(app.get("/stamper-cards/" + theirCard).expect(400).invalidParams())
                .containsExactly("stamper_card_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/stamps/" + theirStamp).expect(400).invalidParams())
                .containsExactly("stamper_stamp_id:not_belong_to_logged_in_customer");
        String myCard = ids(app.get("/stamper-cards"), "stamper_cards", "stamper_card_id").getFirst();
        app.get("/stamper-cards/" + myCard).expect(200);

        assertThat(ids(loggedOut.get("/stamper-cards"), "stamper_cards", "customer_id")).isEmpty();
        assertThat(ids(loggedOut.get("/stamps"), "stamper_stamps", "customer_id")).isEmpty();
        loggedOut.get("/stamper-cards/" + myCard).expect(403);
        assertThat(ids(admin.get("/stamper-cards"), "stamper_cards", "customer_id"))
                .containsExactlyInAnyOrder(me, other);
    }

    @Test
    void concurrentPurchasesOfOneCustomerGetExactlyTheirStampsOnConsistentCards() throws Exception {
        String anna = newCustomer(admin, "anna@example.com");
        PurchaseParticipant stamper = stamper();
        int n = 20;
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "C" + i;
                done.add(threads.submit(() -> stamper.committed(purchase(id, anna, paid("1", socks, 2, "200")))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        // basics: 3 stamps per card, one stamp per 2 socks: 20 stamps on 7 cards (6 full, 2 on the last)
        assertConsistent(anna, 20, 3);
        assertThat(events(EventType.STAMPER_CARD_FILLED)).hasSize(6);

        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i += 2) {
                String id = "C" + i;
                done.add(threads.submit(() -> stamper.cancelled(id)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertConsistent(anna, 10, 3);
        assertThat(events(EventType.STAMPER_BONUS_REVOKED)).hasSize(3);
    }

    private void assertConsistent(String customerId, int stamps, int perCard) {
        JsonNode cards = cards(admin, "customer_id", customerId, "stamper_campaign_id", "basics-card", "count",
                "1000");
        int expectedCards = stamps / perCard + 1;
        assertThat(cards.path("total_items").asInt()).isEqualTo(expectedCards);
        int total = 0;
        for (int c = 0; c < expectedCards; c++) {
            JsonNode card = cards.path("stamper_cards").get(c);
            assertThat(card.path("stamper_card_order").asInt()).isEqualTo(c + 1);
            int expected = c < expectedCards - 1 ? perCard : stamps % perCard;
            assertThat(card.path("stamps")).hasSize(expected);
            assertThat(card.path("is_filled_up").asBoolean()).isEqualTo(expected == perCard);
            for (int s = 0; s < expected; s++) {
                assertThat(card.path("stamps").get(s).path("stamp_order").asInt()).isEqualTo(s + 1);
            }
            total += expected;
        }
        assertThat(total).isEqualTo(stamps);
        assertThat(admin.get("/stamps", "customer_id", customerId).expect(200).data().path("total_items").asInt())
                .isEqualTo(stamps);
    }
}
