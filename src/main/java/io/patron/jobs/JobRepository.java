package io.patron.jobs;

import static io.patron.jobs.JobTables.*;
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
        Set<String> existing = dsl.select(NAME).from(SCHEDULED_JOB).fetchSet(NAME);
        for (JobDefinition job : jobs) {
            if (!existing.contains(job.name())) {
                try {
                    dsl.insertInto(SCHEDULED_JOB)
                            .set(NAME, job.name()).set(NEXT_RUN_AT, now.plus(job.interval())).set(RUNS, 0L)
                            .execute();
                } catch (DuplicateKeyException e) {
                    // another node added it at the same moment
                }
            }
        }
    }

    /** The jobs among {@code names} that are due and not held by a live claim. */
    List<String> due(Collection<String> names, OffsetDateTime now) {
        return dsl.select(NAME).from(SCHEDULED_JOB)
                .where(NAME.in(names)).and(NEXT_RUN_AT.le(now))
                .and(CLAIMED_UNTIL.isNull().or(CLAIMED_UNTIL.lt(now)))
                .orderBy(NEXT_RUN_AT)
                .fetch(NAME);
    }

    /** Claims a due job; false when it is not due or another node holds it (the condition decides under the row lock). */
    boolean claim(String name, String claimId, OffsetDateTime now, OffsetDateTime until) {
        return dsl.update(SCHEDULED_JOB)
                .set(CLAIMED_BY, claimId).set(CLAIMED_UNTIL, until).set(LAST_STARTED_AT, now)
                .where(NAME.eq(name)).and(NEXT_RUN_AT.le(now))
                .and(CLAIMED_UNTIL.isNull().or(CLAIMED_UNTIL.lt(now)))
                .execute() == 1;
    }

    /** Extends a claim this run still holds. */
    boolean renew(String name, String claimId, OffsetDateTime until) {
        return dsl.update(SCHEDULED_JOB).set(CLAIMED_UNTIL, until)
                .where(NAME.eq(name)).and(CLAIMED_BY.eq(claimId))
                .execute() == 1;
    }

    /** Releases the claim: next run at {@code nextRun}, with the run's error (null after a success). */
    void finish(String name, String claimId, OffsetDateTime now, OffsetDateTime nextRun, String error) {
        dsl.update(SCHEDULED_JOB)
                .set(NEXT_RUN_AT, nextRun).set(LAST_FINISHED_AT, now).set(LAST_ERROR, error)
                .set(RUNS, RUNS.plus(inline(1L)))
                .set(CLAIMED_BY, (String) null).set(CLAIMED_UNTIL, (OffsetDateTime) null)
                .where(NAME.eq(name)).and(CLAIMED_BY.eq(claimId))
                .execute();
    }
}
