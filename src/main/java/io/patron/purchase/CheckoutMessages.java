package io.patron.purchase;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cashier messages of the checkout engine, English and Czech, seeded into the translation table (entity
 * {@value #ENTITY}, id the message key) at start; a project may translate them to its other languages there or
 * reword them. A text names its values as {@code {name}} placeholders.
 */
final class CheckoutMessages {

    static final String ENTITY = "checkout_message.text";

    static final String OVERALL_NOT_ALLOWED = "overall_not_allowed";
    static final String STATUS_DISCOUNT = "status_discount";
    static final String POINTS_LIMITED = "points_limited";
    static final String POINTS_ONLY_UNPAID = "points_only_unpaid";
    static final String CREDIT_LIMITED = "credit_limited";
    static final String CREDIT_NEEDS_TYPE_C = "credit_needs_type_c";
    static final String NO_COLLECTION = "no_collection";

    private static final String[][] MESSAGES = {
        {OVERALL_NOT_ALLOWED, "The overall discount {name} is not allowed with payment type {payment_type}",
            "Celková sleva {name} není u typu platby {payment_type} povolena"},
        {STATUS_DISCOUNT, "Loyalty status discount {percent} %", "Sleva za věrnostní status {percent} %"},
        {POINTS_LIMITED, "Only {points} of the {asked} points asked can pay this bill",
            "Body lze použít jen do výše {points} z požadovaných {asked}"},
        {POINTS_ONLY_UNPAID, "Item {bill_item_id} can be paid by points only and the points do not cover it",
            "Položku {bill_item_id} lze zaplatit pouze body, body nestačí"},
        {CREDIT_LIMITED, "Only {credit} of the {asked} credit asked can pay this bill",
            "Kredit lze použít jen do výše {credit} z požadovaných {asked}"},
        {CREDIT_NEEDS_TYPE_C, "Credits pay only with payment type C", "Kreditem lze platit jen s typem platby C"},
        {NO_COLLECTION, "The customer's status does not collect points", "Status zákazníka nesbírá body"},
    };

    private CheckoutMessages() {
    }

    /** key → language → text, for seeding. */
    static Map<String, Map<String, String>> all() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String[] m : MESSAGES) {
            out.put(m[0], Map.of("en", m[1], "cs", m[2]));
        }
        return out;
    }

    /** The built-in texts of a language (Czech for "cs…", else English), by key. */
    static Map<String, String> builtIn(String languageId) {
        int column = languageId != null && languageId.toLowerCase(java.util.Locale.ROOT).startsWith("cs") ? 2 : 1;
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] m : MESSAGES) {
            out.put(m[0], m[column]);
        }
        return out;
    }
}
