package io.patron.admin;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.patron.api.Envelope;
import io.patron.api.ListParams;
import io.patron.automation.AutomationAdmin;

/**
 * Operators' view of marketing automation, outside the CareCloud paths and open to admin users only (as the
 * audit): the run history of scenarios with their steps, webhook deliveries, and replaying dead letters.
 */
@RestController
class AutomationAdminController {

    private final AdminGate access;
    private final AutomationAdmin automation;

    AutomationAdminController(AdminGate access, AutomationAdmin automation) {
        this.access = access;
        this.automation = automation;
    }

    @GetMapping("/admin/automation/runs")
    Envelope runs(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                  @RequestParam(name = "scenario_id", required = false) String scenarioId,
                  @RequestParam(name = "customer_id", required = false) String customerId,
                  @RequestParam(name = "state", required = false) String state,
                  ListParams page) {
        access.requireAdmin(authorization);
        return Envelope.list("runs", automation.runs(scenarioId, customerId, state, page.count(), page.offset()));
    }

    @GetMapping("/admin/webhooks/deliveries")
    Envelope deliveries(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                        @RequestParam(name = "state", required = false) String state,
                        @RequestParam(name = "endpoint_id", required = false) String endpointId,
                        ListParams page) {
        access.requireAdmin(authorization);
        return Envelope.list("deliveries", automation.deliveries(state, endpointId, page.count(), page.offset()));
    }

    @PostMapping("/admin/webhooks/deliveries/{delivery_id}/actions/replay")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replay(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                @PathVariable("delivery_id") String deliveryId) {
        access.requireAdmin(authorization);
        automation.replay(deliveryId);
    }
}
