package io.patron.api;

import java.util.Optional;

/**
 * What a caller may see of customers. Enterprise users see every customer; a Customer API token
 * sees only the customer logged in on it (none before a login).
 */
public final class CustomerScope {

    private CustomerScope() {
    }

    /** The only customer a Customer API caller may see; empty for Enterprise callers (no restriction). */
    public static Optional<String> restrictedTo(Caller caller) {
        if (caller instanceof Caller.CustomerToken token) {
            // A token without a logged-in customer sees no customer data at all.
            return Optional.of(token.customerId() == null ? "" : token.customerId());
        }
        return Optional.empty();
    }

    /**
     * Refuses a Customer API caller access to another customer's data: 403 without a logged-in
     * customer, 400 {@code not_belong_to_logged_in_customer} naming {@code param} otherwise.
     */
    public static void requireAccess(Caller caller, String customerId, String param) {
        requireHolder(caller, customerId, param, customerId);
    }

    /**
     * Refuses a Customer API caller a record held by another customer (a card, a voucher...): 403 without a
     * logged-in customer, 400 {@code not_belong_to_logged_in_customer} naming {@code param} with the record's id
     * {@code recordId} when {@code holderId} (null for a record nobody holds) is not the logged-in customer.
     */
    public static void requireHolder(Caller caller, String holderId, String param, String recordId) {
        if (caller instanceof Caller.CustomerToken token) {
            if (token.customerId() == null) {
                throw ApiError.forbidden("No customer is logged in on this token");
            }
            if (!token.customerId().equals(holderId)) {
                throw ApiError.badRequest(java.util.List.of(InvalidParam.of(param,
                        Reason.NOT_BELONG_TO_LOGGED_IN_CUSTOMER, recordId,
                        "The record does not belong to the logged-in customer")));
            }
        }
    }
}
