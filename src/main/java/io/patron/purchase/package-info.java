/**
 * Purchases and the checkout engine (accept-payment, send-purchase, cancellation), e-shop orders, and the plug-in
 * points through which other capabilities take part in a checkout: {@link io.patron.purchase.BenefitProvider}
 * (campaign prices, rewards, vouchers) and {@link io.patron.purchase.PurchaseParticipant} (stamps).
 */
package io.patron.purchase;
