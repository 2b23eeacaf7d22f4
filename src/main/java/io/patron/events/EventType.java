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
    /**
     * A new customer registered with another customer's referral code; payload {@code referral_use_id},
     * {@code referral_id}, {@code referral_campaign_id}, {@code customer_id} (the new customer),
     * {@code referrer_customer_id} (the code's holder).
     */
    public static final String REFERRAL_COMPLETED = "referral.completed";
    /** A consent's value changed (or was first given); payload {@code customer_id}, {@code consent_id}, {@code consent_value}. */
    public static final String CONSENT_CHANGED = "customer.consent_changed";
    /** A card got a customer (created with one, given to another, assign-free-card); payload {@code card_id}, {@code customer_id}, {@code card_type_id}. */
    public static final String CARD_ASSIGNED = "card.assigned";

    // Loyalty ledger (payloads name the customer, the point or credit type and the movement).
    /** Points were assigned or earned (a lot was created); payload {@code customer_id}, {@code point_type_id}, {@code point_id}, {@code amount}. */
    public static final String POINTS_ASSIGNED = "points.assigned";
    /** Points were spent (reduce, checkout, voucher purchase); payload {@code customer_id}, {@code point_type_id}, {@code amount}. */
    public static final String POINTS_REDEEMED = "points.redeemed";
    /** Pending points became spendable; payload {@code customer_id}, {@code point_type_id}, {@code point_id}, {@code amount}. */
    public static final String POINTS_ACTIVATED = "points.activated";
    /** A lot expired; payload {@code customer_id}, {@code point_type_id}, {@code point_id}, {@code amount}. */
    public static final String POINTS_EXPIRED = "points.expired";
    /** Points moved between two customers; payload {@code from_customer_id}, {@code to_customer_id}, {@code point_type_id}, {@code amount}. */
    public static final String POINTS_TRANSFERRED = "points.transferred";
    /** A customer's credit balance changed; payload {@code customer_id}, {@code credit_type_id}, {@code amount} (signed). */
    public static final String CREDITS_CHANGED = "credits.changed";
    /** A customer's status (tier) record changed; payload {@code customer_id}, {@code status_id}, {@code previous_status_id}. */
    public static final String STATUS_CHANGED = "status.changed";

    // Checkout, rewards and vouchers.
    /** A purchase was committed by send-purchase; payload {@code purchase_id}, {@code customer_id} (may be absent). */
    public static final String PURCHASE_SENT = "purchase.sent";
    /** A purchase was cancelled; payload {@code purchase_id}, {@code customer_id}. */
    public static final String PURCHASE_CANCELLED = "purchase.cancelled";
    /** A voucher was issued to a customer; payload {@code voucher_id}, {@code customer_id}, {@code reward_id}. */
    public static final String VOUCHER_ISSUED = "voucher.issued";
    /** A voucher was used; payload {@code voucher_id}, {@code customer_id}, {@code reward_id}. */
    public static final String VOUCHER_USED = "voucher.used";

    // Marketing automation and segments.
    /** A marketing-automation event was recorded (POST /events); payload {@code event_id}, {@code event_type_id}, {@code customer_id}. */
    public static final String EVENT_RECORDED = "event.recorded";
    /** A customer entered a segment; payload {@code segment_id}, {@code customer_id}. */
    public static final String SEGMENT_ENTERED = "segment.entered";
    /** A customer left a segment; payload {@code segment_id}, {@code customer_id}. */
    public static final String SEGMENT_LEFT = "segment.left";

    // Engagement and bookings.
    /** A message was recorded for delivery; payload {@code message_id}, {@code customer_id}, {@code channel}. */
    public static final String MESSAGE_QUEUED = "message.queued";
    /** A booking was created or its status changed; payload {@code booking_id}, {@code customer_id}, {@code booking_status_id}. */
    public static final String BOOKING_CHANGED = "booking.changed";

    // Stamper.
    /** A stamper card filled up and unlocked its reward; payload {@code stamper_card_id}, {@code stamper_campaign_id}, {@code customer_id}, {@code reward_id}. */
    public static final String STAMPER_CARD_FILLED = "stamper.card_filled";
    /** A stamper card reached a bonus checkpoint; payload {@code stamper_card_id}, {@code stamper_campaign_id}, {@code customer_id}, {@code stamper_bonus_checkpoint_id}, {@code reward_id}. */
    public static final String STAMPER_CHECKPOINT_REACHED = "stamper.checkpoint_reached";
    /** A cancelled purchase took back stamps that had filled a card or reached a checkpoint: its reward is locked again; payload as the event that unlocked it. */
    public static final String STAMPER_BONUS_REVOKED = "stamper.bonus_revoked";
}
