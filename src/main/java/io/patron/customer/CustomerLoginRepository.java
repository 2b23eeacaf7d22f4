package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;
import static io.patron.db.Tables.CUSTOMER_AUTH_TOKEN;
import static io.patron.db.Tables.CUSTOMER_PASSWORD_SETUP;
import static io.patron.db.Tables.CUSTOMER_SOCIAL_NETWORK;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL of customer login: lookups by login, authentication tokens, password setup tokens, social links. */
@Repository
class CustomerLoginRepository {

    record AuthToken(String tokenHash, String customerId, String applicationId, OffsetDateTime validTo,
                     OffsetDateTime usedAt) {
    }

    record SetupToken(String customerId, OffsetDateTime validTo, OffsetDateTime usedAt) {
    }

    private final DSLContext dsl;

    CustomerLoginRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<String> activeIdByEmail(String emailKey) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.EMAIL_KEY.eq(emailKey)).and(CUSTOMER.STATE.ne(0))
                .fetchOptional(CUSTOMER.ID);
    }

    /** Active customers with this phone (at most two: a phone shared by several customers is no login). */
    List<String> activeIdsByPhone(String phone) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.PHONE.eq(phone)).and(CUSTOMER.STATE.ne(0))
                .limit(2).fetch(CUSTOMER.ID);
    }

    Optional<String> emailOf(String customerId) {
        return dsl.select(CUSTOMER.EMAIL).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).and(CUSTOMER.STATE.ne(0))
                .fetchOptional(CUSTOMER.EMAIL);
    }

    void insertAuthToken(String requestHash, String tokenHash, String customerId, String applicationId,
                         OffsetDateTime now, OffsetDateTime validTo) {
        dsl.insertInto(CUSTOMER_AUTH_TOKEN).set(CUSTOMER_AUTH_TOKEN.REQUEST_HASH, requestHash)
                .set(CUSTOMER_AUTH_TOKEN.TOKEN_HASH, tokenHash)
                .set(CUSTOMER_AUTH_TOKEN.CUSTOMER_ID, customerId)
                .set(CUSTOMER_AUTH_TOKEN.APPLICATION_ID, applicationId).set(CUSTOMER_AUTH_TOKEN.CREATED_AT, now)
                .set(CUSTOMER_AUTH_TOKEN.VALID_TO, validTo).execute();
    }

    Optional<AuthToken> authToken(String requestHash) {
        return dsl.select(CUSTOMER_AUTH_TOKEN.TOKEN_HASH, CUSTOMER_AUTH_TOKEN.CUSTOMER_ID,
                CUSTOMER_AUTH_TOKEN.APPLICATION_ID, CUSTOMER_AUTH_TOKEN.VALID_TO, CUSTOMER_AUTH_TOKEN.USED_AT)
                .from(CUSTOMER_AUTH_TOKEN)
                .where(CUSTOMER_AUTH_TOKEN.REQUEST_HASH.eq(requestHash))
                .fetchOptional(r -> new AuthToken(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Marks the token used; false when another request used it first. */
    boolean useAuthToken(String requestHash, OffsetDateTime now) {
        return dsl.update(CUSTOMER_AUTH_TOKEN).set(CUSTOMER_AUTH_TOKEN.USED_AT, now)
                .where(CUSTOMER_AUTH_TOKEN.REQUEST_HASH.eq(requestHash)).and(CUSTOMER_AUTH_TOKEN.USED_AT.isNull())
                .execute() == 1;
    }

    void insertSetupToken(String tokenHash, String customerId, OffsetDateTime now, OffsetDateTime validTo) {
        dsl.insertInto(CUSTOMER_PASSWORD_SETUP).set(CUSTOMER_PASSWORD_SETUP.TOKEN_HASH, tokenHash)
                .set(CUSTOMER_PASSWORD_SETUP.CUSTOMER_ID, customerId).set(CUSTOMER_PASSWORD_SETUP.CREATED_AT, now)
                .set(CUSTOMER_PASSWORD_SETUP.VALID_TO, validTo).execute();
    }

    Optional<SetupToken> setupToken(String tokenHash) {
        return dsl.select(CUSTOMER_PASSWORD_SETUP.CUSTOMER_ID, CUSTOMER_PASSWORD_SETUP.VALID_TO,
                CUSTOMER_PASSWORD_SETUP.USED_AT).from(CUSTOMER_PASSWORD_SETUP)
                .where(CUSTOMER_PASSWORD_SETUP.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(r -> new SetupToken(r.value1(), r.value2(), r.value3()));
    }

    boolean useSetupToken(String tokenHash, OffsetDateTime now) {
        return dsl.update(CUSTOMER_PASSWORD_SETUP).set(CUSTOMER_PASSWORD_SETUP.USED_AT, now)
                .where(CUSTOMER_PASSWORD_SETUP.TOKEN_HASH.eq(tokenHash)).and(CUSTOMER_PASSWORD_SETUP.USED_AT.isNull())
                .execute() == 1;
    }

    /** A new link makes the customer's older unused links useless. */
    void retireSetupTokens(String customerId, OffsetDateTime now) {
        dsl.update(CUSTOMER_PASSWORD_SETUP).set(CUSTOMER_PASSWORD_SETUP.USED_AT, now)
                .where(CUSTOMER_PASSWORD_SETUP.CUSTOMER_ID.eq(customerId)).and(CUSTOMER_PASSWORD_SETUP.USED_AT.isNull())
                .execute();
    }

    Optional<String> customerOfSocialSubject(String networkId, String subject) {
        return dsl.select(CUSTOMER_SOCIAL_NETWORK.CUSTOMER_ID).from(CUSTOMER_SOCIAL_NETWORK).join(CUSTOMER)
                .on(CUSTOMER.ID.eq(CUSTOMER_SOCIAL_NETWORK.CUSTOMER_ID))
                .where(CUSTOMER_SOCIAL_NETWORK.SOCIAL_NETWORK_ID.eq(networkId))
                .and(CUSTOMER_SOCIAL_NETWORK.SUBJECT.eq(subject)).and(CUSTOMER.STATE.ne(0))
                .fetchOptional(CUSTOMER_SOCIAL_NETWORK.CUSTOMER_ID);
    }

    /** Links the subject to the customer, replacing the customer's previous account at that network. */
    void linkSocial(String customerId, String networkId, String subject, OffsetDateTime now) {
        dsl.deleteFrom(CUSTOMER_SOCIAL_NETWORK).where(CUSTOMER_SOCIAL_NETWORK.CUSTOMER_ID.eq(customerId))
                .and(CUSTOMER_SOCIAL_NETWORK.SOCIAL_NETWORK_ID.eq(networkId)).execute();
        dsl.insertInto(CUSTOMER_SOCIAL_NETWORK).set(CUSTOMER_SOCIAL_NETWORK.SOCIAL_NETWORK_ID, networkId)
                .set(CUSTOMER_SOCIAL_NETWORK.SUBJECT, subject).set(CUSTOMER_SOCIAL_NETWORK.CUSTOMER_ID, customerId)
                .set(CUSTOMER_SOCIAL_NETWORK.CREATED_AT, now).execute();
    }

    int purgeTokens(OffsetDateTime before) {
        return dsl.deleteFrom(CUSTOMER_AUTH_TOKEN).where(CUSTOMER_AUTH_TOKEN.VALID_TO.lt(before)).execute()
                + dsl.deleteFrom(CUSTOMER_PASSWORD_SETUP).where(CUSTOMER_PASSWORD_SETUP.VALID_TO.lt(before)).execute();
    }
}
