package io.patron.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;

/** Booking tickets, slots, statuses and bookings: capacity taken atomically, given back on cancel and delete. */
class BookingTest extends ApiTest {

    static final String ESHOP = Ids.stable("customer_source", "eshop");

    @Autowired
    MutableClock clock;

    @Autowired
    BookingSlots slotJob;

    @BeforeEach
    void project() {
        importProject("test-bookings.yaml");
    }

    static String newCustomer(Api api, String email) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Book");
        info.put("last_name", "Er");
        info.put("email", email);
        info.put("language_id", "cs");
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    static Map<String, Object> item(String slotId, Integer capacity) {
        Map<String, Object> item = new HashMap<>();
        item.put("time_slot_id", slotId);
        item.put("created_at", "2026-11-01 10:00:00");
        if (capacity != null) {
            item.put("capacity_taken", capacity);
        }
        return item;
    }

    static Map<String, Object> booking(String customerId, List<Map<String, Object>> items) {
        Map<String, Object> booking = new HashMap<>();
        if (customerId != null) {
            booking.put("customer_id", customerId);
        }
        booking.put("booking_items", items);
        booking.put("created_at", "2026-11-01 10:00:00");
        return Map.of("booking", booking);
    }

    /** The slot ids of a ticket by start time ({@code yyyy-MM-dd HH:mm:ss}). */
    Map<String, String> slots(Api api, String ticketId) {
        Map<String, String> byStart = new HashMap<>();
        api.get("/booking-tickets/" + ticketId + "/time-slots", "count", "1000").expect(200).data()
                .path("time_slots").forEach(s -> byStart.put(s.path("valid_from").asString(),
                        s.path("time_slot_id").asString()));
        return byStart;
    }

    int free(Api api, String ticketId, String slotId) {
        for (JsonNode s : api.get("/booking-tickets/" + ticketId + "/time-slots", "count", "1000").expect(200).data()
                .path("time_slots")) {
            if (s.path("time_slot_id").asString().equals(slotId)) {
                return s.path("free_capacity").asInt();
            }
        }
        throw new AssertionError("no slot " + slotId);
    }

    static List<String> ids(Api.Response list, String plural, String idField) {
        List<String> out = new ArrayList<>();
        list.expect(200).data().path(plural).forEach(n -> out.add(n.path(idField).asString()));
        return out;
    }

    @Test
    void statusesTicketsPropertiesAndSlotsComeFromTheProjectFile() {
        Api admin = admin();
        assertThat(ids(admin.get("/booking-statuses"), "booking_statuses", "booking_status_id"))
                .containsExactly("confirmed", "pending", "cancelled", "retired");
        assertThat(admin.header("Accept-Language", "cs").get("/booking-statuses/confirmed").expect(200).data()
                .path("name").asString()).isEqualTo("Potvrzeno");
        assertThat(admin.get("/booking-statuses/retired").expect(200).data().path("state").asInt()).isZero();
        admin.get("/booking-statuses/nope").expect(404);

        assertThat(ids(admin.get("/booking-tickets"), "booking_tickets", "ticket_id"))
                .containsExactly("therapist", "room", "closed");
        assertThat(admin.get("/booking-tickets/therapist").expect(200).data().path("name").asString())
                .isEqualTo("Massage with Anna");
        admin.get("/booking-tickets/nope").expect(404);
        String massage = admin.get("/booking-ticket-properties/service").expect(200).data().path("items").get(0)
                .path("id").asString();
        assertThat(ids(admin.get("/booking-ticket-properties", "name", "Serv"), "booking_ticket_properties",
                "property_id")).containsExactly("service");
        assertThat(ids(admin.get("/booking-tickets", "booking_ticket_property_id", "service",
                "booking_ticket_property_value", massage), "booking_tickets", "ticket_id")).containsExactly("therapist");
        assertThat(ids(admin.get("/booking-tickets", "valid_from", "2020-01-01 00:00:00", "valid_only", "true"),
                "booking_tickets", "ticket_id")).containsExactly("therapist", "room", "closed");
        assertThat(admin.get("/booking-tickets", "valid_from", "yesterday").expect(400).invalidParams())
                .containsExactly("valid_from:invalid_value_format");
        assertThat(admin.get("/booking-tickets", "valid_only", "maybe").expect(400).invalidParams())
                .containsExactly("valid_only:invalid_value_format");

        // explicit slots of the file; the schedule's slots from the job: three a day for the next week
        assertThat(slots(admin, "therapist")).containsOnlyKeys("2030-03-04 09:00:00", "2030-03-04 10:00:00",
                "2030-03-04 11:00:00", "2020-03-02 09:00:00");
        JsonNode roomSlots = admin.get("/booking-tickets/room/time-slots", "count", "1000").expect(200).data();
        assertThat(roomSlots.path("total_items").asInt()).isBetween(3 * 7, 3 * 8);
        roomSlots.path("time_slots").forEach(s -> assertThat(s.path("total_capacity").asInt()).isEqualTo(3));
        assertThat(slotJob.generate()).as("the job adds nothing twice").isZero();
        assertThat(admin.get("/booking-tickets/therapist/time-slots", "time_from", "2030-01-01T00:00:00",
                "time_to", "2030-03-04 10:00:00").expect(200).data().path("total_items").asInt()).isEqualTo(1);
        assertThat(admin.get("/booking-tickets/therapist/time-slots", "time_to", "3 March")
                .expect(400).invalidParams()).containsExactly("time_to:invalid_value_format");
        admin.get("/booking-tickets/nope/time-slots").expect(404);
    }

