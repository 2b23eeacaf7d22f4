package io.patron.loyalty;

import static io.patron.db.Tables.LOYALTY_MOVEMENT;
import static io.patron.db.Tables.LOYALTY_RECORD;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points that count for statuses (tiers): assigned or earned (not transferred in, not synchronized) within an
 * interval, of lots that are no longer pending — pending points count once the activation job made them
 * spendable. Spending, expiry and transfers out do not reduce it: a status is earned, not held by the balance.
 * A read API beside {@link LoyaltyLedger}, kept in its own file.
 */
@Service
@Transactional(readOnly = true)
public class QualifyingEarnings {

    private final DSLContext dsl;
    private final LedgerRepository repository;

    QualifyingEarnings(DSLContext dsl, LedgerRepository repository) {
        this.dsl = dsl;
        this.repository = repository;
    }

    /** The customer's qualifying points of a point type earned with {@code from <= time < to}. */
    public BigDecimal earned(String customerId, String pointTypeId, OffsetDateTime from, OffsetDateTime to) {
        LoyaltyType type = repository.type(LoyaltyType.Kind.POINT, pointTypeId)
                .orElseThrow(() -> new IllegalArgumentException("No point type " + pointTypeId));
        BigDecimal sum = dsl.select(DSL.sum(LOYALTY_MOVEMENT.AMOUNT)).from(LOYALTY_MOVEMENT)
                .join(LOYALTY_RECORD).on(LOYALTY_RECORD.ID.eq(LOYALTY_MOVEMENT.RECORD_ID))
                .where(LOYALTY_MOVEMENT.CUSTOMER_ID.eq(customerId)).and(LOYALTY_MOVEMENT.TYPE_ID.eq(pointTypeId))
                .and(LOYALTY_MOVEMENT.OPERATION.in(Operation.ASSIGN.code, Operation.EARN.code))
                .and(LOYALTY_RECORD.PHASE.ne(LedgerRepository.PENDING))
                .and(LOYALTY_MOVEMENT.CREATED_AT.ge(from)).and(LOYALTY_MOVEMENT.CREATED_AT.lt(to))
                .fetchOne(0, BigDecimal.class);
        return type.shown(sum == null ? BigDecimal.ZERO : sum);
    }
}
