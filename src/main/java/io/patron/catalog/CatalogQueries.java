package io.patron.catalog;

import static io.patron.catalog.CatalogTables.*;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.admin.PropertyService;
import io.patron.admin.PropertyService.PropertyRecord;
import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;

/** Reads of the catalogue: products, brands, groups, tags and product property definitions. */
@Service
@Transactional(readOnly = true)
public class CatalogQueries {

    private static final Table<Record> PARENT = GROUP.as("parent_group");
    private static final Field<String> PARENT_ID = DSL.field(name("parent_group", "id"), String.class);
    private static final Field<String> PARENT_EXTERNAL_ID = DSL.field(name("parent_group", "external_id"), String.class);

    private final ListQueries lists;
    private final DSLContext dsl;
    private final PropertyService properties;
    private final Clock clock;

    CatalogQueries(ListQueries lists, DSLContext dsl, PropertyService properties, Clock clock) {
        this.lists = lists;
        this.dsl = dsl;
        this.properties = properties;
        this.clock = clock;
    }

    // --- brands ----------------------------------------------------------------------------------

    private static ListSpec<ProductBrand> brandSpec(Language language) {
        return ListSpec.<ProductBrand>from(BRAND)
                .id("product_brand_id", BRAND_ID)
                .field("name", Translations.text(BRAND_NAME, BRAND_ID, language))
                .field("external_id", BRAND_EXTERNAL_ID)
                .map(r -> new ProductBrand(r.get("product_brand_id", String.class), r.get("name", String.class),
                        r.get("external_id", String.class)));
    }

    public Page<ProductBrand> brands(ListParams params, Language language) {
        return lists.page(brandSpec(language), params, params.filters()
                .contains("name", Translations.text(BRAND_NAME, BRAND_ID, language))
                .condition());
    }

    public ProductBrand brand(String id, Language language) {
        return lists.one(brandSpec(language), BRAND_ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("product-brands", id));
    }

    // --- groups ----------------------------------------------------------------------------------

    private ListSpec<ProductGroup> groupSpec(Language language) {
        return ListSpec.<ProductGroup>from(GROUP.leftJoin(PARENT).on(PARENT_ID.eq(GROUP_PARENT)))
                .id("product_group_id", GROUP_ID)
                .field("name", Translations.text(GROUP_NAME, GROUP_ID, language))
                .field("code", GROUP_CODE)
                .field("external_id", GROUP_EXTERNAL_ID)
                .field("parent_product_group_id", GROUP_PARENT)
                .field("parent_external_id", PARENT_EXTERNAL_ID)
                .field("partner_id", GROUP_PARTNER)
                .field("store_id", GROUP_STORE)
                .field("state", GROUP_STATE)
                .field("last_change", GROUP_CHANGED)
                .map(r -> new ProductGroup(r.get("product_group_id", String.class), r.get("name", String.class),
                        r.get("code", String.class), r.get("external_id", String.class),
                        r.get("parent_product_group_id", String.class), r.get("parent_external_id", String.class),
                        r.get("partner_id", String.class), r.get("store_id", String.class),
                        r.get("state", Integer.class), time(r, "last_change")));
    }

    public Page<ProductGroup> groups(ListParams params, Language language) {
        return lists.page(groupSpec(language), params, params.filters()
                .contains("name", Translations.text(GROUP_NAME, GROUP_ID, language))
                .eq("store_id", GROUP_STORE)
                .eq("code", GROUP_CODE)
                .eq("external_id", GROUP_EXTERNAL_ID)
                .eq("partner_id", GROUP_PARTNER)
                .condition());
    }

    public ProductGroup group(String id, Language language) {
        return lists.one(groupSpec(language), GROUP_ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("product-groups", id));
    }

    // --- tags ------------------------------------------------------------------------------------

    private ListSpec<ProductTag> tagSpec(Language language) {
        return ListSpec.<ProductTag>from(TAG)
                .id("tag_id", TAG_ID)
                .field("text_id", TAG_TEXT_ID)
                .field("name", DSL.coalesce(Translations.text(TAG_NAME, TAG_ID, language), TAG_TEXT_ID))
                .field("state", TAG_STATE)
                .field("last_change", TAG_CHANGED)
                .defaultOrder(TAG_POSITION)
                .map(this::tag);
    }

    private ProductTag tag(Record r) {
        return new ProductTag(r.get("tag_id", String.class), r.get("text_id", String.class),
                r.get("name", String.class), r.get("state", Integer.class), time(r, "last_change"));
    }

    public Page<ProductTag> tags(ListParams params, Language language) {
        return lists.page(tagSpec(language), params, params.filters()
                .contains("name", DSL.coalesce(Translations.text(TAG_NAME, TAG_ID, language), TAG_TEXT_ID))
                .eq("text_id", TAG_TEXT_ID)
                .condition());
    }

    // --- products --------------------------------------------------------------------------------

    /**
     * A product's external id: its code in the list the caller names, else in the GLOBAL list, else
     * the first code in any list.
     */
    private static Field<String> externalId(String listCode) {
        Field<String> inList = select(DSL.min(PLU_CODE)).from(PLU)
                .where(PLU_PRODUCT.eq(PRODUCT_ID)).and(PLU_LIST.eq(listCode == null ? DEFAULT_LIST : listCode))
                .asField();
        if (listCode != null) {
            return inList;
        }
        return DSL.coalesce(inList, select(DSL.min(PLU_CODE)).from(PLU).where(PLU_PRODUCT.eq(PRODUCT_ID)).asField());
    }

