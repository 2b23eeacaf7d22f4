package io.patron.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Typed reading of query parameters the way CareCloud clients send them: arrays as
 * {@code name[]=a&name[]=b} (a plain {@code name=a} is accepted too), booleans as
 * {@code true/false} (also 1/0). Bad values are collected as {@link InvalidParam}s.
 */
public final class QueryParams {

    private final HttpServletRequest request;

    public QueryParams(HttpServletRequest request) {
        this.request = request;
    }

    /** The value of a scalar parameter, or null when absent; an empty value counts as absent. */
    public String string(String name) {
        String value = request.getParameter(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public boolean present(String name) {
        return string(name) != null || !strings(name).isEmpty();
    }

    /** All values of an array parameter, from {@code name[]} and {@code name}. */
    public List<String> strings(String name) {
        List<String> values = new ArrayList<>();
        for (String key : new String[] {name + "[]", name}) {
            String[] given = request.getParameterValues(key);
            if (given != null) {
                Arrays.stream(given).filter(v -> !v.isEmpty()).forEach(values::add);
            }
        }
        // name[0]=a&name[1]=b, as some HTTP libraries encode arrays
        request.getParameterMap().forEach((key, given) -> {
            if (key.startsWith(name + "[") && key.endsWith("]") && !key.equals(name + "[]")
                    && key.substring(name.length() + 1, key.length() - 1).chars().allMatch(Character::isDigit)) {
                Arrays.stream(given).filter(v -> !v.isEmpty()).forEach(values::add);
            }
        });
        return values;
    }

    public Integer integer(String name, List<InvalidParam> errors) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            errors.add(InvalidParam.of(name, Reason.INVALID_VALUE_FORMAT, value, name + " must be an integer"));
            return null;
        }
    }

    public Boolean bool(String name, List<InvalidParam> errors) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> {
                errors.add(InvalidParam.of(name, Reason.INVALID_VALUE_FORMAT, value, name + " must be true or false"));
                yield null;
            }
        };
    }
}
