package io.patron.purchase;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.patron.api.OneOf;
import io.patron.property.PropertyService;

/** Request and response bodies of purchases and the checkout. */
public final class PurchaseBodies {

    private PurchaseBodies() {
    }

    // --- requests ------------------------------------------------------------------------------

    public record PluId(String listCode, String code) {
    }

    /** A bill item as sent; checked by the service (bill_item_id required, price at least paid_amount). */
    public record BillItem(List<PluId> pluIds, String pluName, String categoryPluId, BigDecimal vatRate,
                           @NotNull BigDecimal quantity, @NotNull BigDecimal paidAmount, @NotNull BigDecimal price,
                           String billItemId, Boolean loyaltyOff, String purchaseItemTypeId, String customerId) {
    }

    public record PaymentVoucher(String code, String name, BigDecimal discountValue, BigDecimal discountPercent,
                                 String billItemId) {
    }

    public record DiscountItem(String discountCode, BigDecimal discountValue, BigDecimal discountPercent,
                               String description, String billItemId) {
    }

    public record PaymentRecap(BigDecimal creditPoints, BigDecimal amountForCredit, List<PaymentVoucher> vouchers,
                               List<DiscountItem> recommendedDiscounts) {
    }

    /** The bill of accept-payment and recommended-best-rewards; also the common part of {@link FinalBill}. */
    public record Bill(@NotBlank String billId, String billNumber, @NotBlank String paymentTime, String createdBy,
                       @NotBlank String currencyId, @NotNull BigDecimal totalPrice,
                       @NotNull @Size(max = 1000) @Valid List<BillItem> billItems) {
    }

    /** The final bill of send-purchase. */
    public record FinalBill(Boolean fiscal, @NotBlank String purchaseTypeId, @NotNull Boolean canceled,
                            @NotNull @OneOf({"S", "A", "C", "D"}) String paymentType, PaymentRecap paymentRecap,
                            @NotBlank String billId, String billNumber, @NotBlank String paymentTime,
                            String createdBy, @NotBlank String currencyId, @NotNull BigDecimal totalPrice,
                            @NotNull @Size(max = 1000) @Valid List<BillItem> billItems,
                            List<PropertyService.PropertyRecordInput> propertyRecords) {
    }

    public record AcceptPayment(@NotBlank String storeId, @NotNull Integer cashdeskNumber, String cardNumber,
                                String customerId, @NotNull @OneOf({"S", "A", "C", "D"}) String paymentType,
                                BigDecimal maxPoints, BigDecimal maxCredit,
                                @Size(max = 1000) List<String> benefitCodes, @NotNull @Valid Bill bill) {
    }

    public record SendPurchase(@NotBlank String storeId, @NotNull Integer cashdeskNumber, String cardNumber,
                               String customerId, @NotNull @Valid FinalBill bill) {
    }

    public record RecommendedBestRewards(@NotBlank String storeId, @NotNull Integer cashdeskNumber, String cardNumber,
                                         String customerId, @NotNull @OneOf({"F", "C", "A"}) String rewardListType,
                                         @NotNull @Valid Bill bill) {
    }

    public record AssignCustomer(@NotBlank String storeId, @NotBlank String externalPurchaseId, String cardNumber,
                                 String customerId) {
    }

    /** {@code PUT /purchases/{id}}: of the whole record, Patron changes the customer only (see decisions). */
    public record PurchaseBody(@NotNull @Valid Purchase purchase) {
    }

    // --- answers ------------------------------------------------------------------------------

    public record CashierMessage(String text) {
    }

    public record AcceptedPayment(List<DiscountItem> recommendedDiscounts, BigDecimal creditPoints,
                                  BigDecimal priceOfCreditPoints, BigDecimal credit, List<PaymentVoucher> vouchers,
                                  BigDecimal creditPointsOfThisTransaction, BigDecimal totalCreditPoints,
                                  BigDecimal totalCredit, List<CashierMessage> messages) {
    }

    public record PurchaseItem(String purchaseItemId, String productId, String productName, String productGroupId,
                               String productGroupName, String productBrandId, String productBrandName,
                               String externalId, String purchaseItemTypeId, BigDecimal price, BigDecimal amount,
                               BigDecimal vatRate, List<PropertyService.PropertyRecord> additionalProperties) {
    }

    public record Purchase(String purchaseId, String customerId, String storeId, String externalPurchaseId,
                           LocalDateTime paymentTime, Integer itemsCount, List<PurchaseItem> purchaseItems,
                           String typeId, BigDecimal totalPrice, String currencyId, String cardNumber,
                           String cashdeskNumber, LocalDateTime lastChange,
                           List<PropertyService.PropertyRecord> propertyRecords) {

        Purchase withItems(List<PurchaseItem> items) {
            return new Purchase(purchaseId, customerId, storeId, externalPurchaseId, paymentTime, itemsCount, items,
                    typeId, totalPrice, currencyId, cardNumber, cashdeskNumber, lastChange, propertyRecords);
        }

        Purchase withPropertyRecords(List<PropertyService.PropertyRecord> records) {
            return new Purchase(purchaseId, customerId, storeId, externalPurchaseId, paymentTime, itemsCount,
                    purchaseItems, typeId, totalPrice, currencyId, cardNumber, cashdeskNumber, lastChange,
                    List.copyOf(records));
        }
    }

    public record PaymentSummary(BigDecimal earnedPoints, BigDecimal usedCredits, BigDecimal usedPoints,
                                 BigDecimal usedPointsTotal, List<Object> usedVouchers) {
    }
}
