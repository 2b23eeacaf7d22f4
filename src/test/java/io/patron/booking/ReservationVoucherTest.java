package io.patron.booking;

import static io.patron.booking.ReservationTest.PRAGUE;
import static io.patron.booking.ReservationTest.body;
import static io.patron.booking.ReservationTest.item;
import static io.patron.booking.ReservationTest.product;
import static io.patron.booking.ReservationTest.reservation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Benefit codes of a product reservation are the customer's vouchers: held while open, used on delivery, released on cancellation. */
class ReservationVoucherTest extends ApiTest {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Autowired
    java.time.Clock clock;

    String shirt;

    @BeforeEach
    void project() {
        importProject("test-rewards.yaml");
        importProject("test-reservations.yaml");
        shirt = product(admin(), "100001");
    }

    private static String rewardId(String code) {
        return Ids.stable("reward", code);
    }

    /** A voucher of the reward for the customer with the code, imported with the given extra fields. */
    private static String voucher(Api admin, String reward, String customerId, String code, Map<String, Object> extra) {
        Map<String, Object> v = new java.util.HashMap<>(extra);
        v.put("reward_id", rewardId(reward));
        v.put("customer_id", customerId);
        v.put("code", code);
        admin.post("/vouchers/batch", Map.of("vouchers", List.of(v))).expect(204);
        return admin.get("/vouchers", "code", code).expect(200).data().path("vouchers").get(0).path("voucher_id")
                .asString();
    }

    private static Api.Response reserve(Api api, String customerId, String... codes) {
        Map<String, Object> r = reservation(customerId, PRAGUE, List.of(item(product(api, "100001"), 1)));
        r.put("benefit_codes", List.of(codes));
        return api.post("/product-reservations", body(r));
    }

    private static void state(Api admin, String id, int state) {
        admin.post("/product-reservations/actions/change-reservation-state",
                Map.of("product_reservation_id", id, "state", state)).expect(204);
    }

    private String soon() {
        return LocalDateTime.now(clock).plusMinutes(1).withNano(0).format(AT);
    }

    private static int reservations(Api admin, String customerId) {
        return admin.get("/product-reservations", "customer_id", customerId).expect(200).data()
                .path("product_reservations").size();
    }

    @Test
    void heldOnCreateAppliedOnDelivery() {
        Api admin = admin();
        String jana = BookingTest.newCustomer(admin, "jana@holds.test");
        String a = voucher(admin, "RW-SIMPLE15", jana, "HOLD-A", Map.of());
        String gift = voucher(admin, "RW-GIFT", jana, "HOLD-GIFT", Map.of());
        String id = reserve(admin, jana, "HOLD-A", "HOLD-GIFT").expect(201).data()
                .path("product_reservation_id").asString();
        JsonNode read = admin.get("/product-reservations/" + id).expect(200).data();
        assertThat(read.path("benefit_codes").get(0).asString()).isEqualTo("HOLD-A");
        assertThat(read.path("benefit_codes").get(1).asString()).isEqualTo("HOLD-GIFT");

        // held: apply-voucher refuses it, and it is not used yet
        assertThat(admin.post("/vouchers/" + a + "/actions/apply-voucher", Map.of("date_applied", soon()))
                .expect(400).invalidParams()).containsExactly("voucher_id:voucher_already_used");
        assertThat(admin.get("/vouchers/" + a).expect(200).data().has("applied_date")).isFalse();
        // and another reservation cannot hold it
        assertThat(reserve(admin, jana, "HOLD-A").expect(400).invalidParams())
                .containsExactly("product_reservation.benefit_codes[0]:voucher_already_applied");

        state(admin, id, 2);
        state(admin, id, 4);
        JsonNode used = admin.get("/vouchers/" + a).expect(200).data();
        assertThat(used.path("applied_date").asString()).isNotBlank();
        assertThat(used.path("store_id").asString()).isEqualTo(PRAGUE);
        // a gift card is spent by purchases: delivery ends its hold, its balance is untouched
        assertThat(admin.get("/vouchers/" + gift).expect(200).data().has("applied_date")).isFalse();
        assertThat(admin.post("/vouchers/actions/gift-card-balance", Map.of("code", "HOLD-GIFT")).expect(200)
                .data().path("current_balance").asDouble()).isEqualTo(1000.0);
        // used now, so it cannot be held again
        assertThat(reserve(admin, jana, "HOLD-A").expect(400).invalidParams())
                .containsExactly("product_reservation.benefit_codes[0]:voucher_already_used");
        // the gift card is free again
        reserve(admin, jana, "HOLD-GIFT").expect(201);
    }

