package io.patron.api;

import org.springframework.web.bind.annotation.GetMapping;

/** Test-only operation that fails unexpectedly, to check what a client sees of an internal error. */
@ApiController
@Anonymous
class FailureProbeController {

    @GetMapping("/tests/unexpected-failure")
    Envelope fail() {
        throw new IllegalStateException("simulated defect with secret detail");
    }
}
