package io.patron.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.customer.CustomerService;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** The demo project's wallets: points earned and spent, bonus points expiring soon and pending, reservations, credits. */
class LoyaltyDemoTest extends ApiTest {

    @Autowired
    ProjectImporter importer;

    @Autowired
    CustomerService customers;

    @Autowired
    LoyaltyLedger read;

    @Autowired
    LedgerConsistency consistency;

    private void demo() {
        for (String file : new String[] {"10-users", "20-stores", "40-customers", "50-loyalty"}) {
            importer.apply(ProjectFile.load("classpath:project/demo/" + file + ".yaml"));
        }
    }

    @Test
    void demoCustomersHaveARealWalletAndImportingAgainWritesNothing() {
        demo();
        Api admin = admin();
        int movements = admin.get("/points", "count", "1").data().path("total_items").asInt();
        demo();
        assertThat(admin.get("/points", "count", "1").data().path("total_items").asInt()).isEqualTo(movements);

        String first = customers.idsByEmailDomain("demo.patron.local", 1).getFirst();
        String club = read.defaultPointTypeId().orElseThrow();
        String bonus = read.pointTypes().stream().filter(t -> t.textId().equals("bonus_points")).findFirst()
                .orElseThrow().typeId();
        assertThat(read.pointBalance(first, club).available()).isPositive();
        assertThat(read.pointBalance(first, club).reserved()).isEqualByComparingTo("25");
        assertThat(read.pointBalance(first, bonus).pending()).isPositive();
        assertThat(read.nextExpiring(first, bonus, null)).isPresent();
        assertThat(read.movementSums(first, club, null, null, null).redeemed()).isPositive();
        assertThat(admin.get("/point-history", "customer_id", first).data().path("total_items").asInt())
                .isGreaterThanOrEqualTo(7);
        assertThat(admin.get("/credits", "customer_id", first).data().path("total_items").asInt()).isEqualTo(2);
        assertThat(consistency.check()).isEmpty();
    }
}
