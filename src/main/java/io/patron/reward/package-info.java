/**
 * Rewards and vouchers, campaigns and campaign prices, and the stamper (stamp campaigns, cards and stamps).
 */
package io.patron.reward;
