package io.patron.card;

import static io.patron.db.Tables.CARD_TYPE;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The SQL of card types. */
@Repository
class CardTypeRepository {

    /** Entity of the translated card type names. */
    static final String CARD_TYPE_NAME = "card_type.name";

    private final DSLContext dsl;

    CardTypeRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    boolean exists(String id) {
        return dsl.fetchExists(CARD_TYPE, CARD_TYPE.ID.eq(id));
    }

    Optional<String> idByTextId(String textId) {
        return dsl.select(CARD_TYPE.ID).from(CARD_TYPE).where(CARD_TYPE.TEXT_ID.eq(textId)).fetchOptional(CARD_TYPE.ID);
    }

    /** Whether a card type other than {@code exceptId} (null: any) has this prefix. */
    boolean prefixTaken(String prefix, String exceptId) {
        return dsl.fetchExists(CARD_TYPE, CARD_TYPE.PREFIX.eq(prefix)
                .and(exceptId == null ? CARD_TYPE.ID.isNotNull() : CARD_TYPE.ID.ne(exceptId)));
    }

    /**
     * Inserts a card type unless its text id is taken, which is answered with false (without failing
     * the transaction, so that the caller can try another text id). A taken prefix still fails.
     */
    boolean insert(String id, String textId, String prefix, OffsetDateTime now) {
        return dsl.insertInto(CARD_TYPE, CARD_TYPE.ID, CARD_TYPE.TEXT_ID, CARD_TYPE.PREFIX, CARD_TYPE.LAST_CHANGE)
                .values(id, textId, prefix, now)
                .onConflict(CARD_TYPE.TEXT_ID).doNothing()
                .execute() == 1;
    }

    void update(String id, String prefix, OffsetDateTime now) {
        dsl.update(CARD_TYPE).set(CARD_TYPE.PREFIX, prefix).set(CARD_TYPE.LAST_CHANGE, now)
                .where(CARD_TYPE.ID.eq(id)).execute();
    }
}
