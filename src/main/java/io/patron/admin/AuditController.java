package io.patron.admin;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.patron.api.ApiError;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.CredentialVerifier;
import io.patron.api.Envelope;
import io.patron.api.ListParams;
import io.patron.audit.AuditService;
import io.patron.auth.AuthService;

/**
 * The operators' view of the audit, outside the CareCloud paths: Enterprise users with the admin
 * role, with their bearer token (or HTTP Basic), as on the Enterprise API.
 */
@RestController
public class AuditController {

    private final CredentialVerifier credentials;
    private final AuthService authService;
    private final AuditService auditService;

    AuditController(CredentialVerifier credentials, AuthService authService, AuditService auditService) {
        this.credentials = credentials;
        this.authService = authService;
        this.auditService = auditService;
    }

    @GetMapping("/admin/audit")
    Envelope audit(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                   @RequestParam(name = "table", required = false) String table,
                   @RequestParam(name = "record_id", required = false) String recordId,
                   @RequestParam(name = "actor", required = false) String actor,
                   @RequestParam(name = "from", required = false) String from,
                   @RequestParam(name = "to", required = false) String to,
                   ListParams page) {
        requireAdmin(authorization);
        return Envelope.list("audit_entries", auditService.find(
                new AuditService.Query(table, recordId, actor, from, to), page.count(), page.offset()));
    }

    private void requireAdmin(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiError.unauthorized("Authorization header is missing");
        }
        Caller caller = credentials.verify(ApiInterface.ENTERPRISE, authorization)
                .orElseThrow(() -> ApiError.unauthorized("The credentials are not valid, expired or logged out"));
        if (!(caller instanceof Caller.User user) || !authService.isAdmin(user.userId())) {
            throw ApiError.forbidden("The audit is open to users with the admin role only");
        }
    }
}
