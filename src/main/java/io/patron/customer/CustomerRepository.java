package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;
import static io.patron.db.Tables.CUSTOMER_SOURCE;
import static io.patron.db.Tables.CUSTOMER_SOURCE_RECORD;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

import io.patron.common.Ids;

/** SQL of customers, customer sources and source records. */
@Repository
class CustomerRepository {

    private final DSLContext dsl;

    CustomerRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    boolean exists(String customerId) {
        return dsl.fetchExists(CUSTOMER, CUSTOMER.ID.eq(customerId).and(CUSTOMER.STATE.ne(0)));
    }

    /** Locks the customer row for the rest of the transaction (serializes changes of one customer). */
    boolean lock(String customerId) {
        return locked(dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId))
                .and(CUSTOMER.STATE.ne(0))).fetchOptional().isPresent();
    }

    /** Locks the customer row (deleted or not) and answers its state; empty for an unknown id. */
    Optional<Integer> lockAnyState(String customerId) {
        return locked(dsl.select(CUSTOMER.STATE).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)))
                .fetchOptional(CUSTOMER.STATE);
    }

    /** Locks the rows of the customers (deleted or not), in id order so that two lockers of a set never deadlock. */
    void lockAll(Collection<String> customerIds) {
        locked(dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ID.in(customerIds)).orderBy(CUSTOMER.ID)).fetch();
    }

    /**
     * Every customer lock: FOR NO KEY UPDATE on PostgreSQL. It excludes every other customer lock, so changes and
     * evaluations of one customer take turns, but not the key-share lock a foreign-key check takes when a
     * transaction inserts a row that refers to the customer. With FOR UPDATE, a transaction that inserted such a row
     * (an event, a ledger entry) and then locked the customer deadlocked against one that held the lock and
     * inserted: outbox listeners lost such deadlocks to the ledger by the hundreds under cash-desk load.
     */
    private <R extends Record> ResultQuery<R> locked(SelectForUpdateStep<R> select) {
        return dsl.dialect().family() == SQLDialect.POSTGRES ? select.forNoKeyUpdate() : select.forUpdate();
    }

    List<String> idsByEmailDomain(String domain, int limit) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.EMAIL_KEY.endsWith("@" + domain.toLowerCase()))
                .and(CUSTOMER.STATE.ne(0)).orderBy(CUSTOMER.EMAIL_KEY).limit(limit).fetch(CUSTOMER.ID);
    }

    /** The customer's phone number (normalized as stored); empty when there is none. */
    Optional<String> phone(String customerId) {
        return dsl.select(CUSTOMER.PHONE).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).fetchOptional()
                .map(org.jooq.Record1::value1);
    }

    Optional<String> idByEmail(String emailKey) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.EMAIL_KEY.eq(emailKey)).fetchOptional(CUSTOMER.ID);
    }

    Optional<String> passwordHash(String customerId) {
        return dsl.select(CUSTOMER.PASSWORD_HASH).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId))
                .fetchOptional(CUSTOMER.PASSWORD_HASH);
    }

    void setPassword(String id, String passwordHash, OffsetDateTime now) {
        dsl.update(CUSTOMER).set(CUSTOMER.PASSWORD_HASH, passwordHash).set(CUSTOMER.LAST_CHANGE, now)
                .where(CUSTOMER.ID.eq(id)).execute();
    }

    void insert(String id, CustomerBodies.PersonalInformation info, String passwordHash, OffsetDateTime now) {
        dsl.insertInto(CUSTOMER).set(columns(info)).set(CUSTOMER.ID, id).set(CUSTOMER.PASSWORD_HASH, passwordHash)
                .set(CUSTOMER.STATE, 1)
                .set(CUSTOMER.CREATED_AT, now).set(CUSTOMER.LAST_CHANGE, now).execute();
    }

    /** Replaces the personal information (fields left out are cleared); a null password keeps the old one. */
    void replace(String id, CustomerBodies.PersonalInformation info, String passwordHash, OffsetDateTime now) {
        Map<Field<?>, Object> values = columns(info);
        values.put(CUSTOMER.LAST_CHANGE, now);
        if (passwordHash != null) {
            values.put(CUSTOMER.PASSWORD_HASH, passwordHash);
        }
        dsl.update(CUSTOMER).set(values).where(CUSTOMER.ID.eq(id)).execute();
    }

    /** The columns of the personal information, every one of them (so that PUT clears what is left out). */
    private static Map<Field<?>, Object> columns(CustomerBodies.PersonalInformation p) {
        CustomerBodies.Address a = p.address() == null
                ? new CustomerBodies.Address(null, null, null, null, null, null, null, null, null, null) : p.address();
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(CUSTOMER.SALUTATION, p.salutation());
        values.put(CUSTOMER.GENDER, p.gender());
        values.put(CUSTOMER.FIRST_NAME, p.firstName());
        values.put(CUSTOMER.LAST_NAME, p.lastName());
        values.put(CUSTOMER.PRE_NOMINALS, p.preNominals());
        values.put(CUSTOMER.POST_NOMINALS, p.postNominals());
        values.put(CUSTOMER.BIRTHDATE, p.birthdate());
        values.put(CUSTOMER.EMAIL, p.email());
        values.put(CUSTOMER.EMAIL_KEY, p.email());
        values.put(CUSTOMER.PHONE, p.phone());
        values.put(CUSTOMER.LANGUAGE_ID, p.languageId());
        values.put(CUSTOMER.STORE_ID, p.storeId());
        values.put(CUSTOMER.ADDRESS1, a.address1());
        values.put(CUSTOMER.ADDRESS2, a.address2());
        values.put(CUSTOMER.ADDRESS3, a.address3());
        values.put(CUSTOMER.ADDRESS4, a.address4());
        values.put(CUSTOMER.ADDRESS5, a.address5());
        values.put(CUSTOMER.ADDRESS6, a.address6());
        values.put(CUSTOMER.ADDRESS7, a.address7());
        values.put(CUSTOMER.ZIP, a.zip());
        values.put(CUSTOMER.CITY, a.city());
        values.put(CUSTOMER.COUNTRY_CODE, a.countryCode());
        return values;
    }

    Optional<String> activeSource(String sourceId) {
        return dsl.select(CUSTOMER_SOURCE.ID).from(CUSTOMER_SOURCE).where(CUSTOMER_SOURCE.ID.eq(sourceId))
                .and(CUSTOMER_SOURCE.STATE.eq(1)).fetchOptional(CUSTOMER_SOURCE.ID);
    }

    Optional<String> customerOfExternalId(String sourceId, String externalId) {
        return dsl.select(CUSTOMER_SOURCE_RECORD.CUSTOMER_ID).from(CUSTOMER_SOURCE_RECORD)
                .where(CUSTOMER_SOURCE_RECORD.CUSTOMER_SOURCE_ID.eq(sourceId))
                .and(CUSTOMER_SOURCE_RECORD.EXTERNAL_ID.eq(externalId))
                .fetchOptional(CUSTOMER_SOURCE_RECORD.CUSTOMER_ID);
    }

    boolean hasSourceRecord(String customerId, String sourceId, String externalId) {
        return dsl.fetchExists(CUSTOMER_SOURCE_RECORD,
                CUSTOMER_SOURCE_RECORD.CUSTOMER_ID.eq(customerId)
                .and(CUSTOMER_SOURCE_RECORD.CUSTOMER_SOURCE_ID.eq(sourceId))
                .and(externalId == null ? CUSTOMER_SOURCE_RECORD.EXTERNAL_ID.isNull()
                        : CUSTOMER_SOURCE_RECORD.EXTERNAL_ID.eq(externalId)));
    }

    String insertSourceRecord(String customerId, String sourceId, String externalId, OffsetDateTime now) {
        String id = Ids.newId();
        dsl.insertInto(CUSTOMER_SOURCE_RECORD).set(CUSTOMER_SOURCE_RECORD.ID, id)
                .set(CUSTOMER_SOURCE_RECORD.CUSTOMER_ID, customerId)
                .set(CUSTOMER_SOURCE_RECORD.CUSTOMER_SOURCE_ID, sourceId)
                .set(CUSTOMER_SOURCE_RECORD.EXTERNAL_ID, externalId).set(CUSTOMER_SOURCE_RECORD.LAST_CHANGE, now)
                .execute();
        return id;
    }

    void upsertSource(String id, String textId, int state, OffsetDateTime now) {
        int updated = dsl.update(CUSTOMER_SOURCE).set(CUSTOMER_SOURCE.STATE, state).where(CUSTOMER_SOURCE.ID.eq(id))
                .and(CUSTOMER_SOURCE.STATE.ne(state)).execute();
        if (updated == 0 && !dsl.fetchExists(CUSTOMER_SOURCE, CUSTOMER_SOURCE.ID.eq(id))) {
            dsl.insertInto(CUSTOMER_SOURCE).set(CUSTOMER_SOURCE.ID, id).set(CUSTOMER_SOURCE.TEXT_ID, textId)
                    .set(CUSTOMER_SOURCE.STATE, state).set(CUSTOMER_SOURCE.LAST_CHANGE, now)
                    .execute();
        }
    }
}
