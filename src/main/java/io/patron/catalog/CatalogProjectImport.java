package io.patron.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.springframework.stereotype.Component;

import io.patron.property.PropertyService.PropertyRecordInput;
import io.patron.api.ApiError;
import io.patron.api.BatchOutcome;
import io.patron.catalog.CatalogBatch.BrandRecord;
import io.patron.catalog.CatalogBatch.GroupRecord;
import io.patron.catalog.CatalogBatch.ProductRecord;
import io.patron.catalog.CatalogBatch.TagRef;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.reference.CurrencyQueries;

/**
 * Seeds a catalogue from the project file (the demo's, or a project's first load) through the same
 * synchronisation as the batch API, so a repeated import updates instead of duplicating:
 * <pre>
 * product_brands:
 *   - { external_id: nordwind, name: Nordwind }
 * product_groups:                        # parents before children
 *   - { external_id: apparel, code: "10", name: { en: Apparel, cs: Oblečení } }
 *   - { external_id: apparel-men, code: "1010", parent_external_id: apparel, name: Men }
 * products:
 *   - code: "100001"
 *     name: { en: Merino T-shirt, cs: Merino tričko }
 *     plu_ids: [ { list_code: GLOBAL, code: "8594001000012" } ]
 *     product_brand_external_id: nordwind
 *     product_group_external_id: apparel-men
 *     prices: [ { currency: CZK, value: 890 } ]       # currency by ISO code
 *     tags: [ new ]                                   # tags by text id
 *     property_records: [ { property_id: material, property_value: merino } ]
 * </pre>
 * Names may be one text for every language or a map language → text. A bad record stops the start
 * with the file, the section and the record named.
 */
@Component
class CatalogProjectImport implements ProjectImport {

    record FileBrand(String externalId, Object name) {
    }

    record FileGroup(String externalId, Object name, String code, String parentExternalId, String partnerId,
                     String storeId) {
    }

    record FilePrice(String currency, BigDecimal value) {
    }

    record FileProduct(String code, Object name, List<PluId> pluIds, List<FilePrice> prices,
                       String productBrandExternalId, String productGroupExternalId, List<String> tags,
                       List<PropertyRecordInput> propertyRecords, Integer state) {
    }

    private final CatalogSync sync;
    private final CatalogRepository repository;
    private final PatronProperties properties;

    CatalogProjectImport(CatalogSync sync, CatalogRepository repository, PatronProperties properties) {
        this.sync = sync;
        this.repository = repository;
        this.properties = properties;
    }

    /** After property definitions (-50) and tags (-40), which products refer to. */
    @Override
    public int order() {
        return 50;
    }

    @Override
    public void apply(ProjectFile file) {
        List<FileBrand> brands = file.section("product_brands", FileBrand.class);
        inChunks(file, "product_brands", brands, (chunk, offset) -> sync.brands(
                chunk.stream().map(b -> new BrandRecord(b.externalId(), anyText(b.name()))).toList(), 1,
                texts(chunk.stream().map(FileBrand::name).toList())));

        List<FileGroup> groups = file.section("product_groups", FileGroup.class);
        inChunks(file, "product_groups", groups, (chunk, offset) -> sync.groups(
                chunk.stream().map(g -> new GroupRecord(g.externalId(), anyText(g.name()), g.code(), null,
                        g.parentExternalId(), g.partnerId(), g.storeId())).toList(), 1,
                texts(chunk.stream().map(FileGroup::name).toList())));

        List<FileProduct> products = file.section("products", FileProduct.class);
        if (products.isEmpty()) {
            return;
        }
        Map<String, String> tagIds = repository.tagIdsByTextId();
        inChunks(file, "products", products, (chunk, offset) -> sync.products(
                chunk.stream().map(p -> product(p, tagIds)).toList(), 1,
                texts(chunk.stream().map(FileProduct::name).toList())));
    }

    private static ProductRecord product(FileProduct p, Map<String, String> tagIds) {
        List<Price> prices = p.prices() == null ? null : p.prices().stream()
                .map(price -> new Price(price.currency() == null ? null : CurrencyQueries.currencyId(price.currency()),
                        price.value()))
                .toList();
        List<TagRef> tags = p.tags() == null ? null : p.tags().stream()
                .map(text -> new TagRef(tagIds.getOrDefault(text, text))).toList();
        return new ProductRecord(p.code(), anyText(p.name()), null, p.pluIds(), prices, null,
                p.productBrandExternalId(), null, p.productGroupExternalId(), p.propertyRecords(), p.state(), null,
                tags);
    }

    private IntFunction<Map<String, String>> texts(List<Object> names) {
        return i -> names.get(i) == null ? Map.of() : ProjectFile.texts(names.get(i), properties.languages());
    }

    private static String anyText(Object name) {
        if (name instanceof Map<?, ?> map) {
            return map.isEmpty() ? null : String.valueOf(map.values().iterator().next());
        }
        return name == null ? null : String.valueOf(name);
    }

    private interface Chunk<T> {
        BatchOutcome sync(List<T> chunk, int offset);
    }

    private static <T> void inChunks(ProjectFile file, String section, List<T> items, Chunk<T> chunk) {
        for (int offset = 0; offset < items.size(); offset += CatalogSync.MAX_RECORDS) {
            List<T> part = new ArrayList<>(items.subList(offset, Math.min(items.size(), offset + CatalogSync.MAX_RECORDS)));
            try {
                chunk.sync(part, offset).throwIfAnyFailed();
            } catch (ApiError e) {
                throw new IllegalStateException("Section '" + section + "' of " + file.location()
                        + (offset > 0 ? " (records from " + offset + ")" : "") + ": " + e.detail(), e);
            }
        }
    }
}
