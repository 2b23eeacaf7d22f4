package io.patron.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.api.ApiError;
import io.patron.catalog.CatalogQueries;
import io.patron.purchase.BenefitProvider.Proposal;
import io.patron.purchase.BenefitProvider.Shared;
import io.patron.purchase.CheckoutBasket;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** A held voucher is not spendable at the checkout until its holder releases it. */
class VoucherHoldsTest extends ApiTest {

    @Autowired
    VoucherHolds holds;

    @Autowired
    PresentedCodeProvider presented;

    @Autowired
    CatalogQueries catalog;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    java.time.Clock clock;

    @BeforeEach
    void project() {
        importProject("test-rewards.yaml");
    }

    private CheckoutBasket basket(String customerId, String code) {
        return new CheckoutBasket(customerId, Rewards.PRG, "CZK", OffsetDateTime.now(clock),
                CheckoutBasket.PaymentType.A, "en", List.of(new CheckoutBasket.Item("1",
                catalog.productIdByCode("RW-CAP").orElseThrow(), List.of(), BigDecimal.valueOf(2),
                new BigDecimal("600"), new BigDecimal("600"), false, null)), List.of(code));
    }

    @Test
    void aHeldVoucherIsRefusedAtTheCheckoutUntilReleased() {
        Api admin = admin();
        String jana = Rewards.newCustomer(admin, "hold@rewards.test");
        String voucher = Rewards.batchVoucher(admin, "RW-SIMPLE15", jana, "HELD-1");
        CheckoutBasket basket = basket(jana, "HELD-1");
        Proposal before = presented.propose(basket, Map.of("1", new BigDecimal("600")), new Shared());
        assertThat(before.benefits()).hasSize(1);

        assertThat(transactions.<String>execute(s -> holds.hold(jana, "HELD-1", "test:1", "code"))).isEqualTo(voucher);
        Proposal held = presented.propose(basket, Map.of("1", new BigDecimal("600")), new Shared());
        assertThat(held.benefits()).isEmpty();
        assertThat(held.refusals()).singleElement().satisfies(r ->
                assertThat(r.reason()).isEqualTo("voucher_already_used"));
        // a commit of a proposal made before the hold is refused under the voucher's lock
        assertThatThrownBy(() -> transactions.executeWithoutResult(s ->
                presented.commit("HOLD-P-1", basket, before.benefits()))).isInstanceOf(ApiError.class);
        // the same holder again changes nothing; another holder is refused
        assertThat(transactions.<String>execute(s -> holds.hold(jana, "HELD-1", "test:1", "code"))).isEqualTo(voucher);
        assertThatThrownBy(() -> transactions.<String>execute(s -> holds.hold(jana, "HELD-1", "test:2", "code")))
                .isInstanceOf(ApiError.class);

        transactions.executeWithoutResult(s -> holds.release("test:1"));
        assertThat(presented.propose(basket, Map.of("1", new BigDecimal("600")), new Shared()).benefits()).hasSize(1);
        transactions.executeWithoutResult(s -> presented.commit("HOLD-P-2", basket, before.benefits()));
        assertThat(admin.get("/vouchers/" + voucher).expect(200).data().path("applied_date").asString()).isNotBlank();
    }
}
