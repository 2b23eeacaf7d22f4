package io.patron.loyalty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of ledger movement, as stored in {@code loyalty_movement.operation}; their names are translations
 * (entity {@value #NAME_ENTITY}) seeded at start, shown as {@code point_operation_type} / {@code credit_operation_type}.
 * Other capabilities name the operation of an {@link LedgerService.Earning} or {@link LedgerService.Spending}.
 */
public enum Operation {
    ASSIGN("assign", "Points assigned", "Přidělení bodů"),
    EARN("earn", "Points earned for a purchase", "Body za nákup"),
    REDEEM("redeem", "Points redeemed", "Uplatnění bodů"),
    TRANSFER_OUT("transfer_out", "Transfer to another customer", "Převod jinému zákazníkovi"),
    TRANSFER_IN("transfer_in", "Transfer from another customer", "Převod od jiného zákazníka"),
    SYNCHRONIZE("synchronize", "Synchronization", "Synchronizace"),
    ACTIVATE("activate", "Pending points activated", "Aktivace čekajících bodů"),
    EXPIRE("expire", "Expiration", "Propadnutí"),
    REVERSE("reverse", "Redemption reversed", "Vrácení uplatnění"),
    RESERVE("reserve", "Points reserved", "Rezervace bodů"),
    RELEASE("release", "Reservation released", "Uvolnění rezervace"),
    RESERVATION_EXPIRE("reservation_expire", "Reservation expired", "Vypršení rezervace"),
    DEPOSIT("deposit", "Credits deposited", "Vklad kreditů"),
    REDUCE_CREDITS("reduce_credits", "Credits reduced", "Odečtení kreditů"),
    TAKE_BACK("take_back", "Earning taken back", "Odebrání získaných bodů"),
    SETTLE_DEBT("settle_debt", "Shortfall of a take-back settled", "Vyrovnání dluhu bodů");

    static final String NAME_ENTITY = "loyalty_operation.name";

    final String code;
    private final String english;
    private final String czech;

    Operation(String code, String english, String czech) {
        this.code = code;
        this.english = english;
        this.czech = czech;
    }

    /** The names of every operation by code and language, for the translation table. */
    static Map<String, Map<String, String>> names() {
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        for (Operation operation : values()) {
            names.put(operation.code, Map.of("en", operation.english, "cs", operation.czech));
        }
        return names;
    }
}
