package io.patron.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Refuses, before any controller runs, every query parameter and path id holding text that
     * {@link TextLimits} does not accept: a NUL anywhere, or a parameter value longer than its field's limit.
     * Each is named; the value is not repeated. Path ids are checked for characters only: a long id is
     * simply not found.
     */
    public static void refuseUnacceptableText(HttpServletRequest request, Map<String, String> pathVariables) {
        List<InvalidParam> errors = new ArrayList<>();
        pathVariables.forEach((name, value) -> TextLimits.unstorable(value)
                .ifPresent(problem -> errors.add(TextLimits.refusal(name, problem))));
        request.getParameterMap().forEach((key, values) -> {
            String name = key.endsWith("[]") ? key.substring(0, key.length() - 2) : key;
            if (TextLimits.unstorable(key).isPresent()) {
                errors.add(TextLimits.refusal("query", "A parameter name holds a character that cannot be stored"));
                return;
            }
            for (String value : values) {
                String checked = PhoneNumbers.isPhoneField(name) ? PhoneNumbers.normalize(value) : value;
                Optional<String> problem = TextLimits.problem(name, checked);
                if (problem.isPresent()) {
                    errors.add(TextLimits.refusal(key, problem.get()));
                    return;
                }
            }
        });
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
    }

    /**
     * The value of a scalar parameter, or null when absent; an empty value counts as absent. Phone numbers
     * come in the stored digits-only form.
     */
    public String string(String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        return PhoneNumbers.isPhoneField(name) ? PhoneNumbers.normalize(value) : value;
    }

    /**
     * A parameter with a fixed set of text values (an enum the contract declares for a filter): anything
     * else is {@code not_allowed_value}, naming the allowed values.
     */
    public String oneOf(String name, List<InvalidParam> errors, String... allowed) {
        String value = string(name);
        if (value == null || Arrays.asList(allowed).contains(value)) {
            return value;
        }
        errors.add(InvalidParam.of(name, Reason.NOT_ALLOWED_VALUE,
                name + " must be one of " + String.join(", ", allowed)));
        return null;
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
                Arrays.stream(given).filter(v -> !v.isEmpty())
                        .map(v -> PhoneNumbers.isPhoneField(name) ? PhoneNumbers.normalize(v) : v).forEach(values::add);
            }
        }
        // name[0]=a&name[1]=b, as some HTTP libraries encode arrays
        request.getParameterMap().forEach((key, given) -> {
            if (key.startsWith(name + "[") && key.endsWith("]") && !key.equals(name + "[]")
                    && key.substring(name.length() + 1, key.length() - 1).chars().allMatch(Character::isDigit)) {
                Arrays.stream(given).filter(v -> !v.isEmpty())
                        .map(v -> PhoneNumbers.isPhoneField(name) ? PhoneNumbers.normalize(v) : v).forEach(values::add);
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

    /** A boolean parameter read on its own: a value other than true/false/1/0 is refused at once. */
    public Boolean bool(String name) {
        List<InvalidParam> errors = new ArrayList<>();
        Boolean value = bool(name, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return value;
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
