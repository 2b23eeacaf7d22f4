package io.patron.card;

import static io.patron.card.CardTables.*;

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
        return K_VALID_FROM.isNull().or(K_VALID_FROM.le(now)).and(K_VALID_TO.isNull().or(K_VALID_TO.ge(now)));
    }

    Optional<Stored> byId(String id, boolean lock) {
        var query = dsl.select(K_ID, K_CUSTOMER, K_TYPE, K_NUMBER, K_SECONDARY, K_VALID_FROM, K_VALID_TO, K_STORE,
                K_STATE).from(CARD).where(K_ID.eq(id));
        return (lock ? query.forUpdate().fetchOptional() : query.fetchOptional()).map(CardRepository::stored);
    }

    Optional<Stored> byNumber(String number) {
        return dsl.select(K_ID, K_CUSTOMER, K_TYPE, K_NUMBER, K_SECONDARY, K_VALID_FROM, K_VALID_TO, K_STORE, K_STATE)
                .from(CARD).where(K_NUMBER.eq(number)).fetchOptional().map(CardRepository::stored);
    }

    private static Stored stored(org.jooq.Record r) {
        return new Stored(r.get(K_ID), new Row(r.get(K_CUSTOMER), r.get(K_TYPE), r.get(K_NUMBER), r.get(K_SECONDARY),
                r.get(K_VALID_FROM), r.get(K_VALID_TO), r.get(K_STORE), r.get(K_STATE)));
    }

    Optional<String> idOfNumber(String number) {
        return dsl.select(K_ID).from(CARD).where(K_NUMBER.eq(number)).fetchOptional(K_ID);
    }

    void insert(String id, Row row, OffsetDateTime now) {
        dsl.insertInto(CARD).set(K_ID, id).set(K_CUSTOMER, row.customerId()).set(K_TYPE, row.cardTypeId())
                .set(K_NUMBER, row.cardNumber()).set(K_SECONDARY, row.secondaryCardNumber())
                .set(K_VALID_FROM, row.validFrom()).set(K_VALID_TO, row.validTo()).set(K_STORE, row.storeId())
                .set(K_STATE, row.state()).set(K_CREATED, now).set(K_CHANGED, now).execute();
    }

    /** Replaces every writable column (fields left out of a PUT are cleared). */
    void replace(String id, Row row, OffsetDateTime now) {
        dsl.update(CARD).set(K_CUSTOMER, row.customerId()).set(K_TYPE, row.cardTypeId())
                .set(K_NUMBER, row.cardNumber()).set(K_SECONDARY, row.secondaryCardNumber())
                .set(K_VALID_FROM, row.validFrom()).set(K_VALID_TO, row.validTo()).set(K_STORE, row.storeId())
                .set(K_STATE, row.state()).set(K_CHANGED, now).where(K_ID.eq(id)).execute();
    }

    boolean customerHasCardOfType(String customerId, String cardTypeId) {
        return dsl.fetchExists(CARD, K_CUSTOMER.eq(customerId).and(K_TYPE.eq(cardTypeId)));
    }

    boolean customerHasCard(String customerId) {
        return dsl.fetchExists(CARD, K_CUSTOMER.eq(customerId));
    }

    Optional<String> firstNumberOfCustomer(String customerId, OffsetDateTime now) {
        return dsl.select(K_NUMBER).from(CARD).where(K_CUSTOMER.eq(customerId)).and(K_STATE.eq(1)).and(validAt(now))
                .orderBy(K_CREATED, K_ID).limit(1).fetchOptional(K_NUMBER);
    }

    /** The next free, active, not expired card of a type, in card-number order. */
    Optional<String> firstFreeCard(String cardTypeId, OffsetDateTime now) {
        return dsl.select(K_ID).from(CARD).where(K_TYPE.eq(cardTypeId)).and(K_CUSTOMER.isNull()).and(K_STATE.eq(1))
                .and(K_VALID_TO.isNull().or(K_VALID_TO.ge(now))).orderBy(K_NUMBER).limit(1).fetchOptional(K_ID);
    }

    /** Gives a free card to a customer; false when someone else took it first (safe under concurrency). */
    boolean assign(String cardId, String customerId, OffsetDateTime now) {
        return dsl.update(CARD).set(K_CUSTOMER, customerId).set(K_CHANGED, now)
                .where(K_ID.eq(cardId)).and(K_CUSTOMER.isNull()).execute() == 1;
    }

    /** The holder of an active, assigned card that is valid at {@code now}. */
    Optional<String> customerOfUsableCard(String number, OffsetDateTime now) {
        return dsl.select(K_CUSTOMER).from(CARD).where(K_NUMBER.eq(number)).and(K_STATE.eq(1))
                .and(K_CUSTOMER.isNotNull()).and(validAt(now)).fetchOptional(K_CUSTOMER);
    }

    void insertFile(String id, String cardId, String holderId, String fileType, OffsetDateTime now) {
        dsl.insertInto(FILE).set(F_ID, id).set(F_CARD, cardId).set(F_HOLDER, holderId).set(F_TYPE, fileType)
                .set(F_CREATED, now).execute();
    }

    /** A file already made of the card, in this type, for its current holder. */
    Optional<String> existingFile(String cardId, String holderId, String fileType) {
        return dsl.select(F_ID).from(FILE).where(F_CARD.eq(cardId)).and(F_TYPE.eq(fileType))
                .and(F_HOLDER.isNotDistinctFrom(holderId)).orderBy(F_CREATED, F_ID).limit(1).fetchOptional(F_ID);
    }

    /** The file type and current card number of a digital card file, while the card keeps its holder. */
    Optional<org.jooq.Record2<String, String>> file(String fileId) {
        return dsl.select(F_TYPE, K_NUMBER).from(FILE).join(CARD).on(K_ID.eq(F_CARD)).where(F_ID.eq(fileId))
                .and(K_CUSTOMER.isNotDistinctFrom(F_HOLDER)).fetchOptional();
    }
}
