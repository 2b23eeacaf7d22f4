package io.patron.jobs;

import static io.patron.db.Tables.SCHEDULED_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.BulkSql;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import io.patron.support.TestDatabase;

/** Coordinated jobs: one node at a time, resumed after a dead node's lease, timed by the project clock. */
class JobSchedulerTest extends ApiTest {

    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Autowired
    DSLContext dsl;
    @Autowired
    MutableClock clock;
    @Autowired
    JobProperties properties;
    @Autowired
    CoordinatedJobMethods jobMethods;

    /** Real time for the leases of this test's nodes, moved apart from the project clock. */
    private final MutableClock leases = new MutableClock(Clock.systemUTC());

    private JobScheduler node(String name, JobDefinition... jobs) {
        return new JobScheduler(dsl, clock, leases, properties, () -> List.of(jobs), name);
    }

    private Record row(String job) {
        return dsl.select(SCHEDULED_JOB.NEXT_RUN_AT, SCHEDULED_JOB.CLAIMED_BY, SCHEDULED_JOB.CLAIMED_UNTIL, SCHEDULED_JOB.LAST_ERROR, SCHEDULED_JOB.RUNS, SCHEDULED_JOB.LAST_FINISHED_AT)
                .from(SCHEDULED_JOB).where(SCHEDULED_JOB.NAME.eq(job)).fetchOne();
    }

    private void makeDue(String job) {
        dsl.update(SCHEDULED_JOB).set(SCHEDULED_JOB.NEXT_RUN_AT, OffsetDateTime.now(clock).minusSeconds(1))
                .where(SCHEDULED_JOB.NAME.eq(job)).execute();
    }

