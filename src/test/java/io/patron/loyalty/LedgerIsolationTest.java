package io.patron.loyalty;

import static io.patron.loyalty.Ledger.CLUB;
import static io.patron.loyalty.Ledger.GIFT;
import static io.patron.loyalty.Ledger.assertConsistent;
import static io.patron.loyalty.Ledger.assign;
import static io.patron.loyalty.Ledger.available;
import static io.patron.loyalty.Ledger.change;
import static io.patron.loyalty.Ledger.credits;
import static io.patron.loyalty.Ledger.newCustomer;
import static io.patron.loyalty.Ledger.reserve;
import static io.patron.loyalty.Ledger.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** Every ledger operation on the Customer API: a token sees and moves only its logged-in customer's points and credits. */
class LedgerIsolationTest extends ApiTest {

    private static final String NOT_ME = "customer_id:not_belong_to_logged_in_customer";

    @Autowired
    LedgerConsistency consistency;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
        importProject("test-loyalty-credits.yaml");
    }

    private Api loggedIn(String device, String email) {
        String token = customerToken(device);
        Api app = customer().bearer(token);
        app.post("/tokens/" + token + "/actions/login", Map.of("login_type", "email", "login_value", email,
                "password", Ledger.PASSWORD)).expect(200);
        return app;
    }

    @Test
    void aCustomerApiTokenWorksOnlyWithItsCustomersLedger() {
        Api admin = admin();
        String me = newCustomer(admin, "me@example.com");
        String other = newCustomer(admin, "other@example.com");
        String mine = assign(admin, me, 50, CLUB);
        String theirs = assign(admin, other, 50, CLUB);
        String myCredit = admin.post("/credits/actions/deposit-credits", credits(me, 10)).expect(201).data()
                .path("credit_id").asString();
        String theirCredit = admin.post("/credits/actions/deposit-credits", credits(other, 10)).expect(201).data()
                .path("credit_id").asString();
        admin.post("/point-reservations/actions/reserve-points", reserve("THEIRS", other, 5, null)).expect(204);
        String theirReservation = admin.get("/point-reservations", "external_id", "THEIRS").data()
                .path("point_reservations").get(0).path("points_reservation_id").asString();
        Api app = loggedIn("phone-1", "me@example.com");
        Api anonymous = customer().bearer(customerToken("phone-0"));

        // points
        assertThat(ids(app.get("/points").expect(200).data().path("points"), "point_id")).containsExactly(mine);
        assertThat(app.get("/points", "customer_id", other).data().path("total_items").asInt()).isZero();
        app.get("/points/" + mine).expect(200);
        assertThat(app.get("/points/" + theirs).expect(400).invalidParams())
                .containsExactly("point_id:not_belong_to_logged_in_customer");
        app.get("/points/" + mine + "/purchases").expect(200);
        assertThat(app.get("/points/" + theirs + "/purchases").expect(400).invalidParams())
                .containsExactly("point_id:not_belong_to_logged_in_customer");
        app.get("/customers/" + me + "/points").expect(200);
        assertThat(app.get("/customers/" + other + "/points").expect(400).invalidParams()).containsExactly(NOT_ME);
        app.get("/point-history", "customer_id", me).expect(200);
        assertThat(app.get("/point-history", "customer_id", other).expect(400).invalidParams()).containsExactly(NOT_ME);

        // point actions: assigning, reducing and synchronizing are the Enterprise API's
        for (String action : new String[] {"assign-points", "reduce-points"}) {
            assertThat(app.post("/points/actions/" + action, change(me, 1, CLUB)).expect(403).error().path("type")
                    .asString()).isEqualTo("interface_not_allowed_exception");
        }
        app.post("/points/actions/synchronize-points", Map.of("customer_id", me, "amount", 1000)).expect(403);
        // a customer gives away only their own points
        assertThat(app.post("/points/actions/transfer-points", transfer(other, me, 10, CLUB)).expect(400)
                .invalidParams()).containsExactly("original_customer_id:not_belong_to_logged_in_customer");
        app.post("/points/actions/transfer-points", transfer(me, other, 10, CLUB)).expect(204);
        assertThat(available(admin, me, CLUB)).isEqualByComparingTo("40");
        assertThat(available(admin, other, CLUB)).isEqualByComparingTo("60");

        // reservations
        assertThat(app.post("/point-reservations/actions/reserve-points", reserve("MINE", other, 1, null))
                .expect(400).invalidParams()).containsExactly(NOT_ME);
        app.post("/point-reservations/actions/reserve-points", reserve("MINE", me, 1, null)).expect(204);
        assertThat(app.get("/point-reservations").data().path("point_reservations")).extracting(
                r -> r.path("external_id").asString()).containsExactly("MINE");
        assertThat(app.get("/point-reservations/" + theirReservation).expect(400).invalidParams())
                .containsExactly("point_reservation_id:not_belong_to_logged_in_customer");
        assertThat(app.post("/point-reservations/actions/free-points", Map.of("external_id", "THEIRS")).expect(400)
                .invalidParams()).containsExactly("external_id:not_belong_to_logged_in_customer");
        app.post("/point-reservations/actions/free-points", Map.of("external_id", "MINE")).expect(204);

        // credits
        assertThat(ids(app.get("/credits").expect(200).data().path("credits"), "credit_id")).containsExactly(myCredit);
        app.get("/credits/" + myCredit).expect(200);
        assertThat(app.get("/credits/" + theirCredit).expect(400).invalidParams())
                .containsExactly("credit_id:not_belong_to_logged_in_customer");
        app.get("/credits/" + myCredit + "/purchases").expect(200);
        assertThat(app.get("/credits/" + theirCredit + "/purchases").expect(400).invalidParams())
                .containsExactly("credit_id:not_belong_to_logged_in_customer");
        app.get("/credit-history", "customer_id", me).expect(200);
        assertThat(app.get("/credit-history", "customer_id", other).expect(400).invalidParams())
                .containsExactly(NOT_ME);
        app.post("/credits/actions/deposit-credits", credits(me, 1)).expect(403);
        app.post("/credits/actions/reduce-credits", credits(me, 1)).expect(403);
        app.post("/credits/actions/transfer-credits", Map.of("original_customer_id", me, "new_customer_id", other,
                "amount", 1, "credit_type_id", GIFT)).expect(403);

        // types are public
        app.get("/point-types").expect(200);
        app.get("/point-types/" + CLUB).expect(200);
        app.get("/credit-types").expect(200);
        app.get("/credit-types/" + GIFT).expect(200);

        // a token without a logged-in customer sees nothing
        assertThat(anonymous.get("/points").expect(200).data().path("total_items").asInt()).isZero();
        assertThat(anonymous.get("/credits").expect(200).data().path("total_items").asInt()).isZero();
        assertThat(anonymous.get("/point-reservations").expect(200).data().path("total_items").asInt()).isZero();
        anonymous.get("/points/" + mine).expect(403);
        anonymous.get("/credits/" + myCredit).expect(403);
        anonymous.get("/customers/" + me + "/points").expect(403);
        anonymous.get("/point-history", "customer_id", me).expect(403);
        anonymous.get("/credit-history", "customer_id", me).expect(403);
        anonymous.post("/points/actions/transfer-points", transfer(me, other, 1, CLUB)).expect(403);
        anonymous.post("/point-reservations/actions/reserve-points", reserve("ANON", me, 1, null)).expect(403);
        anonymous.post("/point-reservations/actions/free-points", Map.of("external_id", "THEIRS")).expect(403);
        assertConsistent(consistency);
    }

    private static java.util.List<String> ids(JsonNode items, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        items.forEach(i -> out.add(i.path(field).asString()));
        return out;
    }
}
