package io.patron.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Card types: reads with their filters, creation and replacement with the unique prefix, their cards. */
class CardTypeTest extends ApiTest {

    static final String PLASTIC = Ids.stable("card_type", "plastic");
    static final String DIGITAL = Ids.stable("card_type", "digital");


    @BeforeEach
    void cardTypes() {
        importProject("test-card-types.yaml");
    }

    private static Map<String, Object> body(String name, String prefix) {
        return Map.of("card_type", Map.of("name", name, "prefix", prefix));
    }

    private static List<String> textIds(Api.Response list) {
        List<String> ids = new ArrayList<>();
        list.data().path("card_types").forEach(t -> ids.add(t.path("text_id").asString()));
        return ids;
    }

    @Test
    void cardTypesAreListedOnBothInterfaces() {
        Api.Response list = admin().get("/card-types").expect(200);
        assertThat(list.data().path("total_items").asInt()).isEqualTo(2);
        JsonNode plastic = admin().get("/card-types/" + PLASTIC).expect(200).data();
        assertThat(plastic.path("card_type_id").asString()).isEqualTo(PLASTIC);
        assertThat(plastic.path("text_id").asString()).isEqualTo("plastic");
        assertThat(plastic.path("name").asString()).isEqualTo("Plastic loyalty card");
        assertThat(plastic.path("prefix").asString()).isEqualTo("2900");
        Api customer = customer().bearer(customerToken("dev")).header("Accept-Language", "cs");
        assertThat(customer.get("/card-types").expect(200).data().path("total_items").asInt()).isEqualTo(2);
        assertThat(customer.get("/card-types/" + DIGITAL).expect(200).data().path("name").asString())
                .isEqualTo("Digitální karta");
        assertThat(admin().get("/card-types/nope").expect(404).error().path("error_data").path("resource_name")
                .asString()).isEqualTo("card-types");
    }

