package io.patron.support;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.patron.config.ProjectClock;
import io.patron.sandbox.DataReset;

/**
 * Resets the database between tests without restarting Spring, with the sandbox's {@link DataReset}:
 * empties every table but Flyway's history and imports the project again, as a fresh start would.
 */

public class TestData {

    private final DataReset dataReset;
    private final MutableClock clock;

    public TestData(DataReset dataReset, MutableClock clock) {
        this.dataReset = dataReset;
        this.clock = clock;
    }

    /** The sandbox's reset (empty tables, caches, project clock, project import) and the test clock back to it. */
    public void reset() {
        clock.reset();
        dataReset.reset();
    }

    /** The test database starts empty: clean, then migrate. */
    @Configuration(proxyBeanMethods = false)
    public static class CleanStart {
        @Bean
        FlywayMigrationStrategy cleanThenMigrate() {
            return (Flyway flyway) -> {
                flyway.clean();
                flyway.migrate();
            };
        }

        @Bean
        @Primary
        MutableClock mutableClock(ProjectClock projectClock) {
            return new MutableClock(projectClock);
        }

        /** Two listeners of every event type, so that tests see deliveries (and partial failures). */
        @Bean
        RecordedEvents recordedEvents() {
            return new RecordedEvents("first");
        }

        @Bean
        RecordedEvents otherRecordedEvents() {
            return new RecordedEvents("second");
        }

        /** Counts the statements of one thread on demand (see {@link StatementCounter}). */
        @Bean
        org.jooq.ExecuteListenerProvider statementCounter() {
            return new org.jooq.impl.DefaultExecuteListenerProvider(new StatementCounter());
        }

        @Bean
        TestData testData(DataReset dataReset, MutableClock clock) {
            return new TestData(dataReset, clock);
        }

        @Bean
        JobRuns jobRuns(io.patron.jobs.JobScheduler scheduler, org.jooq.DSLContext dsl, javax.sql.DataSource dataSource,
                        MutableClock clock) {
            return new JobRuns(scheduler, dsl, dataSource, clock);
        }
    }
}
