package io.patron.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Declarative list filters: each call names a query parameter and the column it applies to.
 * Filters combine with AND, array filters OR their values; bad values are collected and
 * reported together. With {@code mode=strict} (where {@link #strictMode()} is declared), every
 * declared filter becomes required.
 */
public final class Filters {

    /** How a filter declared on a {@link ListSpec} applies a query parameter to its column. */
    @FunctionalInterface
    public interface Kind<T> {
        void apply(Filters filters, String param, Field<T> column);
    }

    public static final Kind<String> EQ = Filters::eq;
    public static final Kind<String> EQ_IGNORE_CASE = Filters::eqIgnoreCase;
    public static final Kind<String> CONTAINS = Filters::contains;
    public static final Kind<String> IN = Filters::in;
    public static final Kind<Boolean> BOOL = Filters::bool;

    /** An integer with a fixed set of values, see {@link #oneOf(String, Field, int...)}. */
    public static Kind<Integer> oneOf(int... allowed) {
        return (filters, param, column) -> filters.oneOf(param, column, allowed);
    }

    private final QueryParams query;
    private final List<Condition> conditions = new ArrayList<>();
    private final List<InvalidParam> errors = new ArrayList<>();
    private final Set<String> declared = new LinkedHashSet<>();
    private boolean strictAllowed;

    Filters(QueryParams query) {
        this.query = query;
    }

    public QueryParams query() {
        return query;
    }

    /** Exact match. */
    public Filters eq(String param, Field<String> column) {
        declared.add(param);
        String value = query.string(param);
        if (value != null) {
            conditions.add(column.eq(value));
        }
        return this;
    }

    /** Case-insensitive exact match (emails, logins). */
    public Filters eqIgnoreCase(String param, Field<String> column) {
        declared.add(param);
        String value = query.string(param);
        if (value != null) {
            conditions.add(DSL.lower(column).eq(value.toLowerCase(java.util.Locale.ROOT)));
        }
        return this;
    }

    /** Case-insensitive "contains" match, for names. */
    public Filters contains(String param, Field<String> column) {
        declared.add(param);
        String value = query.string(param);
        if (value != null) {
            conditions.add(column.containsIgnoreCase(value));
        }
        return this;
    }

    /** Any of the given values ({@code param[]=a&param[]=b}). */
    public Filters in(String param, Field<String> column) {
        declared.add(param);
        List<String> values = query.strings(param);
        if (!values.isEmpty()) {
            conditions.add(column.in(values));
        }
        return this;
    }

    public Filters bool(String param, Field<Boolean> column) {
        declared.add(param);
        Boolean value = query.bool(param, errors);
        if (value != null) {
            conditions.add(column.eq(value));
        }
        return this;
    }

    /**
     * An integer with a fixed set of values (states, visibility): a non-integer is
     * {@code invalid_value_format}, a value outside the set {@code not_allowed_value}.
     */
    public Filters oneOf(String param, Field<Integer> column, int... allowed) {
        declared.add(param);
        Integer value = query.integer(param, errors);
        if (value != null) {
            if (java.util.Arrays.stream(allowed).noneMatch(a -> a == value)) {
                errors.add(InvalidParam.of(param, Reason.NOT_ALLOWED_VALUE, value,
                        param + " must be one of " + java.util.Arrays.toString(allowed)));
            } else {
                conditions.add(column.eq(value));
            }
        }
        return this;
    }

    /** A filter whose condition needs more than a column, e.g. a subquery. */
    public Filters custom(String param, Function<String, Condition> condition) {
        declared.add(param);
        String value = query.string(param);
        if (value != null) {
            conditions.add(condition.apply(value));
        }
        return this;
    }

    /** A filter on every value of an array parameter ({@code param[]=a&param[]=b}) whose condition needs more than a column. */
    public Filters customIn(String param, Function<List<String>, Condition> condition) {
        declared.add(param);
        List<String> values = query.strings(param);
        if (!values.isEmpty()) {
            conditions.add(condition.apply(values));
        }
        return this;
    }

    /** A fixed condition that is not a parameter (scoping to the logged-in customer, etc.). */
    public Filters where(Condition condition) {
        conditions.add(condition);
        return this;
    }

    public Filters error(InvalidParam error) {
        errors.add(error);
        return this;
    }

    /** Declares that this list takes {@code mode=strict}; call after declaring the filters. */
    public Filters strictMode() {
        strictAllowed = true;
        return this;
    }

    /** The AND of all filters given; throws a 400 naming every bad or (in strict mode) missing filter. */
    public Condition condition() {
        String mode = query.string("mode");
        if (mode != null && strictAllowed) {
            if (!mode.equals("strict") && !mode.equals("none")) {
                errors.add(InvalidParam.of("mode", Reason.NOT_ALLOWED_VALUE, mode, "mode must be strict or none"));
            } else if (mode.equals("strict")) {
                for (String param : declared) {
                    if (!query.present(param)) {
                        errors.add(InvalidParam.of(param, Reason.REQUIRED, "required in strict mode"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return DSL.and(conditions);
    }
}
