package io.patron.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.customer.CustomerService;
import io.patron.loyalty.LedgerConsistency;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** The demo's purchases: sent through the checkout for the first demo customers, once. */
class PurchaseDemoTest extends ApiTest {

    @Autowired
    ProjectImporter importer;

    @Autowired
    CustomerService customers;

    @Autowired
    LedgerConsistency consistency;

    private void demo() {
        for (String file : new String[] {"10-users", "20-stores", "40-customers", "50-loyalty", "85-purchases"}) {
            importer.apply(ProjectFile.load("classpath:project/demo/" + file + ".yaml"));
        }
    }

    @Test
    void demoCustomersHavePurchasesWithEarnedPointsAndImportingAgainWritesNothing() {
        demo();
        Api admin = admin();
        int purchases = admin.get("/purchases", "count", "1").expect(200).data().path("total_items").asInt();
        assertThat(purchases).isGreaterThanOrEqualTo(12);
        demo();
        assertThat(admin.get("/purchases", "count", "1").data().path("total_items").asInt()).isEqualTo(purchases);
        String first = customers.idsByEmailDomain("demo.patron.local", 1).getFirst();
        String purchase = admin.get("/customers/" + first + "/purchases").expect(200).data().path("purchases").get(0)
                .path("purchase_id").asString();
        assertThat(admin.get("/purchases/" + purchase + "/actions/payment-summary").expect(200).data()
                .path("earned_points").decimalValue()).isPositive();
        assertThat(consistency.check()).isEmpty();
    }
}
