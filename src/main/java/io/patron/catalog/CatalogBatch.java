package io.patron.catalog;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import io.patron.property.PropertyService.PropertyRecordInput;

/**
 * Bodies of the batch synchronisation operations. Record-level rules (required fields, references)
 * are checked by {@link CatalogSync} record by record, so that {@code error_processing=2} can store
 * the good records and report the bad ones; only the list itself is checked up front.
 */
public final class CatalogBatch {

    private CatalogBatch() {
    }

    /** A brand to create or update, found by its external id. */
    public record BrandRecord(String externalId, String name) {
    }

    /** A product group to create or update, found by its external id; its parent by id or external id. */
    public record GroupRecord(String externalId, String name, String code, String parentProductGroupId,
                              String parentExternalId, String partnerId, String storeId) {
    }

    /** A reference to a tag; the other fields of a tag as read are ignored. */
    public record TagRef(String tagId) {
    }

    /** A product to create or update, found by its PLU ids. */
    public record ProductRecord(String code, String name, String partnerId, List<PluId> pluIds, List<Price> prices,
                                String productBrandId, String productBrandExternalId, String productGroupId,
                                String productGroupExternalId, List<PropertyRecordInput> propertyRecords,
                                Integer state, String storeId, List<TagRef> tags) {
    }

    public record Brands(@NotNull List<BrandRecord> productBrands, Integer errorProcessing) {
    }

    public record Groups(@NotNull List<GroupRecord> productGroups, Integer errorProcessing) {
    }

    public record Products(@NotNull List<ProductRecord> products, Integer errorProcessing) {
    }
}
