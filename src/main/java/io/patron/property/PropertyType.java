package io.patron.property;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

import io.patron.api.ApiTime;

/**
 * The data types of properties and how a value of each is checked and put into canonical form.
 * A canonical value is a String, BigDecimal, Long, Boolean, or a list of item ids (enum, multiselect).
 */
enum PropertyType {
    STRING, BOOLEAN, INTEGER, FLOAT, DATE, TIMESTAMP, ENUM, MULTISELECT, CUSTOM;

    static PropertyType of(String dataType) {
        try {
            return valueOf(dataType.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // Project-specific ("customized") data types carry their value as text.
            return CUSTOM;
        }
    }

    boolean hasItems() {
        return this == ENUM || this == MULTISELECT;
    }

    /** The canonical value, or null when the JSON value does not fit this type. */
    Object canonical(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return switch (this) {
            case STRING, CUSTOM -> value.isString() ? value.asString()
                    : value.isContainer() ? value.toString() : value.isValueNode() ? value.asString() : null;
            case BOOLEAN -> bool(value);
            case INTEGER -> integer(value);
            case FLOAT -> decimal(value);
            case DATE -> value.isString() && parses(() -> LocalDate.parse(value.asString())) ? value.asString() : null;
            case TIMESTAMP -> value.isString() && parses(() -> ApiTime.parseDateTime(value.asString()))
                    ? ApiTime.DATE_TIME.format(ApiTime.parseDateTime(value.asString())) : null;
            case ENUM, MULTISELECT -> itemIds(value);
        };
    }

    private static Boolean bool(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isString() && ("true".equals(value.asString()) || "false".equals(value.asString()))) {
            return Boolean.valueOf(value.asString());
        }
        return null;
    }

    private static Long integer(JsonNode value) {
        BigDecimal number = decimal(value);
        if (number == null) {
            return null;
        }
        try {
            return number.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Items may be sent as ids, as objects with an id (what GET returns), or as one of those alone. */
    private static List<String> itemIds(JsonNode value) {
        List<String> ids = new ArrayList<>();
        Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
        for (JsonNode item : items) {
            if (item.isString()) {
                ids.add(item.asString());
            } else if (item.isObject() && item.path("id").isString()) {
                ids.add(item.path("id").asString());
            } else {
                return null;
            }
        }
        return ids;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }
}
