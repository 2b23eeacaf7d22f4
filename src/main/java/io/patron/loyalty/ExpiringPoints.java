package io.patron.loyalty;

import static io.patron.db.Tables.LOYALTY_RECORD;
import static io.patron.db.Tables.LOYALTY_TYPE;

import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who has points about to expire, for capabilities that act before the expiry job does (automation). */
@Service
@Transactional(readOnly = true)
public class ExpiringPoints {

    private final DSLContext dsl;

    ExpiringPoints(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The customers holding points (spendable or pending, more than zero left) of a lot that ends with
     * {@code from <= end < to}, in id order after {@code afterId} (null: from the first), at most {@code limit}.
     */
    public List<String> customersWithPointsEnding(OffsetDateTime from, OffsetDateTime to, String afterId, int limit) {
        return dsl.selectDistinct(LOYALTY_RECORD.CUSTOMER_ID).from(LOYALTY_RECORD)
                .join(LOYALTY_TYPE).on(LOYALTY_TYPE.ID.eq(LOYALTY_RECORD.TYPE_ID))
                .where(LOYALTY_TYPE.KIND.eq(LoyaltyType.Kind.POINT.code()))
                .and(LOYALTY_RECORD.PHASE.in(LedgerRepository.ACTIVE, LedgerRepository.PENDING))
                .and(LOYALTY_RECORD.AVAILABLE.gt(java.math.BigDecimal.ZERO))
                .and(LOYALTY_RECORD.VALID_TO.ge(from)).and(LOYALTY_RECORD.VALID_TO.lt(to))
                .and(afterId == null ? DSL.noCondition() : LOYALTY_RECORD.CUSTOMER_ID.gt(afterId))
                .orderBy(LOYALTY_RECORD.CUSTOMER_ID).limit(limit).fetch(LOYALTY_RECORD.CUSTOMER_ID);
    }
}
