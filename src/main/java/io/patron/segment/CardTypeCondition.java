package io.patron.segment;

import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import io.patron.card.CardConditions;
import tools.jackson.databind.JsonNode;

import io.patron.events.EventType;

/**
 * {@code kind: card_type, card_type_id: ...}: the customer holds an active, valid card of the type. Re-evaluated
 * for a customer when a card is assigned to them or changes.
 */
@Component
class CardTypeCondition implements SegmentConditionKind {

    private final CardConditions cards;

    CardTypeCondition(CardConditions cards) {
        this.cards = cards;
    }

    @Override
    public String kind() {
        return "card_type";
    }

    /** A card given to the customer. */
    @Override
    public java.util.Set<String> changedBy(JsonNode params) {
        return java.util.Set.of(EventType.CARD_ASSIGNED);
    }

    @Override
    public Condition condition(JsonNode params, Field<String> customerId, OffsetDateTime now) {
        return cards.holdsCardOfType(customerId, SegmentConditionKind.text(params, "card_type_id"), now);
    }
}