    @Test
    void aBookingTakesCapacityAndCancellingOrDeletingGivesItBack() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        Map<String, String> slots = slots(admin, "therapist");
        String nine = slots.get("2030-03-04 09:00:00");
        String ten = slots.get("2030-03-04 10:00:00");

        String id = admin.post("/bookings", booking(jana, List.of(item(nine, 3), item(ten, null)))).expect(201)
                .data().path("booking_id").asString();
        assertThat(free(admin, "therapist", nine)).isEqualTo(7);
        assertThat(free(admin, "therapist", ten)).isEqualTo(1);
        JsonNode read = admin.get("/bookings/" + id).expect(200).data();
        assertThat(read.path("booking_status").asString()).as("the default status").isEqualTo("confirmed");
        assertThat(read.path("booking_items")).hasSize(2);
        assertThat(read.path("booking_items").get(0).path("booking_ticket").path("ticket_id").asString())
                .isEqualTo("therapist");
        assertThat(read.path("booking_items").get(0).path("valid_from").asString()).isEqualTo("2030-03-04 09:00:00");

        // lists and their filters
        assertThat(admin.get("/bookings").expect(200).data().path("bookings").get(0).path("booking_items")).isEmpty();
        JsonNode full = admin.get("/bookings", "add_booking_items", "full").expect(200).data().path("bookings").get(0);
        assertThat(full.path("booking_items").get(0).path("additional_properties")).hasSize(1);
        JsonNode itemsOnly = admin.get("/bookings", "add_booking_items", "items-only").expect(200).data()
                .path("bookings").get(0);
        assertThat(itemsOnly.path("booking_items").get(0).has("additional_properties")).isFalse();
        assertThat(admin.get("/bookings", "add_booking_items", "all").expect(400).invalidParams())
                .containsExactly("add_booking_items:not_allowed_value");
        assertThat(ids(admin.get("/bookings", "customer_id", jana), "bookings", "booking_id")).containsExactly(id);
        assertThat(ids(admin.get("/bookings", "booking_statuses[]", "pending"), "bookings", "booking_id")).isEmpty();
        assertThat(ids(admin.get("/bookings", "booking_statuses[]", "pending", "booking_statuses[]", "confirmed"),
                "bookings", "booking_id")).containsExactly(id);
        assertThat(ids(admin.get("/booking-tickets", "customer_id", jana), "booking_tickets", "ticket_id"))
                .containsExactly("therapist");
        assertThat(ids(admin.get("/booking-tickets/therapist/time-slots", "customer_id", jana), "time_slots",
                "time_slot_id")).containsExactlyInAnyOrder(nine, ten);
        assertThat(ids(admin.get("/booking-tickets/therapist/time-slots", "free_only", "true"), "time_slots",
                "time_slot_id")).contains(nine, ten);

