package io.patron.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.patron.api.Envelope;
import io.patron.loyalty.LedgerConsistency;

/**
 * The loyalty ledger's consistency check for operators, outside the CareCloud paths: for every customer, type and
 * currency, balance = sum of the lots' available amounts = sum of the movements; lists what disagrees.
 */
@RestController
public class LedgerCheckController {

    private final AdminGate gate;
    private final LedgerConsistency consistency;

    LedgerCheckController(AdminGate gate, LedgerConsistency consistency) {
        this.gate = gate;
        this.consistency = consistency;
    }

    @GetMapping("/admin/loyalty/consistency")
    Envelope check(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        gate.requireAdmin(authorization);
        List<LedgerConsistency.Problem> problems = consistency.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consistent", problems.isEmpty());
        body.put("problems", problems);
        return Envelope.of(body);
    }
}
