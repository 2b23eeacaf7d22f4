package io.patron.admin;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.patron.api.Envelope;
import io.patron.api.ListParams;
import io.patron.audit.AuditService;

/**
 * The operators' view of the audit, outside the CareCloud paths: Enterprise users with the admin
 * role, with their bearer token (or HTTP Basic), as on the Enterprise API.
 */
@RestController
public class AuditController {

    private final AdminGate gate;
    private final AuditService auditService;

    AuditController(AdminGate gate, AuditService auditService) {
        this.gate = gate;
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
        gate.requireAdmin(authorization);
        return Envelope.list("audit_entries", auditService.find(
                new AuditService.Query(table, recordId, actor, from, to), page.count(), page.offset()));
    }
}
