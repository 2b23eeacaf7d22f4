package io.patron.api;

import org.springframework.web.bind.annotation.GetMapping;

/** Test-only operations that fail, to check what a client sees of an internal error and of a busy database. */
@ApiController
@Anonymous
class FailureProbeController {

    @GetMapping("/tests/unexpected-failure")
    Envelope fail() {
        throw new IllegalStateException("simulated defect with secret detail");
    }

    /** What a request gets when every pooled connection stays busy beyond the pool's timeout. */
    @GetMapping("/tests/pool-exhausted")
    Envelope poolExhausted() {
        throw new org.springframework.transaction.CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
    }

    /** What a request gets when its transaction lost a deadlock. */
    @GetMapping("/tests/lost-deadlock")
    Envelope lostDeadlock() {
        throw new org.springframework.dao.DeadlockLoserDataAccessException("deadlock detected",
                new java.sql.SQLException("ERROR: deadlock detected", "40P01"));
    }
}
