/**
 * Statuses (tiers): their definitions from the project file, the customers' status records, how a customer reaches,
 * keeps and loses a status (sign-up, manual, automatic on points earned and turnover, re-evaluation when a record
 * ends), what points are worth in money, and {@link io.patron.tier.CustomerStatuses}, the read API of a customer's
 * current status and its switches for the wallet and the checkout.
 */
package io.patron.tier;
