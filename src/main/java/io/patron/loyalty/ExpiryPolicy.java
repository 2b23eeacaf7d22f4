package io.patron.loyalty;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * When a lot earned on a day ends, from its type's policy. A lot is valid to the end of its last day (23:59:59
 * project time) and never spendable after it.
 */
enum ExpiryPolicy {
    /** Never expires. */
    NEVER,
    /** The earning day plus N days. */
    DAYS,
    /** The earning day plus N months. */
    MONTHS,
    /** The end of the earning month, N months later (0: this month). */
    END_OF_MONTH,
    /** The end of the earning quarter, N quarters later. */
    END_OF_QUARTER,
    /** The end of the earning year, N years later. */
    END_OF_YEAR;

    static ExpiryPolicy of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The last moment a lot earned at {@code earned} is valid, or null when it never expires. */
    OffsetDateTime validTo(OffsetDateTime earned, int period, ZoneId zone) {
        LocalDate day = earned.atZoneSameInstant(zone).toLocalDate();
        LocalDate last = switch (this) {
            case NEVER -> null;
            case DAYS -> day.plusDays(period);
            case MONTHS -> day.plusMonths(period);
            case END_OF_MONTH -> day.plusMonths(period).with(TemporalAdjusters.lastDayOfMonth());
            case END_OF_QUARTER -> {
                LocalDate shifted = day.plusMonths(3L * period);
                int lastMonth = ((shifted.getMonthValue() - 1) / 3) * 3 + 3;
                yield shifted.withMonth(lastMonth).with(TemporalAdjusters.lastDayOfMonth());
            }
            case END_OF_YEAR -> day.plusYears(period).with(TemporalAdjusters.lastDayOfYear());
        };
        return last == null ? null : last.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toOffsetDateTime();
    }

    /** When pending points earned at {@code earned} become spendable: the start of the day N days later. */
    static OffsetDateTime pendingUntil(OffsetDateTime earned, int pendingDays, ZoneId zone) {
        if (pendingDays <= 0) {
            return null;
        }
        return earned.atZoneSameInstant(zone).toLocalDate().plusDays(pendingDays).atStartOfDay(zone)
                .toOffsetDateTime();
    }
}
