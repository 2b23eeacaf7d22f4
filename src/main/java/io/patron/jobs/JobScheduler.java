package io.patron.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.patron.common.Ids;
import io.patron.common.NodeName;
import io.patron.common.PollingLoop;

/**
 * Runs the jobs of this node when they are due, each only after claiming its row: of all nodes sharing the database
 * exactly one runs a job at a time. A run renews its lease while it works; a node that dies mid-run loses its claim
 * when the lease runs out and the job runs again on the next node that polls. Due times follow the project clock.
 */
public class JobScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final JobRepository repository;
    private final Clock clock;
    private final JobProperties properties;
    private final Supplier<List<JobDefinition>> definitions;
    private final String node;
    private final PollingLoop loop;

    public JobScheduler(DSLContext dsl, Clock clock, JobProperties properties, Supplier<List<JobDefinition>> jobs,
                        String node) {
        this.repository = new JobRepository(dsl);
        this.clock = clock;
        this.properties = properties;
        this.definitions = jobs;
        this.node = node;
        this.loop = new PollingLoop("job-scheduler", properties.pollInterval(), this::runDueJobs);
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
        Map<String, JobDefinition> jobs = definitions.get().stream()
                .collect(Collectors.toMap(JobDefinition::name, Function.identity()));
        if (jobs.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        repository.addMissing(jobs.values(), now);
        List<String> ran = new ArrayList<>();
        for (String name : repository.due(jobs.keySet(), now)) {
            JobDefinition job = jobs.get(name);
            String claimId = node + '/' + Ids.newId();
            if (repository.claim(name, claimId, now, now.plus(job.lease()))) {
                run(job, claimId);
                ran.add(name);
            }
        }
        return ran;
    }

    /**
     * The next run is one interval after this run <em>started</em>: the run saw the data as of its start, so a clock
     * move during the run (sandbox, tests) or a run longer than the interval makes the job due again at once instead
     * of skipping what became due meanwhile. A failed run is retried after the retry delay from its end.
     */
    private void run(JobDefinition job, String claimId) {
        OffsetDateTime started = OffsetDateTime.now(clock);
        Thread renewal = Thread.ofVirtual().name("job-lease-" + job.name()).start(() -> renewWhileRunning(job, claimId));
        String error = null;
        try {
            job.task().run();
        } catch (RuntimeException e) {
            error = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            error = error.length() > 1000 ? error.substring(0, 1000) : error;
            log.warn("Job {} failed; it runs again in {}", job.name(), retryDelay(job), e);
        } finally {
            renewal.interrupt();
        }
        OffsetDateTime end = OffsetDateTime.now(clock);
        repository.finish(job.name(), claimId, end, error == null ? started.plus(job.interval()) : end.plus(retryDelay(job)),
                error);
    }

    private Duration retryDelay(JobDefinition job) {
        return job.interval().compareTo(properties.retryDelay()) < 0 ? job.interval() : properties.retryDelay();
    }

    /** Extends the claim every third of the lease, so a long run keeps its job while a dead node's claim runs out. */
    private void renewWhileRunning(JobDefinition job, String claimId) {
        Duration every = job.lease().dividedBy(3);
        try {
            while (true) {
                Thread.sleep(every);
                if (!repository.renew(job.name(), claimId, OffsetDateTime.now(clock).plus(job.lease()))) {
                    log.warn("Job {} lost its claim while running", job.name());
                    return;
                }
            }
        } catch (InterruptedException e) {
            // the run ended
        } catch (RuntimeException e) {
            log.warn("Could not renew the claim of job {}", job.name(), e);
        }
    }

    /** Looks for due jobs now instead of at the next poll (e.g. after the project clock moved). */
    public void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
