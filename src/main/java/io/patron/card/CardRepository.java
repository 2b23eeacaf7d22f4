package io.patron.card;

import static io.patron.db.Tables.CARD;
import static io.patron.db.Tables.CARD_FILE;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL of cards and digital card files. */
@Repository
class CardRepository {

    /** A card's columns as the service works with them. */
    record Row(String customerId, String cardTypeId, String cardNumber, String secondaryCardNumber,
               OffsetDateTime validFrom, OffsetDateTime validTo, String storeId, int state) {
    }

    record Stored(String id, Row row) {
    }

    private final DSLContext dsl;

    CardRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Within the validity range at {@code now} (open ends count as valid). */
    static Condition validAt(OffsetDateTime now) {
        return CARD.VALID_FROM.isNull().or(CARD.VALID_FROM.le(now))
                .and(CARD.VALID_TO.isNull().or(CARD.VALID_TO.ge(now)));
    }

    Optional<Stored> byId(String id, boolean lock) {
        var query = dsl.select(CARD.ID, CARD.CUSTOMER_ID, CARD.CARD_TYPE_ID, CARD.CARD_NUMBER,
                CARD.SECONDARY_CARD_NUMBER, CARD.VALID_FROM, CARD.VALID_TO, CARD.STORE_ID,
                CARD.STATE).from(CARD).where(CARD.ID.eq(id));
        return (lock ? query.forUpdate().fetchOptional() : query.fetchOptional()).map(CardRepository::stored);
    }

    Optional<Stored> byNumber(String number) {
        return dsl.select(CARD.ID, CARD.CUSTOMER_ID, CARD.CARD_TYPE_ID, CARD.CARD_NUMBER, CARD.SECONDARY_CARD_NUMBER,
                CARD.VALID_FROM, CARD.VALID_TO, CARD.STORE_ID, CARD.STATE)
                .from(CARD).where(CARD.CARD_NUMBER.eq(number)).fetchOptional().map(CardRepository::stored);
    }

    private static Stored stored(org.jooq.Record r) {
        return new Stored(r.get(CARD.ID),
                new Row(r.get(CARD.CUSTOMER_ID), r.get(CARD.CARD_TYPE_ID), r.get(CARD.CARD_NUMBER),
                        r.get(CARD.SECONDARY_CARD_NUMBER),
                r.get(CARD.VALID_FROM), r.get(CARD.VALID_TO), r.get(CARD.STORE_ID), r.get(CARD.STATE)));
    }

    Optional<String> idOfNumber(String number) {
        return dsl.select(CARD.ID).from(CARD).where(CARD.CARD_NUMBER.eq(number)).fetchOptional(CARD.ID);
    }

    void insert(String id, Row row, OffsetDateTime now) {
        dsl.insertInto(CARD).set(CARD.ID, id).set(CARD.CUSTOMER_ID, row.customerId())
                .set(CARD.CARD_TYPE_ID, row.cardTypeId())
                .set(CARD.CARD_NUMBER, row.cardNumber()).set(CARD.SECONDARY_CARD_NUMBER, row.secondaryCardNumber())
                .set(CARD.VALID_FROM, row.validFrom()).set(CARD.VALID_TO, row.validTo())
                .set(CARD.STORE_ID, row.storeId())
                .set(CARD.STATE, row.state()).set(CARD.CREATED_AT, now).set(CARD.LAST_CHANGE, now).execute();
    }

    /** Replaces every writable column (fields left out of a PUT are cleared). */
    void replace(String id, Row row, OffsetDateTime now) {
        dsl.update(CARD).set(CARD.CUSTOMER_ID, row.customerId()).set(CARD.CARD_TYPE_ID, row.cardTypeId())
                .set(CARD.CARD_NUMBER, row.cardNumber()).set(CARD.SECONDARY_CARD_NUMBER, row.secondaryCardNumber())
                .set(CARD.VALID_FROM, row.validFrom()).set(CARD.VALID_TO, row.validTo())
                .set(CARD.STORE_ID, row.storeId())
                .set(CARD.STATE, row.state()).set(CARD.LAST_CHANGE, now).where(CARD.ID.eq(id)).execute();
    }

