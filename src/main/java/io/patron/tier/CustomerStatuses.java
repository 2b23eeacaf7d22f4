package io.patron.tier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read API of statuses for the wallet and the checkout: a customer's current status and what it allows, and
 * what one point is worth in money. Reads run in the caller's transaction when there is one.
 */
@Service
@Transactional(readOnly = true)
public class CustomerStatuses {

    /**
     * What a customer's status allows: collecting points, paying by points, the basic loyalty discount (percent) and
     * whether overall discounts apply to discounted purchase items.
     */
    public record Switches(boolean collectionPoints, boolean paymentPoints, int discount,
                           boolean discountOnDiscountedItems) {

        /** A customer without a valid status: the ledger works as it does in a project without statuses. */
        public static final Switches WITHOUT_STATUS = new Switches(true, true, 0, false);
    }

    /** The status record valid now. */
    public record Current(String statusRecordId, String statusId, String textId, OffsetDateTime validFrom,
                          OffsetDateTime validTo, Switches switches) {
    }

    private final StatusRepository repository;
    private final Clock clock;

    CustomerStatuses(StatusRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The customer's status valid now, if any. */
    public Optional<Current> current(String customerId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return repository.activeRecord(customerId).filter(r -> StatusService.validAt(r, now))
                .flatMap(r -> repository.status(r.statusId()).map(s -> new Current(r.id(), s.id(), s.textId(),
                        r.validFrom(), r.validTo(), switches(s))));
    }

    /** What the customer's current status allows ({@link Switches#WITHOUT_STATUS} without one). */
    public Switches switches(String customerId) {
        return current(customerId).map(Current::switches).orElse(Switches.WITHOUT_STATUS);
    }

    /** What one point of the type is worth, by currency id (empty when the project set no value). */
    public Map<String, BigDecimal> pointMoneyValues(String pointTypeId) {
        return repository.moneyValues(pointTypeId);
    }

    private static Switches switches(Status s) {
        return new Switches(s.collectionPoints(), s.paymentPoints(), s.discount(), s.discountOnDiscounted());
    }
}
