package io.patron.catalog;

/** The names the catalogue has in the shared tables: translated text entities, and the default product list. */
final class CatalogNames {

    private CatalogNames() {
    }

    /** Translated texts of the catalogue (see {@link io.patron.api.Translations}). */
    static final String PRODUCT_NAME = "product.name";
    static final String BRAND_NAME = "product_brand.name";
    static final String GROUP_NAME = "product_group.name";
    static final String TAG_NAME = "product_tag.name";

    /** The product list whose code is shown as a product's external_id when the caller names none. */
    static final String DEFAULT_LIST = "GLOBAL";
}
