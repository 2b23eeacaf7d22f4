package io.patron.loyalty;

import static io.patron.db.Tables.LOYALTY_BALANCE;
import static io.patron.db.Tables.LOYALTY_MOVEMENT;
import static io.patron.db.Tables.LOYALTY_RECORD;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger's consistency check, for tests and operators ({@code GET /admin/loyalty/consistency}): for every
 * customer, type and currency, the cached balance equals the sum of the lots' available amounts and the sum of the
 * movements, separately for spendable (active) and pending amounts, and no lot or balance is negative.
 * The same as SQL, for an operator without the API (every row it returns is a problem):
 * <pre>
 * select b.customer_id, b.type_id, b.currency_id, b.available, b.pending,
 *        (select coalesce(sum(available), 0) from loyalty_record r where r.customer_id = b.customer_id
 *           and r.type_id = b.type_id and r.currency_id = b.currency_id and r.phase = 'active') as lots_available,
 *        (select coalesce(sum(available), 0) from loyalty_record r where r.customer_id = b.customer_id
 *           and r.type_id = b.type_id and r.currency_id = b.currency_id and r.phase = 'pending') as lots_pending,
 *        (select coalesce(sum(available_change), 0) from loyalty_movement m where m.customer_id = b.customer_id
 *           and m.type_id = b.type_id and m.currency_id = b.currency_id) as movements_available,
 *        (select coalesce(sum(pending_change), 0) from loyalty_movement m where m.customer_id = b.customer_id
 *           and m.type_id = b.type_id and m.currency_id = b.currency_id) as movements_pending
 * from loyalty_balance b
 * where b.available &lt;&gt; (lots_available ...)  -- compare the four sums with the two balance columns
 * </pre>
 */
@Service
@Transactional(readOnly = true)
public class LedgerConsistency {

    /** One customer, type and currency whose numbers disagree. */
    public record Problem(String customerId, String typeId, String currencyId, BigDecimal balanceAvailable,
                          BigDecimal lotsAvailable, BigDecimal movementsAvailable, BigDecimal balancePending,
                          BigDecimal lotsPending, BigDecimal movementsPending) {
    }

    private final DSLContext dsl;

    LedgerConsistency(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Every disagreement in the whole ledger; empty when it is consistent. */
    public List<Problem> check() {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        dsl.select(LOYALTY_BALANCE.CUSTOMER_ID, LOYALTY_BALANCE.TYPE_ID, LOYALTY_BALANCE.CURRENCY_ID,
                        LOYALTY_BALANCE.AVAILABLE, LOYALTY_BALANCE.PENDING).from(LOYALTY_BALANCE)
                .forEach(r -> put(sums, key(r.value1(), r.value2(), r.value3()), 0, r.value4(), r.value5()));
        var lotAvailable = DSL.sum(DSL.when(LOYALTY_RECORD.PHASE.eq(LedgerRepository.ACTIVE), LOYALTY_RECORD.AVAILABLE)
                .otherwise(BigDecimal.ZERO));
        var lotPending = DSL.sum(DSL.when(LOYALTY_RECORD.PHASE.eq(LedgerRepository.PENDING), LOYALTY_RECORD.AVAILABLE)
                .otherwise(BigDecimal.ZERO));
        dsl.select(LOYALTY_RECORD.CUSTOMER_ID, LOYALTY_RECORD.TYPE_ID, LOYALTY_RECORD.CURRENCY_ID, lotAvailable,
                        lotPending, DSL.min(LOYALTY_RECORD.AVAILABLE))
                .from(LOYALTY_RECORD)
                .groupBy(LOYALTY_RECORD.CUSTOMER_ID, LOYALTY_RECORD.TYPE_ID, LOYALTY_RECORD.CURRENCY_ID)
                .forEach(r -> put(sums, key(r.value1(), r.value2(), r.value3()), 1, r.value4(), r.value5()));
        dsl.select(LOYALTY_MOVEMENT.CUSTOMER_ID, LOYALTY_MOVEMENT.TYPE_ID, LOYALTY_MOVEMENT.CURRENCY_ID,
                        DSL.sum(LOYALTY_MOVEMENT.AVAILABLE_CHANGE), DSL.sum(LOYALTY_MOVEMENT.PENDING_CHANGE))
                .from(LOYALTY_MOVEMENT)
                .groupBy(LOYALTY_MOVEMENT.CUSTOMER_ID, LOYALTY_MOVEMENT.TYPE_ID, LOYALTY_MOVEMENT.CURRENCY_ID)
                .forEach(r -> put(sums, key(r.value1(), r.value2(), r.value3()), 2, r.value4(), r.value5()));
        List<Problem> problems = new ArrayList<>();
        Set<String> negativeLots = new TreeSet<>(dsl.selectDistinct(LOYALTY_RECORD.CUSTOMER_ID).from(LOYALTY_RECORD)
                .where(LOYALTY_RECORD.AVAILABLE.lt(BigDecimal.ZERO)).fetch(LOYALTY_RECORD.CUSTOMER_ID));
        sums.forEach((key, s) -> {
            String[] k = key.split("\u0000", -1);
            boolean equal = s[0].compareTo(s[2]) == 0 && s[2].compareTo(s[4]) == 0
                    && s[1].compareTo(s[3]) == 0 && s[3].compareTo(s[5]) == 0;
            boolean negative = s[0].signum() < 0 || s[1].signum() < 0 || negativeLots.contains(k[0]);
            if (!equal || negative) {
                problems.add(new Problem(k[0], k[1], k[2], s[0], s[2], s[4], s[1], s[3], s[5]));
            }
        });
        return problems;
    }

    private static String key(String customerId, String typeId, String currencyId) {
        return customerId + '\u0000' + typeId + '\u0000' + currencyId;
    }

    /** Slot 0: balance, 1: lots, 2: movements; each an (available, pending) pair. */
    private static void put(Map<String, BigDecimal[]> sums, String key, int slot, BigDecimal available,
                            BigDecimal pending) {
        BigDecimal[] s = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        s[slot * 2] = available == null ? BigDecimal.ZERO : available;
        s[slot * 2 + 1] = pending == null ? BigDecimal.ZERO : pending;
    }
}
