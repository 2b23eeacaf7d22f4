/**
 * The wallet overviews of one customer: points and credits earned, redeemed and available, what expires next, and
 * the purchase turnover; read from the ledger ({@code io.patron.loyalty}) and the statuses ({@code io.patron.tier}).
 */
package io.patron.wallet;
