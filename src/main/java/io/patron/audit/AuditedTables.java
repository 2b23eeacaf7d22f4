package io.patron.audit;

import java.util.Map;
import java.util.Set;

/**
 * Which tables the audit leaves out, and which columns it records without their value. Every other
 * table of the schema is audited, including tables added later.
 */
public final class AuditedTables {

    /** The tables not audited, each with the reason. */
    public static final Map<String, String> UNAUDITED = Map.of(
            "flyway_schema_history", "Flyway's own record of the migrations",
            "audit_log", "the audit itself",
            "rate_limit_bucket", "a cache of rate-limit state, rewritten on every request",
            "login_failure", "throttle counters of failed logins, not data",
            "user_token", "session churn; the key is a token hash, a secret",
            "customer_token", "session churn of Customer API installations; the key is a token hash, a secret",
            "customer_auth_token", "single-use exchange tokens; the key is a token hash",
            "customer_password_setup", "single-use password links; the key is a token hash",
            "card_file", "handed-out card images; the key is the secret of a public URL");

    /** Columns whose value is masked ({@code "***"}): an operator sees that they changed, never the value. */
    public static final Map<String, Set<String>> SECRET_COLUMNS = Map.of(
            "app_user", Set.of("password_hash"),
            "customer", Set.of("password_hash"),
            "customer_photo", Set.of("secret", "content"),
            "customer_push_registration", Set.of("push_token"));

    public static final String MASK = "***";

    private AuditedTables() {
    }

    public static boolean audited(String table) {
        return !UNAUDITED.containsKey(table.toLowerCase(java.util.Locale.ROOT));
    }

    static Set<String> secretColumns(String table) {
        return SECRET_COLUMNS.getOrDefault(table.toLowerCase(java.util.Locale.ROOT), Set.of());
    }
}
