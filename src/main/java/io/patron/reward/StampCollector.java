package io.patron.reward;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.Caller;
import io.patron.api.CustomerWrites;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.CatalogQueries.ProductClass;
import io.patron.common.Ids;
import io.patron.db.tables.records.StamperCardRecord;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.purchase.PurchaseParticipant;

/**
 * The stamper's part of a purchase, in the purchase's transaction. {@link #committed} gives a customer's purchase
 * the stamps its paid items earn in every active stamp campaign valid at the purchase's time: per condition, one
 * stamp for each {@code count} qualifying items (summed quantity; items with {@code loyalty_off}, without a product,
 * or paid less per unit than the condition's minimum do not qualify), in condition order, never beyond the stamps
 * the campaign's repetitions allow. {@link #cancelled} deletes exactly the stamps that purchase added.
 *
 * <p>Stamps sit on the customer's cards in the order they were collected: the n-th active stamp is stamp
 * {@code (n-1) % stamp_count + 1} of card {@code (n-1) / stamp_count + 1}. After every change the cards are
 * re-placed under a lock on the customer (row) and their cards: a card that fills up unlocks the campaign's reward
 * (stored on the card) and publishes {@link EventType#STAMPER_CARD_FILLED}; the next card starts (unless the
 * repetitions are used up); a card reaching a checkpoint's stamp number publishes
 * {@link EventType#STAMPER_CHECKPOINT_REACHED}. A cancellation that takes a filled card (or a reached checkpoint)
 * below its count locks the reward again and publishes {@link EventType#STAMPER_BONUS_REVOKED}; later stamps move
 * up to fill the gap, and trailing empty cards are removed (all of them when no stamp is left).
 */
@Service
@Transactional
public class StampCollector implements PurchaseParticipant {

    private static final Caller STAMPER = new Caller.Anonymous("stamper");

    private final StampRepository repository;
    private final CatalogQueries catalog;
    private final CustomerWrites writes;
    private final DomainEvents events;
    private final Clock clock;

