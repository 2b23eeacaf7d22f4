package io.patron.reward;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cashier messages of the {@code benefit_codes} reasons, English and Czech, seeded into the translation table
 * (entity {@value #ENTITY}, id the reason) at start; a project may translate them to its other languages there.
 */
final class RefusalMessages {

    static final String ENTITY = "reward_refusal.message";

    private static final String[][] MESSAGES = {
        {"not_found", "The code is not known.", "Kód není znám."},
        {"max_number_of_voucher_exceeded", "Too many vouchers of this reward in one purchase.",
            "Příliš mnoho poukazů této odměny v jednom nákupu."},
        {"voucher_not_allowed_in_store", "The voucher is not valid in this store.", "Poukaz v této prodejně neplatí."},
        {"not_enough_items_for_voucher", "The basket has no items the voucher applies to.",
            "Nákup neobsahuje zboží, na které se poukaz vztahuje."},
        {"voucher_condition_count_not_satisfied", "The basket has too few of the items the voucher requires.",
            "Nákup obsahuje málo zboží, které poukaz vyžaduje."},
        {"voucher_bonus_count_not_satisfied", "The basket has too few of the items the voucher discounts.",
            "Nákup obsahuje málo zboží, na které se poukaz vztahuje."},
        {"unauthorized_use_vouchers", "The voucher belongs to a customer: identify the customer first.",
            "Poukaz patří zákazníkovi: nejprve zákazníka identifikujte."},
        {"not_enough_points_for_voucher", "The customer does not have enough points for this reward.",
            "Zákazník nemá na tuto odměnu dost bodů."},
        {"voucher_cant_be_applied_by_date", "The reward is not valid on this date.", "Odměna v tento den neplatí."},
        {"voucher_cant_be_applied_by_time", "The reward is not valid at this time of day.",
            "Odměna v tuto denní dobu neplatí."},
        {"voucher_cant_be_applied_by_validity_days", "The voucher is not valid yet.", "Poukaz ještě neplatí."},
        {"voucher_cant_be_applied_by_segment", "The reward is not for this customer.", "Odměna není pro tohoto zákazníka."},
        {"voucher_cant_be_used_in_store", "The reward belongs to another partner than this store.",
            "Odměna patří jinému partnerovi než tato prodejna."},
        {"voucher_assigned_to_another_customer", "The voucher belongs to another customer.",
            "Poukaz patří jinému zákazníkovi."},
        {"voucher_already_used", "The voucher has been used.", "Poukaz již byl uplatněn."},
        {"voucher_already_applied", "The code is already applied to this purchase.",
            "Kód je v tomto nákupu již uplatněn."},
        {"voucher_expired", "The voucher has expired.", "Platnost poukazu vypršela."},
        {"insufficient_amount_of_purchase", "The purchase is below the voucher's minimum value.",
            "Nákup nedosahuje minimální hodnoty poukazu."},
        {"voucher_invalid_type_of_usage", "The code cannot be used this way in this purchase.",
            "Kód nelze v tomto nákupu takto uplatnit."},
    };

    private RefusalMessages() {
    }

    /** reason → language → text. */
    static Map<String, Map<String, String>> all() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String[] m : MESSAGES) {
            out.put(m[0], Map.of("en", m[1], "cs", m[2]));
        }
        return out;
    }

    static String english(String reason) {
        for (String[] m : MESSAGES) {
            if (m[0].equals(reason)) {
                return m[1];
            }
        }
        return reason;
    }
}
