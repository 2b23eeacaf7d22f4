package io.patron.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

import org.jooq.Field;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Date and time on the wire. Responses: datetimes {@code YYYY-MM-DD HH:MM:SS} in the project's time zone,
 * dates {@code YYYY-MM-DD}, times {@code HH:MM:SS}; instants from the database are shown in the project zone.
 * Requests take what clients send: datetimes with a space or {@code T}, optionally with fractional seconds,
 * optionally with a UTC offset or {@code Z} (converted to the project zone), or a date alone (the start of
 * that day in the project zone); dates as {@code YYYY-MM-DD} or {@code D.M.YYYY}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiTime {

    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** What a refused datetime is told: every accepted form. */
    public static final String DATE_TIME_FORMS = "Expected YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS, optionally with"
            + " fractional seconds and a UTC offset (+02:00) or Z, or a date YYYY-MM-DD";
    /** What a refused date is told: every accepted form. */
    public static final String DATE_FORMS = "Expected a date as YYYY-MM-DD or D.M.YYYY";

    /** Date and time with a space or T, optional fraction, optional offset or Z. */
    private static final DateTimeFormatter REQUEST_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);
    /** {@code 29.2.2024} and {@code 05.03.2024}: day and month with one or two digits. */
    private static final DateTimeFormatter DOTTED_DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE).appendLiteral('.')
            .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE).appendLiteral('.')
            .appendValue(ChronoField.YEAR, 4)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);

    /** The project zone for callers without a clock at hand; set once from the project's clock. */
    private static volatile ZoneId projectZone = ZoneId.systemDefault();

    /** Parses a request datetime in any accepted form, in the project zone; throws DateTimeParseException otherwise. */
    public static LocalDateTime parseDateTime(String text) {
        return parseDateTime(text, projectZone);
    }

    /**
     * Parses a request datetime in any accepted form to the local time of {@code zone}: a value with an offset
     * is converted, a date alone is the start of that day; throws DateTimeParseException otherwise.
     */
    public static LocalDateTime parseDateTime(String text, ZoneId zone) {
        String value = text.trim();
        if (value.length() == 10) {
            return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT)
                    .withChronology(IsoChronology.INSTANCE)).atStartOfDay(zone).toLocalDateTime();
        }
        TemporalAccessor parsed = REQUEST_DATE_TIME.parse(value);
        LocalDateTime local = LocalDateTime.from(parsed);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return local.atOffset(ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)))
                    .atZoneSameInstant(zone).toLocalDateTime();
        }
        return local;
    }

    /** Parses a request date, {@code YYYY-MM-DD} or {@code D.M.YYYY}; throws DateTimeParseException otherwise. */
    public static LocalDate parseDate(String text) {
        String value = text.trim();
        if (value.indexOf('.') >= 0) {
            return LocalDate.parse(value, DOTTED_DATE);
        }
        return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT)
                .withChronology(IsoChronology.INSTANCE));
    }

    public static String format(Instant instant, ZoneId zone) {
        return instant == null ? null : DATE_TIME.format(instant.atZone(zone));
    }

    public static String format(Instant instant, Clock clock) {
        return format(instant, clock.getZone());
    }

    /** A stored instant as the project's local datetime, the type response records carry. */
    public static LocalDateTime local(OffsetDateTime value, Clock clock) {
        return value == null ? null : value.atZoneSameInstant(clock.getZone()).toLocalDateTime();
    }

    /** A timestamp column read as the project's local datetime (sorting and filtering still use the column). */
    public static Field<LocalDateTime> local(Field<OffsetDateTime> column, Clock clock) {
        return column.convertFrom(value -> local(value, clock));
    }

    /**
     * A timestamp column as response text, for a body record that is also a request body and keeps its
     * datetimes as strings so that its service can check them field by field (the card).
     */
    public static Field<String> text(Field<OffsetDateTime> column, Clock clock) {
        return column.convertFrom(value -> value == null ? null : DATE_TIME.format(local(value, clock)));
    }

    @Bean
    SimpleModule apiTimeModule(Clock clock) {
        ZoneId zone = clock.getZone();
        projectZone = zone;
        SimpleModule module = new SimpleModule("patron-api-time");
        module.addSerializer(LocalDateTime.class, new ValueSerializer<>() {
            @Override
            public void serialize(LocalDateTime value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(DATE_TIME.format(value));
            }
        });
        module.addDeserializer(LocalDateTime.class, new ValueDeserializer<>() {
            @Override
            public LocalDateTime deserialize(JsonParser p, DeserializationContext ctxt) {
                if (!p.hasToken(JsonToken.VALUE_STRING)) {
                    throw new RequestJson.InvalidValue(p, Reason.INVALID_VALUE_FORMAT, DATE_TIME_FORMS,
                            LocalDateTime.class);
                }
                try {
                    return parseDateTime(p.getString(), zone);
                } catch (DateTimeException e) {
                    throw new RequestJson.InvalidValue(p, Reason.INVALID_VALUE_FORMAT, DATE_TIME_FORMS,
                            LocalDateTime.class);
                }
            }
        });
        module.addSerializer(LocalTime.class, new ValueSerializer<>() {
            @Override
            public void serialize(LocalTime value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(TIME.format(value));
            }
        });
        module.addDeserializer(LocalDate.class, new ValueDeserializer<>() {
            @Override
            public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
                if (!p.hasToken(JsonToken.VALUE_STRING)) {
                    throw new RequestJson.InvalidValue(p, Reason.INVALID_VALUE_FORMAT, DATE_FORMS, LocalDate.class);
                }
                try {
                    return parseDate(p.getString());
                } catch (DateTimeException e) {
                    throw new RequestJson.InvalidValue(p, Reason.INVALID_VALUE_FORMAT, DATE_FORMS, LocalDate.class);
                }
            }
        });
        return module;
    }
}
