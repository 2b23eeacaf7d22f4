package io.patron.purchase;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A bill as the checkout engine hands it to the {@link BenefitProvider benefit providers}: validated, with the
 * customer (null for an anonymous purchase) and the store resolved. The same basket gives the same answer in
 * accept-payment and send-purchase.
 *
 * @param customerId   the customer, null when anonymous
 * @param storeId      the store of the cash desk
 * @param currencyId   the bill's currency
 * @param at           the payment time (project clock when the bill names none)
 * @param paymentType  S, A, C or D: which benefits the cash desk allows
 * @param languageId   the language of cashier messages
 * @param items        the bill items in the bill's order
 * @param benefitCodes the codes the customer presented (vouchers, cash-desk codes), in the request's order
 */
public record CheckoutBasket(String customerId, String storeId, String currencyId, OffsetDateTime at,
                             PaymentType paymentType, String languageId, List<Item> items,
                             List<String> benefitCodes) {

    public CheckoutBasket {
        items = List.copyOf(items);
        benefitCodes = List.copyOf(benefitCodes);
    }

    /**
     * One bill item.
     *
     * @param billItemId         the item's id on the bill
     * @param productId          the catalogue product its PLU ids name, null when none does
     * @param pluIds             the PLU ids as sent
     * @param quantity           how many
     * @param price              the line's price as sent (quantity × unit price)
     * @param paidAmount         what the cash desk charges for the line before Patron's benefits (at most price)
     * @param loyaltyOff         true: the item gets no benefit and earns nothing
     * @param purchaseItemTypeId the purchase item type as sent, may be null
     */
    public record Item(String billItemId, String productId, List<String> pluIds, BigDecimal quantity,
                       BigDecimal price, BigDecimal paidAmount, boolean loyaltyOff, String purchaseItemTypeId) {

        public Item {
            pluIds = List.copyOf(pluIds);
        }
    }

    /** The contract's payment types: which benefits a checkout allows. */
    public enum PaymentType {
        /** Standard: points are collected, no overall discount. */
        S(true, false),
        /** Points and overall discounts. */
        A(true, true),
        /** Paid by credit: points are collected, no overall discount. */
        C(true, false),
        /** Overall discounts, no points collected. */
        D(false, true);

        private final boolean collectsPoints;
        private final boolean allowsOverallDiscounts;

        PaymentType(boolean collectsPoints, boolean allowsOverallDiscounts) {
            this.collectsPoints = collectsPoints;
            this.allowsOverallDiscounts = allowsOverallDiscounts;
        }

        public boolean collectsPoints() {
            return collectsPoints;
        }

        public boolean allowsOverallDiscounts() {
            return allowsOverallDiscounts;
        }
    }
}
