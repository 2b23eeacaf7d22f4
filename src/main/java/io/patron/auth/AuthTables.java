package io.patron.auth;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The auth capability's tables and columns, as jOOQ references. */
final class AuthTables {

    private AuthTables() {
    }

    static final Table<Record> APP = table(name("external_application"));
    static final Field<String> APP_ID = field(name("external_application", "id"), String.class);
    static final Field<String> APP_NAME = field(name("external_application", "name"), String.class);
    static final Field<String> APP_INTERFACE = field(name("external_application", "api_interface"), String.class);
    static final Field<Boolean> APP_ACTIVE = field(name("external_application", "active"), Boolean.class);
    static final Field<OffsetDateTime> APP_CREATED = ts("external_application", "created_at");

    static final Table<Record> ROLE = table(name("user_role"));
    static final Field<String> ROLE_ID = field(name("user_role", "id"), String.class);
    static final Field<String> ROLE_TEXT_ID = field(name("user_role", "text_id"), String.class);

    static final Table<Record> USER = table(name("app_user"));
    static final Field<String> USER_ID = field(name("app_user", "id"), String.class);
    static final Field<String> USER_LOGIN = field(name("app_user", "login"), String.class);
    static final Field<String> USER_LOGIN_KEY = field(name("app_user", "login_key"), String.class);
    static final Field<String> USER_PASSWORD = field(name("app_user", "password_hash"), String.class);
    static final Field<String> USER_FIRST_NAME = field(name("app_user", "first_name"), String.class);
    static final Field<String> USER_LAST_NAME = field(name("app_user", "last_name"), String.class);
    static final Field<String> USER_EMAIL = field(name("app_user", "email"), String.class);
    static final Field<String> USER_PHONE = field(name("app_user", "phone"), String.class);
    static final Field<String> USER_STORE = field(name("app_user", "store_id"), String.class);
    static final Field<Boolean> USER_ACTIVE = field(name("app_user", "active"), Boolean.class);
    static final Field<OffsetDateTime> USER_LAST_LOGIN = ts("app_user", "last_login");
    static final Field<OffsetDateTime> USER_CREATED = ts("app_user", "created_at");

    static final Table<Record> USER_ROLE_LINK = table(name("app_user_role"));
    static final Field<String> LINK_USER = field(name("app_user_role", "user_id"), String.class);
    static final Field<String> LINK_ROLE = field(name("app_user_role", "user_role_id"), String.class);

    static final Table<Record> USER_TOKEN = table(name("user_token"));
    static final Field<String> UT_HASH = field(name("user_token", "token_hash"), String.class);
    static final Field<String> UT_USER = field(name("user_token", "user_id"), String.class);
    static final Field<String> UT_APP = field(name("user_token", "application_id"), String.class);
    static final Field<OffsetDateTime> UT_CREATED = ts("user_token", "created_at");
    static final Field<OffsetDateTime> UT_VALID_TO = ts("user_token", "valid_to");
    static final Field<OffsetDateTime> UT_REVOKED = ts("user_token", "revoked_at");

    static final Table<Record> CUSTOMER_TOKEN = table(name("customer_token"));
    static final Field<String> CT_HASH = field(name("customer_token", "token_hash"), String.class);
    static final Field<String> CT_APP = field(name("customer_token", "application_id"), String.class);
    static final Field<String> CT_DEVICE_ID = field(name("customer_token", "device_id"), String.class);
    static final Field<String> CT_DEVICE_SYSTEM = field(name("customer_token", "device_system"), String.class);
    static final Field<String> CT_DEVICE_NAME = field(name("customer_token", "device_name"), String.class);
    static final Field<String> CT_DEVICE_TYPE = field(name("customer_token", "device_type"), String.class);
    static final Field<String> CT_LANGUAGE = field(name("customer_token", "language_id"), String.class);
    static final Field<Boolean> CT_GPS = field(name("customer_token", "allowed_gps"), Boolean.class);
    static final Field<Boolean> CT_NOTIFICATIONS = field(name("customer_token", "allowed_notifications"), Boolean.class);
    static final Field<String> CT_PUSH = field(name("customer_token", "push_token"), String.class);
    static final Field<String> CT_CUSTOMER = field(name("customer_token", "customer_id"), String.class);
    static final Field<OffsetDateTime> CT_CREATED = ts("customer_token", "created_at");
    static final Field<OffsetDateTime> CT_UPDATED = ts("customer_token", "updated_at");

    static final Table<Record> LOGIN_FAILURE = table(name("login_failure"));
    static final Field<String> LF_LOGIN = field(name("login_failure", "login_key"), String.class);
    static final Field<Integer> LF_FAILURES = field(name("login_failure", "failures"), Integer.class);
    static final Field<OffsetDateTime> LF_LAST = ts("login_failure", "last_failure_at");

    private static Field<OffsetDateTime> ts(String table, String column) {
        return field(name(table, column), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
