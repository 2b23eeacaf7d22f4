package io.patron.booking;

import static io.patron.booking.ReservationProjectImport.LIST_TYPE_NAME;
import static io.patron.booking.ReservationProjectImport.SOURCE_NAME;
import static io.patron.db.Tables.PRODUCT_RESERVATION;
import static io.patron.db.Tables.PRODUCT_RESERVATION_BENEFIT;
import static io.patron.db.Tables.PRODUCT_RESERVATION_CODE;
import static io.patron.db.Tables.PRODUCT_RESERVATION_ITEM;
import static io.patron.db.Tables.PRODUCT_RESERVATION_LIST_TYPE;
import static io.patron.db.Tables.PRODUCT_RESERVATION_PRICE;
import static io.patron.db.Tables.PRODUCT_RESERVATION_PROGRESS;
import static io.patron.db.Tables.PRODUCT_RESERVATION_SOURCE;
import static io.patron.db.Tables.RESERVABLE_PRODUCT;
import static io.patron.db.Tables.RESERVABLE_PRODUCT_STORE;
import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;
import static io.patron.api.Filters.IN;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.booking.BookingBodies.Utm;
import io.patron.booking.ReservationBodies.ExternalCode;
import io.patron.booking.ReservationBodies.Flag;
import io.patron.booking.ReservationBodies.Item;
import io.patron.booking.ReservationBodies.ListType;
import io.patron.booking.ReservationBodies.Price;
import io.patron.booking.ReservationBodies.Progress;
import io.patron.booking.ReservationBodies.Reservation;
import io.patron.booking.ReservationBodies.SearchResult;
import io.patron.booking.ReservationBodies.Source;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.Product;

/** Reads of product reservations, their sources and list types, reservation prices and reservable products. */
@Service
@Transactional(readOnly = true)
public class ReservationQueries {

    private final ListQueries lists;
    private final DSLContext dsl;
    private final CatalogQueries catalog;
    private final ReservableSearch search;
    private final Clock clock;

    ReservationQueries(ListQueries lists, DSLContext dsl, CatalogQueries catalog, ReservableSearch search,
                       Clock clock) {
        this.lists = lists;
        this.dsl = dsl;
        this.catalog = catalog;
        this.search = search;
        this.clock = clock;
    }

    // --- sources and list types ------------------------------------------------------------------

    private ListSpec<Source> sourceSpec(Language language) {
        return ListSpec.<Source>from(PRODUCT_RESERVATION_SOURCE)
                .id("product_reservation_source_id", PRODUCT_RESERVATION_SOURCE.ID)
                .field("name", DSL.coalesce(Translations.text(SOURCE_NAME, PRODUCT_RESERVATION_SOURCE.ID, language),
                        PRODUCT_RESERVATION_SOURCE.ID))
                .field("last_change", ApiTime.local(PRODUCT_RESERVATION_SOURCE.LAST_CHANGE, clock))
                .field("state", PRODUCT_RESERVATION_SOURCE.STATE)
                .defaultOrder(PRODUCT_RESERVATION_SOURCE.POSITION)
                .map(r -> r.into(Source.class));
    }

    public Page<Source> sources(ListParams params, Language language) {
        return lists.page(sourceSpec(language), params);
    }

    public Source source(String id, Language language) {
        return lists.one(sourceSpec(language), PRODUCT_RESERVATION_SOURCE.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("product-reservation-sources", id));
    }

    private ListSpec<ListType> listTypeSpec(Language language) {
        return ListSpec.<ListType>from(PRODUCT_RESERVATION_LIST_TYPE)
                .id("product_reservation_external_list_type_id", PRODUCT_RESERVATION_LIST_TYPE.ID)
                .field("name", DSL.coalesce(Translations.text(LIST_TYPE_NAME, PRODUCT_RESERVATION_LIST_TYPE.ID,
                        language), PRODUCT_RESERVATION_LIST_TYPE.ID), CONTAINS)
                .defaultOrder(PRODUCT_RESERVATION_LIST_TYPE.POSITION)
                .map(r -> r.into(ListType.class));
    }

