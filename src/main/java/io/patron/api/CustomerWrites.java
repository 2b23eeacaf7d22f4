package io.patron.api;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The one way a write says which customer's data it changes; on the Customer API that must be the logged-in
 * customer. Every capability that writes a customer's data (sub-records, cards, points, vouchers, bookings...)
 * calls one of these first, inside its transaction:
 *
 * <pre>{@code
 * // POST /customers/{customer_id}/...: the customer in the path
 * writes.lockInPath(caller, customerId);
 * // POST /vouchers {"customer_id": ...}: the customer in the body, named by its field
 * writes.lockInBody(caller, body.customerId(), "voucher.customer_id");
 * // PUT /cards/{card_id}: a record held by a customer
 * CustomerWrites.requireHolder(caller, card.customerId(), "card_id", cardId);
 * }</pre>
 *
 * <p>The answers are the same everywhere: a Customer API token with no logged-in customer gets 403; another
 * customer's id gets 400 {@code not_belong_to_logged_in_customer} naming the parameter, before the database is
 * asked whether that customer exists (a stranger learns nothing); then a customer that does not exist (or is
 * deleted) is 404 for a path and 400 {@code not_found} naming the field for a body. Enterprise callers may write for
 * any customer. The customer's row stays locked until the transaction ends, so the writes of one customer (a balance
 * and its ledger, a unique per-customer record) are serialized across threads and nodes.
 *
 * <p>Reads are declared on the list instead ({@link ListSpec#customerScoped}, {@link ListQueries#customerPage},
 * {@link ListQueries#customerOne}).
 */
@Component
public class CustomerWrites {

    /** What the customer capability provides: locking one customer's row. */
    public interface Customers {
        /** Locks the customer's row until the transaction ends; false when there is no such active customer. */
        boolean lock(String customerId);
    }

    private final Customers customers;

    CustomerWrites(Customers customers) {
        this.customers = customers;
    }

    /**
     * A write to the customer of the path ({@code /customers/{customer_id}/...}): 403 / 400
     * {@code not_belong_to_logged_in_customer} on {@code customer_id}, 404 when there is no such customer.
     */
    public void lockInPath(Caller caller, String customerId) {
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        if (!customers.lock(customerId)) {
            throw ApiError.notFound("customers", customerId);
        }
    }

    /**
     * A write to the customer named by the body field {@code param}: 403 / 400 {@code not_belong_to_logged_in_customer}
     * naming it, 400 {@code not_found} naming it when there is no such customer.
     */
    public void lockInBody(Caller caller, String customerId, String param) {
        List<InvalidParam> errors = new java.util.ArrayList<>();
        if (!lockInBody(caller, customerId, param, errors)) {
            throw ApiError.badRequest(errors);
        }
    }

    /**
     * As {@link #lockInBody(Caller, String, String)}, but a missing customer is added to {@code errors} (to be
     * answered with the body's other errors) and the answer is false; the scope is still refused at once.
     */
    public boolean lockInBody(Caller caller, String customerId, String param, List<InvalidParam> errors) {
        CustomerScope.requireAccess(caller, customerId, param);
        if (customerId == null || !customers.lock(customerId)) {
            errors.add(InvalidParam.of(param, Reason.NOT_FOUND, customerId, "No such customer"));
            return false;
        }
        return true;
    }

    /**
     * A write to a record held by a customer (its holder {@code holderId}, null when nobody holds it): on the
     * Customer API only the logged-in customer's, see {@link CustomerScope#requireHolder}.
     */
    public static void requireHolder(Caller caller, String holderId, String param, String recordId) {
        CustomerScope.requireHolder(caller, holderId, param, recordId);
    }

    /**
     * A write that gives a record to the customer named by the body field {@code param} (e.g. a card's new holder),
     * checked with the body's other fields: on the Customer API only the logged-in customer may be named; else
     * {@code not_belong_to_logged_in_customer} is added to {@code errors}.
     */
    public static void checkOwn(Caller caller, String customerId, String param, List<InvalidParam> errors) {
        CustomerScope.restrictedTo(caller).filter(own -> !own.equals(customerId)).ifPresent(own ->
                errors.add(InvalidParam.of(param, Reason.NOT_BELONG_TO_LOGGED_IN_CUSTOMER, customerId,
                        "A customer can name only themselves")));
    }
}
