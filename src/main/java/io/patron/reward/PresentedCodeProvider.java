package io.patron.reward;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.patron.purchase.BenefitProvider;
import io.patron.purchase.CheckoutBasket;

/**
 * The checkout's presented codes ({@code benefit_codes}): vouchers, cash-desk codes (group 0) and catalogue
 * rewards bought with points at the desk, by priority then id, with a refusal reason for each code that does not
 * apply (see {@link RewardCheckout}).
 */
@Component
public class PresentedCodeProvider implements BenefitProvider {

    private final RewardCheckout checkout;

    PresentedCodeProvider(RewardCheckout checkout) {
        this.checkout = checkout;
    }

    @Override
    public int stage() {
        return PRESENTED_CODES;
    }

    @Override
    public Proposal propose(CheckoutBasket basket, Map<String, BigDecimal> remaining, Shared shared) {
        return checkout.presented(basket, remaining, shared);
    }

    /** Runs in the purchase's transaction (the row locks hold until it ends). */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void commit(String purchaseId, CheckoutBasket basket, List<Benefit> used) {
        checkout.commit(purchaseId, basket, used);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reverse(String purchaseId) {
        checkout.reverse(purchaseId);
    }
}
