package io.patron.auth;

import static io.patron.auth.AuthTables.*;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL of applications, users, roles, tokens and login failures. */
@Repository
class AuthRepository {

    record Application(String id, String name, String apiInterface, boolean active) {
    }

    record StoredUser(String id, String login, String passwordHash, boolean active) {
    }

    record UserToken(String userId, String applicationId, OffsetDateTime validTo) {
    }

    record CustomerTokenRow(String tokenHash, String applicationId, String deviceId, String customerId) {
    }

    private final DSLContext dsl;

    AuthRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Application> application(String id) {
        return dsl.select(APP_ID, APP_NAME, APP_INTERFACE, APP_ACTIVE).from(APP).where(APP_ID.eq(id))
                .fetchOptional(r -> new Application(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    void insertApplication(String id, String name, String apiInterface, OffsetDateTime now) {
        dsl.insertInto(APP, APP_ID, APP_NAME, APP_INTERFACE, APP_ACTIVE, APP_CREATED)
                .values(id, name, apiInterface, true, now).execute();
    }

    boolean anyApplication(String apiInterface) {
        return dsl.fetchExists(APP, APP_INTERFACE.eq(apiInterface));
    }

    boolean anyUser() {
        return dsl.fetchExists(USER);
    }

    Optional<StoredUser> userByLogin(String loginKey) {
        return dsl.select(USER_ID, USER_LOGIN, USER_PASSWORD, USER_ACTIVE).from(USER)
                .where(USER_LOGIN_KEY.eq(loginKey))
                .fetchOptional(r -> new StoredUser(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    void insertUser(String id, String login, String passwordHash, String firstName, String lastName, String email,
                    OffsetDateTime now) {
        dsl.insertInto(USER).set(USER_ID, id).set(USER_LOGIN, login).set(USER_LOGIN_KEY, LoginKeys.of(login))
                .set(USER_PASSWORD, passwordHash).set(USER_FIRST_NAME, firstName).set(USER_LAST_NAME, lastName)
                .set(USER_EMAIL, email).set(USER_ACTIVE, true).set(USER_CREATED, now).execute();
    }

    void assignRole(String userId, String roleId) {
        dsl.insertInto(USER_ROLE_LINK, LINK_USER, LINK_ROLE).values(userId, roleId).onConflict(LINK_USER, LINK_ROLE).doNothing().execute();
    }

    void touchLastLogin(String userId, OffsetDateTime now) {
        dsl.update(USER).set(USER_LAST_LOGIN, now).where(USER_ID.eq(userId)).execute();
    }

    /** Role ids of several users at once, for list pages. */
    Map<String, List<String>> roleIds(Collection<String> userIds) {
        return dsl.select(LINK_USER, LINK_ROLE).from(USER_ROLE_LINK).where(LINK_USER.in(userIds))
                .orderBy(LINK_ROLE)
                .fetchGroups(LINK_USER, LINK_ROLE);
    }

    void upsertRole(String id, String textId) {
        if (!dsl.fetchExists(ROLE, ROLE_ID.eq(id))) {
            dsl.insertInto(ROLE, ROLE_ID, ROLE_TEXT_ID).values(id, textId).execute();
        }
    }

    void insertUserToken(String hash, String userId, String applicationId, OffsetDateTime now, OffsetDateTime validTo) {
        dsl.insertInto(USER_TOKEN, UT_HASH, UT_USER, UT_APP, UT_CREATED, UT_VALID_TO)
                .values(hash, userId, applicationId, now, validTo).execute();
    }

    Optional<UserToken> liveUserToken(String hash, OffsetDateTime now) {
        return dsl.select(UT_USER, UT_APP, UT_VALID_TO).from(USER_TOKEN).join(USER).on(USER_ID.eq(UT_USER))
                .where(UT_HASH.eq(hash)).and(UT_REVOKED.isNull()).and(UT_VALID_TO.gt(now)).and(USER_ACTIVE.isTrue())
                .fetchOptional(r -> new UserToken(r.value1(), r.value2(), r.value3()));
    }

    int revokeUserToken(String hash, String applicationId, OffsetDateTime now) {
        return dsl.update(USER_TOKEN).set(UT_REVOKED, now)
                .where(UT_HASH.eq(hash)).and(UT_APP.eq(applicationId)).and(UT_REVOKED.isNull())
                .execute();
    }

    /** Expired and revoked tokens are of no use after a day; keeps the table small. */
    int purgeUserTokens(OffsetDateTime before) {
        return dsl.deleteFrom(USER_TOKEN).where(UT_VALID_TO.lt(before).or(UT_REVOKED.lt(before))).execute();
    }

    Optional<Integer> failures(String loginKey, OffsetDateTime since) {
        return dsl.select(LF_FAILURES).from(LOGIN_FAILURE)
                .where(LF_LOGIN.eq(loginKey)).and(LF_LAST.gt(since))
                .fetchOptional(LF_FAILURES);
    }

    Optional<OffsetDateTime> lastFailure(String loginKey) {
        return dsl.select(LF_LAST).from(LOGIN_FAILURE).where(LF_LOGIN.eq(loginKey)).fetchOptional(LF_LAST);
    }

    void recordFailure(String loginKey, OffsetDateTime now, OffsetDateTime windowStart) {
        int updated = dsl.update(LOGIN_FAILURE)
                .set(LF_FAILURES, org.jooq.impl.DSL.when(LF_LAST.gt(windowStart), LF_FAILURES.plus(1)).otherwise(1))
                .set(LF_LAST, now)
                .where(LF_LOGIN.eq(loginKey)).execute();
        if (updated == 0) {
            dsl.insertInto(LOGIN_FAILURE, LF_LOGIN, LF_FAILURES, LF_LAST).values(loginKey, 1, now).onConflict(LF_LOGIN).doNothing().execute();
        }
    }

    void clearFailures(String loginKey) {
        dsl.deleteFrom(LOGIN_FAILURE).where(LF_LOGIN.eq(loginKey)).execute();
    }

    // --- customer tokens ---

    /**
     * Removes the token of the same installation (application + device), then stores the new one.
     *
     * @return the hash of the replaced token, if there was one
     */
    Optional<String> replaceCustomerToken(String hash, String applicationId, TokenRequests.Device device,
                                          TokenRequests.Setup setup, String pushToken, OffsetDateTime now) {
        Optional<String> replaced = dsl.deleteFrom(CUSTOMER_TOKEN)
                .where(CT_APP.eq(applicationId)).and(CT_DEVICE_ID.eq(device.deviceId()))
                .returningResult(CT_HASH).fetchOptional(CT_HASH);
        dsl.insertInto(CUSTOMER_TOKEN)
                .set(CT_HASH, hash).set(CT_APP, applicationId)
                .set(CT_DEVICE_ID, device.deviceId()).set(CT_DEVICE_SYSTEM, device.deviceSystem())
                .set(CT_DEVICE_NAME, device.deviceName()).set(CT_DEVICE_TYPE, device.deviceType())
                .set(CT_LANGUAGE, setup.languageId()).set(CT_GPS, setup.allowedGps())
                .set(CT_NOTIFICATIONS, setup.allowedNotifications()).set(CT_PUSH, pushToken)
                .set(CT_CREATED, now).set(CT_UPDATED, now)
                .execute();
        return replaced;
    }

    Optional<CustomerTokenRow> customerToken(String hash) {
        return dsl.select(CT_HASH, CT_APP, CT_DEVICE_ID, CT_CUSTOMER).from(CUSTOMER_TOKEN)
                .join(APP).on(APP_ID.eq(CT_APP))
                .where(CT_HASH.eq(hash)).and(APP_ACTIVE.isTrue())
                .fetchOptional(r -> new CustomerTokenRow(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    int updateCustomerTokenSetup(String hash, TokenRequests.Setup setup, String pushToken, OffsetDateTime now) {
        return dsl.update(CUSTOMER_TOKEN)
                .set(CT_LANGUAGE, setup.languageId()).set(CT_GPS, setup.allowedGps())
                .set(CT_NOTIFICATIONS, setup.allowedNotifications()).set(CT_PUSH, pushToken)
                .set(CT_UPDATED, now)
                .where(CT_HASH.eq(hash)).execute();
    }

    int setTokenCustomer(String hash, String customerId, OffsetDateTime now) {
        return dsl.update(CUSTOMER_TOKEN).set(CT_CUSTOMER, customerId).set(CT_UPDATED, now)
                .where(CT_HASH.eq(hash)).execute();
    }

}
