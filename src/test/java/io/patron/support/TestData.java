package io.patron.support;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.patron.api.ResponseCache;
import io.patron.config.ProjectImporter;

/**
 * Resets the database between tests without restarting Spring: empties every table but Flyway's
 * history and imports the project again, as a fresh start would.
 */

public class TestData {

    private final DSLContext dsl;
    private final ProjectImporter importer;
    private final ResponseCache responseCache;

    public TestData(DSLContext dsl, ProjectImporter importer, ResponseCache responseCache) {
        this.dsl = dsl;
        this.importer = importer;
        this.responseCache = responseCache;
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
        responseCache.clear();
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
        TestData testData(DSLContext dsl, ProjectImporter importer, ResponseCache responseCache) {
            return new TestData(dsl, importer, responseCache);
        }
    }
}
