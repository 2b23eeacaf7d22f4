package io.patron.catalog;

import java.time.LocalDateTime;
import java.util.List;

import io.patron.property.PropertyService.PropertyRecord;

/**
 * A product as the API shows it. {@code externalId} is its code in the product list the caller
 * asked for ({@code external_type_code}), else in the GLOBAL list, else in any list.
 */
public record Product(String productId, String name, String code, String externalId, List<PluId> pluIds,
                      List<Price> prices, String productBrandId, String productGroupId, String partnerId,
                      Integer state, List<ProductTag> tags, List<PropertyRecord> additionalProperties,
                      LocalDateTime lastChange) {

    Product with(List<PluId> plus, List<Price> priceList, List<ProductTag> tagList, List<PropertyRecord> properties) {
        return new Product(productId, name, code, externalId, plus, priceList, productBrandId, productGroupId,
                partnerId, state, tagList, properties, lastChange);
    }
}
