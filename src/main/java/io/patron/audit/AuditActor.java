package io.patron.audit;

import io.patron.api.Caller;

/**
 * Who a write is recorded for: the authenticated caller of an API request, an outside system calling
 * back (a message provider), or the system (project import, jobs) when no request is being served.
 *
 * @param type        {@code user}, {@code customer}, {@code customer_token} (a Customer API token no
 *                    customer has logged in on), {@code anonymous}, {@code provider} or {@code system}
 * @param id          the user or customer id, a provider's communication channel id, null for the others
 * @param application the external application the call came through
 * @param requestId   the request id of the log and the {@code X-Request-Id} header
 */
public record AuditActor(String type, String id, String application, String requestId) {

    public static final AuditActor SYSTEM = new AuditActor("system", null, null, null);

    /** A provider's signed callback for a communication channel (e.g. a bounce report). */
    public static AuditActor provider(String channelId, String requestId) {
        return new AuditActor("provider", channelId, null, requestId);
    }

    static AuditActor of(Caller caller, String requestId) {
        return switch (caller) {
            // HTTP Basic has no application; its pseudo-application names the login, which is personal data
            case Caller.User user -> new AuditActor("user", user.userId(),
                    user.applicationId() == null || user.applicationId().startsWith("basic:") ? null
                            : user.applicationId(), requestId);
            case Caller.CustomerToken token -> token.customerId() != null
                    ? new AuditActor("customer", token.customerId(), token.applicationId(), requestId)
                    : new AuditActor("customer_token", null, token.applicationId(), requestId);
            case Caller.Anonymous anonymous -> new AuditActor("anonymous", null, null, requestId);
        };
    }
}