        // a cancelling status gives the capacity back, a status that holds takes it again
        admin.put("/bookings/" + id, Map.of("booking", Map.of("customer_id", jana, "booking_status", "cancelled",
                "data", Map.of("note", "ill")))).expect(204);
        assertThat(free(admin, "therapist", nine)).isEqualTo(10);
        assertThat(free(admin, "therapist", ten)).isEqualTo(2);
        read = admin.get("/bookings/" + id).expect(200).data();
        assertThat(read.path("data").path("note").asString()).isEqualTo("ill");
        assertThat(read.path("booking_items").get(1).path("booking_item_status").asString()).isEqualTo("cancelled");
        admin.put("/bookings/" + id, Map.of("booking", Map.of("customer_id", jana, "booking_status", "pending")))
                .expect(204);
        assertThat(free(admin, "therapist", nine)).isEqualTo(7);
        assertThat(admin.get("/bookings/" + id).expect(200).data().has("data")).as("PUT clears what it omits")
                .isFalse();
        assertThat(admin.put("/bookings/" + id, Map.of("booking", Map.of("booking_status", "nope"))).expect(400)
                .invalidParams()).containsExactly("booking.booking_status:not_found");
        assertThat(admin.put("/bookings/" + id, Map.of("booking", Map.of("booking_status", "retired"))).expect(400)
                .invalidParams()).containsExactly("booking.booking_status:not_allowed_value");
        assertThat(admin.put("/bookings/" + id, Map.of("booking", Map.of("customer_id", "nobody"))).expect(400)
                .invalidParams()).containsExactly("booking.customer_id:not_found");

