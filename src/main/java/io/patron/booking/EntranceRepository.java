package io.patron.booking;

import static io.patron.db.Tables.ENTRANCE;
import static io.patron.db.Tables.ENTRANCE_USAGE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.db.tables.records.EntranceRecord;

/** SQL of charged entrances and their usage. */
@Repository
class EntranceRepository {

    private final DSLContext dsl;

    EntranceRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<EntranceRecord> byExternal(int posId, String externalId) {
        return dsl.selectFrom(ENTRANCE).where(ENTRANCE.POS_ID.eq(posId)).and(ENTRANCE.EXTERNAL_ENTRANCE_ID.eq(externalId))
                .forUpdate().fetchOptional();
    }

    Optional<EntranceRecord> lock(String id) {
        return dsl.selectFrom(ENTRANCE).where(ENTRANCE.ID.eq(id)).forUpdate().fetchOptional();
    }

    EntranceRecord newEntrance() {
        return dsl.newRecord(ENTRANCE);
    }

    void usage(String entranceId, LocalDate day, BigDecimal distance, BigDecimal elevation) {
        int updated = dsl.update(ENTRANCE_USAGE).set(ENTRANCE_USAGE.DISTANCE_KM, distance)
                .set(ENTRANCE_USAGE.ELEVATION_M, elevation)
                .where(ENTRANCE_USAGE.ENTRANCE_ID.eq(entranceId)).and(ENTRANCE_USAGE.USED_ON.eq(day)).execute();
        if (updated == 0) {
            dsl.insertInto(ENTRANCE_USAGE).set(ENTRANCE_USAGE.ENTRANCE_ID, entranceId)
                    .set(ENTRANCE_USAGE.USED_ON, day).set(ENTRANCE_USAGE.DISTANCE_KM, distance)
                    .set(ENTRANCE_USAGE.ELEVATION_M, elevation).execute();
        }
    }

    /** Active, canceled (by the POS), deactivated (in Patron) and all entrances matching {@code where}. */
    Record4<Integer, Integer, Integer, Integer> overview(Condition where) {
        return dsl.select(
                        DSL.count().filterWhere(ENTRANCE.STATE.eq(1)),
                        DSL.count().filterWhere(ENTRANCE.STATE.eq(0).and(ENTRANCE.DEACTIVATED.isFalse())),
                        DSL.count().filterWhere(ENTRANCE.STATE.eq(0).and(ENTRANCE.DEACTIVATED.isTrue())),
                        DSL.count())
                .from(ENTRANCE).where(where).fetchOne();
    }

    /** Kilometres, metres of elevation and distinct days of use over the customer's active entrances. */
    org.jooq.Record3<BigDecimal, BigDecimal, Integer> usageOf(String customerId) {
        return dsl.select(DSL.coalesce(DSL.sum(ENTRANCE_USAGE.DISTANCE_KM), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(ENTRANCE_USAGE.ELEVATION_M), BigDecimal.ZERO),
                        DSL.countDistinct(ENTRANCE_USAGE.USED_ON))
                .from(ENTRANCE_USAGE).join(ENTRANCE).on(ENTRANCE.ID.eq(ENTRANCE_USAGE.ENTRANCE_ID))
                .where(ENTRANCE.CUSTOMER_ID.eq(customerId)).and(ENTRANCE.STATE.eq(1))
                .fetchOne();
    }
}