    @Test
    void whereAutovacuumIsOffATableThatChangedMuchIsAnalyzed() {
        if (!TestDatabase.postgres()) {
            assertThat(BulkSql.analyzeWhereAutovacuumIsOff(dsl)).as("nothing to do on H2").isEmpty();
            return;
        }
        assumeTrue("off".equals(dsl.resultQuery("select current_setting('autovacuum')").fetchOne(0, String.class)),
                "autovacuum analyzes where it runs");
        String analyses = "select coalesce(analyze_count, 0) from pg_stat_user_tables where schemaname = current_schema() "
                + "and relname = 'scheduled_job'";
        long before = dsl.resultQuery(analyses).fetchOne(0, Long.class);
        for (int i = 0; i < 200; i++) { // more than 50 and a tenth of the table
            dsl.insertInto(SCHEDULED_JOB).set(SCHEDULED_JOB.NAME, "test.analyze-" + i)
                    .set(SCHEDULED_JOB.NEXT_RUN_AT, OffsetDateTime.now(clock).plusYears(1)).set(SCHEDULED_JOB.RUNS, 0L).execute();
        }
        // backends report their changes at most once a second; the application's own job may be the one that analyzes
        PlannerStatistics statistics = new PlannerStatistics(dsl);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            statistics.analyzeChangedTables();
            return dsl.resultQuery(analyses).fetchOne(0, Long.class) > before;
        });
    }

    @Test
    void theFormerScheduledCleanUpsAreCoordinatedJobsWithRows() {
        List<String> names = jobMethods.all().stream().map(JobDefinition::name).toList();
        assertThat(names).contains("auth.purge-expired-tokens", "customer-login.purge-expired-tokens",
                "rate-limit.remove-expired-buckets", "events.delete-delivered");
        // The application's scheduler (re)creates the rows, even after the tests' data reset emptied the table.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(dsl.select(SCHEDULED_JOB.NAME).from(SCHEDULED_JOB).fetch(SCHEDULED_JOB.NAME)).containsAll(names));
        assertThat(row("auth.purge-expired-tokens").get(SCHEDULED_JOB.NEXT_RUN_AT))
                .isAfter(OffsetDateTime.now(clock).plusMinutes(50));
    }

    @Test
    void aDueJobRunsOnceWhenTwoNodesShareTheDatabase() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        JobDefinition job = new JobDefinition("test.once", INTERVAL, LEASE, () -> {
            runs.incrementAndGet();
            sleep(200);
        });
        List<JobScheduler> nodes = List.of(node("node-a", job), node("node-b", job));
        assertThat(nodes.getFirst().runDueJobs()).isEmpty(); // first sight: the row is added, first run in an interval
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            for (int round = 1; round <= 5; round++) {
                makeDue("test.once");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<String>>> ran = new ArrayList<>();
                for (JobScheduler node : nodes) {
                    ran.add(threads.submit(() -> {
                        start.await();
                        return node.runDueJobs();
                    }));
                }
                start.countDown();
                int ranBy = 0;
                for (Future<List<String>> f : ran) {
                    ranBy += f.get().size();
                }
                assertThat(ranBy).as("round %d", round).isEqualTo(1);
                assertThat(runs.get()).isEqualTo(round);
                Record row = row("test.once");
                assertThat(row.get(SCHEDULED_JOB.RUNS)).isEqualTo((long) round);
                assertThat(row.get(SCHEDULED_JOB.CLAIMED_BY)).isNull();
                assertThat(row.get(SCHEDULED_JOB.NEXT_RUN_AT)).isAfter(OffsetDateTime.now(clock).plus(INTERVAL).minusMinutes(1));
                // Not due again before its interval.
                assertThat(nodes.get(1).runDueJobs()).isEmpty();
            }
        } finally {
            threads.shutdown();
        }
        // The interval is measured on the project clock.
        clock.advance(INTERVAL.plusSeconds(1));
        assertThat(nodes.get(1).runDueJobs()).containsExactly("test.once");
        assertThat(runs.get()).isEqualTo(6);
    }

    @Test
    void aJobClaimedByANodeThatDiedRunsAgainAfterTheLease() {
        AtomicInteger runs = new AtomicInteger();
        JobScheduler survivor = node("survivor", new JobDefinition("test.orphan", INTERVAL, LEASE, runs::incrementAndGet));
        survivor.runDueJobs();
        // A node claimed the due job and died while running it: the claim was never released.
        dsl.update(SCHEDULED_JOB).set(SCHEDULED_JOB.NEXT_RUN_AT, OffsetDateTime.now(clock).minusSeconds(1))
                .set(SCHEDULED_JOB.CLAIMED_BY, "dead-node/1").set(SCHEDULED_JOB.CLAIMED_UNTIL, OffsetDateTime.now(leases).plus(LEASE))
                .where(SCHEDULED_JOB.NAME.eq("test.orphan")).execute();
        assertThat(survivor.runDueJobs()).isEmpty();
        // the lease is real time: moving the project clock past it frees nothing
        clock.advance(Duration.ofDays(30));
        assertThat(survivor.runDueJobs()).isEmpty();
        assertThat(runs.get()).isZero();

        leases.advance(LEASE.plusSeconds(1));
        assertThat(survivor.runDueJobs()).containsExactly("test.orphan");
        assertThat(runs.get()).isEqualTo(1);
        assertThat(row("test.orphan").get(SCHEDULED_JOB.CLAIMED_BY)).isNull();
    }

    /**
     * The sandbox (or a test) moves the project clock while a node runs a job: the claim must still hold. Measured
     * on the project clock it looked expired, and a second node (or the test's own thread) ran the job again, at the
     * same time as its holder.
     */
    @Test
    void aClockMoveDuringARunLetsNoOtherNodeRunTheJob() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobDefinition job = new JobDefinition("test.held", INTERVAL, LEASE, () -> {
            runs.incrementAndGet();
            running.countDown();
            try {
                release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        JobScheduler holder = node("holder", job);
        JobScheduler other = node("other", job);
        holder.runDueJobs();
        makeDue("test.held");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> held = thread.submit(holder::runDueJobs);
            assertThat(running.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofDays(40));
            assertThat(other.runDueJobs()).isEmpty();
            assertThat(other.runIfDue("test.held")).isFalse();
            release.countDown();
            assertThat(held.get()).containsExactly("test.held");
        } finally {
            release.countDown();
            thread.shutdown();
        }
        assertThat(runs.get()).isEqualTo(1);
        // the run started before the move, so it did not see the time now: due again at once
        assertThat(other.runDueJobs()).containsExactly("test.held");
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aJobThatThrowsAnErrorReleasesItsClaimAndRunIfDueRunsOnlyTheNamedJob() {
        AtomicInteger others = new AtomicInteger();
        JobScheduler node = node("node",
                new JobDefinition("test.error", INTERVAL, LEASE, () -> {
                    throw new AssertionError("an error, not an exception");
                }),
                new JobDefinition("test.other", INTERVAL, LEASE, others::incrementAndGet));
        node.runDueJobs();
        makeDue("test.error");
        makeDue("test.other");
        assertThat(node.runIfDue("test.error")).isTrue();
        Record failed = row("test.error");
        assertThat(failed.get(SCHEDULED_JOB.CLAIMED_BY)).isNull();
        assertThat(failed.get(SCHEDULED_JOB.LAST_ERROR)).contains("AssertionError", "an error, not an exception");
        assertThat(others.get()).isZero();
        assertThat(node.runIfDue("test.error")).isFalse(); // retried after the retry delay, not at once
        assertThat(node.runDueJobs()).containsExactly("test.other");
    }

    @Test
    void aFailedRunIsRetriedSoonerThanTheInterval() {
        AtomicInteger runs = new AtomicInteger();
        JobScheduler node = node("node", new JobDefinition("test.failing", INTERVAL, LEASE, () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("failing on purpose");
            }
        }));
        node.runDueJobs();
        makeDue("test.failing");
        assertThat(node.runDueJobs()).containsExactly("test.failing");
        Record failed = row("test.failing");
        assertThat(failed.get(SCHEDULED_JOB.LAST_ERROR)).contains("failing on purpose");
        assertThat(Duration.between(failed.get(SCHEDULED_JOB.LAST_FINISHED_AT), failed.get(SCHEDULED_JOB.NEXT_RUN_AT)))
                .isEqualTo(properties.retryDelay());
        clock.advance(properties.retryDelay().plusSeconds(1));
        assertThat(node.runDueJobs()).containsExactly("test.failing");
        assertThat(row("test.failing").get(SCHEDULED_JOB.LAST_ERROR)).isNull();
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aRunDuringWhichTheClockPassesItsNextTimeIsDueAgainAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        // the clock moves on while the run works: what became due meanwhile was not seen by this run
        JobScheduler node = node("node", new JobDefinition("test.jump", INTERVAL, LEASE, () -> {
            runs.incrementAndGet();
            clock.advance(INTERVAL.multipliedBy(3));
        }));
        node.runDueJobs();
        makeDue("test.jump");
        assertThat(node.runDueJobs()).containsExactly("test.jump");
        assertThat(node.runDueJobs()).containsExactly("test.jump");
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aLongRunRenewsItsLease() {
        List<OffsetDateTime> claims = new ArrayList<>();
        Duration shortLease = Duration.ofMillis(600);
        JobDefinition job = new JobDefinition("test.long", INTERVAL, shortLease, () -> {
            claims.add(row("test.long").get(SCHEDULED_JOB.CLAIMED_UNTIL));
            sleep(900);
            claims.add(row("test.long").get(SCHEDULED_JOB.CLAIMED_UNTIL));
        });
        JobScheduler node = node("node", job);
        node.runDueJobs();
        makeDue("test.long");
        assertThat(node.runDueJobs()).containsExactly("test.long");
        assertThat(claims.get(1)).isAfter(claims.get(0));
    }

    @Test
    void theTokenPurgeRunsWhenTheProjectClockPassesItsTime() {
        admin().get("/countries", "count", "1").expect(200);
        var tokens = table(name("user_token"));
        assertThat(dsl.fetchCount(tokens)).isPositive();
        // Tokens are kept one day after they expire (7 h); the job is due in an hour.
        await().atMost(Duration.ofSeconds(20)).until(() -> row("auth.purge-expired-tokens") != null);
        dsl.update(SCHEDULED_JOB).set(SCHEDULED_JOB.NEXT_RUN_AT, OffsetDateTime.now(clock).plusHours(1))
                .where(SCHEDULED_JOB.NAME.eq("auth.purge-expired-tokens")).execute();
        clock.advance(Duration.ofHours(7).plusDays(1).plusMinutes(1));
        // the run's count is written after its work commits: wait for both
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(dsl.fetchCount(tokens)).isZero();
            assertThat(row("auth.purge-expired-tokens").get(SCHEDULED_JOB.RUNS)).isEqualTo(1L);
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
