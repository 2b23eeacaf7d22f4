package io.patron.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Paging and sorting of a list call: {@code count} (1..{@value #MAX_COUNT}, default 100),
 * {@code offset} (0.., default 0), {@code sort_field}, {@code sort_direction} (ASC/DESC).
 * Also the entry point to the call's filters, see {@link Filters}.
 */
public record ListParams(int count, int offset, String sortField, boolean descending, HttpServletRequest request) {

    public static final int DEFAULT_COUNT = 100;
    /** The contract caps list pages at 1000 items; a larger count is refused, not silently cut. */
    public static final int MAX_COUNT = 1000;

    public static ListParams from(HttpServletRequest request) {
        QueryParams query = new QueryParams(request);
        List<InvalidParam> errors = new ArrayList<>();
        Integer count = query.integer("count", errors);
        Integer offset = query.integer("offset", errors);
        if (count != null && (count < 1 || count > MAX_COUNT)) {
            errors.add(InvalidParam.of("count", Reason.NOT_ALLOWED_VALUE, count,
                    "count must be between 1 and " + MAX_COUNT));
        }
        if (offset != null && offset < 0) {
            errors.add(InvalidParam.of("offset", Reason.NOT_ALLOWED_VALUE, offset, "offset must not be negative"));
        }
        String direction = query.string("sort_direction");
        boolean descending = false;
        if (direction != null) {
            if (direction.equalsIgnoreCase("DESC")) {
                descending = true;
            } else if (!direction.equalsIgnoreCase("ASC")) {
                errors.add(InvalidParam.of("sort_direction", Reason.NOT_ALLOWED_VALUE, direction,
                        "sort_direction must be ASC or DESC"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return new ListParams(count == null ? DEFAULT_COUNT : count, offset == null ? 0 : offset,
                query.string("sort_field"), descending, request);
    }

    public Filters filters() {
        return new Filters(new QueryParams(request));
    }
}
