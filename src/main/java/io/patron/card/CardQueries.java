package io.patron.card;

import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.CARD;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jooq.Field;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;

/** Reads of cards, within the caller's customer scope. */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class CardQueries {

    private final ListQueries lists;
    private final CustomerDirectory customers;
    private final CardTypeDirectory cardTypes;
    private final Clock clock;
    private final ListSpec<CardBodies.Card> cards;
    private final ListSpec<CardBodies.Card> customerCards;
    private final ListSpec<CardBodies.Card> cardTypeCards;

    CardQueries(ListQueries lists, CustomerDirectory customers, CardTypeDirectory cardTypes, Clock clock) {
        this.lists = lists;
        this.customers = customers;
        this.cardTypes = cardTypes;
        this.clock = clock;
        this.cards = spec()
                .filter("customer_id", CARD.CUSTOMER_ID, EQ)
                .filter("card_type_id", CARD.CARD_TYPE_ID, EQ)
                .filters(f -> numberFilters(f, true))
                .filters(this::common);
        this.customerCards = spec()
                .filter("card_type_id", CARD.CARD_TYPE_ID, EQ)
                .filters(f -> numberFilters(f, false))
                .filters(this::common);
        this.cardTypeCards = spec()
                .filter("customer_id", CARD.CUSTOMER_ID, EQ)
                .filters(this::common);
    }

    private ListSpec<CardBodies.Card> spec() {
        return ListSpec.<CardBodies.Card>from(CARD)
                .id("card_id", CARD.ID)
                .field("customer_id", CARD.CUSTOMER_ID)
                .field("card_type_id", CARD.CARD_TYPE_ID)
                .field("card_number", CARD.CARD_NUMBER)
                .field("secondary_card_number", CARD.SECONDARY_CARD_NUMBER)
                .field("valid_from", ApiTime.text(CARD.VALID_FROM, clock))
                .field("valid_to", ApiTime.text(CARD.VALID_TO, clock))
                .field("store_id", CARD.STORE_ID)
                .field("last_change", ApiTime.text(CARD.LAST_CHANGE, clock))
                .field("state", CARD.STATE)
                .customerScoped(CARD.CUSTOMER_ID)
                .map(r -> r.into(CardBodies.Card.class));
    }

    /** {@code GET /cards}. */
    public Page<CardBodies.Card> cards(ListParams params) {
        return lists.page(cards, params);
    }

    /** {@code GET /customers/{id}/cards}. */
    public Page<CardBodies.Card> customerCards(String customerId, ListParams params) {
        return lists.customerPage(customerCards, params, customerId, customers::exists);
    }

    /** {@code GET /card-types/{id}/cards}. */
    public Page<CardBodies.Card> cardTypeCards(String cardTypeId, ListParams params) {
        if (!cardTypes.exists(cardTypeId)) {
            throw ApiError.notFound("card-types", cardTypeId);
        }
        return lists.page(cardTypeCards, params, CARD.CARD_TYPE_ID.eq(cardTypeId));
    }

    /** {@code GET /cards/{id}}. */
    public CardBodies.Card card(Caller caller, String cardId) {
        CardBodies.Card card = lists.one(cards, CARD.ID.eq(cardId))
                .orElseThrow(() -> ApiError.notFound("cards", cardId));
        CustomerScope.requireHolder(caller, card.customerId(), "card_id", cardId);
        return card;
    }

    /** The card with this number, for capabilities that receive card numbers from outside (POS imports). */
    public java.util.Optional<CardBodies.Card> cardByNumber(String cardNumber) {
        return lists.one(cards, CARD.CARD_NUMBER.eq(cardNumber));
    }

    /** {@code card_number} and {@code card_number_list}, on the secondary numbers when asked to. */
    private static void numberFilters(Filters filters, boolean secondaryAllowed) {
        List<InvalidParam> errors = new ArrayList<>();
        Boolean secondary = secondaryAllowed ? filters.query().bool("search_secondary_card_number", errors) : null;
        errors.forEach(filters::error);
        Field<String> column = Boolean.TRUE.equals(secondary) ? CARD.SECONDARY_CARD_NUMBER : CARD.CARD_NUMBER;
        filters.eq("card_number", column).in("card_number_list", column);
    }

    /** {@code state} and {@code is_valid} (within the validity range now). */
    private void common(Filters filters) {
        List<InvalidParam> errors = new ArrayList<>();
        Integer state = filters.query().integer("state", errors);
        if (state != null) {
            if (state != 0 && state != 1) {
                errors.add(InvalidParam.of("state", Reason.NOT_ALLOWED_VALUE, state, "state must be 0 or 1"));
            } else {
                filters.where(CARD.STATE.eq(state));
            }
        }
        Boolean valid = filters.query().bool("is_valid", errors);
        if (valid != null) {
            var inRange = CardRepository.validAt(OffsetDateTime.now(clock));
            filters.where(valid ? inRange : inRange.not());
        }
        errors.forEach(filters::error);
    }
}
