package io.patron.catalog;

/** The code of a product in one of the retailer's product lists ({@code GLOBAL}, {@code SKU}, {@code PLU} ...). */
public record PluId(String listCode, String code) {
}
