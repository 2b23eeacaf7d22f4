package io.patron.auth;

import static io.patron.db.Tables.APP_USER;
import static io.patron.db.Tables.APP_USER_ROLE;
import static io.patron.db.Tables.CUSTOMER_TOKEN;
import static io.patron.db.Tables.EXTERNAL_APPLICATION;
import static io.patron.db.Tables.LOGIN_FAILURE;
import static io.patron.db.Tables.USER_ROLE;
import static io.patron.db.Tables.USER_TOKEN;

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
        return dsl.select(EXTERNAL_APPLICATION.ID, EXTERNAL_APPLICATION.NAME, EXTERNAL_APPLICATION.API_INTERFACE,
                EXTERNAL_APPLICATION.ACTIVE).from(EXTERNAL_APPLICATION).where(EXTERNAL_APPLICATION.ID.eq(id))
                .fetchOptional(r -> new Application(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    void insertApplication(String id, String name, String apiInterface, OffsetDateTime now) {
        dsl.insertInto(EXTERNAL_APPLICATION, EXTERNAL_APPLICATION.ID, EXTERNAL_APPLICATION.NAME,
                EXTERNAL_APPLICATION.API_INTERFACE, EXTERNAL_APPLICATION.ACTIVE, EXTERNAL_APPLICATION.CREATED_AT)
                .values(id, name, apiInterface, true, now).execute();
    }

    boolean anyApplication(String apiInterface) {
        return dsl.fetchExists(EXTERNAL_APPLICATION, EXTERNAL_APPLICATION.API_INTERFACE.eq(apiInterface));
    }

    boolean anyUser() {
        return dsl.fetchExists(APP_USER);
    }

    Optional<StoredUser> userByLogin(String loginKey) {
        return dsl.select(APP_USER.ID, APP_USER.LOGIN, APP_USER.PASSWORD_HASH, APP_USER.ACTIVE).from(APP_USER)
                .where(APP_USER.LOGIN_KEY.eq(loginKey))
                .fetchOptional(r -> new StoredUser(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The user whose email this is (case-insensitive), when exactly one user has it. */
    Optional<StoredUser> userByEmail(String email) {
        var users = dsl.select(APP_USER.ID, APP_USER.LOGIN, APP_USER.PASSWORD_HASH, APP_USER.ACTIVE).from(APP_USER)
                .where(org.jooq.impl.DSL.lower(APP_USER.EMAIL).eq(email.toLowerCase(java.util.Locale.ROOT)))
                .limit(2).fetch(r -> new StoredUser(r.value1(), r.value2(), r.value3(), r.value4()));
        return users.size() == 1 ? Optional.of(users.getFirst()) : Optional.empty();
    }

    void insertUser(String id, String login, String passwordHash, String firstName, String lastName, String email,
                    OffsetDateTime now) {
        dsl.insertInto(APP_USER).set(APP_USER.ID, id).set(APP_USER.LOGIN, login)
                .set(APP_USER.LOGIN_KEY, LoginKeys.of(login))
                .set(APP_USER.PASSWORD_HASH, passwordHash).set(APP_USER.FIRST_NAME, firstName)
                .set(APP_USER.LAST_NAME, lastName)
                .set(APP_USER.EMAIL, email).set(APP_USER.ACTIVE, true).set(APP_USER.CREATED_AT, now).execute();
    }

    void assignRole(String userId, String roleId) {
        dsl.insertInto(APP_USER_ROLE, APP_USER_ROLE.USER_ID, APP_USER_ROLE.USER_ROLE_ID).values(userId, roleId)
                .onConflict(APP_USER_ROLE.USER_ID, APP_USER_ROLE.USER_ROLE_ID).doNothing().execute();
    }

    void touchLastLogin(String userId, OffsetDateTime now) {
        dsl.update(APP_USER).set(APP_USER.LAST_LOGIN, now).where(APP_USER.ID.eq(userId)).execute();
    }

    /** Role ids of several users at once, for list pages. */
    Map<String, List<String>> roleIds(Collection<String> userIds) {
        return dsl.select(APP_USER_ROLE.USER_ID, APP_USER_ROLE.USER_ROLE_ID).from(APP_USER_ROLE)
                .where(APP_USER_ROLE.USER_ID.in(userIds))
                .orderBy(APP_USER_ROLE.USER_ROLE_ID)
                .fetchGroups(APP_USER_ROLE.USER_ID, APP_USER_ROLE.USER_ROLE_ID);
    }

    void upsertRole(String id, String textId) {
        if (!dsl.fetchExists(USER_ROLE, USER_ROLE.ID.eq(id))) {
            dsl.insertInto(USER_ROLE, USER_ROLE.ID, USER_ROLE.TEXT_ID).values(id, textId).execute();
        }
    }

    void insertUserToken(String hash, String userId, String applicationId, OffsetDateTime now, OffsetDateTime validTo) {
        dsl.insertInto(USER_TOKEN, USER_TOKEN.TOKEN_HASH, USER_TOKEN.USER_ID, USER_TOKEN.APPLICATION_ID,
                USER_TOKEN.CREATED_AT, USER_TOKEN.VALID_TO)
                .values(hash, userId, applicationId, now, validTo).execute();
    }

    Optional<UserToken> liveUserToken(String hash, OffsetDateTime now) {
        return dsl.select(USER_TOKEN.USER_ID, USER_TOKEN.APPLICATION_ID, USER_TOKEN.VALID_TO).from(USER_TOKEN)
                .join(APP_USER).on(APP_USER.ID.eq(USER_TOKEN.USER_ID))
                .where(USER_TOKEN.TOKEN_HASH.eq(hash)).and(USER_TOKEN.REVOKED_AT.isNull())
                .and(USER_TOKEN.VALID_TO.gt(now)).and(APP_USER.ACTIVE.isTrue())
                .fetchOptional(r -> new UserToken(r.value1(), r.value2(), r.value3()));
    }

    int revokeUserToken(String hash, String applicationId, OffsetDateTime now) {
        return dsl.update(USER_TOKEN).set(USER_TOKEN.REVOKED_AT, now)
                .where(USER_TOKEN.TOKEN_HASH.eq(hash)).and(USER_TOKEN.APPLICATION_ID.eq(applicationId))
                .and(USER_TOKEN.REVOKED_AT.isNull())
                .execute();
    }

    /** Expired and revoked tokens are of no use after a day; keeps the table small. */
    int purgeUserTokens(OffsetDateTime before) {
        return dsl.deleteFrom(USER_TOKEN).where(USER_TOKEN.VALID_TO.lt(before).or(USER_TOKEN.REVOKED_AT.lt(before)))
                .execute();
    }

    Optional<Integer> failures(String loginKey, OffsetDateTime since) {
        return dsl.select(LOGIN_FAILURE.FAILURES).from(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.LOGIN_KEY.eq(loginKey)).and(LOGIN_FAILURE.LAST_FAILURE_AT.gt(since))
                .fetchOptional(LOGIN_FAILURE.FAILURES);
    }

    Optional<OffsetDateTime> lastFailure(String loginKey) {
        return dsl.select(LOGIN_FAILURE.LAST_FAILURE_AT).from(LOGIN_FAILURE)
                .where(LOGIN_FAILURE.LOGIN_KEY.eq(loginKey)).fetchOptional(LOGIN_FAILURE.LAST_FAILURE_AT);
    }

    void recordFailure(String loginKey, OffsetDateTime now, OffsetDateTime windowStart) {
        int updated = dsl.update(LOGIN_FAILURE)
                .set(LOGIN_FAILURE.FAILURES,
                        org.jooq.impl.DSL.when(LOGIN_FAILURE.LAST_FAILURE_AT.gt(windowStart),
                                LOGIN_FAILURE.FAILURES.plus(1)).otherwise(1))
                .set(LOGIN_FAILURE.LAST_FAILURE_AT, now)
                .where(LOGIN_FAILURE.LOGIN_KEY.eq(loginKey)).execute();
        if (updated == 0) {
            dsl.insertInto(LOGIN_FAILURE, LOGIN_FAILURE.LOGIN_KEY, LOGIN_FAILURE.FAILURES,
                    LOGIN_FAILURE.LAST_FAILURE_AT).values(loginKey, 1, now).onConflict(LOGIN_FAILURE.LOGIN_KEY)
                    .doNothing().execute();
        }
    }

    void clearFailures(String loginKey) {
        dsl.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.LOGIN_KEY.eq(loginKey)).execute();
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
                .where(CUSTOMER_TOKEN.APPLICATION_ID.eq(applicationId))
                .and(CUSTOMER_TOKEN.DEVICE_ID.eq(device.deviceId()))
                .returningResult(CUSTOMER_TOKEN.TOKEN_HASH).fetchOptional(CUSTOMER_TOKEN.TOKEN_HASH);
        dsl.insertInto(CUSTOMER_TOKEN)
                .set(CUSTOMER_TOKEN.TOKEN_HASH, hash).set(CUSTOMER_TOKEN.APPLICATION_ID, applicationId)
                .set(CUSTOMER_TOKEN.DEVICE_ID, device.deviceId())
                .set(CUSTOMER_TOKEN.DEVICE_SYSTEM, device.deviceSystem())
                .set(CUSTOMER_TOKEN.DEVICE_NAME, device.deviceName())
                .set(CUSTOMER_TOKEN.DEVICE_TYPE, device.deviceType())
                .set(CUSTOMER_TOKEN.LANGUAGE_ID, setup.languageId()).set(CUSTOMER_TOKEN.ALLOWED_GPS, setup.allowedGps())
                .set(CUSTOMER_TOKEN.ALLOWED_NOTIFICATIONS, setup.allowedNotifications())
                .set(CUSTOMER_TOKEN.PUSH_TOKEN, pushToken)
                .set(CUSTOMER_TOKEN.CREATED_AT, now).set(CUSTOMER_TOKEN.UPDATED_AT, now)
                .execute();
        return replaced;
    }

    Optional<CustomerTokenRow> customerToken(String hash) {
        return dsl.select(CUSTOMER_TOKEN.TOKEN_HASH, CUSTOMER_TOKEN.APPLICATION_ID, CUSTOMER_TOKEN.DEVICE_ID,
                CUSTOMER_TOKEN.CUSTOMER_ID).from(CUSTOMER_TOKEN)
                .join(EXTERNAL_APPLICATION).on(EXTERNAL_APPLICATION.ID.eq(CUSTOMER_TOKEN.APPLICATION_ID))
                .where(CUSTOMER_TOKEN.TOKEN_HASH.eq(hash)).and(EXTERNAL_APPLICATION.ACTIVE.isTrue())
                .fetchOptional(r -> new CustomerTokenRow(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    int updateCustomerTokenSetup(String hash, TokenRequests.Setup setup, String pushToken, OffsetDateTime now) {
        return dsl.update(CUSTOMER_TOKEN)
                .set(CUSTOMER_TOKEN.LANGUAGE_ID, setup.languageId()).set(CUSTOMER_TOKEN.ALLOWED_GPS, setup.allowedGps())
                .set(CUSTOMER_TOKEN.ALLOWED_NOTIFICATIONS, setup.allowedNotifications())
                .set(CUSTOMER_TOKEN.PUSH_TOKEN, pushToken)
                .set(CUSTOMER_TOKEN.UPDATED_AT, now)
                .where(CUSTOMER_TOKEN.TOKEN_HASH.eq(hash)).execute();
    }

    int setTokenCustomer(String hash, String customerId, OffsetDateTime now) {
        return dsl.update(CUSTOMER_TOKEN).set(CUSTOMER_TOKEN.CUSTOMER_ID, customerId)
                .set(CUSTOMER_TOKEN.UPDATED_AT, now)
                .where(CUSTOMER_TOKEN.TOKEN_HASH.eq(hash)).execute();
    }

}
