/**
 * The product recommendation engine: score tables refreshed from the purchase history (own purchases by product and
 * group, co-purchases, popularity), third-party scores, and the eliminate, order and combine operations for products
 * and shopping carts.
 */
package io.patron.recommendation;
