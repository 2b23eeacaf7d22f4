package io.patron.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Cards: create, read, full update, lists and their filters, batches, uniqueness and usability. */
class CardTest extends ApiTest {

    @org.junit.jupiter.api.BeforeEach
    void cardTypes() {
        importProject("test-cards.yaml");
    }

    static final String ESHOP = Ids.stable("customer_source", "eshop");
    static final String GOLD = "8bed991c68a470e7aaeffbf048";
    /** A store of the test project (test-stores.yaml). */
    static final String PRAGUE_STORE = Ids.stable("store", "PRG01");
    static final String SILVER = "81eaeea13b8984a169c490a325";

    @Autowired
    CardService cardService;

    static Map<String, Object> signUp(String email) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Card");
        info.put("last_name", "Holder");
        info.put("email", email);
        info.put("language_id", "cs");
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        body.put("password", "S3cret-pass");
        return body;
    }

    static String newCustomer(Api api, String email) {
        return api.post("/customers", signUp(email)).expect(201).data().path("customer_id").asString();
    }

    static Map<String, Object> card(String number, String customerId, String typeId, int state) {
        Map<String, Object> card = new HashMap<>();
        card.put("card_number", number);
        card.put("card_type_id", typeId);
        card.put("state", state);
        if (customerId != null) {
            card.put("customer_id", customerId);
        }
        return card;
    }

    static String newCard(Api api, Map<String, Object> card) {
        return api.post("/cards", Map.of("card", card)).expect(201).data().path("card_id").asString();
    }

    static List<String> numbers(Api.Response answer) {
        List<String> out = new ArrayList<>();
        answer.expect(200).data().path("cards").forEach(c -> out.add(c.path("card_number").asString()));
        return out;
    }

    @Test
    void aCardIsCreatedReadAndReplacedWhole() {
        importProject("test-stores.yaml");
        String jana = newCustomer(admin(), "jana@example.com");
        Map<String, Object> body = card("1000000000016", jana, GOLD, 1);
        body.put("secondary_card_number", "S-16");
        body.put("valid_from", "2024-01-01T08:00:00");
        body.put("valid_to", "2030-12-31 23:59:59");
        body.put("store_id", PRAGUE_STORE);
        String id = newCard(admin(), body);

        var card = admin().get("/cards/" + id).expect(200).data();
        assertThat(card.path("card_id").asString()).isEqualTo(id);
        assertThat(card.path("customer_id").asString()).isEqualTo(jana);
        assertThat(card.path("card_type_id").asString()).isEqualTo(GOLD);
        assertThat(card.path("card_number").asString()).isEqualTo("1000000000016");
        assertThat(card.path("secondary_card_number").asString()).isEqualTo("S-16");
        assertThat(card.path("valid_from").asString()).isEqualTo("2024-01-01 08:00:00");
        assertThat(card.path("valid_to").asString()).isEqualTo("2030-12-31 23:59:59");
        assertThat(card.path("store_id").asString()).isEqualTo(PRAGUE_STORE);
        assertThat(card.path("state").asInt()).isEqualTo(1);
        assertThat(card.path("last_change").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

        // a store that does not exist is refused, and the card keeps its store
        Map<String, Object> elsewhere = new HashMap<>(body);
        elsewhere.put("store_id", "store-1");
        assertThat(admin().put("/cards/" + id, Map.of("card", elsewhere)).expect(400).invalidParams())
                .containsExactly("card.store_id:not_found");
        assertThat(admin().get("/cards/" + id).expect(200).data().path("store_id").asString()).isEqualTo(PRAGUE_STORE);

        // PUT replaces the whole card: what is left out is cleared; a card can be freed or blocked
        admin().put("/cards/" + id, Map.of("card", card("1000000000017", null, SILVER, 0))).expect(204);
        card = admin().get("/cards/" + id).expect(200).data();
        assertThat(card.path("card_number").asString()).isEqualTo("1000000000017");
        assertThat(card.path("card_type_id").asString()).isEqualTo(SILVER);
        assertThat(card.path("state").asInt()).isZero();
        assertThat(card.has("customer_id")).isFalse();
        assertThat(card.has("secondary_card_number")).isFalse();
        assertThat(card.has("valid_to")).isFalse();

        admin().get("/cards/nope").expect(404);
        assertThat(admin().put("/cards/nope", Map.of("card", card("1", null, GOLD, 1))).expect(404)
                .error().path("error_data").path("resource_id").asString()).isEqualTo("nope");
    }

    @Test
    void cardNumbersAreUnique() {
        newCard(admin(), card("111", null, GOLD, 1));
        String other = newCard(admin(), card("222", null, GOLD, 1));
        assertThat(admin().post("/cards", Map.of("card", card("111", null, SILVER, 1))).expect(400).invalidParams())
                .containsExactly("card.card_number:already_exists");
        assertThat(admin().put("/cards/" + other, Map.of("card", card("111", null, GOLD, 1))).expect(400)
                .invalidParams()).containsExactly("card.card_number:already_exists");
        // keeping its own number is no conflict
        admin().put("/cards/" + other, Map.of("card", card("222", null, GOLD, 1))).expect(204);
    }

    @Test
    void badCardsAreRefusedFieldByField() {
        Map<String, Object> body = new HashMap<>();
        body.put("card_number", "");
        body.put("state", 5);
        body.put("customer_id", "nobody");
        body.put("valid_from", "31.12.2024");
        body.put("store_id", "store-1");
        assertThat(admin().post("/cards", Map.of("card", body)).expect(400).invalidParams()).containsExactlyInAnyOrder(
                "card.card_type_id:required", "card.card_number:empty", "card.state:not_allowed_value",
                "card.customer_id:not_found", "card.valid_from:invalid_value_format", "card.store_id:not_found");
        Map<String, Object> reversed = card("333", null, GOLD, 1);
        reversed.put("valid_from", "2025-01-02 00:00:00");
        reversed.put("valid_to", "2025-01-01 00:00:00");
        assertThat(admin().post("/cards", Map.of("card", reversed)).expect(400).invalidParams())
                .containsExactly("card.valid_to:not_allowed_value");
        assertThat(admin().post("/cards", Map.of()).expect(400).invalidParams()).containsExactly("card:required");
        assertThat(admin().get("/cards").data().path("total_items").asLong()).isZero();
    }

    @Test
    void listsAndTheirFilters() {
        String jana = newCustomer(admin(), "jana@example.com");
        String petr = newCustomer(admin(), "petr@example.com");
        Map<String, Object> a = card("A-1", jana, GOLD, 1);
        a.put("secondary_card_number", "SEC-A");
        newCard(admin(), a);
        newCard(admin(), card("A-2", jana, SILVER, 0));
        Map<String, Object> expired = card("B-1", petr, GOLD, 1);
        expired.put("valid_to", "2020-01-01 00:00:00");
        newCard(admin(), expired);
        newCard(admin(), card("F-1", null, GOLD, 1));

        assertThat(numbers(admin().get("/cards"))).containsExactlyInAnyOrder("A-1", "A-2", "B-1", "F-1");
        assertThat(numbers(admin().get("/cards", "sort_field", "card_number", "sort_direction", "DESC")))
                .containsExactly("F-1", "B-1", "A-2", "A-1");
        assertThat(numbers(admin().get("/cards", "customer_id", jana))).containsExactlyInAnyOrder("A-1", "A-2");
        assertThat(numbers(admin().get("/cards", "card_type_id", GOLD))).containsExactlyInAnyOrder("A-1", "B-1", "F-1");
        assertThat(numbers(admin().get("/cards", "state", "0"))).containsExactly("A-2");
        assertThat(numbers(admin().get("/cards", "is_valid", "false"))).containsExactly("B-1");
        assertThat(numbers(admin().get("/cards", "is_valid", "true"))).containsExactlyInAnyOrder("A-1", "A-2", "F-1");
        assertThat(numbers(admin().get("/cards", "card_number", "A-2"))).containsExactly("A-2");
        assertThat(numbers(admin().get("/cards", "card_number_list[]", "A-1", "card_number_list[]", "F-1")))
                .containsExactlyInAnyOrder("A-1", "F-1");
        assertThat(numbers(admin().get("/cards", "card_number", "SEC-A"))).isEmpty();
        assertThat(numbers(admin().get("/cards", "card_number", "SEC-A", "search_secondary_card_number", "true")))
                .containsExactly("A-1");
        assertThat(admin().get("/cards", "state", "7").expect(400).invalidParams())
                .containsExactly("state:not_allowed_value");
        assertThat(admin().get("/cards", "is_valid", "maybe").expect(400).invalidParams())
                .containsExactly("is_valid:invalid_value_format");

        assertThat(numbers(admin().get("/customers/" + jana + "/cards"))).containsExactlyInAnyOrder("A-1", "A-2");
        assertThat(numbers(admin().get("/customers/" + jana + "/cards", "card_type_id", SILVER)))
                .containsExactly("A-2");
        assertThat(numbers(admin().get("/customers/" + petr + "/cards", "is_valid", "true"))).isEmpty();
        admin().get("/customers/nobody/cards").expect(404);

        assertThat(numbers(admin().get("/card-types/" + GOLD + "/cards"))).containsExactlyInAnyOrder("A-1", "B-1", "F-1");
        assertThat(numbers(admin().get("/card-types/" + GOLD + "/cards", "customer_id", petr))).containsExactly("B-1");
        assertThat(numbers(admin().get("/card-types/" + GOLD + "/cards", "is_valid", "true")))
                .containsExactlyInAnyOrder("A-1", "F-1");
    }

    @Test
    void aCardNeedsAnExistingCardType() {
        Api.Response answer = admin().post("/cards", Map.of("card", card("T-1", null, "no-such-type", 1))).expect(400);
        assertThat(answer.invalidParams()).containsExactly("card.card_type_id:not_found");
    }

    @Test
    void onlyActiveAssignedValidCardsIdentifyTheirHolder() {
        String jana = newCustomer(admin(), "jana@example.com");
        newCard(admin(), card("OK-1", jana, GOLD, 1));
        newCard(admin(), card("BLOCKED-1", jana, SILVER, 0));
        newCard(admin(), card("FREE-1", null, GOLD, 1));
        Map<String, Object> expired = card("OLD-1", jana, SILVER, 1);
        expired.put("valid_to", "2020-01-01 00:00:00");
        newCard(admin(), expired);
        Map<String, Object> future = card("NEW-1", jana, GOLD, 1);
        future.put("valid_from", "2099-01-01 00:00:00");
        newCard(admin(), future);

        assertThat(cardService.customerOfUsableCard("OK-1")).contains(jana);
        assertThat(cardService.customerOfUsableCard("BLOCKED-1")).isEmpty();
        assertThat(cardService.customerOfUsableCard("FREE-1")).isEmpty();
        assertThat(cardService.customerOfUsableCard("OLD-1")).isEmpty();
        assertThat(cardService.customerOfUsableCard("NEW-1")).isEmpty();
        assertThat(cardService.customerOfUsableCard("NONE")).isEqualTo(Optional.empty());
        assertThat(cardService.customerOfUsableCard(null)).isEmpty();
    }

    @Test
    void batchWithErrorProcessing1StoresNothingOnTheFirstError() {
        newCard(admin(), card("EXISTING", null, GOLD, 1));
        List<Map<String, Object>> cards = List.of(card("N-1", null, GOLD, 1), card("N-2", null, GOLD, 1),
                card("N-1", null, GOLD, 1), card("EXISTING", null, GOLD, 1));
        assertThat(admin().post("/cards/batch", Map.of("cards", cards)).expect(400).invalidParams())
                .containsExactly("cards[2].card_number:already_exists");
        assertThat(admin().post("/cards/batch", Map.of("cards", cards, "error_processing", 1)).expect(400)
                .invalidParams()).containsExactly("cards[2].card_number:already_exists");
        assertThat(numbers(admin().get("/cards"))).containsExactly("EXISTING");

        admin().post("/cards/batch", Map.of("cards", List.of(card("N-1", null, GOLD, 1), card("N-2", null, GOLD, 1))))
                .expect(204);
        assertThat(numbers(admin().get("/cards"))).containsExactlyInAnyOrder("EXISTING", "N-1", "N-2");
    }

    @Test
    void batchWithErrorProcessing2StoresTheValidRecordsAndReportsTheOthers() {
        newCard(admin(), card("EXISTING", null, GOLD, 1));
        Map<String, Object> noType = card("N-3", null, GOLD, 1);
        noType.remove("card_type_id");
        List<Map<String, Object>> cards = List.of(card("N-1", null, GOLD, 1), card("EXISTING", null, GOLD, 1),
                noType, card("N-2", "nobody", GOLD, 1), card("N-4", null, GOLD, 1));
        assertThat(admin().post("/cards/batch", Map.of("cards", cards, "error_processing", 2)).expect(400)
                .invalidParams()).containsExactly("cards[1].card_number:already_exists",
                "cards[2].card_type_id:required", "cards[3].customer_id:not_found");
        assertThat(numbers(admin().get("/cards"))).containsExactlyInAnyOrder("EXISTING", "N-1", "N-4");

        assertThat(admin().post("/cards/batch", Map.of("cards", List.of(), "error_processing", 3)).expect(400)
                .invalidParams()).containsExactly("error_processing:not_allowed_value");
        assertThat(admin().post("/cards/batch", Map.of("error_processing", 2)).expect(400).invalidParams())
                .containsExactly("cards:required");
    }
}
