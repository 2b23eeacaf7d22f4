package io.patron.catalog;

import java.time.LocalDateTime;

/** A product tag as the API shows it (the contract's {@code Tag}). */
public record ProductTag(String tagId, String textId, String name, Integer state, LocalDateTime lastChange) {
}
