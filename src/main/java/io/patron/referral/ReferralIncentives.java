package io.patron.referral;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.api.ApiError;
import io.patron.common.Ids;
import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;
import io.patron.loyalty.LedgerService;
import io.patron.reward.VoucherService;

/**
 * Grants a referral campaign's incentives when a new customer registered with a code: to the code's holder (the
 * referrer) and to the new customer (the referred), points through the loyalty ledger and a voucher through the
 * vouchers, as the campaign configures them now. From the outbox, after the registration committed; each incentive
 * is recorded with its use, side and kind under a unique key, so a redelivered event grants nothing twice. An
 * incentive that cannot be granted (an ended reward, a removed point type) is recorded with the refusal, not retried.
 */
@Component
class ReferralIncentives implements DomainEventListener {

    static final String REFERRER = "referrer";
    static final String REFERRED = "referred";
    private static final String POINTS = "points";
    private static final String VOUCHER = "voucher";
    /** How vouchers of referrals are recorded (their source). */
    static final String VOUCHER_SOURCE = "referral";

    private static final Logger log = LoggerFactory.getLogger(ReferralIncentives.class);

    private final ReferralRepository repository;
    private final LedgerService ledger;
    private final VoucherService vouchers;
    private final TransactionTemplate nested;
    private final Clock clock;

    ReferralIncentives(ReferralRepository repository, LedgerService ledger, VoucherService vouchers,
                       PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.ledger = ledger;
        this.vouchers = vouchers;
        this.clock = clock;
        // each grant in a savepoint: a refused one leaves nothing behind and does not spoil the delivery
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventType.REFERRAL_COMPLETED);
    }

    @Override
    public void onEvent(DomainEvent event) {
        String useId = event.text("referral_use_id");
        ReferralRepository.Use use = useId == null ? null : repository.use(useId).orElse(null);
        if (use == null) {
            return;
        }
        ReferralRepository.Campaign campaign = repository.anyCampaign(use.campaignId()).orElseThrow();
        grant(use, campaign, REFERRER, use.referrerId(), campaign.referrer());
        grant(use, campaign, REFERRED, use.referredId(), campaign.referred());
    }

    private void grant(ReferralRepository.Use use, ReferralRepository.Campaign campaign, String side,
                       String customerId, ReferralRepository.Incentive incentive) {
        if (incentive.points() != null) {
            String note = "Referral campaign " + campaign.name() + (REFERRER.equals(side)
                    ? ": a new customer registered with your code" : ": welcome");
            once(use, side, POINTS, customerId, () -> ledger.assignPoints(new LedgerService.Change(
                    incentive.points(), customerId, campaign.pointsPartnerId(), incentive.pointTypeId(), null, note)));
        }
        if (incentive.rewardId() != null) {
            once(use, side, VOUCHER, customerId, () -> vouchers.issue(customerId, incentive.rewardId(),
                    VOUCHER_SOURCE));
        }
    }

    /** Grants one incentive unless it was granted already, and records the grant (or its refusal). */
    private void once(ReferralRepository.Use use, String side, String kind, String customerId,
                      Supplier<String> grant) {
        if (repository.granted(use.id(), side, kind)) {
            return;
        }
        String recordId = null;
        String refusal = null;
        try {
            recordId = nested.execute(status -> grant.get());
        } catch (ApiError refused) {
            if (refused.status().is5xxServerError()) {
                throw refused;
            }
            refusal = refused.detail() == null ? refused.status().toString() : refused.detail();
            log.warn("Referral {}: no {} for the {} {}: {}", use.id(), kind, side, customerId, refusal);
        }
        repository.insertGrant(Ids.newId(), use.id(), side, kind, customerId, recordId,
                refusal == null ? null : refusal.substring(0, Math.min(1000, refusal.length())),
                OffsetDateTime.now(clock));
    }
}
