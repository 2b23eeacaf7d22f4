package io.patron.support;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.ZoneId;

import io.patron.api.ResponseCache;
import io.patron.auth.AuthService;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectImporter;

/**
 * Resets the database between tests without restarting Spring: empties every table but Flyway's
 * history and imports the project again, as a fresh start would.
 */

public class TestData {

    private final DSLContext dsl;
    private final ProjectImporter importer;
    private final ResponseCache responseCache;
    private final AuthService authService;
    private final MutableClock clock;

    public TestData(DSLContext dsl, ProjectImporter importer, ResponseCache responseCache, AuthService authService,
                    MutableClock clock) {
        this.dsl = dsl;
        this.importer = importer;
        this.responseCache = responseCache;
        this.authService = authService;
        this.clock = clock;
    }

    public void reset() {
        List<String> tables = dsl.meta().getSchemas().stream()
                .filter(s -> s.getName().equalsIgnoreCase(TestDatabase.postgres() ? TestDatabase.schema() : "public"))
                .flatMap(s -> s.getTables().stream())
                .map(t -> t.getName())
                .filter(name -> !name.equalsIgnoreCase("flyway_schema_history"))
                .toList();
        if (TestDatabase.postgres()) {
            dsl.execute("truncate table " + String.join(", ", tables.stream().map(t -> "\"" + t + "\"").toList())
                    + " cascade");
        } else {
            dsl.execute("set referential_integrity false");
            tables.forEach(t -> dsl.execute("truncate table \"" + t + "\""));
            dsl.execute("set referential_integrity true");
        }
        clock.reset();
        responseCache.clear();
        authService.forgetAll();
        importer.afterPropertiesSet();
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
        MutableClock mutableClock(PatronProperties properties) {
            return new MutableClock(ZoneId.of(properties.timeZone()));
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

        @Bean
        TestData testData(DSLContext dsl, ProjectImporter importer, ResponseCache responseCache,
                          AuthService authService, MutableClock clock) {
            return new TestData(dsl, importer, responseCache, authService, clock);
        }
    }
}
