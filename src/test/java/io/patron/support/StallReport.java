package io.patron.support;

import static io.patron.db.Tables.SCHEDULED_JOB;

import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * What a test that waited in vain for background work should print: the job rows, the clocks, the connection pool,
 * the database sessions and every thread's stack (platform threads with the locks they hold and wait for, and the
 * virtual threads the pollers, deliveries and requests run on). Each part is bounded in time: a stalled pool must
 * not stall the report. The whole report is also written to {@code target/stall-reports/}.
 */
public final class StallReport {

    private static final long DATABASE_WAIT_SECONDS = 5;

    private StallReport() {
    }

    public static String describe(String title, DSLContext dsl, DataSource dataSource, Clock clock) {
        StringBuilder out = new StringBuilder("=== Stall report: ").append(title).append(" ===\n");
        out.append("real time ").append(Instant.now()).append(", project/test clock ").append(clock.instant()).append('\n');
        out.append(pool(dataSource));
        out.append(bounded("scheduled_job rows", () -> dsl.selectFrom(SCHEDULED_JOB).orderBy(SCHEDULED_JOB.NAME)
                .fetch().format(200)));
        out.append(bounded("database sessions", () -> sessions(dsl)));
        out.append(platformThreads());
        out.append(allThreads());
        String report = out.toString();
        try {
            Path dir = Path.of("target", "stall-reports");
            Files.createDirectories(dir);
            Path file = dir.resolve(OffsetDateTime.now().toString().replace(':', '-') + ".txt");
            Files.writeString(file, report);
            report = report + "\n(also in " + file.toAbsolutePath() + ")\n";
        } catch (IOException e) {
            report = report + "\n(could not write the report file: " + e + ")\n";
        }
        return report;
    }

    private static String pool(DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
                return "pool: " + pool.getActiveConnections() + " active, " + pool.getIdleConnections() + " idle, "
                        + pool.getTotalConnections() + " total, " + pool.getThreadsAwaitingConnection()
                        + " threads awaiting a connection\n";
            }
            return "pool: not Hikari (" + dataSource.getClass().getName() + ")\n";
        } catch (Exception e) {
            return "pool: " + e + "\n";
        }
    }

    private static String sessions(DSLContext dsl) {
        if (dsl.dialect().family() == SQLDialect.H2) {
            return dsl.fetch("select session_id, session_state, blocker_id, contains_uncommitted, isolation_level,"
                    + " executing_statement_start, sleep_since, executing_statement from information_schema.sessions")
                    .format(200)
                    + "\n" + dsl.fetch("select * from information_schema.locks").format(200);
        }
        return dsl.fetch("select pid, state, wait_event_type, wait_event, pg_blocking_pids(pid) as blocked_by,"
                + " xact_start, query_start, left(query, 300) as query from pg_stat_activity"
                + " where datname = current_database() and pid <> pg_backend_pid()").format(200);
    }

    /** A part read from the database on another thread, given up after a few seconds (the pool may be the stall). */
    private static String bounded(String name, java.util.concurrent.Callable<String> part) {
        FutureTask<String> task = new FutureTask<>(part);
        Thread.ofVirtual().name("stall-report").start(task);
        try {
            return "--- " + name + " ---\n" + task.get(DATABASE_WAIT_SECONDS, TimeUnit.SECONDS) + "\n";
        } catch (TimeoutException e) {
            task.cancel(true);
            return "--- " + name + ": no answer within " + DATABASE_WAIT_SECONDS + " s ---\n";
        } catch (ExecutionException e) {
            return "--- " + name + ": " + e.getCause() + " ---\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "--- " + name + ": interrupted ---\n";
        }
    }

    /** Platform threads with full stacks, the monitors and locks they hold and what they wait for (and who has it). */
    private static String platformThreads() {
        StringBuilder out = new StringBuilder("--- platform threads (locks) ---\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockInfo() != null) {
                out.append(" on ").append(info.getLockInfo());
            }
            if (info.getLockOwnerName() != null) {
                out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            out.append('\n');
            StackTraceElement[] stack = info.getStackTrace();
            for (int i = 0; i < stack.length; i++) {
                out.append("\tat ").append(stack[i]).append('\n');
                for (MonitorInfo monitor : info.getLockedMonitors()) {
                    if (monitor.getLockedStackDepth() == i) {
                        out.append("\t- locked ").append(monitor).append('\n');
                    }
                }
            }
            for (LockInfo lock : info.getLockedSynchronizers()) {
                out.append("\t- holds ").append(lock).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Every thread, virtual ones included (the JDK's thread dump; ThreadMXBean leaves virtual threads out). */
    private static String allThreads() {
        try {
            Path file = Files.createTempFile("patron-threads", ".txt");
            Files.delete(file);
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toAbsolutePath().toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            String dump = Files.readString(file);
            Files.deleteIfExists(file);
            return "--- all threads, virtual included ---\n" + dump;
        } catch (IOException | RuntimeException e) {
            return "--- all threads: " + e + " ---\n";
        }
    }
}