    boolean customerHasCardOfType(String customerId, String cardTypeId) {
        return dsl.fetchExists(CARD, CARD.CUSTOMER_ID.eq(customerId).and(CARD.CARD_TYPE_ID.eq(cardTypeId)));
    }

    boolean customerHasCard(String customerId) {
        return dsl.fetchExists(CARD, CARD.CUSTOMER_ID.eq(customerId));
    }

    Optional<String> firstNumberOfCustomer(String customerId, OffsetDateTime now) {
        return dsl.select(CARD.CARD_NUMBER).from(CARD).where(CARD.CUSTOMER_ID.eq(customerId)).and(CARD.STATE.eq(1))
                .and(validAt(now))
                .orderBy(CARD.CREATED_AT, CARD.ID).limit(1).fetchOptional(CARD.CARD_NUMBER);
    }

    /** The next free, active, not expired card of a type, in card-number order. */
    Optional<String> firstFreeCard(String cardTypeId, OffsetDateTime now) {
        return dsl.select(CARD.ID).from(CARD).where(CARD.CARD_TYPE_ID.eq(cardTypeId)).and(CARD.CUSTOMER_ID.isNull())
                .and(CARD.STATE.eq(1))
                .and(CARD.VALID_TO.isNull().or(CARD.VALID_TO.ge(now))).orderBy(CARD.CARD_NUMBER).limit(1)
                .fetchOptional(CARD.ID);
    }

    /** Gives a free card to a customer; false when someone else took it first (safe under concurrency). */
    boolean assign(String cardId, String customerId, OffsetDateTime now) {
        return dsl.update(CARD).set(CARD.CUSTOMER_ID, customerId).set(CARD.LAST_CHANGE, now)
                .where(CARD.ID.eq(cardId)).and(CARD.CUSTOMER_ID.isNull()).execute() == 1;
    }

    /** The holder of an active, assigned card that is valid at {@code now}. */
    Optional<String> customerOfUsableCard(String number, OffsetDateTime now) {
        return dsl.select(CARD.CUSTOMER_ID).from(CARD).where(CARD.CARD_NUMBER.eq(number)).and(CARD.STATE.eq(1))
                .and(CARD.CUSTOMER_ID.isNotNull()).and(validAt(now)).fetchOptional(CARD.CUSTOMER_ID);
    }

    void insertFile(String id, String cardId, String holderId, String fileType, OffsetDateTime now) {
        dsl.insertInto(CARD_FILE).set(CARD_FILE.ID, id).set(CARD_FILE.CARD_ID, cardId)
                .set(CARD_FILE.CUSTOMER_ID, holderId).set(CARD_FILE.FILE_TYPE, fileType)
                .set(CARD_FILE.CREATED_AT, now).execute();
    }

    /** A file already made of the card, in this type, for its current holder. */
    Optional<String> existingFile(String cardId, String holderId, String fileType) {
        return dsl.select(CARD_FILE.ID).from(CARD_FILE).where(CARD_FILE.CARD_ID.eq(cardId))
                .and(CARD_FILE.FILE_TYPE.eq(fileType))
                .and(CARD_FILE.CUSTOMER_ID.isNotDistinctFrom(holderId)).orderBy(CARD_FILE.CREATED_AT, CARD_FILE.ID)
                .limit(1).fetchOptional(CARD_FILE.ID);
    }

    /** The file type and current card number of a digital card file, while the card keeps its holder. */
    Optional<org.jooq.Record2<String, String>> file(String fileId) {
        return dsl.select(CARD_FILE.FILE_TYPE, CARD.CARD_NUMBER).from(CARD_FILE).join(CARD)
                .on(CARD.ID.eq(CARD_FILE.CARD_ID)).where(CARD_FILE.ID.eq(fileId))
                .and(CARD.CUSTOMER_ID.isNotDistinctFrom(CARD_FILE.CUSTOMER_ID)).fetchOptional();
    }
}
