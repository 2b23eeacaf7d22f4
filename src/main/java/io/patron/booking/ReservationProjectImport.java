package io.patron.booking;

import static io.patron.db.Tables.PRODUCT_RESERVATION_LIST_TYPE;
import static io.patron.db.Tables.PRODUCT_RESERVATION_SOURCE;
import static io.patron.db.Tables.RESERVABLE_PRODUCT;
import static io.patron.db.Tables.RESERVABLE_PRODUCT_STORE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.PluId;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.store.StoreQueries;

/**
 * Imports product reservation sources, external code list types and the reservable products from the project file:
 * <pre>
 * product_reservation_sources: [ { id: eshop, name: { en: E-shop } } ]
 * product_reservation_external_list_types: [ { id: pos, name: { en: Cash desk } } ]
 * reservable_products:
 *   - { plu: { list_code: GLOBAL, code: "8594000000013" }, stores: [ PRG01, BRN01 ] }   # store codes
 * </pre>
 * A reservable product is a catalogue product flagged reservable in some stores; the flags belong to the file.
 */
@Component
class ReservationProjectImport implements ProjectImport {

    static final String SOURCE_NAME = "product_reservation_source.name";
    static final String LIST_TYPE_NAME = "product_reservation_list_type.name";

    record Named(String id, Object name, Integer state) {
    }

    record Reservable(PluId plu, List<String> stores) {
    }

    private final DSLContext dsl;
    private final Translations translations;
    private final PatronProperties patron;
    private final CatalogQueries catalog;
    private final StoreQueries stores;
    private final ReservableSearch search;
    private final Clock clock;

    ReservationProjectImport(DSLContext dsl, Translations translations, PatronProperties patron,
                             CatalogQueries catalog, StoreQueries stores, ReservableSearch search, Clock clock) {
        this.dsl = dsl;
        this.translations = translations;
        this.patron = patron;
        this.catalog = catalog;
        this.stores = stores;
        this.search = search;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int position = 0;
        for (Named s : file.section("product_reservation_sources", Named.class)) {
            position++;
            int state = s.state() == null ? 1 : s.state();
            if (dsl.fetchExists(PRODUCT_RESERVATION_SOURCE, PRODUCT_RESERVATION_SOURCE.ID.eq(s.id()))) {
                dsl.update(PRODUCT_RESERVATION_SOURCE).set(PRODUCT_RESERVATION_SOURCE.STATE, state)
                        .set(PRODUCT_RESERVATION_SOURCE.POSITION, position)
                        .where(PRODUCT_RESERVATION_SOURCE.ID.eq(s.id())).execute();
            } else {
                dsl.insertInto(PRODUCT_RESERVATION_SOURCE).set(PRODUCT_RESERVATION_SOURCE.ID, s.id())
                        .set(PRODUCT_RESERVATION_SOURCE.STATE, state).set(PRODUCT_RESERVATION_SOURCE.POSITION, position)
                        .set(PRODUCT_RESERVATION_SOURCE.LAST_CHANGE, now).execute();
            }
            translations.put(SOURCE_NAME, s.id(), ProjectFile.texts(s.name() == null ? s.id() : s.name(),
                    patron.languages()));
        }
        position = 0;
        for (Named t : file.section("product_reservation_external_list_types", Named.class)) {
            position++;
            if (dsl.fetchExists(PRODUCT_RESERVATION_LIST_TYPE, PRODUCT_RESERVATION_LIST_TYPE.ID.eq(t.id()))) {
                dsl.update(PRODUCT_RESERVATION_LIST_TYPE).set(PRODUCT_RESERVATION_LIST_TYPE.POSITION, position)
                        .where(PRODUCT_RESERVATION_LIST_TYPE.ID.eq(t.id())).execute();
            } else {
                dsl.insertInto(PRODUCT_RESERVATION_LIST_TYPE).set(PRODUCT_RESERVATION_LIST_TYPE.ID, t.id())
                        .set(PRODUCT_RESERVATION_LIST_TYPE.POSITION, position).execute();
            }
            translations.put(LIST_TYPE_NAME, t.id(), ProjectFile.texts(t.name() == null ? t.id() : t.name(),
                    patron.languages()));
        }
        for (Reservable r : file.section("reservable_products", Reservable.class)) {
            String productId = catalog.productIdByPlu(List.of(r.plu())).orElseThrow(() -> new IllegalStateException(
                    "reservable_products: no product has the PLU id " + r.plu()));
            if (!dsl.fetchExists(RESERVABLE_PRODUCT, RESERVABLE_PRODUCT.PRODUCT_ID.eq(productId))) {
                dsl.insertInto(RESERVABLE_PRODUCT).set(RESERVABLE_PRODUCT.PRODUCT_ID, productId)
                        .set(RESERVABLE_PRODUCT.LAST_CHANGE, now).execute();
            }
            List<String> storeIds = (r.stores() == null ? List.<String>of() : r.stores()).stream()
                    .map(code -> Ids.stable("store", code)).toList();
            var existing = stores.existingStores(storeIds);
            for (String storeId : storeIds) {
                if (!existing.contains(storeId)) {
                    throw new IllegalStateException("reservable_products: no store " + storeId);
                }
                if (!dsl.fetchExists(RESERVABLE_PRODUCT_STORE, RESERVABLE_PRODUCT_STORE.PRODUCT_ID.eq(productId)
                        .and(RESERVABLE_PRODUCT_STORE.STORE_ID.eq(storeId)))) {
                    dsl.insertInto(RESERVABLE_PRODUCT_STORE).set(RESERVABLE_PRODUCT_STORE.PRODUCT_ID, productId)
                            .set(RESERVABLE_PRODUCT_STORE.STORE_ID, storeId).execute();
                }
            }
            search.refresh(productId);
        }
    }
}