    public Page<ListType> listTypes(ListParams params, Language language) {
        return lists.page(listTypeSpec(language), params);
    }

    public ListType listType(String id, Language language) {
        return lists.one(listTypeSpec(language), PRODUCT_RESERVATION_LIST_TYPE.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("product-reservation-external-list-types", id));
    }

    // --- reservations ----------------------------------------------------------------------------

    private ListSpec<Reservation> reservationSpec() {
        return ListSpec.<Reservation>from(PRODUCT_RESERVATION)
                .id("product_reservation_id", PRODUCT_RESERVATION.ID)
                .field("customer_id", PRODUCT_RESERVATION.CUSTOMER_ID, EQ)
                .field("store_id", PRODUCT_RESERVATION.STORE_ID, EQ)
                .field("product_reservation_source_id", PRODUCT_RESERVATION.SOURCE_ID)
                .field("pickup_date", PRODUCT_RESERVATION.PICKUP_DATE)
                .field("customers_note", PRODUCT_RESERVATION.CUSTOMERS_NOTE)
                .field("total_price", PRODUCT_RESERVATION.TOTAL_PRICE)
                .field("currency_id", PRODUCT_RESERVATION.CURRENCY_ID)
                .field("external_purchase_id", PRODUCT_RESERVATION.EXTERNAL_PURCHASE_ID)
                .field("actual_state", PRODUCT_RESERVATION.ACTUAL_STATE)
                .field("last_change", ApiTime.local(PRODUCT_RESERVATION.LAST_CHANGE, clock))
                .column("reservation_code", PRODUCT_RESERVATION.RESERVATION_CODE)
                .column("utm_source", PRODUCT_RESERVATION.UTM_SOURCE)
                .column("utm_medium", PRODUCT_RESERVATION.UTM_MEDIUM)
                .column("utm_campaign", PRODUCT_RESERVATION.UTM_CAMPAIGN)
                .filter("reservation_state", PRODUCT_RESERVATION.ACTUAL_STATE, Filters.oneOf(0, 1, 2, 4, 5, 6, 7, 8))
                .customerScoped(PRODUCT_RESERVATION.CUSTOMER_ID)
                .map(r -> new Reservation(r.get("product_reservation_id", String.class),
                        r.get("customer_id", String.class), r.get("store_id", String.class),
                        List.of(r.get("reservation_code", String.class)), List.of(), List.of(),
                        r.get("product_reservation_source_id", String.class), r.get("pickup_date", LocalDate.class),
                        r.get("customers_note", String.class),
                        ReservationService.plain(r.get("total_price", BigDecimal.class)),
                        r.get("currency_id", String.class), List.of(), r.get("external_purchase_id", String.class),
                        Utm.of(r.get("utm_source", String.class), r.get("utm_medium", String.class),
                                r.get("utm_campaign", String.class)),
                        r.get("actual_state", Integer.class), null, r.get("last_change", LocalDateTime.class), 1));
    }

    /**
     * {@code GET /product-reservations}: canceled reservations are not listed (they stay readable one by one); an
     * external code filter needs both its list type and its code.
     */
    public Page<Reservation> reservations(ListParams params) {
        Filters filters = params.filters();
        List<InvalidParam> errors = new ArrayList<>();
        Boolean history = filters.query().bool("include_reservation_progress_history", errors);
        String listType = filters.query().string("external_reservation_list_type_id");
        String code = filters.query().string("external_reservation_code");
        if ((listType == null) != (code == null)) {
            errors.add(InvalidParam.of(listType == null ? "external_reservation_list_type_id"
                    : "external_reservation_code", Reason.REQUIRED,
                    "external_reservation_list_type_id and external_reservation_code go together"));
        }
        errors.forEach(filters::error);
        if (listType != null && code != null) {
            filters.where(exists(selectOne().from(PRODUCT_RESERVATION_CODE)
                    .where(PRODUCT_RESERVATION_CODE.RESERVATION_ID.eq(PRODUCT_RESERVATION.ID))
                    .and(PRODUCT_RESERVATION_CODE.LIST_TYPE_ID.eq(listType))
                    .and(PRODUCT_RESERVATION_CODE.CODE.eq(code))));
        }
        Page<Reservation> page = lists.page(reservationSpec(), params,
                filters.condition().and(PRODUCT_RESERVATION.ACTUAL_STATE.ne(0)));
        return new Page<>(complete(page.items(), Boolean.TRUE.equals(history)), page.totalItems());
    }

