package io.patron.purchase;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.patron.customer.CustomerBodies.PersonalInformation;
import io.patron.store.Address;

/**
 * Request and response bodies of e-shop orders. An item's {@code product_variant_id} is a catalogue product id;
 * {@code shipping_id} is the e-shop's own id of the shipping method, stored as sent.
 */
public final class OrderBodies {

    private OrderBodies() {
    }

    public record OrderItem(String orderItemId, String productVariantId, String customerId, BigDecimal amount,
                            BigDecimal unitPrice, BigDecimal vatRate) {
    }

    public record Invoicing(String paymentId, LocalDateTime paidDate, PersonalInformation personalInformation) {
    }

    public record Shipping(String shippingId, String contactFirstname, String contactLastname, String phone,
                           Address address) {
    }

    public record Order(String orderId, String orderNumber, String customerId, String currencyId,
                        BigDecimal totalPrice, List<String> discountCodes, List<OrderItem> orderItems,
                        Invoicing invoicingData, Shipping shippingData, String customerNote, String orderStatus,
                        LocalDateTime shippingDate, Integer programRanking, String paymentStatus,
                        String invoiceDocumentUrl, LocalDateTime lastChange) {
        Order withItems(List<OrderItem> items) {
            return new Order(orderId, orderNumber, customerId, currencyId, totalPrice, discountCodes, items,
                    invoicingData, shippingData, customerNote, orderStatus, shippingDate, programRanking,
                    paymentStatus, invoiceDocumentUrl, lastChange);
        }
    }

    public record OrderItemInput(@NotBlank String productVariantId, String customerId, @NotNull BigDecimal amount,
                                 @NotNull BigDecimal unitPrice, @NotNull BigDecimal vatRate) {
    }

    /** Invoicing data; the personal information is checked as a customer's is (its language required) and stored as sent. */
    public record InvoicingInput(@NotBlank String paymentId, LocalDateTime paidDate,
                                 @Valid PersonalInformation personalInformation) {
    }

    public record ShippingInput(@NotBlank String shippingId, String contactFirstname, String contactLastname,
                                String phone, @Valid Address address) {
    }

    public record OrderInput(String orderNumber, @NotBlank String customerId, @NotBlank String currencyId,
                             @NotNull BigDecimal totalPrice, List<@NotBlank String> discountCodes,
                             @NotNull @Valid List<@NotNull @Valid OrderItemInput> orderItems,
                             @NotNull @Valid InvoicingInput invoicingData, @Valid ShippingInput shippingData,
                             String customerNote) {
    }

    public record OrderBody(@NotNull @Valid OrderInput order) {
    }
}
