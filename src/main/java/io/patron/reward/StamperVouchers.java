package io.patron.reward;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.api.ApiError;
import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;

/**
 * Turns what the stamper unlocks into vouchers: a filled card gives the voucher of the campaign's reward, a reached
 * checkpoint that of the checkpoint's reward; a cancellation that takes a card back below it withdraws the voucher
 * while it is unused. From the outbox, after the purchase committed; a redelivery issues nothing twice.
 */
@Component
class StamperVouchers implements DomainEventListener {

    private static final Logger log = LoggerFactory.getLogger(StamperVouchers.class);

    private final VoucherService vouchers;
    private final TransactionTemplate nested;

    StamperVouchers(VoucherService vouchers, PlatformTransactionManager transactions) {
        this.vouchers = vouchers;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventType.STAMPER_CARD_FILLED, EventType.STAMPER_CHECKPOINT_REACHED,
                EventType.STAMPER_BONUS_REVOKED);
    }

    @Override
    public void onEvent(DomainEvent event) {
        String customerId = event.text("customer_id");
        String cardId = event.text("stamper_card_id");
        String rewardId = event.text("reward_id");
        if (customerId == null || cardId == null) {
            return;
        }
        String checkpointId = event.text("stamper_bonus_checkpoint_id");
        String key = checkpointId == null ? cardId : cardId + ":" + checkpointId;
        if (EventType.STAMPER_BONUS_REVOKED.equals(event.type())) {
            vouchers.withdrawForStamper(customerId, key);
            return;
        }
        if (rewardId == null) {
            return; // a campaign or checkpoint without a reward
        }
        try {
            // in a savepoint: a refusal marks the voucher service's transaction for rollback, which must not spoil
            // the delivery this listener shares with others
            nested.executeWithoutResult(status -> vouchers.issueForStamper(customerId, rewardId, key,
                    event.text("purchase_id")));
        } catch (ApiError refused) {
            if (refused.status().is5xxServerError()) {
                throw refused;
            }
            // an ended or unknown reward, a deleted customer: no retry can issue it; the card still shows the unlock
            log.warn("No voucher for stamper card {} of customer {}: {}", key, customerId, refused.detail());
        }
    }
}
