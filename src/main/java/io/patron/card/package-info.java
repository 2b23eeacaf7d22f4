/** Card types, and (with the cards issue) the cards of customers. */
package io.patron.card;
