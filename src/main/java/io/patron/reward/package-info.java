/**
 * Rewards (templates from the project file and simple rewards, with machine-readable conditions and bonuses) and
 * vouchers (a customer's copies: bought with points, issued by automation, imported, applied, gift cards), and
 * their part in the checkout as benefit providers; campaigns and the stamper live here too.
 */
package io.patron.reward;
