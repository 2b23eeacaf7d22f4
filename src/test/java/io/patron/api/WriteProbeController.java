package io.patron.api;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Test-only write that counts its runs, can fail on demand and can hold its first run, for the idempotency tests. */
@ApiController
class WriteProbeController {

    static final AtomicInteger RUNS = new AtomicInteger();
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    static volatile CountDownLatch hold = new CountDownLatch(0);
    static volatile CountDownLatch started = new CountDownLatch(0);

    static void reset() {
        RUNS.set(0);
        FAILURES_LEFT.set(0);
        hold = new CountDownLatch(0);
        started = new CountDownLatch(1);
    }

    @PostMapping("/tests/probe-writes")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope write(@RequestBody Map<String, Object> body) throws InterruptedException {
        int run = RUNS.incrementAndGet();
        started.countDown();
        if (run == 1) {
            hold.await(30, TimeUnit.SECONDS);
        }
        if (FAILURES_LEFT.getAndDecrement() > 0) {
            throw new IllegalStateException("simulated failure of a write");
        }
        return Envelope.of(Map.of("run", run, "echo", body));
    }
}
