package io.patron.customer;

import static io.patron.customer.CustomerLoginTables.*;
import static io.patron.customer.CustomerTables.*;

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
        return dsl.select(C_ID).from(CUSTOMER).where(C_EMAIL_KEY.eq(emailKey)).and(C_STATE.ne(0)).fetchOptional(C_ID);
    }

    /** Active customers with this phone (at most two: a phone shared by several customers is no login). */
    List<String> activeIdsByPhone(String phone) {
        return dsl.select(C_ID).from(CUSTOMER).where(C_PHONE.eq(phone)).and(C_STATE.ne(0)).limit(2).fetch(C_ID);
    }

    Optional<String> emailOf(String customerId) {
        return dsl.select(C_EMAIL).from(CUSTOMER).where(C_ID.eq(customerId)).and(C_STATE.ne(0))
                .fetchOptional(C_EMAIL);
    }

    void insertAuthToken(String requestHash, String tokenHash, String customerId, String applicationId,
                         OffsetDateTime now, OffsetDateTime validTo) {
        dsl.insertInto(AUTH_TOKEN).set(AT_REQUEST, requestHash).set(AT_TOKEN, tokenHash)
                .set(AT_CUSTOMER, customerId).set(AT_APP, applicationId).set(AT_CREATED, now)
                .set(AT_VALID_TO, validTo).execute();
    }

    Optional<AuthToken> authToken(String requestHash) {
        return dsl.select(AT_TOKEN, AT_CUSTOMER, AT_APP, AT_VALID_TO, AT_USED).from(AUTH_TOKEN)
                .where(AT_REQUEST.eq(requestHash))
                .fetchOptional(r -> new AuthToken(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Marks the token used; false when another request used it first. */
    boolean useAuthToken(String requestHash, OffsetDateTime now) {
        return dsl.update(AUTH_TOKEN).set(AT_USED, now).where(AT_REQUEST.eq(requestHash)).and(AT_USED.isNull())
                .execute() == 1;
    }

    void insertSetupToken(String tokenHash, String customerId, OffsetDateTime now, OffsetDateTime validTo) {
        dsl.insertInto(PASSWORD_SETUP).set(PS_TOKEN, tokenHash).set(PS_CUSTOMER, customerId).set(PS_CREATED, now)
                .set(PS_VALID_TO, validTo).execute();
    }

    Optional<SetupToken> setupToken(String tokenHash) {
        return dsl.select(PS_CUSTOMER, PS_VALID_TO, PS_USED).from(PASSWORD_SETUP).where(PS_TOKEN.eq(tokenHash))
                .fetchOptional(r -> new SetupToken(r.value1(), r.value2(), r.value3()));
    }

    boolean useSetupToken(String tokenHash, OffsetDateTime now) {
        return dsl.update(PASSWORD_SETUP).set(PS_USED, now).where(PS_TOKEN.eq(tokenHash)).and(PS_USED.isNull())
                .execute() == 1;
    }

    /** A new link makes the customer's older unused links useless. */
    void retireSetupTokens(String customerId, OffsetDateTime now) {
        dsl.update(PASSWORD_SETUP).set(PS_USED, now).where(PS_CUSTOMER.eq(customerId)).and(PS_USED.isNull())
                .execute();
    }

    Optional<String> customerOfSocialSubject(String networkId, String subject) {
        return dsl.select(SN_CUSTOMER).from(SOCIAL).join(CUSTOMER).on(C_ID.eq(SN_CUSTOMER))
                .where(SN_NETWORK.eq(networkId)).and(SN_SUBJECT.eq(subject)).and(C_STATE.ne(0))
                .fetchOptional(SN_CUSTOMER);
    }

    /** Links the subject to the customer, replacing the customer's previous account at that network. */
    void linkSocial(String customerId, String networkId, String subject, OffsetDateTime now) {
        dsl.deleteFrom(SOCIAL).where(SN_CUSTOMER.eq(customerId)).and(SN_NETWORK.eq(networkId)).execute();
        dsl.insertInto(SOCIAL).set(SN_NETWORK, networkId).set(SN_SUBJECT, subject).set(SN_CUSTOMER, customerId)
                .set(SN_CREATED, now).execute();
    }

    int purgeTokens(OffsetDateTime before) {
        return dsl.deleteFrom(AUTH_TOKEN).where(AT_VALID_TO.lt(before)).execute()
                + dsl.deleteFrom(PASSWORD_SETUP).where(PS_VALID_TO.lt(before)).execute();
    }
}
