package io.patron.api;

import java.util.List;

/** One page of a list and the number of all matches. */
public record Page<T>(List<T> items, long totalItems) {
}
