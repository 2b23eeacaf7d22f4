/**
 * Referrals: referral campaigns of the project file, each customer's code of a campaign (made when first read), and
 * registrations with a code, which relate the two customers and grant both sides the campaign's incentives.
 */
package io.patron.referral;
