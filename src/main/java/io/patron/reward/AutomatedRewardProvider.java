package io.patron.reward;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.patron.purchase.BenefitProvider;
import io.patron.purchase.CheckoutBasket;

/** The checkout's automated rewards: rewards that apply without a code, by priority (see {@link RewardCheckout}). */
@Component
public class AutomatedRewardProvider implements BenefitProvider {

    private final RewardCheckout checkout;

    AutomatedRewardProvider(RewardCheckout checkout) {
        this.checkout = checkout;
    }

    @Override
    public int stage() {
        return AUTOMATED_REWARDS;
    }

    @Override
    public Proposal propose(CheckoutBasket basket, Map<String, BigDecimal> remaining, Shared shared) {
        return checkout.automated(basket, remaining, shared);
    }

    /** Runs in the purchase's transaction (the row locks hold until it ends). */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void commit(String purchaseId, CheckoutBasket basket, List<Benefit> used) {
        checkout.commit(purchaseId, basket, used);
    }

    /** The presented-code provider reverses every use of the purchase, automated ones included. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reverse(String purchaseId) {
        checkout.reverse(purchaseId);
    }
}