    private ListSpec<Product> productSpec(Language language, String listCode) {
        return ListSpec.<Product>from(PRODUCT)
                .id("product_id", PRODUCT_ID)
                .field("name", Translations.text(PRODUCT_NAME, PRODUCT_ID, language))
                .field("code", PRODUCT_CODE)
                .field("external_id", externalId(listCode))
                .field("product_brand_id", PRODUCT_BRAND)
                .field("product_group_id", PRODUCT_GROUP)
                .field("partner_id", PRODUCT_PARTNER)
                .field("state", PRODUCT_STATE)
                .field("last_change", PRODUCT_CHANGED)
                .map(r -> new Product(r.get("product_id", String.class), r.get("name", String.class),
                        r.get("code", String.class), r.get("external_id", String.class), List.of(), List.of(),
                        r.get("product_brand_id", String.class), r.get("product_group_id", String.class),
                        r.get("partner_id", String.class), r.get("state", Integer.class), List.of(), List.of(),
                        time(r, "last_change")));
    }

    /** Products that are not deleted, with every filter of {@code GET /products}. */
    public Page<Product> products(ListParams params, Language language) {
        var filters = params.filters();
        String listCode = filters.query().string("external_type_code");
        List<String> tagIds = filters.query().strings("tag_ids");
        filters.contains("name", Translations.text(PRODUCT_NAME, PRODUCT_ID, language))
                .eq("code", PRODUCT_CODE)
                .custom("external_id", code -> exists(selectOne().from(PLU).where(PLU_PRODUCT.eq(PRODUCT_ID))
                        .and(PLU_CODE.eq(code)).and(listCode == null ? DSL.noCondition() : PLU_LIST.eq(listCode))))
                .custom("external_type_code", list -> exists(selectOne().from(PLU)
                        .where(PLU_PRODUCT.eq(PRODUCT_ID)).and(PLU_LIST.eq(list))))
                .eq("partner_id", PRODUCT_PARTNER)
                .where(PRODUCT_STATE.ne(0));
        if (!tagIds.isEmpty()) {
            filters.where(exists(selectOne().from(TAG_RECORD)
                    .where(TAG_RECORD_PRODUCT.eq(PRODUCT_ID)).and(TAG_RECORD_TAG.in(tagIds))));
        }
        Condition where = filters.condition();
        Page<Product> page = lists.page(productSpec(language, listCode), params, where);
        return new Page<>(complete(page.items(), language), page.totalItems());
    }

    /** One product, deleted ones included (purchases and reservations keep naming them). */
    public Product product(String id, Language language) {
        return lists.one(productSpec(language, null), PRODUCT_ID.eq(id))
                .map(p -> complete(List.of(p), language).getFirst())
                .orElseThrow(() -> ApiError.notFound("products", id));
    }

    /** Adds the list-valued parts of a page of products with one query per part. */
    private List<Product> complete(List<Product> products, Language language) {
        if (products.isEmpty()) {
            return products;
        }
        List<String> ids = products.stream().map(Product::productId).toList();
        Map<String, List<PluId>> plus = new HashMap<>();
        dsl.select(PLU_PRODUCT, PLU_LIST, PLU_CODE).from(PLU).where(PLU_PRODUCT.in(ids))
                .orderBy(PLU_LIST, PLU_CODE)
                .forEach(r -> plus.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new PluId(r.value2(), r.value3())));
        Map<String, List<Price>> prices = new HashMap<>();
        dsl.select(PRICE_PRODUCT, PRICE_CURRENCY, PRICE_VALUE).from(PRICE).where(PRICE_PRODUCT.in(ids))
                .orderBy(PRICE_CURRENCY)
                .forEach(r -> prices.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new Price(r.value2(), plain(r.value3()))));
        Map<String, List<ProductTag>> tags = new HashMap<>();
        ListSpec<ProductTag> tagSpec = tagSpec(language);
        dsl.select(TAG_RECORD_PRODUCT).select(tagSpec.selectFields())
                .from(TAG_RECORD.join(TAG).on(TAG_ID.eq(TAG_RECORD_TAG)))
                .where(TAG_RECORD_PRODUCT.in(ids))
                .orderBy(TAG_POSITION, TAG_ID)
                .forEach(r -> tags.computeIfAbsent(r.get(TAG_RECORD_PRODUCT), k -> new ArrayList<>())
                        .add(tagSpec.mapRecord(r)));
        Map<String, List<PropertyRecord>> records = properties.recordsOf("product", ids, language);
        return products.stream().map(p -> p.with(plus.getOrDefault(p.productId(), List.of()),
                prices.getOrDefault(p.productId(), List.of()), tags.getOrDefault(p.productId(), List.of()),
                records.getOrDefault(p.productId(), List.of()))).toList();
    }

    /** 650.0000 as stored → 650; 12.5000 → 12.5. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    // --- product properties ----------------------------------------------------------------------

    public Page<PropertyService.Property> productProperties(ListParams params, Language language) {
        return properties.definitions("product", params, language);
    }

    public PropertyService.Property productProperty(String id, Language language) {
        return properties.definition("product", "product-properties", id, language);
    }

    private String time(Record r, String field) {
        OffsetDateTime value = r.get(field, OffsetDateTime.class);
        return value == null ? null : ApiTime.format(value.toInstant(), clock);
    }
}
