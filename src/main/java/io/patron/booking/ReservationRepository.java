package io.patron.booking;

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

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import io.patron.common.Ids;
import io.patron.db.tables.records.ProductReservationRecord;

/** SQL of product reservations, reservable products and reservation prices. */
@Repository
class ReservationRepository {

    private final DSLContext dsl;

    ReservationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    boolean sourceActive(String id) {
        return dsl.fetchExists(PRODUCT_RESERVATION_SOURCE, PRODUCT_RESERVATION_SOURCE.ID.eq(id)
                .and(PRODUCT_RESERVATION_SOURCE.STATE.eq(1)));
    }

    boolean listTypeExists(String id) {
        return dsl.fetchExists(PRODUCT_RESERVATION_LIST_TYPE, PRODUCT_RESERVATION_LIST_TYPE.ID.eq(id));
    }

    boolean reservable(String productId) {
        return dsl.fetchExists(RESERVABLE_PRODUCT, RESERVABLE_PRODUCT.PRODUCT_ID.eq(productId));
    }

    boolean reservableIn(String productId, String storeId) {
        return dsl.fetchExists(RESERVABLE_PRODUCT_STORE, RESERVABLE_PRODUCT_STORE.PRODUCT_ID.eq(productId)
                .and(RESERVABLE_PRODUCT_STORE.STORE_ID.eq(storeId)));
    }

    boolean exists(String id) {
        return dsl.fetchExists(PRODUCT_RESERVATION, PRODUCT_RESERVATION.ID.eq(id));
    }

    boolean codeTaken(String code) {
        return dsl.fetchExists(PRODUCT_RESERVATION, PRODUCT_RESERVATION.RESERVATION_CODE.eq(code));
    }

    ProductReservationRecord newReservation() {
        return dsl.newRecord(PRODUCT_RESERVATION);
    }

    Optional<ProductReservationRecord> lock(String id) {
        return dsl.selectFrom(PRODUCT_RESERVATION).where(PRODUCT_RESERVATION.ID.eq(id)).forUpdate().fetchOptional();
    }

    void insertItem(String reservationId, String productId, BigDecimal amount, BigDecimal unitPrice,
                    BigDecimal vatRate, int position) {
        dsl.insertInto(PRODUCT_RESERVATION_ITEM).set(PRODUCT_RESERVATION_ITEM.ID, Ids.newId())
                .set(PRODUCT_RESERVATION_ITEM.RESERVATION_ID, reservationId)
                .set(PRODUCT_RESERVATION_ITEM.PRODUCT_ID, productId).set(PRODUCT_RESERVATION_ITEM.AMOUNT, amount)
                .set(PRODUCT_RESERVATION_ITEM.UNIT_PRICE, unitPrice).set(PRODUCT_RESERVATION_ITEM.VAT_RATE, vatRate)
                .set(PRODUCT_RESERVATION_ITEM.POSITION, position).execute();
    }

    /** Sets the code of one list type (replacing the value the reservation had for that type). */
    void setCode(String reservationId, String listTypeId, String value) {
        int updated = dsl.update(PRODUCT_RESERVATION_CODE).set(PRODUCT_RESERVATION_CODE.CODE, value)
                .where(PRODUCT_RESERVATION_CODE.RESERVATION_ID.eq(reservationId))
                .and(PRODUCT_RESERVATION_CODE.LIST_TYPE_ID.eq(listTypeId)).execute();
        if (updated == 0) {
            dsl.insertInto(PRODUCT_RESERVATION_CODE).set(PRODUCT_RESERVATION_CODE.RESERVATION_ID, reservationId)
                    .set(PRODUCT_RESERVATION_CODE.LIST_TYPE_ID, listTypeId).set(PRODUCT_RESERVATION_CODE.CODE, value)
                    .execute();
        }
    }

    void insertBenefit(String reservationId, String code, int position) {
        dsl.insertInto(PRODUCT_RESERVATION_BENEFIT).set(PRODUCT_RESERVATION_BENEFIT.RESERVATION_ID, reservationId)
                .set(PRODUCT_RESERVATION_BENEFIT.CODE, code).set(PRODUCT_RESERVATION_BENEFIT.STATUS, HELD)
                .set(PRODUCT_RESERVATION_BENEFIT.POSITION, position).execute();
    }

    static final int HELD = 1;
    static final int APPLIED = 2;
    static final int RELEASED = 3;

    /** Moves the benefit codes still held to {@code status} ({@link #APPLIED} or {@link #RELEASED}). */
    void settleBenefits(String reservationId, int status) {
        dsl.update(PRODUCT_RESERVATION_BENEFIT).set(PRODUCT_RESERVATION_BENEFIT.STATUS, status)
                .where(PRODUCT_RESERVATION_BENEFIT.RESERVATION_ID.eq(reservationId))
                .and(PRODUCT_RESERVATION_BENEFIT.STATUS.eq(HELD)).execute();
    }

    void insertProgress(String reservationId, int state, OffsetDateTime at) {
        dsl.insertInto(PRODUCT_RESERVATION_PROGRESS).set(PRODUCT_RESERVATION_PROGRESS.ID, Ids.newId())
                .set(PRODUCT_RESERVATION_PROGRESS.RESERVATION_ID, reservationId)
                .set(PRODUCT_RESERVATION_PROGRESS.STATE, state).set(PRODUCT_RESERVATION_PROGRESS.CREATED_AT, at)
                .execute();
    }

    // --- prices ----------------------------------------------------------------------------------

    /** Inserts or updates the price of the product in the store (null: every store) and currency. */
    void upsertPrice(String productId, String storeId, String currencyId, BigDecimal value, OffsetDateTime now) {
        String priceStoreId = storeId == null ? "*" : storeId;
        int updated = dsl.update(PRODUCT_RESERVATION_PRICE).set(PRODUCT_RESERVATION_PRICE.PRICE, value)
                .set(PRODUCT_RESERVATION_PRICE.LAST_CHANGE, now)
                .where(PRODUCT_RESERVATION_PRICE.PRODUCT_ID.eq(productId))
                .and(PRODUCT_RESERVATION_PRICE.PRICE_STORE_ID.eq(priceStoreId))
                .and(PRODUCT_RESERVATION_PRICE.CURRENCY_ID.eq(currencyId)).execute();
        if (updated == 0) {
            dsl.insertInto(PRODUCT_RESERVATION_PRICE).set(PRODUCT_RESERVATION_PRICE.ID, Ids.newId())
                    .set(PRODUCT_RESERVATION_PRICE.PRODUCT_ID, productId)
                    .set(PRODUCT_RESERVATION_PRICE.STORE_ID, storeId)
                    .set(PRODUCT_RESERVATION_PRICE.PRICE_STORE_ID, priceStoreId)
                    .set(PRODUCT_RESERVATION_PRICE.CURRENCY_ID, currencyId)
                    .set(PRODUCT_RESERVATION_PRICE.PRICE, value)
                    .set(PRODUCT_RESERVATION_PRICE.LAST_CHANGE, now).execute();
        }
    }

    Set<String> existingPrices(Collection<String> ids) {
        return dsl.select(PRODUCT_RESERVATION_PRICE.ID).from(PRODUCT_RESERVATION_PRICE)
                .where(PRODUCT_RESERVATION_PRICE.ID.in(ids)).fetchSet(PRODUCT_RESERVATION_PRICE.ID);
    }

    void deletePrices(List<String> ids) {
        dsl.deleteFrom(PRODUCT_RESERVATION_PRICE).where(PRODUCT_RESERVATION_PRICE.ID.in(ids)).execute();
    }
}
