package io.patron.card;

import static io.patron.db.Tables.CARD;

import java.time.OffsetDateTime;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Conditions about cards for capabilities that select customers in SQL (segments), correlated with the customer id
 * column of the caller's query.
 */
@Component
public class CardConditions {

    /** The customer holds an active (not blocked) card of the card type, valid at {@code now}. */
    public Condition holdsCardOfType(Field<String> customerId, String cardTypeId, OffsetDateTime now) {
        return DSL.exists(DSL.selectOne().from(CARD).where(CARD.CUSTOMER_ID.eq(customerId))
                .and(CARD.CARD_TYPE_ID.eq(cardTypeId)).and(CARD.STATE.eq(1))
                .and(CARD.VALID_FROM.isNull().or(CARD.VALID_FROM.le(now)))
                .and(CARD.VALID_TO.isNull().or(CARD.VALID_TO.ge(now))));
    }
}
