package io.patron.customer;

import static io.patron.customer.CustomerTables.*;

import java.time.OffsetDateTime;
import java.util.Optional;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.DSLContext;
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
        return dsl.fetchExists(CUSTOMER, C_ID.eq(customerId).and(C_STATE.ne(0)));
    }

    /** Locks the customer row for the rest of the transaction (serializes changes of one customer). */
    boolean lock(String customerId) {
        return dsl.select(C_ID).from(CUSTOMER).where(C_ID.eq(customerId)).and(C_STATE.ne(0)).forUpdate()
                .fetchOptional().isPresent();
    }

    Optional<String> idByEmail(String emailKey) {
        return dsl.select(C_ID).from(CUSTOMER).where(C_EMAIL_KEY.eq(emailKey)).fetchOptional(C_ID);
    }

    Optional<String> passwordHash(String customerId) {
        return dsl.select(C_PASSWORD).from(CUSTOMER).where(C_ID.eq(customerId)).fetchOptional(C_PASSWORD);
    }

    void setPassword(String id, String passwordHash, OffsetDateTime now) {
        dsl.update(CUSTOMER).set(C_PASSWORD, passwordHash).set(C_CHANGED, now).where(C_ID.eq(id)).execute();
    }

    void insert(String id, CustomerBodies.PersonalInformation info, String passwordHash, OffsetDateTime now) {
        dsl.insertInto(CUSTOMER).set(columns(info)).set(C_ID, id).set(C_PASSWORD, passwordHash).set(C_STATE, 1)
                .set(C_CREATED, now).set(C_CHANGED, now).execute();
    }

    /** Replaces the personal information (fields left out are cleared); a null password keeps the old one. */
    void replace(String id, CustomerBodies.PersonalInformation info, String passwordHash, OffsetDateTime now) {
        Map<Field<?>, Object> values = columns(info);
        values.put(C_CHANGED, now);
        if (passwordHash != null) {
            values.put(C_PASSWORD, passwordHash);
        }
        dsl.update(CUSTOMER).set(values).where(C_ID.eq(id)).execute();
    }

    /** The columns of the personal information, every one of them (so that PUT clears what is left out). */
    private static Map<Field<?>, Object> columns(CustomerBodies.PersonalInformation p) {
        CustomerBodies.Address a = p.address() == null
                ? new CustomerBodies.Address(null, null, null, null, null, null, null, null, null, null) : p.address();
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(C_SALUTATION, p.salutation());
        values.put(C_GENDER, p.gender());
        values.put(C_FIRST_NAME, p.firstName());
        values.put(C_LAST_NAME, p.lastName());
        values.put(C_PRE_NOMINALS, p.preNominals());
        values.put(C_POST_NOMINALS, p.postNominals());
        values.put(C_BIRTHDATE, p.birthdate());
        values.put(C_EMAIL, p.email());
        values.put(C_EMAIL_KEY, p.email());
        values.put(C_PHONE, p.phone());
        values.put(C_LANGUAGE, p.languageId());
        values.put(C_STORE, p.storeId());
        values.put(C_ADDRESS1, a.address1());
        values.put(C_ADDRESS2, a.address2());
        values.put(C_ADDRESS3, a.address3());
        values.put(C_ADDRESS4, a.address4());
        values.put(C_ADDRESS5, a.address5());
        values.put(C_ADDRESS6, a.address6());
        values.put(C_ADDRESS7, a.address7());
        values.put(C_ZIP, a.zip());
        values.put(C_CITY, a.city());
        values.put(C_COUNTRY, a.countryCode());
        return values;
    }

    Optional<String> activeSource(String sourceId) {
        return dsl.select(S_ID).from(SOURCE).where(S_ID.eq(sourceId)).and(S_STATE.eq(1)).fetchOptional(S_ID);
    }

    Optional<String> customerOfExternalId(String sourceId, String externalId) {
        return dsl.select(SR_CUSTOMER).from(SOURCE_RECORD)
                .where(SR_SOURCE.eq(sourceId)).and(SR_EXTERNAL.eq(externalId)).fetchOptional(SR_CUSTOMER);
    }

    boolean hasSourceRecord(String customerId, String sourceId, String externalId) {
        return dsl.fetchExists(SOURCE_RECORD, SR_CUSTOMER.eq(customerId).and(SR_SOURCE.eq(sourceId))
                .and(externalId == null ? SR_EXTERNAL.isNull() : SR_EXTERNAL.eq(externalId)));
    }

    String insertSourceRecord(String customerId, String sourceId, String externalId, OffsetDateTime now) {
        String id = Ids.newId();
        dsl.insertInto(SOURCE_RECORD).set(SR_ID, id).set(SR_CUSTOMER, customerId).set(SR_SOURCE, sourceId)
                .set(SR_EXTERNAL, externalId).set(SR_CHANGED, now).execute();
        return id;
    }

    void upsertSource(String id, String textId, int state, OffsetDateTime now) {
        int updated = dsl.update(SOURCE).set(S_STATE, state).where(S_ID.eq(id)).and(S_STATE.ne(state)).execute();
        if (updated == 0 && !dsl.fetchExists(SOURCE, S_ID.eq(id))) {
            dsl.insertInto(SOURCE).set(S_ID, id).set(S_TEXT_ID, textId).set(S_STATE, state).set(S_CHANGED, now)
                    .execute();
        }
    }
}
