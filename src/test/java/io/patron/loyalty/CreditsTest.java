package io.patron.loyalty;

import static io.patron.loyalty.Ledger.GIFT;
import static io.patron.loyalty.Ledger.assertConsistent;
import static io.patron.loyalty.Ledger.credits;
import static io.patron.loyalty.Ledger.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.reference.CurrencyQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** Credits: the project switch, deposit, reduce, transfer per type and currency, the records and the history. */
class CreditsTest extends ApiTest {

    static final String CZK = CurrencyQueries.currencyId("CZK");
    static final String EUR = CurrencyQueries.currencyId("EUR");

    @Autowired
    LedgerConsistency consistency;

    @Autowired
    LoyaltyLedger read;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
    }

    @Test
    void creditActionsAreForbiddenUntilTheProjectEnablesThem() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        for (String action : new String[] {"deposit-credits", "reduce-credits"}) {
            Api.Response refused = admin.post("/credits/actions/" + action, credits(jana, 10)).expect(403);
            assertThat(refused.error().path("detail").asString()).contains("credit_actions");
        }
        Map<String, Object> transfer = Map.of("original_customer_id", jana, "new_customer_id", jana, "amount", 1,
                "credit_type_id", GIFT);
        assertThat(admin.post("/credits/actions/transfer-credits", transfer).expect(403).error().path("detail")
                .asString()).contains("credit_actions");
        assertThat(admin.get("/credits").expect(200).data().path("total_items").asInt()).isZero();
    }

    @Test
    void creditsAreLotsPerTypeAndCurrency() {
        importProject("test-loyalty-credits.yaml");
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String petr = newCustomer(admin, "petr@example.com");
        String czk = admin.post("/credits/actions/deposit-credits", credits(jana, 100.50)).expect(201).data()
                .path("credit_id").asString();
        Map<String, Object> euros = credits(jana, 20);
        euros.put("currency_id", EUR);
        euros.put("credit_type_id", GIFT);
        euros.put("note", "welcome gift");
        admin.post("/credits/actions/deposit-credits", euros).expect(201);

        JsonNode credit = admin.get("/credits/" + czk).expect(200).data();
        assertThat(credit.path("assigned_credits").asString()).isEqualTo("100.5");
        assertThat(credit.path("currency_id").asString()).isEqualTo(CZK);
        assertThat(credit.path("credit_type_id").asString()).isEqualTo(GIFT);
        assertThat(credit.path("state").asInt()).isEqualTo(1);
        assertThat(credit.path("valid_to").asString()).endsWith("23:59:59"); // the end of next month

        // a reduction in euros draws on the euro lot only
        Map<String, Object> spend = credits(jana, 25);
        spend.put("currency_id", EUR);
        assertThat(admin.post("/credits/actions/reduce-credits", spend).expect(400).invalidParams())
                .containsExactly("amount:not_allowed_value");
        spend.put("amount", 5);
        String reduction = admin.post("/credits/actions/reduce-credits", spend).expect(201).data().path("credit_id")
                .asString();
        assertThat(admin.get("/credits/" + reduction).data().path("assigned_credits").asInt()).isEqualTo(-5);
        assertThat(read.creditBalance(jana, GIFT, EUR).available()).isEqualByComparingTo("15");
        assertThat(read.creditBalance(jana, GIFT, CZK).available()).isEqualByComparingTo("100.50");

        Map<String, Object> transfer = new HashMap<>(Map.of("original_customer_id", jana, "new_customer_id", petr,
                "amount", 50.25, "credit_type_id", GIFT));
        admin.post("/credits/actions/transfer-credits", transfer).expect(204);
        assertThat(read.creditBalance(petr, GIFT, CZK).available()).isEqualByComparingTo("50.25");
        assertThat(read.creditBalance(jana, GIFT, CZK).available()).isEqualByComparingTo("50.25");

        JsonNode history = admin.get("/credit-history", "customer_id", jana).expect(200).data();
        assertThat(history.path("total_items").asInt()).isEqualTo(4);
        assertThat(admin.get("/credit-history", "customer_id", jana, "credit_operation_note", "welcome").data()
                .path("total_items").asInt()).isEqualTo(1);
        assertThat(admin.get("/credit-history", "customer_id", jana, "credit_operation_type", "transfer").data()
                .path("credit_history").get(0).path("amount").asString()).isEqualTo("-50.25");
        assertThat(admin.get("/credits", "note", "welcome").data().path("total_items").asInt()).isEqualTo(1);
        assertThat(admin.get("/credits", "credit_type_id[]", GIFT, "customer_id", petr).data().path("total_items")
                .asInt()).isEqualTo(1);
        assertThat(admin.get("/credits/" + czk + "/purchases").expect(200).data().path("total_items").asInt()).isZero();

        // bad input
        assertThat(admin.post("/credits/actions/deposit-credits", credits(jana, 0.001)).expect(400).invalidParams())
                .containsExactly("amount:not_allowed_value");
        Map<String, Object> unknown = credits("nobody", 1);
        unknown.put("currency_id", "XXX");
        unknown.put("credit_type_id", "nope");
        assertThat(admin.post("/credits/actions/deposit-credits", unknown).expect(400).invalidParams())
                .containsExactlyInAnyOrder("credit_type_id:not_found", "currency_id:not_found",
                        "customer_id:not_found");
        transfer.put("new_customer_id", jana);
        assertThat(admin.post("/credits/actions/transfer-credits", transfer).expect(400).invalidParams())
                .containsExactly("new_customer_id:not_allowed_value");
        assertConsistent(consistency);
    }
}
