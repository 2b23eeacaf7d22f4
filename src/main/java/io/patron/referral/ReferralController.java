package io.patron.referral;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.patron.api.ApiController;
import io.patron.api.Envelope;
import io.patron.api.ListParams;

/** A customer's referral codes. */
@ApiController
class ReferralController {

    private final ReferralService referrals;

    ReferralController(ReferralService referrals) {
        this.referrals = referrals;
    }

    @GetMapping("/customers/{customer_id}/referrals")
    Envelope referrals(@PathVariable("customer_id") String customerId, ListParams params) {
        return Envelope.list("referrals", referrals.referrals(customerId, params));
    }
}