        // deleting gives it back too; the booking is gone
        admin.delete("/bookings/" + id).expect(204);
        assertThat(free(admin, "therapist", nine)).isEqualTo(10);
        assertThat(free(admin, "therapist", ten)).isEqualTo(2);
        admin.get("/bookings/" + id).expect(404);
        admin.delete("/bookings/" + id).expect(404);
        admin.put("/bookings/" + id, Map.of("booking", Map.of("customer_id", jana))).expect(404);
        assertThat(admin.get("/bookings").expect(200).data().path("total_items").asInt()).isZero();
    }

    @Test
    void badBookingsAreRefusedAndChangeNothing() {
        Api admin = admin();
        Map<String, String> slots = slots(admin, "therapist");
        String nine = slots.get("2030-03-04 09:00:00");
        String past = slots.get("2020-03-02 09:00:00");
        String closed = slots(admin, "closed").values().iterator().next();

        assertThat(admin.post("/bookings", booking(null, List.of(item(past, 1)))).expect(400).invalidParams())
                .containsExactly("booking.booking_items[0].time_slot_id:not_allowed_value");
        assertThat(admin.post("/bookings", booking(null, List.of(item(closed, 1)))).expect(400).invalidParams())
                .containsExactly("booking.booking_items[0].time_slot_id:not_allowed_value");
        assertThat(admin.post("/bookings", booking(null, List.of(item("nope", 1)))).expect(400).invalidParams())
                .containsExactly("booking.booking_items[0].time_slot_id:not_found");
        assertThat(admin.post("/bookings", booking(null, List.of())).expect(400).invalidParams())
                .containsExactly("booking.booking_items:empty");
        assertThat(admin.post("/bookings", booking("nobody", List.of(item(nine, 1)))).expect(400).invalidParams())
                .containsExactly("booking.customer_id:not_found");
        assertThat(admin.post("/bookings", booking(null, List.of(item(nine, 11)))).expect(400).invalidParams())
                .containsExactly("booking.booking_items[0].time_slot_id:not_allowed_value");
        assertThat(admin.post("/bookings", booking(null, List.of(item(nine, 0)))).expect(400).invalidParams())
                .containsExactly("booking.booking_items[0].capacity_taken:not_allowed_value");
        Map<String, Object> withStatus = new HashMap<>(item(nine, 1));
        withStatus.put("booking_item_status", "nope");
        assertThat(admin.post("/bookings", booking(null, List.of(withStatus))).expect(400).invalidParams())
                .containsExactly("booking.booking_items[0].booking_item_status:not_found");
        Map<String, Object> noDate = new HashMap<>(item(nine, 1));
        noDate.remove("created_at");
        assertThat(admin.post("/bookings", booking(null, List.of(noDate))).expect(400).invalidParams())
                .containsExactly("booking.booking_items[0].created_at:required");
        assertThat(free(admin, "therapist", nine)).isEqualTo(10);
        assertThat(admin.get("/bookings").expect(200).data().path("total_items").asInt()).isZero();
    }

    @Test
    void aMultiSlotBookingFailingOnItsLastSlotLeavesTheFirstOnesUntouched() {
        Api admin = admin();
        Map<String, String> slots = slots(admin, "therapist");
        String nine = slots.get("2030-03-04 09:00:00");
        String ten = slots.get("2030-03-04 10:00:00");
        String eleven = slots.get("2030-03-04 11:00:00");
        admin.post("/bookings", booking(null, List.of(item(eleven, 1)))).expect(201);

        assertThat(admin.post("/bookings", booking(null, List.of(item(nine, 2), item(ten, 2), item(eleven, 1))))
                .expect(400).invalidParams()).containsExactly("booking.booking_items[2].time_slot_id:not_allowed_value");
        assertThat(free(admin, "therapist", nine)).isEqualTo(10);
        assertThat(free(admin, "therapist", ten)).isEqualTo(2);
        assertThat(free(admin, "therapist", eleven)).isZero();
        assertThat(admin.get("/bookings").expect(200).data().path("total_items").asInt()).isEqualTo(1);
        assertThat(ids(admin.get("/booking-tickets/therapist/time-slots", "free_only", "false"), "time_slots",
                "time_slot_id")).containsExactly(eleven);
    }

    @Test
    void fiftyCustomersBookingTheLastTenPlacesAtOnceGetExactlyTen() throws Exception {
        Api admin = admin();
        String nine = slots(admin, "therapist").get("2030-03-04 09:00:00");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            customers.add(newCustomer(admin, "rush" + i + "@example.com"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String customer : customers) {
                Callable<Integer> book = () -> {
                    start.await();
                    return admin.post("/bookings", booking(customer, List.of(item(nine, 1)))).status();
                };
                answers.add(pool.submit(book));
            }
            start.countDown();
            int created = 0;
            int refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 201) {
                    created++;
                } else if (status == 400) {
                    refused++;
                }
            }
            assertThat(created).isEqualTo(10);
            assertThat(refused).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(free(admin, "therapist", nine)).isZero();
        assertThat(admin.get("/bookings").expect(200).data().path("total_items").asInt()).isEqualTo(10);
    }

    @Test
    void aCustomerBooksOnlyForThemself() {
        Api admin = admin();
        String other = newCustomer(admin, "other@example.com");
        Map<String, String> slots = slots(admin, "therapist");
        String nine = slots.get("2030-03-04 09:00:00");
        String theirs = admin.post("/bookings", booking(other, List.of(item(nine, 1)))).expect(201).data()
                .path("booking_id").asString();

        Api anonymous = customer().bearer(customerToken("phone-0"));
        Api app = customer().bearer(customerToken("phone-1"));
        Map<String, Object> signUp = new HashMap<>();
        signUp.put("customer", Map.of("personal_information", Map.of("first_name", "Me", "last_name", "Myself",
                "email", "me@example.com", "language_id", "cs")));
        signUp.put("customer_source", Map.of("customer_source_id", ESHOP));
        signUp.put("autologin", true);
        signUp.put("password", "S3cret-pass");
        String me = app.post("/customers", signUp).expect(201).data().path("customer_id").asString();

        String mine = app.post("/bookings", booking(null, List.of(item(nine, 2)))).expect(201).data()
                .path("booking_id").asString();
        assertThat(app.get("/bookings/" + mine).expect(200).data().path("customer_id").asString()).isEqualTo(me);
        assertThat(app.post("/bookings", booking(other, List.of(item(nine, 1)))).expect(400).invalidParams())
                .containsExactly("booking.customer_id:not_belong_to_logged_in_customer");
        Map<String, Object> foreignItem = new HashMap<>(item(nine, 1));
        foreignItem.put("customer_id", other);
        assertThat(app.post("/bookings", booking(me, List.of(foreignItem))).expect(400).invalidParams())
                .containsExactly("booking.booking_items[0].customer_id:not_belong_to_logged_in_customer");
        assertThat(ids(app.get("/bookings"), "bookings", "booking_id")).containsExactly(mine);
        assertThat(ids(app.get("/bookings", "customer_id", other), "bookings", "booking_id")).isEmpty();
        assertThat(app.get("/bookings/" + theirs).expect(400).invalidParams())
                .containsExactly("booking_id:not_belong_to_logged_in_customer");
        assertThat(app.put("/bookings/" + theirs, Map.of("booking", Map.of("booking_status", "cancelled")))
                .expect(400).invalidParams()).containsExactly("booking_id:not_belong_to_logged_in_customer");
        assertThat(app.delete("/bookings/" + theirs).expect(400).invalidParams())
                .containsExactly("booking_id:not_belong_to_logged_in_customer");
        assertThat(app.put("/bookings/" + mine, Map.of("booking", Map.of("customer_id", other))).expect(400)
                .invalidParams()).containsExactly("booking.customer_id:not_belong_to_logged_in_customer");
        app.put("/bookings/" + mine, Map.of("booking", Map.of("booking_status", "cancelled"))).expect(204);
        assertThat(free(admin, "therapist", nine)).isEqualTo(9);
        app.delete("/bookings/" + mine).expect(204);

        assertThat(anonymous.get("/bookings").expect(200).data().path("total_items").asInt()).isZero();
        anonymous.post("/bookings", booking(null, List.of(item(nine, 1)))).expect(403);
        anonymous.get("/bookings/" + theirs).expect(403);
        assertThat(admin.get("/bookings/" + theirs).expect(200).data().path("customer_id").asString()).isEqualTo(other);
        // tickets, slots and statuses are open to the Customer API
        app.get("/booking-tickets").expect(200);
        app.get("/booking-tickets/therapist/time-slots").expect(200);
        app.get("/booking-statuses").expect(200);
    }

    @Test
    void busyTimesAreTheShareOfCapacityTakenInPastPeriodsOfTheSameKind() {
        Api admin = admin();
        Map<String, String> slots = slots(admin, "therapist");
        admin.post("/bookings", booking(null, List.of(item(slots.get("2030-03-04 09:00:00"), 5),
                item(slots.get("2030-03-04 10:00:00"), 2)))).expect(201);
        clock.advance(Duration.between(clock.instant(),
                java.time.LocalDateTime.of(2030, 3, 12, 8, 0).atZone(clock.getZone()).toInstant()));
        Api later = admin();
        JsonNode day = later.post("/bookings/actions/average-booking-busy-times",
                Map.of("booking_date", "2030-03-11", "time_period", "day", "booking_ticket_id", "therapist"))
                .expect(200).data();
        assertThat(day.path("time_unit").asString()).isEqualTo("hour");
        assertThat(day.path("chart_data")).hasSize(24);
        assertThat(day.path("chart_data").get(9).path("x_axis_value").asString()).isEqualTo("09:00");
        assertThat(day.path("chart_data").get(9).path("y_axis_value").asString()).isEqualTo("50.00");
        assertThat(day.path("chart_data").get(10).path("y_axis_value").asString()).isEqualTo("100.00");
        assertThat(day.path("chart_data").get(11).path("y_axis_value").asString()).isEqualTo("0.00");
        // a week: Monday's slots together, 7 of 13 places
        JsonNode week = later.post("/bookings/actions/average-booking-busy-times",
                Map.of("booking_date", "2030-03-12", "time_period", "week", "booking_ticket_id", "therapist"))
                .expect(200).data();
        assertThat(week.path("chart_data").get(0).path("y_axis_value").asString()).isEqualTo("53.85");
        assertThat(later.post("/bookings/actions/average-booking-busy-times",
                Map.of("booking_date", "2030-03-12", "time_period", "year")).expect(200).data()
                .path("chart_data")).hasSize(12);
        assertThat(later.post("/bookings/actions/average-booking-busy-times",
                Map.of("booking_date", "2030-03-12", "time_period", "decade")).expect(400).invalidParams())
                .containsExactly("time_period:not_allowed_value");
        assertThat(later.post("/bookings/actions/average-booking-busy-times",
                Map.of("booking_date", "12 March", "time_period", "day")).expect(400).invalidParams())
                .containsExactly("booking_date:invalid_value_format");
        assertThat(later.post("/bookings/actions/average-booking-busy-times",
                Map.of("booking_date", "2030-03-12", "time_period", "day", "booking_ticket_id", "nope")).expect(400)
                .invalidParams()).containsExactly("booking_ticket_id:not_found");
    }
}
