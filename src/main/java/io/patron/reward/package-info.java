/**
 * Rewards (templates from the project file and simple rewards, with machine-readable conditions and bonuses) and
 * vouchers (a customer's copies: bought with points, issued by automation, imported, applied, gift cards),
 * campaigns and their campaign prices, and the stamper (stamp campaigns, cards and stamps); their part in the
 * checkout as benefit providers and a purchase participant.
 */
package io.patron.reward;
