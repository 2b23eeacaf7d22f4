/**
 * The loyalty ledger: point and credit types, lots and redemptions with their movements and balances, point
 * reservations, the jobs that activate and expire lots, and {@link io.patron.loyalty.LoyaltyLedger}, the read API
 * that statuses, the wallet and the checkout use.
 */
package io.patron.loyalty;
