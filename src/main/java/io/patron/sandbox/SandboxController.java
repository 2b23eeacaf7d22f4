package io.patron.sandbox;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.patron.api.Envelope;

/**
 * {@code /sandbox/clock} and {@code /sandbox/reset}, at the root (not CareCloud paths). Without
 * {@code patron.sandbox} the paths answer the API's 404 ({@link SandboxService#requireAdmin}).
 */
@RestController
@RequestMapping("/sandbox")
class SandboxController {

    private final SandboxService service;

    SandboxController(SandboxService service) {
        this.service = service;
    }

    @GetMapping("/clock")
    Envelope clock(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        service.requireAdmin("/sandbox/clock", authorization);
        return Envelope.of(service.clock());
    }

    @PostMapping("/clock")
    Envelope moveClock(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                       @RequestBody(required = false) SandboxBodies.ClockChange change) {
        service.requireAdmin("/sandbox/clock", authorization);
        return Envelope.of(service.moveClock(change));
    }

    @PostMapping("/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        service.requireAdmin("/sandbox/reset", authorization);
        service.reset();
    }
}
