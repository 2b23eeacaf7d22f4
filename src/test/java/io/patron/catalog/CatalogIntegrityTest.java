package io.patron.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import io.patron.reference.CurrencyQueries;
import io.patron.support.ApiTest;

/**
 * The schema's own guard of the catalogue's references, below the API: on H2 plain foreign keys,
 * on PostgreSQL statement-level checks plus a ban on deleting or renumbering referenced rows
 * (db/vendor/postgresql). Either way a row naming something missing is refused and nothing is written.
 */
class CatalogIntegrityTest extends ApiTest {

    private static final String CZK = CurrencyQueries.currencyId("CZK");

    @Autowired
    DSLContext dsl;

    private String product;
    private String brand;

    @BeforeEach
    void oneProduct() {
        var api = admin();
        api.post("/product-brands/batch", Map.of("product_brands",
                List.of(ProductBrandTest.brand("nw", "Nordwind")))).expect(204);
        api.post("/products/batch", Map.of("products", List.of(Map.of("name", "Parka",
                "product_brand_external_id", "nw",
                "plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", "8590001")),
                "prices", List.of(Map.of("currency_id", CZK, "value", 1990)))))).expect(204);
        product = dsl.fetchValue("select id from product").toString();
        brand = dsl.fetchValue("select brand_id from product").toString();
        assertThat(product).isNotNull();
        assertThat(brand).isNotNull();
    }

    private void assertRefused(String sql, Object... bindings) {
        // Spring translates every SQL state of class 23 (integrity constraint violation) to this.
        assertThatThrownBy(() -> dsl.execute(sql, bindings)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void childRowsNamingMissingRowsAreRefused() {
        assertRefused("insert into product_plu (list_code, code, product_id) values ('SKU', 'X-1', 'no-such-product')");
        assertRefused("insert into product_price (product_id, currency_id, price) values (?, 'no-such-currency', 1)",
                product);
        assertRefused("insert into product_price (product_id, currency_id, price) values ('no-such-product', ?, 1)",
                CZK);
        assertRefused("insert into product (id, brand_id, state, last_change) values ('p-2', 'no-such-brand', 1, "
                + "current_timestamp)");
        assertRefused("update product set group_id = 'no-such-group' where id = ?", product);
        assertRefused("update product_plu set product_id = 'no-such-product' where product_id = ?", product);

        assertThat(dsl.fetchCount(dsl.selectFrom("product"))).isEqualTo(1);
        assertThat(dsl.fetchValue("select group_id from product")).isNull();
        assertThat(dsl.fetch("select product_id from product_plu").getValues(0, String.class)).containsOnly(product);
        assertThat(dsl.fetchCount(dsl.selectFrom("product_price"))).isEqualTo(1);
    }

    @Test
    void referencedRowsStay() {
        assertRefused("delete from product where id = ?", product);
        assertRefused("delete from product_brand where id = ?", brand);
        assertRefused("delete from currency where id = ?", CZK);
        assertRefused("update product set id = 'renumbered' where id = ?", product);

        assertThat(dsl.fetchCount(dsl.selectFrom("product").where("id = ?", product))).isEqualTo(1);
        assertThat(dsl.fetchCount(dsl.selectFrom("product_brand").where("id = ?", brand)))
                .isEqualTo(1);
    }

    @Test
    void validRowsAreWritten() {
        dsl.execute("insert into product_plu (list_code, code, product_id) values ('SKU', 'PARKA-1', ?)", product);
        dsl.execute("update product set brand_id = ? where id = ?", brand, product);
        assertThat(dsl.fetchCount(dsl.selectFrom("product_plu").where("product_id = ?", product)))
                .isEqualTo(2);
    }
}
