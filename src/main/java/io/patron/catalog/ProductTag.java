package io.patron.catalog;

/** A product tag as the API shows it (the contract's {@code Tag}). */
public record ProductTag(String tagId, String textId, String name, Integer state, String lastChange) {
}
