package io.patron.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The catalogue's tables and columns. */
final class CatalogTables {

    private CatalogTables() {
    }

    static final Table<Record> BRAND = table(name("product_brand"));
    static final Field<String> BRAND_ID = field(name("product_brand", "id"), String.class);
    static final Field<String> BRAND_EXTERNAL_ID = field(name("product_brand", "external_id"), String.class);
    static final Field<OffsetDateTime> BRAND_CHANGED =
            field(name("product_brand", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> GROUP = table(name("product_group"));
    static final Field<String> GROUP_ID = field(name("product_group", "id"), String.class);
    static final Field<String> GROUP_EXTERNAL_ID = field(name("product_group", "external_id"), String.class);
    static final Field<String> GROUP_CODE = field(name("product_group", "code"), String.class);
    static final Field<String> GROUP_PARENT = field(name("product_group", "parent_id"), String.class);
    static final Field<String> GROUP_PARTNER = field(name("product_group", "partner_id"), String.class);
    static final Field<String> GROUP_STORE = field(name("product_group", "store_id"), String.class);
    static final Field<Integer> GROUP_STATE = field(name("product_group", "state"), Integer.class);
    static final Field<OffsetDateTime> GROUP_CHANGED =
            field(name("product_group", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> PRODUCT = table(name("product"));
    static final Field<String> PRODUCT_ID = field(name("product", "id"), String.class);
    static final Field<String> PRODUCT_CODE = field(name("product", "code"), String.class);
    static final Field<String> PRODUCT_PARTNER = field(name("product", "partner_id"), String.class);
    static final Field<String> PRODUCT_STORE = field(name("product", "store_id"), String.class);
    static final Field<String> PRODUCT_BRAND = field(name("product", "brand_id"), String.class);
    static final Field<String> PRODUCT_GROUP = field(name("product", "group_id"), String.class);
    static final Field<Integer> PRODUCT_STATE = field(name("product", "state"), Integer.class);
    static final Field<OffsetDateTime> PRODUCT_CHANGED =
            field(name("product", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> PLU = table(name("product_plu"));
    static final Field<String> PLU_LIST = field(name("product_plu", "list_code"), String.class);
    static final Field<String> PLU_CODE = field(name("product_plu", "code"), String.class);
    static final Field<String> PLU_PRODUCT = field(name("product_plu", "product_id"), String.class);

    static final Table<Record> PRICE = table(name("product_price"));
    static final Field<String> PRICE_PRODUCT = field(name("product_price", "product_id"), String.class);
    static final Field<String> PRICE_CURRENCY = field(name("product_price", "currency_id"), String.class);
    static final Field<BigDecimal> PRICE_VALUE = field(name("product_price", "price"), SQLDataType.NUMERIC(19, 4));

    static final Table<Record> TAG = table(name("product_tag"));
    static final Field<String> TAG_ID = field(name("product_tag", "id"), String.class);
    static final Field<String> TAG_TEXT_ID = field(name("product_tag", "text_id"), String.class);
    static final Field<Integer> TAG_STATE = field(name("product_tag", "state"), Integer.class);
    static final Field<Integer> TAG_POSITION = field(name("product_tag", "position"), Integer.class);
    static final Field<OffsetDateTime> TAG_CHANGED =
            field(name("product_tag", "last_change"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    static final Table<Record> TAG_RECORD = table(name("product_tag_record"));
    static final Field<String> TAG_RECORD_PRODUCT = field(name("product_tag_record", "product_id"), String.class);
    static final Field<String> TAG_RECORD_TAG = field(name("product_tag_record", "tag_id"), String.class);

    /** Translated texts of the catalogue (see {@link io.patron.api.Translations}). */
    static final String PRODUCT_NAME = "product.name";
    static final String BRAND_NAME = "product_brand.name";
    static final String GROUP_NAME = "product_group.name";
    static final String TAG_NAME = "product_tag.name";

    /** The product list whose code is shown as a product's external_id when the caller names none. */
    static final String DEFAULT_LIST = "GLOBAL";
}
