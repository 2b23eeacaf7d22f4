package io.patron.loyalty;

import static io.patron.loyalty.Ledger.BONUS;
import static io.patron.loyalty.Ledger.CLUB;
import static io.patron.loyalty.Ledger.assign;
import static io.patron.loyalty.Ledger.newCustomer;
import static io.patron.loyalty.Ledger.reduce;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/**
 * Taking back an earning (a cancelled purchase's points): from the lot, then from the other lots, the rest as a debt
 * shown as a negative balance and settled by the next earnings; the ledger stays consistent throughout.
 */
class TakeBackTest extends ApiTest {

    @Autowired
    LedgerService ledger;

    @Autowired
    LoyaltyLedger wallets;

    @Autowired
    LedgerConsistency consistency;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
    }

    private BigDecimal available(String customerId, String type) {
        return wallets.pointBalance(customerId, type).available();
    }

    @Test
    void anUntouchedLotIsTakenBackWhole() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String lot = assign(admin, jana, 100, CLUB);
        assign(admin, jana, 50, CLUB);
        LedgerService.TakeBack back = ledger.takeBack(lot, null, "test");
        assertThat(back.fromLot()).isEqualByComparingTo("100");
        assertThat(back.shortfall()).isZero();
        assertThat(available(jana, CLUB)).isEqualByComparingTo("50");
        // a second take-back of the same lot gives nothing
        assertThat(ledger.takeBack(lot, null, "again").amount()).isZero();
        assertThat(available(jana, CLUB)).isEqualByComparingTo("50");
        assertThat(consistency.check()).isEmpty();
    }

    @Test
    void aPendingLotIsCancelled() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String lot = assign(admin, jana, 40, BONUS); // pending for 14 days
        assertThat(wallets.pointBalance(jana, BONUS).pending()).isEqualByComparingTo("40");
        ledger.takeBack(lot, null, "test");
        assertThat(wallets.pointBalance(jana, BONUS).pending()).isZero();
        assertThat(available(jana, BONUS)).isZero();
        assertThat(consistency.check()).isEmpty();
    }

    @Test
    void spentPointsComeFromOtherLotsAndTheRestIsADebtSettledByTheNextEarnings() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        String lot = assign(admin, jana, 100, CLUB);
        reduce(admin, jana, 90, CLUB); // 10 left on the lot
        assign(admin, jana, 30, CLUB);
        LedgerService.TakeBack back = ledger.takeBack(lot, null, "test");
        assertThat(back.fromLot()).isEqualByComparingTo("10");
        assertThat(back.fromOthers()).isEqualByComparingTo("30");
        assertThat(back.shortfall()).isEqualByComparingTo("60");
        assertThat(available(jana, CLUB)).isEqualByComparingTo("-60");
        assertThat(consistency.check()).isEmpty();
        // nothing can be spent while the debt is outstanding
        assertThat(admin.post("/points/actions/reduce-points", Ledger.change(jana, 1, CLUB)).expect(400)
                .invalidParams()).containsExactly("amount:not_allowed_value");
        assign(admin, jana, 50, CLUB);
        assertThat(available(jana, CLUB)).isEqualByComparingTo("-10");
        assign(admin, jana, 25, CLUB);
        assertThat(available(jana, CLUB)).isEqualByComparingTo("15");
        reduce(admin, jana, 15, CLUB);
        assertThat(available(jana, CLUB)).isZero();
        assertThat(consistency.check()).isEmpty();
    }
}
