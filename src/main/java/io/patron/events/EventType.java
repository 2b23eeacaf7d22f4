package io.patron.events;

/**
 * The domain events Patron publishes, by type name. A payload names the records involved, never personal data:
 * a listener reads the current state through the owning capability's service.
 */
public final class EventType {

    private EventType() {
    }

    /** A customer account was created (POST /customers, a newsletter sign-up of a new contact); payload {@code customer_id}. */
    public static final String CUSTOMER_CREATED = "customer.created";
    /** A customer's personal information was replaced (PUT /customers/{id}); payload {@code customer_id}. */
    public static final String CUSTOMER_UPDATED = "customer.updated";
    /** A customer account was deleted; payload {@code customer_id}. No operation deletes customers yet. */
    public static final String CUSTOMER_DELETED = "customer.deleted";
    /** A consent's value changed (or was first given); payload {@code customer_id}, {@code consent_id}, {@code consent_value}. */
    public static final String CONSENT_CHANGED = "customer.consent_changed";
    /** A card got a customer (created with one, given to another, assign-free-card); payload {@code card_id}, {@code customer_id}, {@code card_type_id}. */
    public static final String CARD_ASSIGNED = "card.assigned";
}
