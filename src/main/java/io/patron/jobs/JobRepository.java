package io.patron.jobs;

import static io.patron.db.Tables.SCHEDULED_JOB;
import static org.jooq.impl.DSL.inline;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.dao.DuplicateKeyException;

/** The job table's SQL. Every statement commits on its own: a claim must be visible to other nodes at once. */
class JobRepository {

    private final DSLContext dsl;

    JobRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Adds the rows of jobs that have none yet (first start, a new job, a wiped table), first run one interval from now. */
    void addMissing(Collection<JobDefinition> jobs, OffsetDateTime now) {
        Set<String> existing = dsl.select(SCHEDULED_JOB.NAME).from(SCHEDULED_JOB).fetchSet(SCHEDULED_JOB.NAME);
        for (JobDefinition job : jobs) {
            if (!existing.contains(job.name())) {
                try {
                    dsl.insertInto(SCHEDULED_JOB)
                            .set(SCHEDULED_JOB.NAME, job.name()).set(SCHEDULED_JOB.NEXT_RUN_AT, now.plus(job.interval())).set(SCHEDULED_JOB.RUNS, 0L)
                            .execute();
                } catch (DuplicateKeyException e) {
                    // another node added it at the same moment
                }
            }
        }
    }

    /**
     * The jobs among {@code names} that are due at {@code now} (project time) and not held by a claim still live at
     * {@code leaseNow} (real time).
     */
    List<String> due(Collection<String> names, OffsetDateTime now, OffsetDateTime leaseNow) {
        return dsl.select(SCHEDULED_JOB.NAME).from(SCHEDULED_JOB)
                .where(SCHEDULED_JOB.NAME.in(names)).and(SCHEDULED_JOB.NEXT_RUN_AT.le(now))
                .and(SCHEDULED_JOB.CLAIMED_UNTIL.isNull().or(SCHEDULED_JOB.CLAIMED_UNTIL.lt(leaseNow)))
                .orderBy(SCHEDULED_JOB.NEXT_RUN_AT)
                .fetch(SCHEDULED_JOB.NAME);
    }

    /**
     * Claims a due job until {@code until} (real time); false when it is not due or another node holds it (the
     * condition decides under the row lock).
     */
    boolean claim(String name, String claimId, OffsetDateTime now, OffsetDateTime leaseNow, OffsetDateTime until) {
        return dsl.update(SCHEDULED_JOB)
                .set(SCHEDULED_JOB.CLAIMED_BY, claimId).set(SCHEDULED_JOB.CLAIMED_UNTIL, until).set(SCHEDULED_JOB.LAST_STARTED_AT, now)
                .where(SCHEDULED_JOB.NAME.eq(name)).and(SCHEDULED_JOB.NEXT_RUN_AT.le(now))
                .and(SCHEDULED_JOB.CLAIMED_UNTIL.isNull().or(SCHEDULED_JOB.CLAIMED_UNTIL.lt(leaseNow)))
                .execute() == 1;
    }

    /** Extends a claim this run still holds. */
    boolean renew(String name, String claimId, OffsetDateTime until) {
        return dsl.update(SCHEDULED_JOB).set(SCHEDULED_JOB.CLAIMED_UNTIL, until)
                .where(SCHEDULED_JOB.NAME.eq(name)).and(SCHEDULED_JOB.CLAIMED_BY.eq(claimId))
                .execute() == 1;
    }

    /** Releases the claim: next run at {@code nextRun}, with the run's error (null after a success). */
    void finish(String name, String claimId, OffsetDateTime now, OffsetDateTime nextRun, String error) {
        dsl.update(SCHEDULED_JOB)
                .set(SCHEDULED_JOB.NEXT_RUN_AT, nextRun).set(SCHEDULED_JOB.LAST_FINISHED_AT, now).set(SCHEDULED_JOB.LAST_ERROR, error)
                .set(SCHEDULED_JOB.RUNS, SCHEDULED_JOB.RUNS.plus(inline(1L)))
                .set(SCHEDULED_JOB.CLAIMED_BY, (String) null).set(SCHEDULED_JOB.CLAIMED_UNTIL, (OffsetDateTime) null)
                .where(SCHEDULED_JOB.NAME.eq(name)).and(SCHEDULED_JOB.CLAIMED_BY.eq(claimId))
                .execute();
    }
}
