package io.patron.sandbox;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TableOptions;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

import io.patron.api.ResponseCache;
import io.patron.auth.AuthService;
import io.patron.common.PollingLoop;
import io.patron.config.ProjectClock;
import io.patron.config.ProjectImporter;

/**
 * Puts the data back to the state of a fresh start: empties every table but Flyway's history,
 * forgets this node's caches, sets the project clock back to real time and imports the project
 * (default, demo when on, project file) again. Used by {@code POST /sandbox/reset} and by the tests
 * before each case. Other nodes' caches follow within their lifetimes (auth cache, max-age).
 */
@Service
public class DataReset {

    /** Tables that describe the database itself, not the project's data. */
    private static final List<String> KEPT = List.of("flyway_schema_history");

    private final DSLContext dsl;
    private final ProjectImporter importer;
    private final ResponseCache responseCache;
    private final AuthService authService;
    private final ProjectClock clock;

    DataReset(DSLContext dsl, ProjectImporter importer, ResponseCache responseCache, AuthService authService,
              ProjectClock clock) {
        this.dsl = dsl;
        this.importer = importer;
        this.responseCache = responseCache;
        this.authService = authService;
        this.clock = clock;
    }

    public void reset() {
        // background work (outbox deliveries, coordinated jobs) waits: it would race the truncation
        PollingLoop.whilePaused(() -> {
            emptyTables();
            clock.refresh();
            responseCache.clear();
            authService.forgetAll();
            importer.importAll();
        });
    }

    private void emptyTables() {
        String schema = dsl.select(DSL.currentSchema()).fetchOne(0, String.class);
        List<String> tables = dsl.meta().getSchemas().stream()
                .filter(s -> s.getName().equalsIgnoreCase(schema))
                .flatMap(s -> s.getTables().stream())
                .filter(t -> t.getTableType() != TableOptions.TableType.VIEW
                        && t.getTableType() != TableOptions.TableType.MATERIALIZED_VIEW)
                .map(t -> t.getName())
                .filter(name -> KEPT.stream().noneMatch(name::equalsIgnoreCase))
                .toList();
        if (tables.isEmpty()) {
            throw new IllegalStateException("No tables found in schema " + schema);
        }
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            dsl.execute("truncate table " + String.join(", ", tables.stream().map(t -> "\"" + t + "\"").toList())
                    + " cascade");
        } else {
            dsl.execute("set referential_integrity false");
            try {
                tables.forEach(t -> dsl.execute("truncate table \"" + t + "\""));
            } finally {
                dsl.execute("set referential_integrity true");
            }
        }
    }
}
