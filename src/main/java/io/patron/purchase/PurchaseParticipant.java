package io.patron.purchase;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A capability that acts on every committed purchase in the purchase's own transaction (stamps of stamper
 * campaigns) and undoes it on the purchase's cancellation. Work that may wait belongs in an outbox listener of
 * the purchase events instead.
 */
public interface PurchaseParticipant {

    /** The purchase was committed (a customer's, or anonymous with {@code customerId} null). */
    void committed(Committed purchase);

    /** The purchase was cancelled: undo what {@link #committed} did for it. */
    void cancelled(String purchaseId);

    /** For the checkout trace: what {@link #committed} recorded for the purchase, read back (nothing by default). */
    default List<Effect> effects(String purchaseId) {
        return List.of();
    }

    /** Something a participant recorded for a purchase: its kind (e.g. {@code stamp}), where, how many. */
    record Effect(String kind, String campaignId, String conditionId, int count) {
    }

    /** A committed purchase with what each item finally cost. */
    record Committed(String purchaseId, String customerId, String storeId, OffsetDateTime at,
                     List<PaidItem> items) {

        public Committed {
            items = List.copyOf(items);
        }
    }

    /** One item of a committed purchase; {@code paidAmount} is after every benefit. */
    record PaidItem(String billItemId, String productId, BigDecimal quantity, BigDecimal paidAmount,
                    boolean loyaltyOff) {
    }
}