    @Test
    void cardTypesFilterSortAndPage() {
        assertThat(textIds(admin().get("/card-types", "name", "DIGI").expect(200))).containsExactly("digital");
        assertThat(textIds(admin().header("Accept-Language", "cs").get("/card-types", "name", "plastová").expect(200)))
                .containsExactly("plastic");
        assertThat(textIds(admin().get("/card-types", "text_id[]", "plastic", "text_id[]", "digital").expect(200)))
                .containsExactlyInAnyOrder("plastic", "digital");
        assertThat(textIds(admin().get("/card-types", "text_id", "digital").expect(200))).containsExactly("digital");
        assertThat(textIds(admin().get("/card-types", "text_id[]", "digi").expect(200))).isEmpty();
        assertThat(textIds(admin().get("/card-types", "text_id[]", "plastic", "name", "digital").expect(200))).isEmpty();
        assertThat(textIds(admin().get("/card-types", "sort_field", "prefix", "sort_direction", "DESC").expect(200)))
                .containsExactly("digital", "plastic");
        assertThat(textIds(admin().get("/card-types", "sort_field", "name").expect(200)))
                .containsExactly("digital", "plastic");
        Api.Response page = admin().get("/card-types", "sort_field", "text_id", "count", "1", "offset", "1").expect(200);
        assertThat(textIds(page)).containsExactly("plastic");
        assertThat(page.data().path("total_items").asInt()).isEqualTo(2);
        assertThat(admin().get("/card-types", "sort_field", "color").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
    }

    @Test
    void aNewCardTypeGetsATextIdFromItsName() {
        Map<String, Object> sent = Map.of("card_type", Map.of("name", "Karta Věrnost+", "prefix", "3000",
                "text_id", "chosen", "card_type_id", "mine"));
        String id = admin().header("Accept-Language", "cs").post("/card-types", sent).expect(201)
                .data().path("card_type_id").asString();
        assertThat(id).hasSize(26).isNotEqualTo("mine");
        JsonNode read = admin().get("/card-types/" + id).expect(200).data();
        assertThat(read.path("text_id").asString()).isEqualTo("karta_vernost");
        assertThat(read.path("name").asString()).isEqualTo("Karta Věrnost+");
        assertThat(read.path("prefix").asString()).isEqualTo("3000");
        // a second card type of the same name gets the next free text id
        String second = admin().post("/card-types", body("Karta vernost", "3001")).expect(201)
                .data().path("card_type_id").asString();
        assertThat(admin().get("/card-types/" + second).data().path("text_id").asString()).isEqualTo("karta_vernost_2");
        String odd = admin().post("/card-types", body("***", "3002")).expect(201).data().path("card_type_id").asString();
        assertThat(admin().get("/card-types/" + odd).data().path("text_id").asString()).isEqualTo("card_type");
        assertThat(admin().get("/card-types").data().path("total_items").asInt()).isEqualTo(5);
    }

    @Test
    void thePrefixIsUniqueAndRequiredFieldsAreNamed() {
        assertThat(admin().post("/card-types", body("Another plastic card", "2900")).expect(400).invalidParams())
                .containsExactly("card_type.prefix:already_exists");
        assertThat(admin().post("/card-types", Map.of("card_type", Map.of())).expect(400).invalidParams())
                .containsExactlyInAnyOrder("card_type.name:required", "card_type.prefix:required");
        assertThat(admin().post("/card-types", body(" ", "")).expect(400).invalidParams())
                .containsExactlyInAnyOrder("card_type.name:empty", "card_type.prefix:empty");
        assertThat(admin().post("/card-types", Map.of()).expect(400).invalidParams()).containsExactly("card_type:required");
        assertThat(admin().get("/card-types").data().path("total_items").asInt()).isEqualTo(2);
    }

    @Test
    void putReplacesNameAndPrefixAndKeepsTheTextId() {
        admin().put("/card-types/" + PLASTIC, body("Classic card", "2901")).expect(204);
        JsonNode read = admin().get("/card-types/" + PLASTIC).expect(200).data();
        assertThat(read.path("name").asString()).isEqualTo("Classic card");
        assertThat(read.path("prefix").asString()).isEqualTo("2901");
        assertThat(read.path("text_id").asString()).isEqualTo("plastic");
        // the Czech name is a text of its own
        assertThat(admin().header("Accept-Language", "cs").get("/card-types/" + PLASTIC).data().path("name").asString())
                .isEqualTo("Plastová věrnostní karta");
        // the card type may keep its own prefix, not take another's
        admin().put("/card-types/" + PLASTIC, body("Classic card", "2901")).expect(204);
        assertThat(admin().put("/card-types/" + PLASTIC, body("Classic card", "2910")).expect(400).invalidParams())
                .containsExactly("card_type.prefix:already_exists");
        assertThat(admin().put("/card-types/" + PLASTIC, Map.of("card_type", Map.of("name", "No prefix")))
                .expect(400).invalidParams()).containsExactly("card_type.prefix:required");
        assertThat(admin().get("/card-types/" + PLASTIC).data().path("prefix").asString()).isEqualTo("2901");
        admin().put("/card-types/nope", body("X", "1")).expect(404);
    }

    @Test
    void aReadCardTypeCanBePutBack() {
        JsonNode read = admin().get("/card-types/" + DIGITAL).expect(200).data();
        admin().put("/card-types/" + DIGITAL, Map.of("card_type", read)).expect(204);
        assertThat(admin().get("/card-types/" + DIGITAL).data()).isEqualTo(read);
    }

    @Test
    void onlyTheEnterpriseApiWritesCardTypes() {
        Api customer = customer().bearer(customerToken("dev"));
        assertThat(customer.post("/card-types", body("Mine", "7777")).expect(403).error().path("type").asString())
                .isEqualTo("interface_not_allowed_exception");
        customer.put("/card-types/" + PLASTIC, body("Mine", "7777")).expect(403);
        assertThat(admin().get("/card-types/" + PLASTIC).data().path("prefix").asString()).isEqualTo("2900");
    }

    @Test
    void theCardsOfATypeAreAnEmptyListUntilCardsExist() {
        Api.Response cards = admin().get("/card-types/" + PLASTIC + "/cards", "customer_id", "abc", "is_valid", "true",
                "count", "10", "offset", "0").expect(200);
        assertThat(cards.data().path("cards")).isEmpty();
        assertThat(cards.data().path("total_items").asInt()).isZero();
        customer().bearer(customerToken("dev")).get("/card-types/" + PLASTIC + "/cards").expect(200);
        assertThat(admin().get("/card-types/" + PLASTIC + "/cards", "is_valid", "maybe").expect(400).invalidParams())
                .containsExactly("is_valid:invalid_value_format");
        admin().get("/card-types/nope/cards").expect(404);
    }

    @Test
    void theProjectFileCreatesCardTypesOnceAndLeavesThemToTheApi() {
        admin().put("/card-types/" + PLASTIC, body("Classic card", "2901")).expect(204);
        importProject("test-card-types.yaml");
        JsonNode read = admin().get("/card-types/" + PLASTIC).expect(200).data();
        assertThat(read.path("name").asString()).isEqualTo("Classic card");
        assertThat(read.path("prefix").asString()).isEqualTo("2901");
        assertThat(admin().get("/card-types").data().path("total_items").asInt()).isEqualTo(2);
    }

    @Test
    void concurrentCreationsOfOnePrefixLeaveOneCardTypeAndNo500() throws Exception {
        Api api = admin();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> api.post("/card-types", body("Gift card", "5000"))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                Api.Response response = answer.get();
                statuses.add(response.status());
                if (response.status() == 400) {
                    assertThat(response.invalidParams()).containsExactly("card_type.prefix:already_exists");
                }
            }
            assertThat(statuses).containsOnly(201, 400).containsOnlyOnce(201);
        } finally {
            pool.shutdown();
        }
        assertThat(admin().get("/card-types").data().path("total_items").asInt()).isEqualTo(3);
    }
}
