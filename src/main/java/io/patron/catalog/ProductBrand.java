package io.patron.catalog;

/** A product brand as the API shows it. */
public record ProductBrand(String productBrandId, String name, String externalId) {
}
