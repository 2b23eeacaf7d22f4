package io.patron.card;

import static io.patron.card.CardTest.GOLD;
import static io.patron.card.CardTest.SILVER;
import static io.patron.card.CardTest.card;
import static io.patron.card.CardTest.newCard;
import static io.patron.card.CardTest.newCustomer;
import static io.patron.card.CardTest.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Every card operation on the Customer API: a token sees and changes only its logged-in customer's cards. */
class CardIsolationTest extends ApiTest {

    @org.junit.jupiter.api.BeforeEach
    void cardTypes() {
        importProject("test-cards.yaml");
    }

    private static final String NOT_MINE = "card_id:not_belong_to_logged_in_customer";
    private static final String NOT_ME = "customer_id:not_belong_to_logged_in_customer";

    @Test
    void aCustomerApiTokenWorksOnlyWithItsCustomersCards() {
        String other = newCustomer(admin(), "other@example.com");
        Api anonymous = customer().bearer(customerToken("phone-0"));
        Api app = customer().bearer(customerToken("phone-1"));
        Map<String, Object> signUp = CardTest.signUp("me@example.com");
        signUp.put("autologin", true);
        String me = app.post("/customers", signUp).expect(201).data().path("customer_id").asString();

        String mine = newCard(admin(), card("MINE-1", me, GOLD, 1));
        String theirs = newCard(admin(), card("THEIRS-1", other, GOLD, 1));
        String free = newCard(admin(), card("FREE-1", null, SILVER, 1));
        newCard(admin(), card("FREE-2", null, SILVER, 1));

        // lists show only the logged-in customer's cards
        assertThat(numbers(app.get("/cards"))).containsExactly("MINE-1");
        assertThat(numbers(app.get("/cards", "customer_id", other))).isEmpty();
        assertThat(numbers(app.get("/card-types/" + GOLD + "/cards"))).containsExactly("MINE-1");
        assertThat(numbers(app.get("/customers/" + me + "/cards"))).containsExactly("MINE-1");
        assertThat(app.get("/customers/" + other + "/cards").expect(400).invalidParams()).containsExactly(NOT_ME);

        // one card
        app.get("/cards/" + mine).expect(200);
        assertThat(app.get("/cards/" + theirs).expect(400).invalidParams()).containsExactly(NOT_MINE);
        assertThat(app.get("/cards/" + free).expect(400).invalidParams()).containsExactly(NOT_MINE);

        // changes
        assertThat(app.put("/cards/" + theirs, Map.of("card", card("THEIRS-1", me, GOLD, 1))).expect(400)
                .invalidParams()).containsExactly(NOT_MINE);
        assertThat(app.put("/cards/" + mine, Map.of("card", card("MINE-1", other, GOLD, 1))).expect(400)
                .invalidParams()).containsExactly("card.customer_id:not_belong_to_logged_in_customer");
        app.put("/cards/" + mine, Map.of("card", card("MINE-1", me, GOLD, 0))).expect(204);
        app.post("/cards", Map.of("card", card("NEW-1", me, GOLD, 1))).expect(403);
        app.post("/cards/batch", Map.of("cards", List.of(card("NEW-2", me, GOLD, 1)))).expect(403);
        assertThat(numbers(admin().get("/cards", "card_number", "NEW-1"))).isEmpty();

        // actions
        assertThat(app.post("/cards/actions/assign-free-card", Map.of("card_type_id", SILVER, "customer_id", other))
                .expect(400).invalidParams()).containsExactly(NOT_ME);
        assertThat(app.post("/cards/actions/assign-free-card", Map.of("card_type_id", SILVER, "customer_id", me))
                .expect(200).data().path("card_id").asString()).isEqualTo(free);
        assertThat(app.post("/cards/actions/validate-free-card", Map.of("card_number", "THEIRS-1")).expect(200)
                .data().path("is_free_to_use").asBoolean()).isFalse();
        assertThat(app.post("/cards/actions/validate-free-card", Map.of("card_number", "FREE-2")).expect(200)
                .data().path("is_free_to_use").asBoolean()).isTrue();
        assertThat(app.post("/cards/actions/generate-digital-card-file", Map.of("card_id", theirs, "file_type", "png"))
                .expect(400).invalidParams()).containsExactly(NOT_MINE);
        app.post("/cards/actions/generate-digital-card-file", Map.of("card_id", mine, "file_type", "qr-png"))
                .expect(200);
        assertThat(app.post("/cards/actions/generate-pass-machine-card", Map.of("customer_id", other))
                .expect(400).invalidParams()).containsExactly(NOT_ME);
        assertThat(app.post("/cards/actions/validate-isic-card", Map.of("card_number", "x", "last_name", "Me"))
                .expect(200).data().path("valid_isic").asBoolean()).isFalse();

        // a token with nobody logged in sees no cards
        assertThat(anonymous.get("/cards").expect(200).data().path("total_items").asLong()).isZero();
        assertThat(numbers(anonymous.get("/card-types/" + GOLD + "/cards"))).isEmpty();
        anonymous.get("/cards/" + mine).expect(403);
        anonymous.put("/cards/" + mine, Map.of("card", card("MINE-1", me, GOLD, 1))).expect(403);
        anonymous.get("/customers/" + me + "/cards").expect(403);
        anonymous.post("/cards/actions/assign-free-card", Map.of("card_type_id", SILVER, "customer_id", me))
                .expect(403);
        anonymous.post("/cards/actions/generate-digital-card-file", Map.of("card_id", mine, "file_type", "png"))
                .expect(403);
        anonymous.post("/cards/actions/generate-pass-machine-card", Map.of("customer_id", me)).expect(403);

        // the Enterprise API sees every card
        assertThat(admin().get("/cards").data().path("total_items").asLong()).isEqualTo(4);
    }
}
