package io.patron.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jooq.Field;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Date and time on the wire: datetimes {@code YYYY-MM-DD HH:MM:SS} in the project's time zone
 * (requests may also use {@code YYYY-MM-DDTHH:MM:SS}), dates {@code YYYY-MM-DD}, times
 * {@code HH:MM:SS}. Instants from the database are shown in the project zone.
 */
@Configuration(proxyBeanMethods = false)
public class ApiTime {

    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Parses a request datetime in either accepted form; throws DateTimeParseException otherwise. */
    public static LocalDateTime parseDateTime(String text) {
        String normalized = text.trim().replace('T', ' ');
        return LocalDateTime.parse(normalized, DATE_TIME);
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
    SimpleModule apiTimeModule() {
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
                String text = p.getValueAsString();
                try {
                    return parseDateTime(text);
                } catch (DateTimeParseException | NullPointerException e) {
                    throw InvalidFormatException.from(p, "expected YYYY-MM-DD HH:MM:SS", text, LocalDateTime.class);
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
                String text = p.getValueAsString();
                try {
                    return LocalDate.parse(text.trim());
                } catch (DateTimeParseException | NullPointerException e) {
                    throw InvalidFormatException.from(p, "expected YYYY-MM-DD", text, LocalDate.class);
                }
            }
        });
        return module;
    }
}
