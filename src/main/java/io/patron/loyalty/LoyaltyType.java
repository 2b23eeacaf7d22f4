package io.patron.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import io.patron.db.tables.records.LoyaltyTypeRecord;

/**
 * A point type or a credit type with its policies: when earned lots expire, how long they stay pending, and how
 * many decimal places an amount may have.
 */
record LoyaltyType(String id, Kind kind, String textId, boolean isDefault, ExpiryPolicy expiry, int expiryPeriod,
                   int pendingDays, int scale) {

    enum Kind {
        POINT, CREDIT;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static LoyaltyType of(LoyaltyTypeRecord r) {
        return new LoyaltyType(r.getId(), Kind.valueOf(r.getKind().toUpperCase(Locale.ROOT)), r.getTextId(),
                r.getIsDefault(), ExpiryPolicy.of(r.getExpiryPolicy()), r.getExpiryPeriod(), r.getPendingDays(),
                r.getAmountScale());
    }

    /** An amount as shown: with the type's decimal places (amounts are stored with at most that many). */
    BigDecimal shown(BigDecimal amount) {
        return amount == null ? null : amount.setScale(scale, RoundingMode.HALF_UP);
    }
}
