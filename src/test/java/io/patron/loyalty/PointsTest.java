package io.patron.loyalty;

import static io.patron.loyalty.Ledger.BONUS;
import static io.patron.loyalty.Ledger.CLUB;
import static io.patron.loyalty.Ledger.FRACTION;
import static io.patron.loyalty.Ledger.PARTNER;
import static io.patron.loyalty.Ledger.assertConsistent;
import static io.patron.loyalty.Ledger.assign;
import static io.patron.loyalty.Ledger.available;
import static io.patron.loyalty.Ledger.change;
import static io.patron.loyalty.Ledger.history;
import static io.patron.loyalty.Ledger.newCustomer;
import static io.patron.loyalty.Ledger.reduce;
import static io.patron.loyalty.Ledger.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.db.Tables;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** Points: assign, reduce, transfer, synchronize, the records, the history, the types; and their bad input. */
class PointsTest extends ApiTest {

    @Autowired
    LedgerConsistency consistency;

    @Autowired
    LedgerService ledger;

    @Autowired
    DSLContext dsl;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
    }

    @Test
    void assignedPointsAreALotAndReducedPointsARedemptionWithItsHistory() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String lot = assign(admin, jana, 100, null);

        JsonNode record = admin.get("/points/" + lot).expect(200).data();
        assertThat(record.path("customer_id").asString()).isEqualTo(jana);
        assertThat(record.path("point_type_id").asString()).isEqualTo(CLUB); // the default type
        assertThat(record.path("assigned_points").asInt()).isEqualTo(100);
        assertThat(record.path("available_points").asInt()).isEqualTo(100);
        assertThat(record.path("partner_id").asString()).isEqualTo(PARTNER);
        assertThat(record.path("state").asInt()).isEqualTo(1);
        assertThat(record.has("valid_to")).isFalse(); // club points never expire

        String redemption = reduce(admin, jana, 30, CLUB);
        JsonNode spent = admin.get("/points/" + redemption).expect(200).data();
        assertThat(spent.path("assigned_points").asInt()).isEqualTo(-30);
        assertThat(spent.path("available_points").asInt()).isZero();
        assertThat(admin.get("/points/" + lot).data().path("available_points").asInt()).isEqualTo(70);
        assertThat(available(admin, jana, CLUB)).isEqualByComparingTo("70");

        List<JsonNode> history = history(admin, jana);
        assertThat(history).extracting(h -> h.path("point_amount").asInt()).containsExactly(100, -30);
        assertThat(history).extracting(h -> h.path("point_operation_type").asString())
                .containsExactly("Points assigned", "Points redeemed");
        assertThat(history.get(1).path("extended_data").asString()).contains(lot).contains("\"amount\":30");
        // names are translated; the filters by operation name and note take a part of them
        assertThat(Ledger.history(admin.header("Accept-Language", "cs"), jana).getFirst()
                .path("point_operation_type").asString()).isEqualTo("Přidělení bodů");
        assertThat(history(admin, jana, "point_operation_type", "redeem")).hasSize(1);
        assertThat(history(admin, jana, "point_type_id", BONUS)).isEmpty();

        assertThat(admin.get("/points", "customer_id", jana).data().path("total_items").asInt()).isEqualTo(2);
        assertThat(admin.get("/points/" + lot + "/purchases").expect(200).data().path("total_items").asInt()).isZero();
        admin.get("/points/nope/purchases").expect(404);
        admin.get("/points/nope").expect(404);
        assertConsistent(consistency);
    }

    @Test
    void spendingDrawsEarliestExpiryFirstThenOldestAndAReversalGivesBackToTheSameLots() {
        Api admin = admin();
        String petr = newCustomer(admin, "petr@example.com");
        String older = assign(admin, petr, 10, CLUB);
        String newer = assign(admin, petr, 10, CLUB);
        String redemption = reduce(admin, petr, 15, CLUB);
        assertThat(admin.get("/points/" + older).data().path("available_points").asInt()).isZero();
        assertThat(admin.get("/points/" + newer).data().path("available_points").asInt()).isEqualTo(5);

        assertThat(ledger.reverse(redemption, null, "refund")).isEqualByComparingTo("15");
        assertThat(admin.get("/points/" + older).data().path("available_points").asInt()).isEqualTo(10);
        assertThat(admin.get("/points/" + newer).data().path("available_points").asInt()).isEqualTo(10);
        assertThat(admin.get("/points/" + redemption).data().path("state").asInt()).isEqualTo(2);
        // a second reversal gives nothing
        assertThat(ledger.reverse(redemption, null, "again")).isEqualByComparingTo("0");
        assertThat(history(admin, petr)).extracting(h -> h.path("point_amount").asInt())
                .containsExactly(10, 10, -15, 15);
        assertConsistent(consistency);
    }

    @Test
    void overSpendingIsRefusedNamingTheAmountAndWritesNothing() {
        Api admin = admin();
        String eva = newCustomer(admin, "eva@example.com");
        assign(admin, eva, 50, CLUB);
        int movements = dsl.fetchCount(Tables.LOYALTY_MOVEMENT);
        assertThat(admin.post("/points/actions/reduce-points", change(eva, 51, CLUB)).expect(400).invalidParams())
                .containsExactly("amount:not_allowed_value");
        assertThat(admin.post("/points/actions/transfer-points",
                transfer(eva, newCustomer(admin, "adam@example.com"), 51, CLUB)).expect(400).invalidParams())
                .containsExactly("amount:not_allowed_value");
        assertThat(dsl.fetchCount(Tables.LOYALTY_MOVEMENT)).isEqualTo(movements);
        assertThat(available(admin, eva, CLUB)).isEqualByComparingTo("50");
        reduce(admin, eva, 50, CLUB);
        assertThat(available(admin, eva, CLUB)).isEqualByComparingTo("0");
        assertConsistent(consistency);
    }

    @Test
    void badInputIsRefusedNamingTheParameter() {
        Api admin = admin();
        String jan = newCustomer(admin, "jan@example.com");
        String gone = newCustomer(admin, "gone@example.com");
        dsl.update(Tables.CUSTOMER).set(Tables.CUSTOMER.STATE, 0).where(Tables.CUSTOMER.ID.eq(gone)).execute();
        for (String action : List.of("assign-points", "reduce-points")) {
            String path = "/points/actions/" + action;
            assertThat(admin.post(path, change(jan, 0, CLUB)).expect(400).invalidParams())
                    .containsExactly("amount:not_allowed_value");
            assertThat(admin.post(path, change(jan, -5, CLUB)).expect(400).invalidParams())
                    .containsExactly("amount:not_allowed_value");
            assertThat(admin.post(path, change(jan, 1.5, CLUB)).expect(400).invalidParams())
                    .containsExactly("amount:not_allowed_value");
            assertThat(admin.post(path, change("nobody", 5, CLUB)).expect(400).invalidParams())
                    .containsExactly("customer_id:not_found");
            assertThat(admin.post(path, change(gone, 5, CLUB)).expect(400).invalidParams())
                    .containsExactly("customer_id:deleted");
            assertThat(admin.post(path, change(jan, 5, "no-type")).expect(400).invalidParams())
                    .containsExactly("point_type_id:not_found");
            Map<String, Object> noPartner = change(jan, 5, CLUB);
            noPartner.put("partner_id", "no-partner");
            assertThat(admin.post(path, noPartner).expect(400).invalidParams()).containsExactly("partner_id:not_found");
            Map<String, Object> missing = new HashMap<>(change(jan, 5, CLUB));
            missing.remove("amount");
            assertThat(admin.post(path, missing).expect(400).invalidParams()).containsExactly("amount:required");
        }
        assertThat(admin.post("/points/actions/transfer-points", transfer(jan, jan, 5, CLUB)).expect(400)
                .invalidParams()).containsExactly("new_customer_id:not_allowed_value");
        assertThat(admin.post("/points/actions/transfer-points", transfer(jan, "nobody", 5, CLUB)).expect(400)
                .invalidParams()).containsExactly("new_customer_id:not_found");
        assertThat(admin.post("/points/actions/transfer-points", transfer(jan, gone, 5, CLUB)).expect(400)
                .invalidParams()).containsExactly("new_customer_id:deleted");
        assertThat(admin.post("/points/actions/transfer-points", transfer(jan, gone, 0, "no-type")).expect(400)
                .invalidParams()).containsExactly("point_type_id:not_found", "new_customer_id:deleted");
        assertThat(admin.post("/points/actions/synchronize-points", Map.of("customer_id", jan, "amount", -1))
                .expect(400).invalidParams()).contains("amount:not_allowed_value");
        // the fractional type takes two decimal places
        assertThat(admin.post("/points/actions/assign-points", change(jan, 1.255, FRACTION)).expect(400)
                .invalidParams()).containsExactly("amount:not_allowed_value");
        assign(admin, jan, 1.25, FRACTION);
        assertThat(admin.get("/customers/" + jan + "/points", "point_type_id", FRACTION).data().path("points").get(0)
                .path("available_points").asString()).isEqualTo("1.25");
        assertThat(admin.get("/point-history", "time_from", "yesterday", "customer_id", jan).expect(400)
                .invalidParams()).containsExactly("time_from:invalid_value_format");
        assertThat(admin.get("/point-history").expect(400).invalidParams()).containsExactly("customer_id:required");
        assertThat(dsl.fetchCount(Tables.LOYALTY_MOVEMENT)).isEqualTo(1);
        assertConsistent(consistency);
    }

    @Test
    void aTransferMovesBothSidesKeepingTheExpiryOfTheLotsItCameFrom() {
        Api admin = admin();
        String from = newCustomer(admin, "from@example.com");
        String to = newCustomer(admin, "to@example.com");
        ledger.synchronizePoints(from, BigDecimal.ZERO, PARTNER, null); // nothing to correct: no movement
        admin.post("/points/actions/assign-points", change(from, 40, BONUS)).expect(201);
        // bonus points are pending for 14 days: nothing to transfer yet
        assertThat(admin.post("/points/actions/transfer-points", transfer(from, to, 10, BONUS)).expect(400)
                .invalidParams()).containsExactly("amount:not_allowed_value");
        assign(admin, from, 30, CLUB);
        admin.post("/points/actions/transfer-points", transfer(from, to, 25, CLUB)).expect(204);
        assertThat(available(admin, from, CLUB)).isEqualByComparingTo("5");
        assertThat(available(admin, to, CLUB)).isEqualByComparingTo("25");
        assertThat(history(admin, to)).extracting(h -> h.path("point_operation_type").asString())
                .containsExactly("Transfer from another customer");
        assertThat(history(admin, from, "point_type_id", CLUB)).extracting(h -> h.path("point_amount").asInt())
                .containsExactly(30, -25);
        assertConsistent(consistency);
    }

    @Test
    void synchronizationSetsTheBalanceWithOneCorrectingMovement() {
        importProject("test-loyalty-credits.yaml");
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        assign(admin, jana, 100, CLUB);
        admin.post("/points/actions/synchronize-points", Map.of("customer_id", jana, "amount", 40)).expect(204);
        assertThat(available(admin, jana, CLUB)).isEqualByComparingTo("40");
        admin.post("/points/actions/synchronize-points", Map.of("customer_id", jana, "amount", 55, "partner_id",
                PARTNER, "note", "count at the desk")).expect(204);
        assertThat(available(admin, jana, CLUB)).isEqualByComparingTo("55");
        admin.post("/points/actions/synchronize-points", Map.of("customer_id", jana, "amount", 55)).expect(204);
        assertThat(history(admin, jana)).extracting(h -> h.path("point_amount").asInt()).containsExactly(100, -60, 15);
        assertThat(history(admin, jana, "point_operation_note", "desk")).hasSize(1);
        assertConsistent(consistency);
    }

    @Test
    void operatorsRunTheConsistencyCheckOutsideTheCareCloudPaths() throws Exception {
        String jana = newCustomer(admin(), "jana@example.com");
        assign(admin(), jana, 10, CLUB);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port + "/admin/loyalty/consistency");
        var answer = client.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + loginToken(LOGIN, ApiTest.PASSWORD)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(answer.body()).path("data").path("consistent").asBoolean()).isTrue();
        // a lot changed behind the ledger's back is reported
        dsl.update(Tables.LOYALTY_RECORD).set(Tables.LOYALTY_RECORD.AVAILABLE, new BigDecimal("9"))
                .where(Tables.LOYALTY_RECORD.CUSTOMER_ID.eq(jana)).execute();
        answer = client.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + loginToken(LOGIN, ApiTest.PASSWORD)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        JsonNode body = Api.JSON.readTree(answer.body()).path("data");
        assertThat(body.path("consistent").asBoolean()).isFalse();
        assertThat(body.path("problems").get(0).path("customer_id").asString()).isEqualTo(jana);
        assertThat(client.send(java.net.http.HttpRequest.newBuilder(uri).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void pointTypesAreReadFromTheProjectInTheRequestsLanguage() {
        Api admin = admin();
        JsonNode types = admin.get("/point-types").expect(200).data();
        assertThat(types.path("total_items").asInt()).isEqualTo(3);
        assertThat(types.path("point_types").get(0).path("name").asString()).isEqualTo("Bonus points");
        assertThat(admin.header("Accept-Language", "cs").get("/point-types/" + CLUB).expect(200).data().path("name")
                .asString()).isEqualTo("Klubové body");
        admin.get("/point-types/ct-gift").expect(404);
        assertThat(admin.get("/credit-types").expect(200).data().path("credit_types").get(0).path("credit_type_id")
                .asString()).isEqualTo("ct-gift");
        admin.get("/credit-types/" + CLUB).expect(404);
        assertThat(customer().bearer(customerToken("phone")).get("/point-types").expect(200).data()
                .path("total_items").asInt()).isEqualTo(3);
    }
}
