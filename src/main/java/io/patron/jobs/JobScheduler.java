package io.patron.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.patron.common.Ids;
import io.patron.common.NodeName;
import io.patron.common.PollingLifecycle;
import io.patron.common.PollingLoop;

/**
 * Runs the jobs of this node when they are due, each only after claiming its row: of all nodes sharing the database
 * exactly one runs a job at a time. A run renews its lease while it works; a node that dies mid-run loses its claim
 * when the lease runs out and the job runs again on the next node that polls.
 * <p>
 * Two clocks: due times follow the project clock (a sandbox moves it, and jobs must see the moved time), leases
 * follow real time. A lease says how long a node may be silent before it counts as dead, which has nothing to do
 * with project time: measured on the project clock, a move of the clock made every live claim look expired, and
 * another node (or another thread) ran a job again while its holder was still running it.
 */
public class JobScheduler implements PollingLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final JobRepository repository;
    private final Clock clock;
    private final Clock leaseClock;
    private final JobProperties properties;
    private final Supplier<List<JobDefinition>> definitions;
    private final String node;
    private final PollingLoop loop;

    /**
     * @param clock      the project clock: when jobs are due
     * @param leaseClock real time: how long claims hold
     */
    public JobScheduler(DSLContext dsl, Clock clock, Clock leaseClock, JobProperties properties,
                        Supplier<List<JobDefinition>> jobs, String node) {
        this.repository = new JobRepository(dsl);
        this.clock = clock;
        this.leaseClock = leaseClock;
        this.properties = properties;
        this.definitions = jobs;
        this.node = node;
        this.loop = new PollingLoop("job-scheduler", properties.pollInterval(), this::runDueJobs);
    }

    public JobScheduler(DSLContext dsl, Clock clock, JobProperties properties, Supplier<List<JobDefinition>> jobs,
                        String node) {
        this(dsl, clock, Clock.systemUTC(), properties, jobs, node);
    }

    JobScheduler(DSLContext dsl, Clock clock, JobProperties properties, CoordinatedJobMethods jobs) {
        this(dsl, clock, properties, jobs::all, NodeName.get());
    }

    /**
     * Runs, on the calling thread, every job of this node that is due and that no live claim holds.
     *
     * @return the names of the jobs this call ran
     */
    public List<String> runDueJobs() {
        return runDue(name -> true);
    }

    /**
     * Runs the job on the calling thread if it is due and no live claim holds it (tests and operators that moved the
     * clock and want one job's effect now, without running every other job that became due).
     *
     * @return whether this call ran it
     */
    public boolean runIfDue(String name) {
        return !runDue(name::equals).isEmpty();
    }

    private List<String> runDue(Predicate<String> selected) {
        Map<String, JobDefinition> jobs = definitions.get().stream().filter(job -> selected.test(job.name()))
                .collect(Collectors.toMap(JobDefinition::name, Function.identity()));
        if (jobs.isEmpty()) {
            return List.of();
        }
        repository.addMissing(jobs.values(), OffsetDateTime.now(clock));
        List<String> ran = new ArrayList<>();
        for (String name : repository.due(jobs.keySet(), OffsetDateTime.now(clock), OffsetDateTime.now(leaseClock))) {
            JobDefinition job = jobs.get(name);
            String claimId = node + '/' + Ids.newId();
            // the times of this claim, not of the loop's start: the jobs before it may have run long, or the clock moved
            OffsetDateTime leaseNow = OffsetDateTime.now(leaseClock);
            if (repository.claim(name, claimId, OffsetDateTime.now(clock), leaseNow, leaseNow.plus(job.lease()))) {
                run(job, claimId);
                ran.add(name);
            }
        }
        return ran;
    }

    /**
     * The next run is one interval after this run <em>started</em>: the run saw the data as of its start, so a clock
     * move during the run (sandbox, tests) or a run longer than the interval makes the job due again at once instead
     * of skipping what became due meanwhile. A failed run is retried after the retry delay from its end. An Error is a
     * failed run too: it used to skip the release (the claim held until its lease ran out) and end the polling thread.
     */
    private void run(JobDefinition job, String claimId) {
        OffsetDateTime started = OffsetDateTime.now(clock);
        CountDownLatch ended = new CountDownLatch(1);
        Thread.ofVirtual().name("job-lease-" + job.name()).start(() -> renewWhileRunning(job, claimId, ended));
        String error = null;
        VirtualMachineError fatal = null;
        try {
            job.task().run();
        } catch (RuntimeException | Error e) {
            error = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            error = error.length() > 1000 ? error.substring(0, 1000) : error;
            log.warn("Job {} failed; it runs again in {}", job.name(), retryDelay(job), e);
            fatal = e instanceof VirtualMachineError vm ? vm : null;
        } finally {
            ended.countDown();
        }
        OffsetDateTime end = OffsetDateTime.now(clock);
        repository.finish(job.name(), claimId, end, error == null ? started.plus(job.interval()) : end.plus(retryDelay(job)),
                error);
        if (fatal != null) {
            throw fatal;
        }
    }

    private Duration retryDelay(JobDefinition job) {
        return job.interval().compareTo(properties.retryDelay()) < 0 ? job.interval() : properties.retryDelay();
    }

    /**
     * Extends the claim every third of the lease, so a long run keeps its job while a dead node's claim runs out.
     * Woken by the run's end rather than interrupted: an interrupt could land in the middle of a statement.
     */
    private void renewWhileRunning(JobDefinition job, String claimId, CountDownLatch ended) {
        long every = job.lease().dividedBy(3).toMillis();
        try {
            while (!ended.await(every, TimeUnit.MILLISECONDS)) {
                if (!repository.renew(job.name(), claimId, OffsetDateTime.now(leaseClock).plus(job.lease()))) {
                    log.warn("Job {} lost its claim while running", job.name());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not renew the claim of job {}", job.name(), e);
        }
    }

    /** Looks for due jobs now instead of at the next poll (e.g. after the project clock moved). */
    public void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public PollingLoop pollingLoop() {
        return loop;
    }
}
