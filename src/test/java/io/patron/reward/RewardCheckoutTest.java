package io.patron.reward;

import static io.patron.reward.Rewards.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.catalog.CatalogQueries;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.purchase.BenefitProvider;
import io.patron.purchase.BenefitProvider.Benefit;
import io.patron.purchase.BenefitProvider.Proposal;
import io.patron.purchase.BenefitProvider.Shared;
import io.patron.purchase.CheckoutBasket;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/**
 * The reward providers at the Java level, as the checkout engine calls them: automated rewards, presented codes
 * with every refusal reason that applies, stacking on what is left to pay, commit under locks and reversal.
 */
class RewardCheckoutTest extends ApiTest {

    @Autowired
    AutomatedRewardProvider automated;

    @Autowired
    PresentedCodeProvider presented;

    @Autowired
    List<BenefitProvider> providers;

    @Autowired
    CatalogQueries catalog;

    @Autowired
    LoyaltyLedger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    java.time.Clock clock;

    String shoe;
    String sock;
    String cap;

    @BeforeEach
    void project() {
        importProject("test-rewards.yaml");
        shoe = catalog.productIdByCode("RW-SHOE").orElseThrow();
        sock = catalog.productIdByCode("RW-SOCK").orElseThrow();
        cap = catalog.productIdByCode("RW-CAP").orElseThrow();
    }

    static CheckoutBasket.Item item(String billItemId, String productId, int quantity, String price) {
        return new CheckoutBasket.Item(billItemId, productId, List.of(), BigDecimal.valueOf(quantity),
                new BigDecimal(price), new BigDecimal(price), false, null);
    }

