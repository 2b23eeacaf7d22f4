package io.patron.referral;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.patron.common.Ids;
import io.patron.customer.ReferralCodes;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;

/**
 * The referral codes registrations use (see {@link ReferralCodes}): a code is found by its text, and a registration
 * with it is recorded once per new customer, with the event from which {@link ReferralIncentives} grants the
 * incentives after the registration committed.
 */
@Component
class ReferralCodeDirectory implements ReferralCodes {

    private final ReferralRepository repository;
    private final DomainEvents events;
    private final Clock clock;

    ReferralCodeDirectory(ReferralRepository repository, DomainEvents events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Optional<Referral> find(String code) {
        return repository.byCode(ReferralCodeFormat.normalize(code))
                .map(c -> new Referral(c.referralId(), c.customerId(), c.relationTypeId(), c.usable()));
    }

    @Override
    public void referred(Referral referral, String newCustomerId) {
        String campaignId = repository.campaignOf(referral.referralId()).orElseThrow();
        String useId = Ids.newId();
        repository.insertUse(useId, referral.referralId(), newCustomerId, OffsetDateTime.now(clock));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("referral_use_id", useId);
        payload.put("referral_id", referral.referralId());
        payload.put("referral_campaign_id", campaignId);
        payload.put("customer_id", newCustomerId);
        payload.put("referrer_customer_id", referral.holderId());
        events.publish(EventType.REFERRAL_COMPLETED, useId, payload);
    }
}
