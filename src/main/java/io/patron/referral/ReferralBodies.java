package io.patron.referral;

/** Bodies of referrals. */
public final class ReferralBodies {

    private ReferralBodies() {
    }

    /** A customer's code of a referral campaign; {@code valid_to} null: the code does not expire. */
    public record Referral(String referralId, String code, String customerId, String referralCampaignId,
                           String validTo) {
    }
}
