package io.patron.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code {"data": ...}} wrapper of every API body. */
public record Envelope(Object data) {

    public static Envelope of(Object data) {
        return new Envelope(data);
    }

    /** A list body: {@code {"data": {"<plural>": [...], "total_items": N}}}. */
    public static Envelope list(String plural, Page<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(plural, page.items());
        body.put("total_items", page.totalItems());
        return new Envelope(body);
    }

    public static Envelope list(String plural, List<?> all) {
        return list(plural, new Page<>(all, all.size()));
    }

    /** A single named value, e.g. {@code {"data": {"customer_id": "..."}}}. */
    public static Envelope field(String name, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, value);
        return new Envelope(body);
    }
}
