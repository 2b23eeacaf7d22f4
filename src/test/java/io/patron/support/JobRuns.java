package io.patron.support;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.awaitility.core.ConditionTimeoutException;
import org.jooq.DSLContext;

import io.patron.jobs.JobScheduler;

/**
 * Waits for the effect of one coordinated job after a test moved the clock: runs that job (only that one) whenever
 * it is due, as the background scheduler may also do, until the condition holds. When it does not in time, fails
 * with a {@link StallReport}, taken while whatever stalled is still stalled.
 */
public class JobRuns {

    private final JobScheduler scheduler;
    private final DSLContext dsl;
    private final DataSource dataSource;
    private final Clock clock;

    public JobRuns(JobScheduler scheduler, DSLContext dsl, DataSource dataSource, Clock clock) {
        this.scheduler = scheduler;
        this.dsl = dsl;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Makes sure the rows of these jobs exist now (a data reset empties the job table and the scheduler adds missing
     * rows when it next polls, due one interval later): call it before moving the clock past their interval, so the
     * move makes them due. Runs a job only if it is due already.
     */
    public void registerNow(String... jobs) {
        for (String job : jobs) {
            scheduler.runIfDue(job);
        }
    }

    /** Runs {@code job} whenever it is due until {@code done} holds; at most {@code atMost}. */
    public void awaitEffect(String job, Duration atMost, Callable<Boolean> done) {
        // the condition runs on Awaitility's thread: a run that blocks still lets the time-out report it
        try {
            org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
                scheduler.runIfDue(job);
                return done.call();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Job " + job + " did not bring the awaited change within " + atMost + "\n"
                    + StallReport.describe(job, dsl, dataSource, clock), e);
        }
    }

    /** Fails with a {@link StallReport} when {@code done} does not hold within {@code atMost} (no job run). */
    public void await(String what, Duration atMost, Callable<Boolean> done) {
        try {
            org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(done);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + atMost + "\n"
                    + StallReport.describe(what, dsl, dataSource, clock), e);
        }
    }
}
