package io.patron.card;

/**
 * Which customers exist: all that cards need to know of customers. The customer capability implements it, so
 * cards do not depend on customers (customers use cards: log-in and search by card number).
 */
public interface CustomerDirectory {

    boolean exists(String customerId);
}
