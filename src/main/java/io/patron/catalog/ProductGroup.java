package io.patron.catalog;

import java.time.LocalDateTime;

/** A node of the product group tree as the API shows it. */
public record ProductGroup(String productGroupId, String name, String code, String externalId,
                           String parentProductGroupId, String parentExternalId, String partnerId, String storeId,
                           Integer state, LocalDateTime lastChange) {
}
