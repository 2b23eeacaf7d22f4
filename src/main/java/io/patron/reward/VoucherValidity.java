package io.patron.reward;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.patron.api.InvalidParam;
import io.patron.api.Reason;

/**
 * How long a voucher is valid, from its reward's rule: {@code interval} ("7 days", "1 year", "10 weeks",
 * "30 minutes", "12 hours", "3 months" after issue), {@code end_of_time_unit} (the end of the day, week (Sunday),
 * month or year of issue, in the project's time zone) or {@code reward_validity} (the reward's own dates: from the
 * start of its first day, later than the issue, to the end of its last day; open where the reward is open).
 */
final class VoucherValidity {

    private static final Pattern INTERVAL = Pattern.compile(
            "\\s*(\\d{1,6})\\s*(minute|minutes|hour|hours|day|days|week|weeks|month|months|year|years)\\s*");
    private static final List<String> UNITS = List.of("end_of_the_day", "end_of_day", "end_of_week",
            "end_of_month", "end_of_year");

    /** The voucher's validity: from, to (either may be null: open). */
    record Window(OffsetDateTime from, OffsetDateTime to) {
    }

    private VoucherValidity() {
    }

    static void check(String rule, String value, String param, List<InvalidParam> errors) {
        if ("interval".equals(rule) && (value == null || !INTERVAL.matcher(value.toLowerCase(Locale.ROOT)).matches())) {
            errors.add(InvalidParam.of(param, value == null ? Reason.REQUIRED : Reason.INVALID_VALUE_FORMAT, value,
                    "An interval such as '7 days', '10 weeks', '1 year' or '30 minutes'"));
        }
        if ("end_of_time_unit".equals(rule) && (value == null || !UNITS.contains(value))) {
            errors.add(InvalidParam.of(param, value == null ? Reason.REQUIRED : Reason.NOT_ALLOWED_VALUE, value,
                    "One of end_of_the_day, end_of_week, end_of_month, end_of_year"));
        }
    }

    static Window of(RewardRepository.RewardRow reward, OffsetDateTime now, ZoneId zone) {
        ZonedDateTime local = now.atZoneSameInstant(zone);
        String value = reward.voucherValidityValue() == null ? "" : reward.voucherValidityValue().toLowerCase(Locale.ROOT);
        switch (reward.voucherValidity()) {
            case "interval" -> {
                Matcher m = INTERVAL.matcher(value);
                if (!m.matches()) {
                    return new Window(now, null);
                }
                int n = Integer.parseInt(m.group(1));
                String unit = m.group(2).replaceAll("s$", "");
                ZonedDateTime to = switch (unit) {
                    case "minute" -> local.plus(Duration.ofMinutes(n));
                    case "hour" -> local.plus(Duration.ofHours(n));
                    case "day" -> local.plus(Period.ofDays(n));
                    case "week" -> local.plus(Period.ofWeeks(n));
                    case "month" -> local.plus(Period.ofMonths(n));
                    default -> local.plus(Period.ofYears(n));
                };
                return new Window(now, to.toOffsetDateTime());
            }
            case "end_of_time_unit" -> {
                LocalDate day = local.toLocalDate();
                LocalDate last = switch (value) {
                    case "end_of_week" -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
                    case "end_of_month" -> day.with(TemporalAdjusters.lastDayOfMonth());
                    case "end_of_year" -> day.with(TemporalAdjusters.lastDayOfYear());
                    default -> day;
                };
                return new Window(now, endOf(last, zone));
            }
            default -> {
                OffsetDateTime from = reward.validFrom() == null ? now
                        : reward.validFrom().atStartOfDay(zone).toOffsetDateTime();
                if (from.isBefore(now)) {
                    from = now;
                }
                return new Window(from, reward.validTo() == null ? null : endOf(reward.validTo(), zone));
            }
        }
    }

    /** The last second of the day. */
    static OffsetDateTime endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).minusSeconds(1).toOffsetDateTime();
    }
}