    StampCollector(StampRepository repository, CatalogQueries catalog, CustomerWrites writes, DomainEvents events,
                   Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.writes = writes;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void committed(Committed purchase) {
        if (purchase.customerId() == null) {
            return;
        }
        OffsetDateTime at = purchase.at() == null ? OffsetDateTime.now(clock) : purchase.at();
        List<StampRepository.Campaign> campaigns = repository.activeCampaigns(at);
        if (campaigns.isEmpty()) {
            return;
        }
        Set<String> productIds = new TreeSet<>();
        purchase.items().forEach(i -> {
            if (i.productId() != null) {
                productIds.add(i.productId());
            }
        });
        Map<String, ProductClass> classes = catalog.classes(productIds);
        Map<StampRepository.Campaign, List<String>> earned = new LinkedHashMap<>();
        for (var campaign : campaigns) {
            List<String> stamps = earned(campaign, purchase.items(), classes);
            if (!stamps.isEmpty()) {
                earned.put(campaign, stamps);
            }
        }
        if (earned.isEmpty() || !lock(purchase.customerId())
                || repository.purchaseStamped(purchase.purchaseId(), purchase.customerId())) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        earned.forEach((campaign, conditionIds) -> {
            List<StamperCardRecord> cards = repository.lockCards(campaign.id(), purchase.customerId());
            int held = repository.activeStamps(campaign.id(), purchase.customerId()).size();
            int room = campaign.repetitions() == null ? Integer.MAX_VALUE
                    : Math.max(0, campaign.repetitions() * campaign.stampCount() - held);
            long sequence = repository.lastSequence(campaign.id(), purchase.customerId());
            for (String conditionId : conditionIds.subList(0, Math.min(room, conditionIds.size()))) {
                repository.insertStamp(Ids.newId(), campaign.id(), purchase.customerId(), purchase.purchaseId(),
                        conditionId, ++sequence, at);
            }
            place(campaign, purchase.customerId(), cards, now, purchase.purchaseId());
        });
    }

    @Override
    public void cancelled(String purchaseId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (var pair : repository.stampedBy(purchaseId)) {
            String customerId = pair.value1();
            String campaignId = pair.value2();
            lock(customerId);
            List<StamperCardRecord> cards = repository.lockCards(campaignId, customerId);
            repository.removeStamps(purchaseId, customerId, campaignId, now);
            place(repository.campaign(campaignId), customerId, cards, now, null);
        }
    }

    /** The stamps the purchase added, per campaign and condition (those a cancellation removed no longer count). */
    @Override
    public List<Effect> effects(String purchaseId) {
        return repository.stampsOf(purchaseId).stream()
                .map(r -> new Effect("stamp", r.value1(), r.value2(), r.value3())).toList();
    }

    /** The condition ids of the stamps these items earn, one entry per stamp, in condition order. */
    static List<String> earned(StampRepository.Campaign campaign, List<PaidItem> items,
                               Map<String, ProductClass> classes) {
        List<String> stamps = new ArrayList<>();
        for (var condition : campaign.conditions()) {
            BigDecimal quantity = BigDecimal.ZERO;
            for (PaidItem item : items) {
                if (qualifies(condition, item, classes.get(item.productId()))) {
                    quantity = quantity.add(item.quantity());
                }
            }
            long count = quantity.divide(BigDecimal.valueOf(condition.itemCount()), 0, RoundingMode.DOWN)
                    .longValue();
            for (long i = 0; i < count; i++) {
                stamps.add(condition.id());
            }
        }
        return stamps;
    }

    static boolean qualifies(StampRepository.Condition condition, PaidItem item, ProductClass product) {
        if (item.loyaltyOff() || item.productId() == null || product == null || item.quantity() == null
                || item.quantity().signum() <= 0 || item.paidAmount() == null) {
            return false;
        }
        if (condition.minItemValue() != null && item.paidAmount()
                .compareTo(condition.minItemValue().multiply(item.quantity())) < 0) {
            return false;
        }
        return condition.anyProduct() || condition.productIds().contains(product.productId())
                || product.groupIds().stream().anyMatch(condition.groupIds()::contains)
                || (product.brandId() != null && condition.brandIds().contains(product.brandId()));
    }

    private boolean lock(String customerId) {
        return writes.lockInBody(STAMPER, customerId, "customer_id", new ArrayList<>());
    }

    /** Places the customer's active stamps on the cards (see the class comment) and settles rewards and checkpoints. */
    private void place(StampRepository.Campaign campaign, String customerId, List<StamperCardRecord> locked,
                       OffsetDateTime now, String purchaseId) {
        List<StamperCardRecord> cards = new ArrayList<>(locked);
        var stamps = repository.activeStamps(campaign.id(), customerId);
        int n = campaign.stampCount();
        int needed = (stamps.size() + n - 1) / n;
        if (!stamps.isEmpty() && stamps.size() % n == 0
                && (campaign.repetitions() == null || needed < campaign.repetitions())) {
            needed++;
        }
        // no stamp left (the only purchase that stamped was cancelled): no card either, as before that purchase
        while (cards.size() < needed) {
            var card = repository.newCard();
            card.setId(Ids.newId());
            card.setStamperCampaignId(campaign.id());
            card.setCustomerId(customerId);
            card.setStamperCardOrder(cards.size() + 1);
            card.setStampsCollected(0);
            card.setIsFilledUp(false);
            card.setRewardUnlocked(false);
            card.setState(1);
            card.setCreatedAt(now);
            card.setLastChange(now);
            card.store();
            cards.add(card);
        }
        int[] counts = new int[cards.size()];
        for (int i = 0; i < stamps.size(); i++) {
            var stamp = stamps.get(i);
            StamperCardRecord card = cards.get(i / n);
            int order = i % n + 1;
            counts[i / n]++;
            if (!card.getId().equals(stamp.value2()) || stamp.value3() == null || stamp.value3() != order) {
                repository.place(stamp.value1(), card.getId(), order, now);
            }
        }
        for (int c = 0; c < cards.size(); c++) {
            settle(campaign, cards.get(c), counts[c], now, purchaseId);
        }
        for (int c = cards.size() - 1; c >= needed; c--) {
            repository.deleteCard(cards.get(c).getId());
        }
    }

    /** {@code purchaseId}: the committed purchase whose stamps are placed (its events name it), null on a cancellation. */
    private void settle(StampRepository.Campaign campaign, StamperCardRecord card, int count, OffsetDateTime now,
                        String purchaseId) {
        boolean filled = count >= campaign.stampCount();
        boolean changed = card.getStampsCollected() != count;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("stamper_card_id", card.getId());
        payload.put("stamper_campaign_id", campaign.id());
        payload.put("customer_id", card.getCustomerId());
        if (purchaseId != null) {
            payload.put("purchase_id", purchaseId);
        }
        if (filled && !card.getIsFilledUp()) {
            card.setIsFilledUp(true);
            card.setRewardId(campaign.rewardId());
            card.setRewardUnlocked(campaign.rewardId() != null);
            card.setUnlockedAt(now);
            changed = true;
            payload.put("reward_id", campaign.rewardId());
            events.publish(EventType.STAMPER_CARD_FILLED, card.getId(), new LinkedHashMap<>(payload));
        } else if (!filled && card.getIsFilledUp()) {
            Map<String, Object> revoked = new LinkedHashMap<>(payload);
            revoked.put("reward_id", card.getRewardId());
            card.setIsFilledUp(false);
            card.setRewardUnlocked(false);
            card.setUnlockedAt(null);
            changed = true;
            events.publish(EventType.STAMPER_BONUS_REVOKED, card.getId(), revoked);
        }
        Set<String> reached = repository.reachedCheckpoints(card.getId());
        for (var checkpoint : campaign.checkpoints()) {
            boolean now_reached = count >= checkpoint.stampNumber();
            Map<String, Object> p = new LinkedHashMap<>(payload);
            p.put("stamper_bonus_checkpoint_id", checkpoint.id());
            p.put("reward_id", checkpoint.rewardId());
            if (now_reached && !reached.contains(checkpoint.id())) {
                repository.reach(card.getId(), checkpoint.id(), now);
                events.publish(EventType.STAMPER_CHECKPOINT_REACHED, card.getId(), p);
            } else if (!now_reached && reached.contains(checkpoint.id())) {
                repository.unreach(card.getId(), checkpoint.id());
                events.publish(EventType.STAMPER_BONUS_REVOKED, card.getId(), p);
            }
        }
        if (changed) {
            card.setStampsCollected(count);
            card.setLastChange(now);
            card.update();
        }
    }
}
