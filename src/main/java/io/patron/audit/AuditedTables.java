package io.patron.audit;

import java.util.Map;
import java.util.Set;

/**
 * Which tables the audit leaves out, and which columns it records without their value. Every other
 * table of the schema is audited, including tables added later.
 */
public final class AuditedTables {

    /** The tables not audited, each with the reason. */
    public static final Map<String, String> UNAUDITED = Map.ofEntries(
            Map.entry("flyway_schema_history", "Flyway's own record of the migrations"),
            Map.entry("audit_log", "the audit itself"),
            Map.entry("rate_limit_bucket", "a cache of rate-limit state, rewritten on every request"),
            Map.entry("login_failure", "throttle counters of failed logins, not data"),
            Map.entry("user_token", "session churn; the key is a token hash, a secret"),
            Map.entry("customer_token", "session churn of Customer API installations; the key is a token hash, a secret"),
            Map.entry("customer_auth_token", "single-use exchange tokens; the key is a token hash"),
            Map.entry("customer_password_setup", "single-use password links; the key is a token hash"),
            Map.entry("card_file", "handed-out card images; the key is the secret of a public URL"),
            Map.entry("outbox_event", "delivery state of domain events, which describe writes audited on their own tables"),
            Map.entry("outbox_delivery", "which listener handled which event: delivery bookkeeping"),
            Map.entry("scheduled_job", "claims and due times of coordinated jobs, rewritten at every run"),
            Map.entry("idempotency_key", "a replay cache of encrypted answers; the write it answers is audited on its own table"),
            Map.entry("event", "marketing-automation events: an append-only log of facts, never updated, each row its own record"),
            Map.entry("automation_run", "progress of scenario runs, rewritten at every step; kept as the run history"),
            Map.entry("automation_step", "the steps runs carried out: the run history itself"),
            Map.entry("webhook_delivery", "delivery state of webhooks (attempts, retries), rewritten at every attempt"),
            Map.entry("segment_refresh", "customers queued for a membership refresh: bookkeeping; the memberships it changes are audited"),
            Map.entry("reco_customer_product", "recommendation scores derived from the audited purchases, rebuilt by a job"),
            Map.entry("reco_customer_group", "recommendation scores derived from the audited purchases, rebuilt by a job"),
            Map.entry("reco_product_pair", "co-purchase counts derived from the audited purchases, rebuilt by a job"),
            Map.entry("reco_product_popularity", "popularity derived from the audited purchases, rebuilt by a job"),
            Map.entry("reco_refresh", "when the recommendation job last rebuilt its tables: bookkeeping"),
            Map.entry("reference_data_stamp", "a random stamp telling the nodes that the reference data changed"),
            Map.entry("project_import", "the fingerprint of the last project import: bookkeeping; what it imported is audited"));

    /** Columns whose value is masked ({@code "***"}): an operator sees that they changed, never the value. */
    public static final Map<String, Set<String>> SECRET_COLUMNS = Map.of(
            "app_user", Set.of("password_hash"),
            "customer", Set.of("password_hash"),
            "customer_photo", Set.of("secret", "content"),
            "customer_push_registration", Set.of("push_token"),
            "one_time_password", Set.of("code_hash"),
            "webhook_endpoint", Set.of("secret"));

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
