package io.patron.automation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.patron.events.EventType;

/**
 * The event types of Patron's own engine events ({@link EventType}): each is an event type of the group
 * {@value #GROUP} whose text id is the engine event's name, recorded for its customer when the engine publishes it,
 * so scenarios, webhooks and event reads treat them like the events clients post.
 */
final class BuiltInEventTypes {

    static final String GROUP = "patron";

    /** A built-in type: its names and the payload field that names the customer. */
    record BuiltIn(String textId, String nameEn, String nameCs, String customerField, String icon) {
    }

    static final Map<String, BuiltIn> ALL = new LinkedHashMap<>();

    private static void add(String type, String en, String cs, String customerField, String icon) {
        ALL.put(type, new BuiltIn(type, en, cs, customerField, icon));
    }

    static {
        add(EventType.CUSTOMER_CREATED, "Customer created", "Zákazník založen", "customer_id", "person_add");
        add(EventType.CUSTOMER_UPDATED, "Customer updated", "Zákazník změněn", "customer_id", "person");
        add(EventType.CONSENT_CHANGED, "Consent changed", "Změna souhlasu", "customer_id", "fact_check");
        add(EventType.CARD_ASSIGNED, "Card assigned", "Karta přiřazena", "customer_id", "credit_card");
        add(EventType.POINTS_ASSIGNED, "Points earned", "Body získány", "customer_id", "star");
        add(EventType.POINTS_REDEEMED, "Points redeemed", "Body uplatněny", "customer_id", "redeem");
        add(EventType.POINTS_ACTIVATED, "Points activated", "Body aktivovány", "customer_id", "star_half");
        add(EventType.POINTS_EXPIRED, "Points expired", "Body propadly", "customer_id", "hourglass_empty");
        add(EventType.POINTS_TRANSFERRED, "Points received", "Body přijaty", "to_customer_id", "swap_horiz");
        add(EventType.CREDITS_CHANGED, "Credit changed", "Změna kreditu", "customer_id", "account_balance_wallet");
        add(EventType.STATUS_CHANGED, "Status changed", "Změna statusu", "customer_id", "military_tech");
        add(EventType.PURCHASE_SENT, "Purchase", "Nákup", "customer_id", "shopping_bag");
        add(EventType.PURCHASE_CANCELLED, "Purchase cancelled", "Nákup stornován", "customer_id", "remove_shopping_cart");
        add(EventType.VOUCHER_ISSUED, "Voucher issued", "Voucher vydán", "customer_id", "confirmation_number");
        add(EventType.VOUCHER_USED, "Voucher used", "Voucher uplatněn", "customer_id", "local_activity");
        add(EventType.SEGMENT_ENTERED, "Segment entered", "Vstup do segmentu", "customer_id", "group_add");
        add(EventType.SEGMENT_LEFT, "Segment left", "Odchod ze segmentu", "customer_id", "group_remove");
        add(EventType.BOOKING_CHANGED, "Booking changed", "Změna rezervace", "customer_id", "event");
    }

    private BuiltInEventTypes() {
    }
}