    /** One reservation, canceled ones included, with its progress history. */
    public Reservation reservation(Caller caller, String id) {
        Reservation r = lists.one(reservationSpec(), PRODUCT_RESERVATION.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("product-reservations", id));
        CustomerScope.requireAccess(caller, r.customerId(), "product_reservation_id");
        return complete(List.of(r), true).getFirst();
    }

    private List<Reservation> complete(List<Reservation> page, boolean history) {
        if (page.isEmpty()) {
            return page;
        }
        List<String> ids = page.stream().map(Reservation::productReservationId).toList();
        Map<String, List<Item>> items = new HashMap<>();
        dsl.selectFrom(PRODUCT_RESERVATION_ITEM).where(PRODUCT_RESERVATION_ITEM.RESERVATION_ID.in(ids))
                .orderBy(PRODUCT_RESERVATION_ITEM.POSITION)
                .forEach(r -> items.computeIfAbsent(r.getReservationId(), k -> new ArrayList<>())
                        .add(new Item(r.getProductId(), ReservationService.plain(r.getAmount()),
                                ReservationService.plain(r.getUnitPrice()), ReservationService.plain(r.getVatRate()))));
        Map<String, List<ExternalCode>> codes = new HashMap<>();
        dsl.selectFrom(PRODUCT_RESERVATION_CODE).where(PRODUCT_RESERVATION_CODE.RESERVATION_ID.in(ids))
                .orderBy(PRODUCT_RESERVATION_CODE.LIST_TYPE_ID)
                .forEach(r -> codes.computeIfAbsent(r.getReservationId(), k -> new ArrayList<>())
                        .add(new ExternalCode(r.getListTypeId(), r.getCode())));
        Map<String, List<String>> benefits = new HashMap<>();
        dsl.selectFrom(PRODUCT_RESERVATION_BENEFIT).where(PRODUCT_RESERVATION_BENEFIT.RESERVATION_ID.in(ids))
                .orderBy(PRODUCT_RESERVATION_BENEFIT.POSITION)
                .forEach(r -> benefits.computeIfAbsent(r.getReservationId(), k -> new ArrayList<>()).add(r.getCode()));
        Map<String, List<Progress>> progress = new HashMap<>();
        if (history) {
            dsl.selectFrom(PRODUCT_RESERVATION_PROGRESS).where(PRODUCT_RESERVATION_PROGRESS.RESERVATION_ID.in(ids))
                    .orderBy(PRODUCT_RESERVATION_PROGRESS.CREATED_AT.desc(), PRODUCT_RESERVATION_PROGRESS.ID.desc())
                    .forEach(r -> progress.computeIfAbsent(r.getReservationId(), k -> new ArrayList<>())
                            .add(new Progress(r.getState(), ReservationService.STATE_NAMES.get(r.getState()),
                                    ApiTime.local(r.getCreatedAt(), clock))));
        }
        return page.stream().map(r -> new Reservation(r.productReservationId(), r.customerId(), r.storeId(),
                r.reservationCodes(), codes.getOrDefault(r.productReservationId(), List.of()),
                benefits.getOrDefault(r.productReservationId(), List.of()), r.productReservationSourceId(),
                r.pickupDate(), r.customersNote(), r.totalPrice(), r.currencyId(),
                items.getOrDefault(r.productReservationId(), List.of()), r.externalPurchaseId(), r.utm(),
                r.actualState(), history ? progress.getOrDefault(r.productReservationId(), List.of()) : null,
                r.lastChange(), r.state())).toList();
    }

