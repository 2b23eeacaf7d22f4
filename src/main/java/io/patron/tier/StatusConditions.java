package io.patron.tier;

import static io.patron.db.Tables.STATUS;
import static io.patron.db.Tables.STATUS_RECORD;

import java.time.OffsetDateTime;

import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Conditions about statuses for capabilities that select customers in SQL (segments), correlated with the customer
 * id column of the caller's query.
 */
@Component
public class StatusConditions {

    private final DSLContext dsl;

    StatusConditions(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The id of the status named by its id or, failing that, by its text id; for configuration that names statuses. */
    public Optional<String> statusId(String idOrTextId) {
        return dsl.select(STATUS.ID).from(STATUS).where(STATUS.ID.eq(idOrTextId)).fetchOptional(STATUS.ID)
                .or(() -> dsl.select(STATUS.ID).from(STATUS).where(STATUS.TEXT_ID.eq(idOrTextId)).orderBy(STATUS.ID)
                        .limit(1).fetchOptional(STATUS.ID));
    }

    /** The customer's active status record is of the status and valid at {@code now} (as {@link CustomerStatuses#current}). */
    public Condition hasStatus(Field<String> customerId, String statusId, OffsetDateTime now) {
        return DSL.exists(DSL.selectOne().from(STATUS_RECORD)
                .where(STATUS_RECORD.ACTIVE_CUSTOMER_ID.eq(customerId))
                .and(STATUS_RECORD.STATE.eq(StatusRepository.ACTIVE)).and(STATUS_RECORD.STATUS_ID.eq(statusId))
                .and(STATUS_RECORD.VALID_FROM.le(now))
                .and(STATUS_RECORD.VALID_TO.isNull().or(STATUS_RECORD.VALID_TO.ge(now))));
    }
}
