package io.patron.customer;

import java.util.Optional;

/**
 * The referral codes a registration may carry, as the customer capability needs them: the capability that owns
 * referral campaigns implements this (it depends on customers, so customers must not depend on it). A registration
 * with a code asks {@link #find} before anything is written and {@link #referred} in its own transaction once the new
 * customer exists; the incentives follow from there.
 */
public interface ReferralCodes {

    /** The referral a code names (codes are matched ignoring case and surrounding spaces); empty for no such code. */
    Optional<Referral> find(String code);

    /** Records, in the registration's transaction, that {@code newCustomerId} registered with the referral. */
    void referred(Referral referral, String newCustomerId);

    /**
     * A customer's referral code: its holder, the customer relation type its campaign creates, and whether it can
     * be used now (the code and its campaign active, within their validity).
     */
    record Referral(String referralId, String holderId, String relationTypeId, boolean usable) {
    }
}