    // --- prices ----------------------------------------------------------------------------------

    private ListSpec<Price> priceSpec() {
        return ListSpec.<Price>from(PRODUCT_RESERVATION_PRICE)
                .id("product_reservation_price_id", PRODUCT_RESERVATION_PRICE.ID)
                .field("reservable_product_id", PRODUCT_RESERVATION_PRICE.PRODUCT_ID, IN)
                .field("value", PRODUCT_RESERVATION_PRICE.PRICE)
                .field("currency_id", PRODUCT_RESERVATION_PRICE.CURRENCY_ID, EQ)
                .field("store_id", PRODUCT_RESERVATION_PRICE.STORE_ID, EQ)
                .field("last_change", ApiTime.local(PRODUCT_RESERVATION_PRICE.LAST_CHANGE, clock))
                .sortableOnly("product_reservation_price_id", "reservable_product_id", "value", "currency_id",
                        "store_id", "last_change")
                .map(r -> new Price(r.get("product_reservation_price_id", String.class),
                        r.get("reservable_product_id", String.class), null,
                        ReservationService.plain(r.get("value", BigDecimal.class)), r.get("currency_id", String.class),
                        r.get("store_id", String.class), r.get("last_change", LocalDateTime.class), 1));
    }

    /** {@code GET /product-reservation-prices}: {@code reservable_product_id} takes one id or the array syntax. */
    public Page<Price> prices(ListParams params) {
        return lists.page(priceSpec(), params);
    }

    public Price price(String id) {
        return lists.one(priceSpec(), PRODUCT_RESERVATION_PRICE.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("product-reservation-prices", id));
    }

    // --- reservable products ---------------------------------------------------------------------

    /**
     * {@code GET /reservable-products}: catalogue products flagged reservable, with the catalogue's name, code and
     * tag filters; {@code store_id} keeps the products reservable in that store.
     */
    public Page<Product> reservableProducts(ListParams params, Language language) {
        String storeId = params.filters().query().string("store_id");
        return catalog.products(params, language, productId -> productId.in(
                select(RESERVABLE_PRODUCT.PRODUCT_ID).from(RESERVABLE_PRODUCT)
                        .where(storeId == null ? DSL.noCondition() : exists(selectOne().from(RESERVABLE_PRODUCT_STORE)
                                .where(RESERVABLE_PRODUCT_STORE.PRODUCT_ID.eq(RESERVABLE_PRODUCT.PRODUCT_ID))
                                .and(RESERVABLE_PRODUCT_STORE.STORE_ID.eq(storeId))))));
    }

    public Product reservableProduct(String id, Language language) {
        if (!dsl.fetchExists(RESERVABLE_PRODUCT, RESERVABLE_PRODUCT.PRODUCT_ID.eq(id))) {
            throw ApiError.notFound("reservable-products", id);
        }
        return catalog.product(id, language);
    }

    /**
     * {@code search-reservable-products}: a page ({@code count}, {@code offset}) of the best matches (see {@link ReservableSearch}); each
     * names the product in the request's language and flags what matched: {@code code} (code or PLU id) and/or
     * {@code name}.
     */
    public Page<SearchResult> search(String query, ListParams params, Language language) {
        Page<ReservableSearch.Hit> hits = search.search(query, params.count(), params.offset());
        List<SearchResult> results = new ArrayList<>();
        for (ReservableSearch.Hit hit : hits.items()) {
            Product product = catalog.product(hit.productId(), language);
            List<Flag> flags = new ArrayList<>();
            if (hit.codeMatched()) {
                flags.add(new Flag("Code", "code"));
            }
            if (hit.nameMatched()) {
                flags.add(new Flag("Name", "name"));
            }
            results.add(new SearchResult(product.name() == null ? product.code() : product.name(), hit.productId(),
                    flags));
        }
        return new Page<>(results, hits.totalItems());
    }
}
