package io.patron.automation;

import static io.patron.automation.AutomationFixtures.groupId;
import static io.patron.automation.AutomationFixtures.typeId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.patron.events.EventType;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Event groups, event types and event properties from the project file, and Patron's built-in types. */
class EventCatalogTest extends ApiTest {

    @BeforeEach
    void project() {
        importProject("test-automation.yaml");
    }

    private static List<String> texts(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path(field).asString()));
        return out;
    }

    @Test
    void groupsAreListedFilteredAndTranslated() {
        JsonNode all = admin().get("/event-groups").expect(200).data();
        assertThat(texts(all.path("event_groups"), "text_id")).containsExactly("patron", "shopping_cart", "store_visits");
        assertThat(all.path("total_items").asInt()).isEqualTo(3);
        assertThat(texts(admin().get("/event-groups", "text_id", "store_visits").expect(200).data()
                .path("event_groups"), "event_group_id")).containsExactly(groupId("store_visits"));
        assertThat(admin().header("Accept-Language", "cs").get("/event-groups", "name", "košík").expect(200).data()
                .path("event_groups").get(0).path("name").asString()).isEqualTo("Nákupní košík");
        assertThat(texts(admin().get("/event-groups", "sort_field", "text_id", "sort_direction", "DESC").expect(200)
                .data().path("event_groups"), "text_id")).containsExactly("store_visits", "shopping_cart", "patron");
        JsonNode one = customer().bearer(customerToken("d1")).get("/event-groups/" + groupId("shopping_cart"))
                .expect(200).data();
        assertThat(one.path("text_id").asString()).isEqualTo("shopping_cart");
        assertThat(one.path("state").asInt()).isEqualTo(1);
        admin().get("/event-groups/nope").expect(404);
        assertThat(admin().get("/event-groups", "sort_field", "colour").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
    }

    @Test
    void typesAreListedWithTheirGroupsAndBuiltInTypes() {
        JsonNode all = admin().get("/event-types", "count", "1000").expect(200).data();
        List<String> textIds = texts(all.path("event_types"), "text_id");
        assertThat(textIds).contains("cart_updated", "order_completed", "store_visit", EventType.CUSTOMER_CREATED,
                EventType.PURCHASE_SENT, EventType.POINTS_EXPIRED, EventType.VOUCHER_ISSUED, EventType.STATUS_CHANGED,
                EventType.CONSENT_CHANGED);
        JsonNode shopping = admin().get("/event-types", "event_group_text_id[]", "shopping_cart",
                "event_group_text_id[]", "store_visits").expect(200).data();
        assertThat(texts(shopping.path("event_types"), "text_id"))
                .containsExactly("cart_updated", "order_completed", "store_visit");
        JsonNode cart = admin().header("Accept-Language", "cs").get("/event-types/" + typeId("cart_updated"))
                .expect(200).data();
        assertThat(cart.path("name").asString()).isEqualTo("Změna košíku");
        assertThat(cart.path("event_group_id").asString()).isEqualTo(groupId("shopping_cart"));
        assertThat(cart.path("event_group_text_id").asString()).isEqualTo("shopping_cart");
        assertThat(cart.path("icon_name").asString()).isEqualTo("shopping_cart");
        assertThat(admin().get("/event-types", "text_id", EventType.PURCHASE_SENT).expect(200).data()
                .path("event_types").get(0).path("event_group_text_id").asString()).isEqualTo("patron");
        assertThat(admin().get("/event-types", "name", "visit").expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
        admin().get("/event-types/nope").expect(404);
    }

    @Test
    void propertiesAreListedAllAndByType() {
        JsonNode all = admin().get("/event-properties").expect(200).data();
        assertThat(texts(all.path("event_properties"), "property_id"))
                .containsExactly("cart_items", "cart_value", "channel", "visited_store");
        JsonNode channel = admin().get("/event-properties/channel").expect(200).data();
        assertThat(channel.path("data_type").asString()).isEqualTo("enum");
        assertThat(channel.path("items").size()).isEqualTo(2);
        admin().get("/event-properties/nope").expect(404);
        Api app = customer().bearer(customerToken("d2"));
        JsonNode ofCart = app.get("/event-types/" + typeId("cart_updated") + "/event-properties").expect(200).data();
        assertThat(texts(ofCart.path("event_properties"), "property_id"))
                .containsExactlyInAnyOrder("cart_value", "cart_items", "channel");
        assertThat(ofCart.path("total_items").asInt()).isEqualTo(3);
        assertThat(texts(admin().get("/event-types/" + typeId("cart_updated") + "/event-properties",
                "sort_field", "property_id", "count", "1", "offset", "1").expect(200).data().path("event_properties"),
                "property_id")).containsExactly("cart_value");
        assertThat(admin().get("/event-types/" + typeId(EventType.CUSTOMER_CREATED) + "/event-properties").expect(200)
                .data().path("total_items").asInt()).isZero();
        admin().get("/event-types/nope/event-properties").expect(404);
        assertThat(admin().get("/event-properties", "count", "0").expect(400).invalidParams())
                .containsExactly("count:not_allowed_value");
    }

    @Test
    void theImportIsIdempotent() {
        importProject("test-automation.yaml");
        assertThat(admin().get("/event-groups").expect(200).data().path("total_items").asInt()).isEqualTo(3);
        assertThat(admin().get("/event-types/" + typeId("cart_updated") + "/event-properties").expect(200)
                .data().path("total_items").asInt()).isEqualTo(3);
    }
}