    @Test
    void releasedOnCancellation() {
        Api admin = admin();
        String jana = BookingTest.newCustomer(admin, "jana@holds.test");
        String a = voucher(admin, "RW-SIMPLE15", jana, "HOLD-B", Map.of());
        String id = reserve(admin, jana, "HOLD-B").expect(201).data().path("product_reservation_id").asString();
        admin.post("/product-reservations/" + id + "/actions/cancel-reservation",
                Map.of("product_reservation_id", id)).expect(204);
        assertThat(admin.get("/vouchers/" + a).expect(200).data().has("applied_date")).isFalse();
        // usable again: another reservation holds it, and after its cancellation apply-voucher uses it
        String again = reserve(admin, jana, "HOLD-B").expect(201).data().path("product_reservation_id").asString();
        state(admin, again, 6);
        state(admin, again, 0);
        admin.post("/vouchers/" + a + "/actions/apply-voucher", Map.of("date_applied", soon())).expect(204);
    }

    @Test
    void refusedCodesNameTheirPositionAndCreateNothing() {
        Api admin = admin();
        String jana = BookingTest.newCustomer(admin, "jana@holds.test");
        String petr = BookingTest.newCustomer(admin, "petr@holds.test");
        voucher(admin, "RW-SIMPLE15", jana, "OK-1", Map.of());
        voucher(admin, "RW-SIMPLE15", petr, "PETRS", Map.of());
        LocalDateTime now = LocalDateTime.now(clock);
        voucher(admin, "RW-SIMPLE15", jana, "USED-1", Map.of("applied_date", now.minusDays(1).format(AT)));
        voucher(admin, "RW-SIMPLE15", jana, "OLD-1", Map.of("valid_from", now.minusDays(10).format(AT),
                "valid_to", now.minusDays(1).format(AT)));
        voucher(admin, "RW-SIMPLE15", jana, "LATER-1", Map.of("valid_from", now.plusDays(3).format(AT)));

        assertThat(reserve(admin, jana, "OK-1", "NOPE").expect(400).invalidParams())
                .containsExactly("product_reservation.benefit_codes[1]:not_found");
        assertThat(reserve(admin, jana, "OK-1", "PETRS").expect(400).invalidParams())
                .containsExactly("product_reservation.benefit_codes[1]:voucher_assigned_to_another_customer");
        assertThat(reserve(admin, jana, "USED-1").expect(400).invalidParams())
                .containsExactly("product_reservation.benefit_codes[0]:voucher_already_used");
        assertThat(reserve(admin, jana, "OK-1", "OLD-1").expect(400).invalidParams())
                .containsExactly("product_reservation.benefit_codes[1]:voucher_expired");
        assertThat(reserve(admin, jana, "LATER-1").expect(400).invalidParams())
                .containsExactly("product_reservation.benefit_codes[0]:voucher_cant_be_applied_by_validity_days");
        assertThat(reservations(admin, jana)).isZero();
        // OK-1 was not left held by the refused reservations
        String ok = admin.get("/vouchers", "code", "OK-1").expect(200).data().path("vouchers").get(0)
                .path("voucher_id").asString();
        admin.post("/vouchers/" + ok + "/actions/apply-voucher", Map.of("date_applied", soon())).expect(204);
    }

    @Test
    void aCustomerReservesOnlyWithTheirOwnVouchers() {
        Api admin = admin();
        String petr = BookingTest.newCustomer(admin, "petr@holds.test");
        Api app = customer().bearer(customerToken("phone-1"));
        Map<String, Object> signUp = new java.util.HashMap<>();
        signUp.put("customer", Map.of("personal_information", Map.of("first_name", "Jana", "last_name", "Holder",
                "email", "jana@holds.test", "language_id", "cs")));
        signUp.put("customer_source", Map.of("customer_source_id", BookingTest.ESHOP));
        signUp.put("autologin", true);
        signUp.put("password", "S3cret-pass");
        String jana = app.post("/customers", signUp).expect(201).data().path("customer_id").asString();
        voucher(admin, "RW-SIMPLE15", petr, "PETRS-2", Map.of());
        voucher(admin, "RW-SIMPLE15", jana, "JANAS-2", Map.of());
        assertThat(reserve(app, jana, "PETRS-2").expect(400).invalidParams())
                .containsExactly("product_reservation.benefit_codes[0]:voucher_assigned_to_another_customer");
        reserve(app, jana, "JANAS-2").expect(201);
        assertThat(reservations(admin, jana)).isEqualTo(1);
    }

    @Test
    void twoReservationsHoldingOneCodeAtOnceOneWins() throws Exception {
        Api admin = admin();
        String jana = BookingTest.newCustomer(admin, "jana@holds.test");
        voucher(admin, "RW-SIMPLE15", jana, "RACE-HOLD", Map.of());
        int n = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return reserve(admin, jana, "RACE-HOLD");
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Api.Response> answer : answers) {
                Api.Response r = answer.get();
                if (r.status() == 201) {
                    created++;
                } else {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.invalidParams())
                            .containsExactly("product_reservation.benefit_codes[0]:voucher_already_applied");
                }
            }
            assertThat(created).isEqualTo(1);
        }
        assertThat(reservations(admin, jana)).isEqualTo(1);
    }
}