    OffsetDateTime at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(clock.getZone()).toOffsetDateTime();
    }

    CheckoutBasket basket(String customerId, String storeId, CheckoutBasket.PaymentType type, List<String> codes,
                          CheckoutBasket.Item... items) {
        return new CheckoutBasket(customerId, storeId, "CZK", OffsetDateTime.now(clock), type, "en", List.of(items),
                codes);
    }

    static Map<String, BigDecimal> full(CheckoutBasket basket) {
        Map<String, BigDecimal> remaining = new LinkedHashMap<>();
        basket.items().forEach(i -> remaining.put(i.billItemId(), i.paidAmount()));
        return remaining;
    }

    /** Runs the providers in stage order as the checkout engine does, each on what the earlier left. */
    List<Proposal> evaluate(CheckoutBasket basket) {
        Map<String, BigDecimal> remaining = full(basket);
        List<Proposal> out = new ArrayList<>();
        Shared shared = new Shared();
        for (BenefitProvider provider : providers.stream().sorted(java.util.Comparator
                .comparingInt(BenefitProvider::stage)).toList()) {
            if (provider != automated && provider != presented) {
                continue;
            }
            Proposal proposal = provider.propose(basket, remaining, shared);
            for (Benefit b : proposal.benefits()) {
                b.discounts().forEach(d -> remaining.computeIfPresent(d.billItemId(), (k, v) -> v.subtract(d.value())));
            }
            out.add(proposal);
        }
        return out;
    }

    static String reason(Proposal proposal, String code) {
        return proposal.refusals().stream().filter(r -> r.code().equals(code)).map(BenefitProvider.Refusal::reason)
                .findFirst().orElse(null);
    }

    static BigDecimal total(Benefit benefit) {
        return benefit.discounts().stream().map(BenefitProvider.ItemDiscount::value).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }

    @Test
    void automatedRewardsApplyWithoutACodeAndCodesStackOnWhatIsLeft() {
        CheckoutBasket basket = basket(null, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("RW-CASH10"),
                item("1", shoe, 1, "2000"), item("2", cap, 1, "300"));
        List<Proposal> proposals = evaluate(basket);
        Benefit auto = proposals.get(0).benefits().getFirst();
        assertThat(auto.rewardId()).isEqualTo(id("RW-AUTO5"));
        assertThat(auto.kind()).isEqualTo(Benefit.Kind.RECOMMENDED_DISCOUNT);
        assertThat(auto.overall()).isFalse();
        assertThat(auto.discounts()).singleElement().satisfies(d -> {
            assertThat(d.billItemId()).isEqualTo("1");
            assertThat(d.value()).isEqualByComparingTo("100");
            assertThat(d.percent()).isEqualByComparingTo("5");
        });
        Benefit cash = proposals.get(1).benefits().getFirst();
        assertThat(cash.code()).isEqualTo("RW-CASH10");
        assertThat(cash.name()).isEqualTo("10 % off at the desk");
        assertThat(cash.overall()).isTrue();
        // 10 % of what was left: 1900 and 300
        assertThat(total(cash)).isEqualByComparingTo("220");
        // same basket, same answer
        assertThat(evaluate(basket)).isEqualTo(proposals);
        // an overall discount is not for payment type S
        assertThat(reason(evaluate(basket(null, Rewards.PRG, CheckoutBasket.PaymentType.S, List.of("RW-CASH10"),
                item("1", shoe, 1, "2000"))).get(1), "RW-CASH10")).isEqualTo("voucher_invalid_type_of_usage");
        // loyalty_off items get nothing
        CheckoutBasket off = basket(null, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of(),
                new CheckoutBasket.Item("1", shoe, List.of(), BigDecimal.ONE, new BigDecimal("2000"),
                        new BigDecimal("2000"), true, null));
        assertThat(evaluate(off).get(0).benefits()).isEmpty();
    }

    @Test
    void aCampaignVoucherNeedsItsConditionAndBonusItems() {
        Api admin = admin();
        String jana = Rewards.newCustomer(admin, "campaign@rewards.test");
        Rewards.batchVoucher(admin, "RW-CAMPAIGN", jana, "CAMP-1");
        Rewards.batchVoucher(admin, "RW-CAMPAIGN", jana, "CAMP-2");
        CheckoutBasket fits = basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.S, List.of("CAMP-1"),
                item("1", shoe, 2, "4000"), item("2", sock, 3, "300"));
        Proposal proposal = evaluate(fits).get(1);
        assertThat(proposal.refusals()).isEmpty();
        Benefit free = proposal.benefits().getFirst();
        assertThat(free.kind()).isEqualTo(Benefit.Kind.VOUCHER);
        assertThat(free.voucherId()).isNotNull();
        assertThat(free.discounts()).singleElement().satisfies(d -> {
            assertThat(d.billItemId()).isEqualTo("2");
            assertThat(d.value()).isEqualByComparingTo("100");
        });
        assertThat(reason(evaluate(basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.S, List.of("CAMP-1"),
                item("1", shoe, 1, "2000"), item("2", sock, 1, "100"))).get(1), "CAMP-1"))
                .isEqualTo("voucher_condition_count_not_satisfied");
        assertThat(reason(evaluate(basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.S, List.of("CAMP-1"),
                item("1", shoe, 2, "4000"))).get(1), "CAMP-1")).isEqualTo("voucher_bonus_count_not_satisfied");
        assertThat(reason(evaluate(basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.S, List.of("CAMP-1"),
                item("1", cap, 2, "600"), item("2", sock, 1, "100"))).get(1), "CAMP-1"))
                .isEqualTo("not_enough_items_for_voucher");
        // one campaign voucher per purchase
        Proposal two = evaluate(basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.S, List.of("CAMP-1", "CAMP-2"),
                item("1", shoe, 4, "8000"), item("2", sock, 2, "200"))).get(1);
        assertThat(two.benefits()).hasSize(1);
        assertThat(two.refusals()).singleElement().satisfies(r ->
                assertThat(r.reason()).isEqualTo("max_number_of_voucher_exceeded"));
    }

    @Test
    void everyReasonOfAPresentedCodeThatDoesNotApply() {
        Api admin = admin();
        String jana = Rewards.newCustomer(admin, "reasons@rewards.test");
        String petr = Rewards.newCustomer(admin, "petr@rewards.test");
        String simple = Rewards.batchVoucher(admin, "RW-SIMPLE15", jana, "SIMPLE-J");
        Rewards.batchVoucher(admin, "RW-SIMPLE15", petr, "SIMPLE-P");
        String used = Rewards.batchVoucher(admin, "RW-SIMPLE15", jana, "SIMPLE-USED");
        admin.post("/vouchers/" + used + "/actions/apply-voucher", Map.of("date_applied", Rewards.soon(clock)))
                .expect(204);
        String expired = Rewards.batchVoucher(admin, "RW-SIMPLE15", jana, "SIMPLE-OLD");
        admin.put("/vouchers/" + expired, Map.of("voucher", Map.of("customer_id", jana, "valid_from",
                "2020-01-01 00:00:00", "valid_to", "2020-02-01 00:00:00"))).expect(204);
        String future = Rewards.batchVoucher(admin, "RW-SIMPLE15", jana, "SIMPLE-LATER");
        admin.put("/vouchers/" + future, Map.of("voucher", Map.of("customer_id", jana, "valid_from",
                "2099-01-01 00:00:00"))).expect(204);
        CheckoutBasket.Item big = item("1", shoe, 1, "2000");
        Proposal p = evaluate(basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("NOPE", "SIMPLE-P",
                "SIMPLE-USED", "SIMPLE-OLD", "SIMPLE-LATER", "RW-BRNONLY", "RW-OLD", "RW-OTHERPARTNER",
                "RW-SIMPLE15", "RW-CATALOG", "RW-AUTO5", "RW-CASH10", "RW-CASH10"), big)).get(1);
        assertThat(reason(p, "NOPE")).isEqualTo("not_found");
        assertThat(reason(p, "SIMPLE-P")).isEqualTo("voucher_assigned_to_another_customer");
        assertThat(reason(p, "SIMPLE-USED")).isEqualTo("voucher_already_used");
        assertThat(reason(p, "SIMPLE-OLD")).isEqualTo("voucher_expired");
        assertThat(reason(p, "SIMPLE-LATER")).isEqualTo("voucher_cant_be_applied_by_validity_days");
        assertThat(reason(p, "RW-BRNONLY")).isEqualTo("voucher_not_allowed_in_store");
        assertThat(reason(p, "RW-OLD")).isEqualTo("voucher_cant_be_applied_by_date");
        assertThat(reason(p, "RW-OTHERPARTNER")).isEqualTo("voucher_cant_be_used_in_store");
        assertThat(reason(p, "RW-SIMPLE15")).isEqualTo("voucher_invalid_type_of_usage");
        assertThat(reason(p, "RW-AUTO5")).isEqualTo("voucher_invalid_type_of_usage");
        assertThat(reason(p, "RW-CATALOG")).isEqualTo("not_enough_points_for_voucher");
        assertThat(reason(p, "RW-CASH10")).isEqualTo("voucher_already_applied");
        assertThat(p.benefits()).extracting(Benefit::code).containsExactly("RW-CASH10");
        assertThat(p.refusals()).allSatisfy(r -> assertThat(r.message()).isNotBlank());

        // the same voucher in an anonymous purchase; a purchase below the minimum value
        assertThat(reason(evaluate(basket(null, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("SIMPLE-J"), big))
                .get(1), "SIMPLE-J")).isEqualTo("unauthorized_use_vouchers");
        assertThat(reason(evaluate(basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("SIMPLE-J"),
                item("1", sock, 1, "100"))).get(1), "SIMPLE-J")).isEqualTo("insufficient_amount_of_purchase");
        // 15 % of 1900 (after the automated 5 %), at most 300
        Benefit fifteen = evaluate(basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("SIMPLE-J"), big))
                .get(1).benefits().getFirst();
        assertThat(fifteen.voucherId()).isEqualTo(simple);
        assertThat(total(fifteen)).isEqualByComparingTo("285");
        Benefit capped = evaluate(basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("SIMPLE-J"),
                item("1", cap, 10, "3000"))).get(1).benefits().getFirst();
        assertThat(total(capped)).isEqualByComparingTo("300");

        // a daily time window, and cashier messages in the basket's language
        CheckoutBasket lunch = new CheckoutBasket(jana, Rewards.PRG, "CZK", at("2026-12-01T12:00:00"),
                CheckoutBasket.PaymentType.A, "en", List.of(big), List.of("RW-LUNCH"));
        assertThat(presented.propose(lunch, full(lunch), new Shared()).benefits()).hasSize(1);
        CheckoutBasket evening = new CheckoutBasket(jana, Rewards.PRG, "CZK", at("2026-12-01T18:30:00"),
                CheckoutBasket.PaymentType.A, "cs", List.of(big), List.of("RW-LUNCH"));
        Proposal late = presented.propose(evening, full(evening), new Shared());
        assertThat(late.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("voucher_cant_be_applied_by_time");
            assertThat(r.message()).isEqualTo("Odměna v tuto denní dobu neplatí.");
        });
    }

    @Test
    void commitMarksUsedReChecksUnderTheLockAndReverseRestores() {
        Api admin = admin();
        String jana = Rewards.newCustomer(admin, "commit@rewards.test");
        String gift = Rewards.batchVoucher(admin, "RW-GIFT", jana, "GIFT-C");
        String campaign = Rewards.batchVoucher(admin, "RW-CAMPAIGN", jana, "CAMP-C");
        CheckoutBasket basket = basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("CAMP-C", "GIFT-C"),
                item("1", shoe, 2, "4000"), item("2", sock, 1, "100"));
        Proposal proposal = evaluate(basket).get(1);
        assertThat(proposal.benefits()).hasSize(2);
        Benefit giftUse = proposal.benefits().stream().filter(b -> gift.equals(b.voucherId())).findFirst().orElseThrow();
        // the gift card pays what it holds, 1000 of 3800 left
        assertThat(total(giftUse)).isEqualByComparingTo("1000");
        transactions.executeWithoutResult(s -> presented.commit("P-1", basket, proposal.benefits()));
        assertThat(admin.get("/vouchers/" + campaign).expect(200).data().path("applied_date").asString()).isNotBlank();
        assertThat(admin.post("/vouchers/actions/gift-card-balance", Map.of("code", "GIFT-C")).expect(200).data()
                .path("current_balance").asInt()).isZero();
        // used meanwhile: a second commit of the same evaluation is refused naming benefit_codes
        assertThatThrownBy(() -> transactions.executeWithoutResult(s ->
                presented.commit("P-2", basket, proposal.benefits())))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(reasons(e))
                        .containsExactly("benefit_codes:voucher_already_used"));
        // now a presented code is refused as used
        assertThat(reason(evaluate(basket).get(1), "CAMP-C")).isEqualTo("voucher_already_used");
        transactions.executeWithoutResult(s -> {
            automated.reverse("P-1");
            presented.reverse("P-1");
        });
        assertThat(admin.get("/vouchers/" + campaign).expect(200).data().has("applied_date")).isFalse();
        assertThat(admin.post("/vouchers/actions/gift-card-balance", Map.of("code", "GIFT-C")).expect(200).data()
                .path("current_balance").asInt()).isEqualTo(1000);
        assertThat(evaluate(basket).get(1).refusals()).isEmpty();
    }

    @Test
    void aCatalogueRewardBoughtAtTheDeskIsPaidWithPointsAtCommit() {
        Api admin = admin();
        String jana = Rewards.newCustomer(admin, "desk@rewards.test");
        Rewards.points(admin, jana, 250);
        CheckoutBasket basket = basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("RW-CATALOG"),
                item("1", cap, 1, "300"));
        Proposal proposal = presented.propose(basket, full(basket), new Shared());
        assertThat(total(proposal.benefits().getFirst())).isEqualByComparingTo("100");
        transactions.executeWithoutResult(s -> presented.commit("P-DESK", basket, proposal.benefits()));
        assertThat(ledger.pointBalance(jana, "rw-points").available()).isEqualByComparingTo("50");
        assertThat(admin.get("/vouchers", "customer_id", jana, "is_applied", "true").expect(200).data()
                .path("total_items").asInt()).isEqualTo(1);
        // too few points left for another
        assertThat(reason(presented.propose(basket, full(basket), new Shared()), "RW-CATALOG"))
                .isEqualTo("not_enough_points_for_voucher");
    }

    @Test
    void aLimitedCashDeskCodeCountsUsesAtCommit() {
        Api admin = admin();
        String jana = Rewards.newCustomer(admin, "once@rewards.test");
        CheckoutBasket basket = basket(jana, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("RW-ONCE"),
                item("1", cap, 1, "300"));
        Proposal first = presented.propose(basket, full(basket), new Shared());
        assertThat(first.benefits()).hasSize(1);
        transactions.executeWithoutResult(s -> presented.commit("P-ONCE-1", basket, first.benefits()));
        assertThat(reason(presented.propose(basket, full(basket), new Shared()), "RW-ONCE"))
                .isEqualTo("voucher_already_used");
        assertThatThrownBy(() -> transactions.executeWithoutResult(s ->
                presented.commit("P-ONCE-2", basket, first.benefits())))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(reasons(e))
                        .containsExactly("benefit_codes:voucher_already_used"));
        transactions.executeWithoutResult(s -> presented.reverse("P-ONCE-1"));
        assertThat(presented.propose(basket, full(basket), new Shared()).benefits()).hasSize(1);
        // anonymous: a per-customer limit cannot be counted
        CheckoutBasket anonymous = basket(null, Rewards.PRG, CheckoutBasket.PaymentType.A, List.of("RW-ONCE"),
                item("1", cap, 1, "300"));
        assertThat(reason(presented.propose(anonymous, full(anonymous), new Shared()), "RW-ONCE"))
                .isEqualTo("unauthorized_use_vouchers");
    }

    @SuppressWarnings("unchecked")
    static List<String> reasons(ApiError e) {
        List<String> out = new ArrayList<>();
        ((List<InvalidParam>) e.errorData().get("invalid_params")).forEach(p -> out.add(p.name() + ":" + p.reason()));
        return out;
    }

    static ZoneId zone(java.time.Clock clock) {
        return clock.getZone();
    }
}
