package io.patron.jobs;

import java.util.List;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.patron.common.BulkSql;

/**
 * Keeps PostgreSQL's planner statistics current where autovacuum is off (a test or benchmark installation; CI runs
 * that way): the tables that changed much since their last analyze are analyzed, which also makes every connection
 * plan its cached statements anew. A no-op where autovacuum runs and on H2.
 */
@Component
class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final DSLContext dsl;

    PlannerStatistics(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Outside a transaction: each table's analyze commits on its own. */
    @CoordinatedJob(name = "database.analyze-changed-tables", every = "1m")
    void analyzeChangedTables() {
        List<String> analyzed = BulkSql.analyzeWhereAutovacuumIsOff(dsl);
        if (!analyzed.isEmpty()) {
            log.debug("Analyzed {}", analyzed);
        }
    }
}
