package io.patron.catalog;

import static io.patron.api.Filters.EQ;
import static io.patron.api.Filters.CONTAINS;
import static io.patron.catalog.CatalogNames.*;
import static io.patron.db.Tables.PRODUCT;
import static io.patron.db.Tables.PRODUCT_BRAND;
import static io.patron.db.Tables.PRODUCT_GROUP;
import static io.patron.db.Tables.PRODUCT_PLU;
import static io.patron.db.Tables.PRODUCT_PRICE;
import static io.patron.db.Tables.PRODUCT_TAG;
import static io.patron.db.Tables.PRODUCT_TAG_RECORD;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.property.PropertyService;
import io.patron.property.PropertyService.PropertyRecord;
import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;
import io.patron.common.BulkSql;

/** Reads of the catalogue: products, brands, groups, tags and product property definitions. */
@Service
@Transactional(readOnly = true)
public class CatalogQueries {

    private static final io.patron.db.tables.ProductGroup PARENT = PRODUCT_GROUP.as("parent_group");

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
        return ListSpec.<ProductBrand>from(PRODUCT_BRAND)
                .id("product_brand_id", PRODUCT_BRAND.ID)
                .field("name", Translations.text(BRAND_NAME, PRODUCT_BRAND.ID, language), CONTAINS)
                .field("external_id", PRODUCT_BRAND.EXTERNAL_ID)
                .map(r -> r.into(ProductBrand.class));
    }

    public Page<ProductBrand> brands(ListParams params, Language language) {
        return lists.page(brandSpec(language), params);
    }

    /** As {@link #brands(ListParams, Language)}, among the brands whose id {@code restriction} admits. */
    public Page<ProductBrand> brands(ListParams params, Language language,
                                     java.util.function.Function<Field<String>, Condition> restriction) {
        return lists.page(brandSpec(language), params, restriction.apply(PRODUCT_BRAND.ID));
    }

    public ProductBrand brand(String id, Language language) {
        return lists.one(brandSpec(language), PRODUCT_BRAND.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("product-brands", id));
    }

    // --- groups ----------------------------------------------------------------------------------

    private ListSpec<ProductGroup> groupSpec(Language language) {
        return ListSpec.<ProductGroup>from(PRODUCT_GROUP.leftJoin(PARENT).on(PARENT.ID.eq(PRODUCT_GROUP.PARENT_ID)))
                .id("product_group_id", PRODUCT_GROUP.ID)
                .field("name", Translations.text(GROUP_NAME, PRODUCT_GROUP.ID, language), CONTAINS)
                .field("code", PRODUCT_GROUP.CODE, EQ)
                .field("external_id", PRODUCT_GROUP.EXTERNAL_ID, EQ)
                .field("parent_product_group_id", PRODUCT_GROUP.PARENT_ID)
                .field("parent_external_id", PARENT.EXTERNAL_ID)
                .field("partner_id", PRODUCT_GROUP.PARTNER_ID, EQ)
                .field("store_id", PRODUCT_GROUP.STORE_ID, EQ)
                .field("state", PRODUCT_GROUP.STATE)
                .field("last_change", ApiTime.local(PRODUCT_GROUP.LAST_CHANGE, clock))
                .map(r -> r.into(ProductGroup.class));
    }

    public Page<ProductGroup> groups(ListParams params, Language language) {
        return lists.page(groupSpec(language), params);
    }

    /** As {@link #groups(ListParams, Language)}, among the groups whose id {@code restriction} admits. */
    public Page<ProductGroup> groups(ListParams params, Language language,
                                     java.util.function.Function<Field<String>, Condition> restriction) {
        return lists.page(groupSpec(language), params, restriction.apply(PRODUCT_GROUP.ID));
    }

    public ProductGroup group(String id, Language language) {
        return lists.one(groupSpec(language), PRODUCT_GROUP.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("product-groups", id));
    }

    // --- tags ------------------------------------------------------------------------------------

    private ListSpec<ProductTag> tagSpec(Language language) {
        return ListSpec.<ProductTag>from(PRODUCT_TAG)
                .id("tag_id", PRODUCT_TAG.ID)
                .field("text_id", PRODUCT_TAG.TEXT_ID, EQ)
                .field("name", DSL.coalesce(Translations.text(TAG_NAME, PRODUCT_TAG.ID, language), PRODUCT_TAG.TEXT_ID),
                        CONTAINS)
                .field("state", PRODUCT_TAG.STATE)
                .field("last_change", ApiTime.local(PRODUCT_TAG.LAST_CHANGE, clock))
                .defaultOrder(PRODUCT_TAG.POSITION)
                .map(r -> r.into(ProductTag.class));
    }

    public Page<ProductTag> tags(ListParams params, Language language) {
        return lists.page(tagSpec(language), params);
    }

    // --- products --------------------------------------------------------------------------------

    /**
     * A product's external id: its code in the list the caller names, else in the GLOBAL list, else
     * the first code in any list.
     */
    private static Field<String> externalId(String listCode) {
        Field<String> inList = select(DSL.min(PRODUCT_PLU.CODE)).from(PRODUCT_PLU)
                .where(PRODUCT_PLU.PRODUCT_ID.eq(PRODUCT.ID))
                .and(PRODUCT_PLU.LIST_CODE.eq(listCode == null ? DEFAULT_LIST : listCode))
                .asField();
        if (listCode != null) {
            return inList;
        }
        return DSL.coalesce(inList, select(DSL.min(PRODUCT_PLU.CODE)).from(PRODUCT_PLU)
                .where(PRODUCT_PLU.PRODUCT_ID.eq(PRODUCT.ID)).asField());
    }

    /**
     * Products with every filter of {@code GET /products}; {@code listCode} (the call's {@code external_type_code})
     * picks the list whose code is shown as {@code external_id} and searched by the {@code external_id} filter.
     */
    private ListSpec<Product> productSpec(Language language, String listCode) {
        return ListSpec.<Product>from(PRODUCT)
                .id("product_id", PRODUCT.ID)
                .field("name", Translations.text(PRODUCT_NAME, PRODUCT.ID, language), CONTAINS)
                .field("code", PRODUCT.CODE, EQ)
                .field("external_id", externalId(listCode))
                .filter("external_id", code -> exists(selectOne().from(PRODUCT_PLU)
                        .where(PRODUCT_PLU.PRODUCT_ID.eq(PRODUCT.ID)).and(PRODUCT_PLU.CODE.eq(code))
                        .and(listCode == null ? DSL.noCondition() : PRODUCT_PLU.LIST_CODE.eq(listCode))))
                .filter("external_type_code", list -> exists(selectOne().from(PRODUCT_PLU)
                        .where(PRODUCT_PLU.PRODUCT_ID.eq(PRODUCT.ID)).and(PRODUCT_PLU.LIST_CODE.eq(list))))
                .field("product_brand_id", PRODUCT.BRAND_ID)
                .field("product_group_id", PRODUCT.GROUP_ID)
                .field("partner_id", PRODUCT.PARTNER_ID, EQ)
                .filterIn("tag_ids", tagIds -> exists(selectOne().from(PRODUCT_TAG_RECORD)
                        .where(PRODUCT_TAG_RECORD.PRODUCT_ID.eq(PRODUCT.ID)).and(PRODUCT_TAG_RECORD.TAG_ID.in(tagIds))))
                .field("state", PRODUCT.STATE)
                .field("last_change", ApiTime.local(PRODUCT.LAST_CHANGE, clock))
                .map(r -> new Product(r.get("product_id", String.class), r.get("name", String.class),
                        r.get("code", String.class), r.get("external_id", String.class), List.of(), List.of(),
                        r.get("product_brand_id", String.class), r.get("product_group_id", String.class),
                        r.get("partner_id", String.class), r.get("state", Integer.class), List.of(), List.of(),
                        r.get("last_change", LocalDateTime.class)));
    }

    /** Products that are not deleted, with every filter of {@code GET /products}. */
    public Page<Product> products(ListParams params, Language language) {
        return products(params, language, id -> DSL.noCondition());
    }

    /**
     * As {@link #products(ListParams, Language)}, among the products whose id {@code restriction} admits: for
     * capabilities that keep their own subset of the catalogue (reservable products), so that they page it in SQL
     * without reading the catalogue's tables.
     */
    public Page<Product> products(ListParams params, Language language,
                                  java.util.function.Function<Field<String>, Condition> restriction) {
        String listCode = params.filters().query().string("external_type_code");
        Page<Product> page = lists.page(productSpec(language, listCode), params,
                PRODUCT.STATE.ne(0).and(restriction.apply(PRODUCT.ID)));
        return new Page<>(complete(page.items(), language), page.totalItems());
    }

    /** One product, deleted ones included (purchases and reservations keep naming them). */
    public Product product(String id, Language language) {
        return lists.one(productSpec(language, null), PRODUCT.ID.eq(id))
                .map(p -> complete(List.of(p), language).getFirst())
                .orElseThrow(() -> ApiError.notFound("products", id));
    }

    /**
     * A condition on {@code productId} (a column of another capability's table): the product has the code; for
     * lists of records that name products (campaign products filtered by {@code code}).
     */
    public Condition productHasCode(Field<String> productId, String code) {
        return DSL.exists(DSL.selectOne().from(PRODUCT).where(PRODUCT.ID.eq(productId)).and(PRODUCT.CODE.eq(code)));
    }

    /** Which of the ids name products that are not deleted; for new records of other capabilities that name products. */
    public java.util.Set<String> productsNotDeleted(java.util.Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return java.util.Set.of();
        }
        return dsl.select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.ID.in(productIds)).and(PRODUCT.STATE.ne(0))
                .fetchSet(PRODUCT.ID);
    }

    /** The product one of the PLU ids names (the first that names one), deleted products included. */
    public java.util.Optional<String> productIdByPlu(List<PluId> pluIds) {
        for (PluId plu : pluIds) {
            String id = dsl.select(PRODUCT_PLU.PRODUCT_ID).from(PRODUCT_PLU)
                    .where(PRODUCT_PLU.LIST_CODE.eq(plu.listCode())).and(PRODUCT_PLU.CODE.eq(plu.code()))
                    .fetchOne(PRODUCT_PLU.PRODUCT_ID);
            if (id != null) {
                return java.util.Optional.of(id);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The products these PLUs name, in one query: each PLU that names a product, with its id. For baskets: every
     * item's PLUs at once instead of a query per PLU.
     */
    public Map<PluId, String> productIdsByPlu(java.util.Collection<PluId> pluIds) {
        Map<PluId, String> out = new HashMap<>();
        if (pluIds.isEmpty()) {
            return out;
        }
        var wanted = pluIds.stream().distinct().map(p -> DSL.row(p.listCode(), p.code())).toList();
        dsl.select(PRODUCT_PLU.LIST_CODE, PRODUCT_PLU.CODE, PRODUCT_PLU.PRODUCT_ID).from(PRODUCT_PLU)
                .where(DSL.row(PRODUCT_PLU.LIST_CODE, PRODUCT_PLU.CODE).in(wanted))
                .forEach(r -> out.put(new PluId(r.value1(), r.value2()), r.value3()));
        return out;
    }

    /** A product's own group and brand (either may be null): what a checkout's rules match an item by. */
    public record Placement(String groupId, String brandId) {
    }

    /** The placements of these products (deleted ones included; unknown ids left out), in one query. */
    public Map<String, Placement> placements(java.util.Collection<String> productIds) {
        Map<String, Placement> out = new HashMap<>();
        if (productIds.isEmpty()) {
            return out;
        }
        dsl.select(PRODUCT.ID, PRODUCT.GROUP_ID, PRODUCT.BRAND_ID).from(PRODUCT).where(PRODUCT.ID.in(productIds))
                .forEach(r -> out.put(r.value1(), new Placement(r.value2(), r.value3())));
        return out;
    }

    /**
     * What rules of other capabilities (rewards) match a product by: its group with every ancestor group, and its
     * brand.
     */
    public record ProductClass(String productId, java.util.Set<String> groupIds, String brandId) {
    }

    /** The classes of these products (deleted ones included); unknown ids are left out. */
    public Map<String, ProductClass> classes(java.util.Collection<String> productIds) {
        Map<String, ProductClass> out = new HashMap<>();
        if (productIds.isEmpty()) {
            return out;
        }
        Map<String, String> parents = new HashMap<>();
        dsl.select(PRODUCT_GROUP.ID, PRODUCT_GROUP.PARENT_ID).from(PRODUCT_GROUP)
                .forEach(r -> parents.put(r.value1(), r.value2()));
        dsl.select(PRODUCT.ID, PRODUCT.GROUP_ID, PRODUCT.BRAND_ID).from(PRODUCT).where(PRODUCT.ID.in(productIds))
                .forEach(r -> {
                    java.util.Set<String> groups = new java.util.LinkedHashSet<>();
                    for (String g = r.value2(); g != null && groups.add(g); g = parents.get(g)) {
                        // walks up to the root; a cycle ends the walk
                    }
                    out.put(r.value1(), new ProductClass(r.value1(), groups, r.value3()));
                });
        return out;
    }

    /** The id of the product group with this external id. */
    public java.util.Optional<String> groupIdByExternalId(String externalId) {
        return dsl.select(PRODUCT_GROUP.ID).from(PRODUCT_GROUP).where(PRODUCT_GROUP.EXTERNAL_ID.eq(externalId))
                .fetchOptional(PRODUCT_GROUP.ID);
    }

    /** The id of the brand with this external id. */
    public java.util.Optional<String> brandIdByExternalId(String externalId) {
        return dsl.select(PRODUCT_BRAND.ID).from(PRODUCT_BRAND).where(PRODUCT_BRAND.EXTERNAL_ID.eq(externalId))
                .fetchOptional(PRODUCT_BRAND.ID);
    }

    /** The id of the product with this code. */
    public java.util.Optional<String> productIdByCode(String code) {
        return dsl.select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.CODE.eq(code)).limit(1).fetchOptional(PRODUCT.ID);
    }

    /** Which of the ids name products (deleted ones included). */
    public java.util.Set<String> existingProducts(java.util.Collection<String> ids) {
        return ids.isEmpty() ? java.util.Set.of() : dsl.select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.ID.in(ids))
                .fetchSet(PRODUCT.ID);
    }

    /** A product's group and state, for capabilities that rank products (the recommendation engine). */
    public record Listing(String productId, String groupId, int state) {
    }

    /**
     * The listings of these products with their PLU ids, as a query for a capability that adds columns of its own and
     * reads all it needs of the products in one round trip (the recommendation engine): one row per PLU id, a product
     * without any in one row with null codes; unknown ids are left out. Columns {@code product_id, group_id, state,
     * list_code, code}.
     */
    public org.jooq.Select<org.jooq.Record5<String, String, Integer, String, String>> listingRows(
            java.util.Collection<String> productIds) {
        return DSL.select(PRODUCT.ID.as("product_id"), PRODUCT.GROUP_ID.as("group_id"), PRODUCT.STATE.as("state"),
                        PRODUCT_PLU.LIST_CODE.as("list_code"), PRODUCT_PLU.CODE.as("code"))
                .from(PRODUCT).leftJoin(PRODUCT_PLU).on(PRODUCT_PLU.PRODUCT_ID.eq(PRODUCT.ID))
                .where(BulkSql.anyOf(PRODUCT.ID, productIds));
    }

    /** As {@link #productsNotDeleted}, as a subquery for another capability's query. */
    public org.jooq.Select<org.jooq.Record1<String>> productsNotDeletedQuery(java.util.Collection<String> productIds) {
        return DSL.select(PRODUCT.ID).from(PRODUCT).where(BulkSql.anyOf(PRODUCT.ID, productIds))
                .and(PRODUCT.STATE.ne(0));
    }

    /**
     * The catalogue's product-to-group relation as a set ({@code product_id}, {@code group_id}; products without a
     * group left out), for capabilities that aggregate by product group in SQL.
     */
    public org.jooq.Select<org.jooq.Record2<String, String>> productGroups() {
        return DSL.select(PRODUCT.ID.as("product_id"), PRODUCT.GROUP_ID.as("group_id")).from(PRODUCT)
                .where(PRODUCT.GROUP_ID.isNotNull());
    }

    /** Which of the ids name product groups. */
    public java.util.Set<String> existingGroups(java.util.Collection<String> ids) {
        return ids.isEmpty() ? java.util.Set.of() : dsl.select(PRODUCT_GROUP.ID).from(PRODUCT_GROUP)
                .where(PRODUCT_GROUP.ID.in(ids)).fetchSet(PRODUCT_GROUP.ID);
    }

    /** Which of the ids name product brands. */
    public java.util.Set<String> existingBrands(java.util.Collection<String> ids) {
        return ids.isEmpty() ? java.util.Set.of() : dsl.select(PRODUCT_BRAND.ID).from(PRODUCT_BRAND)
                .where(PRODUCT_BRAND.ID.in(ids)).fetchSet(PRODUCT_BRAND.ID);
    }

    /** Adds the list-valued parts of a page of products with one query per part. */
    private List<Product> complete(List<Product> products, Language language) {
        if (products.isEmpty()) {
            return products;
        }
        List<String> ids = products.stream().map(Product::productId).toList();
        Map<String, List<PluId>> plus = new HashMap<>();
        dsl.select(PRODUCT_PLU.PRODUCT_ID, PRODUCT_PLU.LIST_CODE, PRODUCT_PLU.CODE).from(PRODUCT_PLU)
                .where(PRODUCT_PLU.PRODUCT_ID.in(ids))
                .orderBy(PRODUCT_PLU.LIST_CODE, PRODUCT_PLU.CODE)
                .forEach(r -> plus.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new PluId(r.value2(), r.value3())));
        Map<String, List<Price>> prices = new HashMap<>();
        dsl.select(PRODUCT_PRICE.PRODUCT_ID, PRODUCT_PRICE.CURRENCY_ID, PRODUCT_PRICE.PRICE).from(PRODUCT_PRICE)
                .where(PRODUCT_PRICE.PRODUCT_ID.in(ids))
                .orderBy(PRODUCT_PRICE.CURRENCY_ID)
                .forEach(r -> prices.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new Price(r.value2(), plain(r.value3()))));
        Map<String, List<ProductTag>> tags = new HashMap<>();
        ListSpec<ProductTag> tagSpec = tagSpec(language);
        dsl.select(PRODUCT_TAG_RECORD.PRODUCT_ID).select(tagSpec.selectFields())
                .from(PRODUCT_TAG_RECORD.join(PRODUCT_TAG).on(PRODUCT_TAG.ID.eq(PRODUCT_TAG_RECORD.TAG_ID)))
                .where(PRODUCT_TAG_RECORD.PRODUCT_ID.in(ids))
                .orderBy(PRODUCT_TAG.POSITION, PRODUCT_TAG.ID)
                .forEach(r -> tags.computeIfAbsent(r.get(PRODUCT_TAG_RECORD.PRODUCT_ID), k -> new ArrayList<>())
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
}
