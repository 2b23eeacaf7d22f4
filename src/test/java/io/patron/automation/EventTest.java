package io.patron.automation;

import static io.patron.automation.AutomationFixtures.ESHOP;
import static io.patron.automation.AutomationFixtures.cart;
import static io.patron.automation.AutomationFixtures.event;
import static io.patron.automation.AutomationFixtures.newCustomer;
import static io.patron.automation.AutomationFixtures.typeId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.events.EventType;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Recording events (identifier rules, property checks, uniqueness) and reading them, on both interfaces. */
class EventTest extends ApiTest {

    @Autowired
    EventRepository repository;

    @BeforeEach
    void project() {
        importProject("test-automation.yaml");
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path("event_id").asString()));
        return out;
    }

    /** Events of the project's types (customers also get events of built-in types: customer created ...). */
    private int eventCount() {
        return admin().get("/events", "count", "1", "event_type_ids[]", typeId("cart_updated"), "event_type_ids[]",
                typeId("order_completed"), "event_type_ids[]", typeId("store_visit")).expect(200).data()
                .path("total_items").asInt();
    }

    @Test
    void anEventIsRecordedWithItsPropertiesAndRead() {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        Map<String, Object> body = event("cart_updated", jana, "cart-1",
                Map.of("secondary_external_id", "v2", "created_at", "2026-03-01T10:15:00",
                        "data", Map.of("basket", "B-17")),
                "cart_value", 149.9, "cart_items", 3, "channel", List.of(Map.of("id",
                        io.patron.property.PropertyService.itemId("event", "channel", "web"))));
        String id = admin().post("/events", body).expect(201).data().path("event_id").asString();

        JsonNode read = admin().get("/events/" + id).expect(200).data();
        assertThat(read.path("event_type_id").asString()).isEqualTo(typeId("cart_updated"));
        assertThat(read.path("customer_id").asString()).isEqualTo(jana);
        assertThat(read.path("external_id").asString()).isEqualTo("cart-1");
        assertThat(read.path("secondary_external_id").asString()).isEqualTo("v2");
        assertThat(read.path("created_at").asString()).isEqualTo("2026-03-01 10:15:00");
        assertThat(read.path("data").path("basket").asString()).isEqualTo("B-17");
        assertThat(read.path("state").asInt()).isEqualTo(1);
        assertThat(read.has("property_records")).isFalse();

        JsonNode records = admin().get("/events/" + id + "/property-records").expect(200).data();
        assertThat(records.path("total_items").asInt()).isEqualTo(3);
        JsonNode withRecords = admin().get("/events", "include_property_records", "true").expect(200).data()
                .path("events").get(0);
        assertThat(withRecords.path("property_records").size()).isEqualTo(3);
        assertThat(admin().get("/events/" + id + "/property-records", "property_id", "cart_items").expect(200)
                .data().path("property_records").get(0).path("property_value").asInt()).isEqualTo(3);

        admin().get("/events/nope").expect(404);
        admin().get("/events/nope/property-records").expect(404);
        // a text and a list of texts are data too
        admin().post("/events", event("store_visit", jana, "v-1", Map.of("data", "plain"))).expect(201);
        admin().post("/events", event("store_visit", jana, "v-2", Map.of("data", List.of("a", "b")))).expect(201);
    }

    @Test
    void theCustomerIsNamedByIdOrByExactlyOneIdentifier() {
        String jana = newCustomer(admin(), "Jana@Example.com", "Jana", "420777000111", "E-77", null);
        newCustomer(admin(), "petr@example.com", "Petr", "420777000222", null, null);
        Map<String, Object> byEmail = Map.of("customer_identifier_type", "email",
                "customer_identifier_value", "jana@example.com");
        String e1 = admin().post("/events", event("store_visit", null, "by-email", byEmail)).expect(201)
                .data().path("event_id").asString();
        String e2 = admin().post("/events", event("store_visit", null, "by-phone", Map.of(
                "customer_identifier_type", "phone", "customer_identifier_value", "420777000111"))).expect(201)
                .data().path("event_id").asString();
        String e3 = admin().post("/events", event("store_visit", null, "by-source", Map.of(
                "customer_identifier_type", "external_id", "customer_identifier_value",
                Map.of("customer_source_id", ESHOP, "external_id", "E-77")))).expect(201)
                .data().path("event_id").asString();
        for (String id : List.of(e1, e2, e3)) {
            assertThat(admin().get("/events/" + id).expect(200).data().path("customer_id").asString()).isEqualTo(jana);
        }
        int before = eventCount();

        // both
        assertThat(admin().post("/events", event("store_visit", jana, "both", byEmail)).expect(400).invalidParams())
                .containsExactly("event.customer_id:not_allowed_value", "event.customer_identifier_type:not_allowed_value");
        // neither
        assertThat(admin().post("/events", event("store_visit", null, "neither", Map.of())).expect(400)
                .invalidParams()).containsExactly("event.customer_id:required",
                "event.customer_identifier_type:required", "event.customer_identifier_value:required");
        // half an identifier
        assertThat(admin().post("/events", event("store_visit", null, "half", Map.of("customer_identifier_type",
                "email"))).expect(400).invalidParams()).containsExactly("event.customer_identifier_value:required");
        assertThat(admin().post("/events", event("store_visit", null, "bad-type", Map.of("customer_identifier_type",
                "card", "customer_identifier_value", "x"))).expect(400).invalidParams())
                .contains("event.customer_identifier_type:not_allowed_value");
        // nobody
        assertThat(admin().post("/events", event("store_visit", null, "nobody", Map.of("customer_identifier_type",
                "email", "customer_identifier_value", "nobody@example.com"))).expect(400).invalidParams())
                .containsExactly("event.customer_identifier_value:not_found");
        assertThat(admin().post("/events", event("store_visit", "0000000000000000000000000a", "ghost", Map.of()))
                .expect(400).invalidParams()).containsExactly("event.customer_id:not_found");
        // wrong shapes
        assertThat(admin().post("/events", event("store_visit", null, "shape", Map.of("customer_identifier_type",
                "external_id", "customer_identifier_value", "E-77"))).expect(400).invalidParams())
                .containsExactly("event.customer_identifier_value:invalid_value_format");
        assertThat(admin().post("/events", event("store_visit", null, "shape2", Map.of("customer_identifier_type",
                "external_id", "customer_identifier_value", Map.of("external_id", "E-77")))).expect(400)
                .invalidParams()).containsExactly("event.customer_identifier_value.customer_source_id:required");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void propertyRecordsAndFieldsAreCheckedAgainstTheType() {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        assertThat(admin().post("/events", event("cart_updated", jana, "c1", Map.of(), "cart_items", "many"))
                .expect(400).invalidParams()).containsExactly("property_records[0].property_value:invalid_value_format");
        assertThat(admin().post("/events", event("cart_updated", jana, "c2", Map.of(), "cart_items", 1,
                "visited_store", "Praha")).expect(400).invalidParams())
                .containsExactly("property_records[1].property_id:not_allowed_value");
        assertThat(admin().post("/events", event("cart_updated", jana, "c3", Map.of(), "cart_value", 10))
                .expect(400).invalidParams()).containsExactly("property_records:required");
        assertThat(admin().post("/events", event("cart_updated", jana, "c4", Map.of(), "cart_items", 1,
                "cart_items", 2)).expect(400).invalidParams()).containsExactly("property_records[1].property_id:already_exists");
        assertThat(admin().post("/events", event("cart_updated", jana, "c5", Map.of(), "cart_items", 1,
                "channel", List.of(Map.of("id", "0000")))).expect(400).invalidParams())
                .containsExactly("property_records[1].property_value:not_allowed_value");
        assertThat(admin().post("/events", event(EventType.PURCHASE_SENT, jana, "fake", Map.of())).expect(400)
                .invalidParams()).containsExactly("event.event_type_id:not_allowed_value");
        Map<String, Object> unknownType = event("store_visit", jana, "u", Map.of());
        ((Map<String, Object>) unknownType.get("event")).put("event_type_id", "nope");
        assertThat(admin().post("/events", unknownType).expect(400).invalidParams())
                .containsExactly("event.event_type_id:not_found");
        assertThat(admin().post("/events", event("store_visit", jana, "t", Map.of("created_at", "yesterday")))
                .expect(400).invalidParams()).containsExactly("event.created_at:invalid_value_format");
        assertThat(admin().post("/events", event("store_visit", jana, "d", Map.of("data", 42)))
                .expect(400).invalidParams()).containsExactly("event.data:invalid_value_format");
        assertThat(admin().post("/events", event("store_visit", jana, "d2", Map.of("data", List.of(1, 2))))
                .expect(400).invalidParams()).containsExactly("event.data:invalid_value_format");
        Map<String, Object> noExternal = event("store_visit", jana, "x", Map.of());
        ((Map<String, Object>) noExternal.get("event")).remove("external_id");
        assertThat(admin().post("/events", noExternal).expect(400).invalidParams())
                .containsExactly("event.external_id:required");
        assertThat(eventCount()).isZero();
    }

    @Test
    void anEventExistsOncePerTypeCustomerAndExternalIds() {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        String petr = newCustomer(admin(), "petr@example.com", "Petr");
        admin().post("/events", event("store_visit", jana, "visit-1", Map.of())).expect(201);
        // without a secondary id, the same ids again are the same event
        assertThat(admin().post("/events", event("store_visit", jana, "visit-1", Map.of())).expect(400)
                .invalidParams()).containsExactly("event.external_id:relation_already_exists");
        // a secondary id tells events apart, once each
        admin().post("/events", event("store_visit", jana, "visit-1", Map.of("secondary_external_id", "a"))).expect(201);
        assertThat(admin().post("/events", event("store_visit", jana, "visit-1", Map.of("secondary_external_id", "a")))
                .expect(400).invalidParams()).containsExactly("event.external_id:relation_already_exists");
        admin().post("/events", event("store_visit", jana, "visit-1", Map.of("secondary_external_id", "b"))).expect(201);
        // another customer or another type: another event
        admin().post("/events", event("store_visit", petr, "visit-1", Map.of())).expect(201);
        admin().post("/events", event("order_completed", jana, "visit-1", Map.of())).expect(201);
        assertThat(eventCount()).isEqualTo(5);

        // the database holds the rule itself, also when the secondary id is absent (NULL)
        OffsetDateTime now = OffsetDateTime.now();
        assertThatThrownBy(() -> repository.insert(Ids.newId(), typeId("store_visit"), jana, "visit-1", null, null,
                now, now)).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> repository.insert(Ids.newId(), typeId("store_visit"), jana, "visit-1", "a", null,
                now, now)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void parallelPostsOfOneEventRecordItOnce() throws Exception {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        Api admin = admin();
        int threads = 8;
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            posts.add(() -> admin.post("/events", event("store_visit", jana, "same", Map.of())).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Integer> f : pool.invokeAll(posts)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsOnly(201, 400);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(1);
    }

    @Test
    void listsFilterByTypeCustomerExternalIdAndTime() {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        String petr = newCustomer(admin(), "petr@example.com", "Petr");
        String a = admin().post("/events", event("store_visit", jana, "a", Map.of("created_at", "2026-01-10 10:00:00")))
                .expect(201).data().path("event_id").asString();
        String b = admin().post("/events", cart(jana, "b", 50)).expect(201).data().path("event_id").asString();
        String c = admin().post("/events", event("store_visit", petr, "c", Map.of("created_at", "2026-02-10 10:00:00")))
                .expect(201).data().path("event_id").asString();

        assertThat(ids(admin().get("/events", "event_type_id", typeId("store_visit"), "sort_field", "created_at")
                .expect(200).data().path("events"))).containsExactly(a, c);
        assertThat(ids(admin().get("/events", "customer_id", petr, "event_type_id", typeId("store_visit")).expect(200)
                .data().path("events"))).containsExactly(c);
        assertThat(ids(admin().get("/events", "external_id", "b").expect(200).data().path("events")))
                .containsExactly(b);
        assertThat(ids(admin().get("/events", "event_type_ids[]", typeId("cart_updated"), "event_type_ids[]",
                typeId("store_visit"), "customer_id", jana, "sort_field", "external_id").expect(200).data()
                .path("events"))).containsExactly(a, b);
        assertThat(ids(admin().get("/events", "time_from", "2026-01-01 00:00:00", "time_to", "2026-01-31T23:59:59")
                .expect(200).data().path("events"))).containsExactly(a);
        assertThat(ids(admin().get("/customers/" + jana + "/events", "event_type_id", typeId("store_visit"))
                .expect(200).data().path("customer_events"))).containsExactly(a);
        JsonNode janas = admin().get("/customers/" + jana + "/events", "include_property_records", "true",
                "sort_field", "external_id", "sort_direction", "DESC", "event_type_ids[]", typeId("cart_updated"),
                "event_type_ids[]", typeId("store_visit")).expect(200).data();
        assertThat(ids(janas.path("customer_events"))).containsExactly(b, a);
        assertThat(janas.path("customer_events").get(0).path("property_records").size()).isEqualTo(2);
        assertThat(admin().get("/events", "time_from", "soon").expect(400).invalidParams())
                .containsExactly("time_from:invalid_value_format");
        assertThat(admin().get("/events", "include_property_records", "maybe").expect(400).invalidParams())
                .containsExactly("include_property_records:invalid_value_format");
        assertThat(admin().get("/events", "sort_field", "data").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        admin().get("/customers/0000000000000000000000000a/events").expect(404);
    }

    private Api loggedIn(String device, String email) {
        String token = customerToken(device);
        customer().bearer(token).post("/tokens/" + token + "/actions/login",
                Map.of("login_type", "email", "login_value", email, "password", AutomationFixtures.PASSWORD)).expect(200);
        return customer().bearer(token);
    }

    @Test
    void theCustomerApiSeesAndRecordsItsOwnEventsOnly() {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        String petr = newCustomer(admin(), "petr@example.com", "Petr");
        String petrs = admin().post("/events", event("store_visit", petr, "p", Map.of())).expect(201)
                .data().path("event_id").asString();
        Api app = loggedIn("jana-phone", "jana@example.com");

        String own = app.post("/events", event("store_visit", jana, "j", Map.of())).expect(201)
                .data().path("event_id").asString();
        app.post("/events", event("store_visit", null, "j2", Map.of("customer_identifier_type", "email",
                "customer_identifier_value", "jana@example.com"))).expect(201);
        assertThat(app.post("/events", event("store_visit", petr, "x", Map.of())).expect(400).invalidParams())
                .containsExactly("event.customer_id:not_belong_to_logged_in_customer");
        assertThat(app.post("/events", event("store_visit", null, "y", Map.of("customer_identifier_type", "email",
                "customer_identifier_value", "petr@example.com"))).expect(400).invalidParams())
                .containsExactly("event.customer_identifier_value:not_belong_to_logged_in_customer");

        JsonNode list = app.get("/events", "event_type_id", typeId("store_visit")).expect(200).data();
        assertThat(list.path("total_items").asInt()).isEqualTo(2);
        assertThat(ids(list.path("events"))).contains(own).doesNotContain(petrs);
        assertThat(app.get("/events", "customer_id", petr).expect(200).data().path("total_items").asInt()).isZero();
        app.get("/events/" + own).expect(200);
        assertThat(app.get("/events/" + petrs).expect(400).invalidParams())
                .containsExactly("event_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/events/" + petrs + "/property-records").expect(400).invalidParams())
                .containsExactly("event_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/customers/" + petr + "/events").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/customers/" + jana + "/events", "event_type_id", typeId("store_visit")).expect(200).data()
                .path("total_items").asInt()).isEqualTo(2);
        // a token without a logged-in customer records and reads no events
        Api anonymousApp = customer().bearer(customerToken("kiosk"));
        anonymousApp.post("/events", event("store_visit", jana, "k", Map.of())).expect(403);
        assertThat(anonymousApp.get("/events").expect(200).data().path("total_items").asInt()).isZero();
    }

    @Test
    void engineEventsAreRecordedAsEventsOfBuiltInTypes() {
        String jana = newCustomer(admin(), "jana@example.com", "Jana");
        await().atMost(ScenarioTest.WAIT).untilAsserted(() -> assertThat(admin().get("/customers/" + jana
                + "/events", "event_type_id", typeId(EventType.CUSTOMER_CREATED)).expect(200).data()
                .path("total_items").asInt()).isEqualTo(1));
        JsonNode created = admin().get("/customers/" + jana + "/events", "event_type_id",
                typeId(EventType.CUSTOMER_CREATED)).expect(200).data().path("customer_events").get(0);
        assertThat(created.path("data").path("customer_id").asString()).isEqualTo(jana);
    }
}
