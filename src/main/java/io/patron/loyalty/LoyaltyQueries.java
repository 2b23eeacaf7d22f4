package io.patron.loyalty;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;
import static io.patron.api.Filters.IN;
import static io.patron.db.Tables.LOYALTY_MOVEMENT;
import static io.patron.db.Tables.LOYALTY_RECORD;
import static io.patron.db.Tables.LOYALTY_TYPE;
import static io.patron.db.Tables.POINT_RESERVATION;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
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
import io.patron.customer.CustomerService;

/**
 * Reads of points, credits, their history, point reservations and the types, within the caller's customer scope.
 * A record's {@code state}: 1 for a spendable lot and for a redemption, 2 for a lot pending, expired or past its
 * end (even before the expiry job ran) and for a reversed redemption.
 */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class LoyaltyQueries {

    private static final String POINT = LoyaltyType.Kind.POINT.code();
    private static final String CREDIT = LoyaltyType.Kind.CREDIT.code();

    private final ListQueries lists;
    private final CustomerService customers;
    private final Clock clock;

    LoyaltyQueries(ListQueries lists, CustomerService customers, Clock clock) {
        this.lists = lists;
        this.customers = customers;
        this.clock = clock;
    }

    // --- points and credits ------------------------------------------------------------------------

    private Field<Integer> recordState() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return DSL.when(LOYALTY_RECORD.PHASE.eq(LedgerRepository.REDEMPTION), DSL.inline(1))
                .when(LOYALTY_RECORD.PHASE.eq(LedgerRepository.ACTIVE)
                        .and(LOYALTY_RECORD.VALID_TO.isNull().or(LOYALTY_RECORD.VALID_TO.ge(now))), DSL.inline(1))
                .otherwise(DSL.inline(2));
    }

    private ListSpec<LoyaltyBodies.Point> pointSpec() {
        return ListSpec.<LoyaltyBodies.Point>from(LOYALTY_RECORD.join(LOYALTY_TYPE)
                        .on(LOYALTY_TYPE.ID.eq(LOYALTY_RECORD.TYPE_ID)).and(LOYALTY_TYPE.KIND.eq(POINT)))
                .id("point_id", LOYALTY_RECORD.ID)
                .field("customer_id", LOYALTY_RECORD.CUSTOMER_ID)
                .field("assigned_points", LOYALTY_RECORD.ASSIGNED)
                .field("available_points", LOYALTY_RECORD.AVAILABLE)
                .field("point_type_id", LOYALTY_RECORD.TYPE_ID)
                .field("partner_id", LOYALTY_RECORD.PARTNER_ID)
                .field("valid_to", ApiTime.text(LOYALTY_RECORD.VALID_TO, clock))
                .field("state", recordState())
                .field("created_at", ApiTime.text(LOYALTY_RECORD.CREATED_AT, clock))
                .field("note", LOYALTY_RECORD.NOTE)
                .column("scale", LOYALTY_TYPE.AMOUNT_SCALE)
                .defaultOrder(LOYALTY_RECORD.CREATED_AT)
                .customerScoped(LOYALTY_RECORD.CUSTOMER_ID)
                .map(r -> new LoyaltyBodies.Point(r.get("point_id", String.class), r.get("customer_id", String.class),
                        scaled(r, "assigned_points"), scaled(r, "available_points"),
                        r.get("point_type_id", String.class), r.get("partner_id", String.class),
                        r.get("valid_to", String.class), r.get("state", Integer.class),
                        r.get("created_at", String.class), r.get("note", String.class)));
    }

    /** {@code GET /points}. */
    public Page<LoyaltyBodies.Point> points(ListParams params) {
        return lists.page(pointSpec()
                .filter("customer_id", LOYALTY_RECORD.CUSTOMER_ID, EQ)
                .filter("point_type_id", LOYALTY_RECORD.TYPE_ID, EQ)
                .filters(between("create_point_time_from", "create_point_time_to", LOYALTY_RECORD.CREATED_AT)), params);
    }

    /** {@code GET /customers/{id}/points}. */
    public Page<LoyaltyBodies.Point> customerPoints(String customerId, ListParams params) {
        return lists.customerPage(pointSpec().filter("point_type_id", LOYALTY_RECORD.TYPE_ID, EQ), params, customerId,
                customers::exists);
    }

    /**
     * The point records among {@code pointIds} (a purchase's earnings and redemption: {@code GET
     * /purchases/{id}/points}); the caller checked access to their owner.
     */
    public Page<LoyaltyBodies.Point> pointsAmong(java.util.Collection<String> pointIds, ListParams params) {
        return lists.page(pointSpec(), params, LOYALTY_RECORD.ID.in(pointIds));
    }

    /** {@code GET /points/{id}}. */
    public LoyaltyBodies.Point point(Caller caller, String pointId) {
        LoyaltyBodies.Point point = lists.one(pointSpec(), LOYALTY_RECORD.ID.eq(pointId))
                .orElseThrow(() -> ApiError.notFound("points", pointId));
        CustomerScope.requireAccess(caller, point.customerId(), "point_id");
        return point;
    }

    private ListSpec<LoyaltyBodies.Credit> creditSpec() {
        return ListSpec.<LoyaltyBodies.Credit>from(LOYALTY_RECORD.join(LOYALTY_TYPE)
                        .on(LOYALTY_TYPE.ID.eq(LOYALTY_RECORD.TYPE_ID)).and(LOYALTY_TYPE.KIND.eq(CREDIT)))
                .id("credit_id", LOYALTY_RECORD.ID)
                .field("customer_id", LOYALTY_RECORD.CUSTOMER_ID)
                .field("assigned_credits", LOYALTY_RECORD.ASSIGNED)
                .field("available_credits", LOYALTY_RECORD.AVAILABLE)
                .field("credit_type_id", LOYALTY_RECORD.TYPE_ID)
                .field("partner_id", LOYALTY_RECORD.PARTNER_ID)
                .field("valid_to", ApiTime.text(LOYALTY_RECORD.VALID_TO, clock))
                .field("currency_id", LOYALTY_RECORD.CURRENCY_ID)
                .field("state", recordState())
                .field("note", LOYALTY_RECORD.NOTE)
                .column("scale", LOYALTY_TYPE.AMOUNT_SCALE)
                .defaultOrder(LOYALTY_RECORD.CREATED_AT)
                .customerScoped(LOYALTY_RECORD.CUSTOMER_ID)
                .map(r -> new LoyaltyBodies.Credit(r.get("credit_id", String.class),
                        r.get("customer_id", String.class), scaled(r, "assigned_credits"),
                        scaled(r, "available_credits"), r.get("credit_type_id", String.class),
                        r.get("partner_id", String.class), r.get("valid_to", String.class),
                        r.get("currency_id", String.class), r.get("state", Integer.class),
                        r.get("note", String.class)));
    }

    /** {@code GET /credits}. */
    public Page<LoyaltyBodies.Credit> credits(ListParams params) {
        return lists.page(creditSpec()
                .filter("customer_id", LOYALTY_RECORD.CUSTOMER_ID, EQ)
                .filter("credit_type_id", LOYALTY_RECORD.TYPE_ID, IN)
                .filter("note", LOYALTY_RECORD.NOTE, CONTAINS)
                .filters(between("create_credit_time_from", "create_credit_time_to", LOYALTY_RECORD.CREATED_AT)),
                params);
    }

    /** {@code GET /credits/{id}}. */
    public LoyaltyBodies.Credit credit(Caller caller, String creditId) {
        LoyaltyBodies.Credit credit = lists.one(creditSpec(), LOYALTY_RECORD.ID.eq(creditId))
                .orElseThrow(() -> ApiError.notFound("credits", creditId));
        CustomerScope.requireAccess(caller, credit.customerId(), "credit_id");
        return credit;
    }

    /**
     * {@code GET /points/{id}/purchases} and {@code GET /credits/{id}/purchases}: the purchases a record came from.
     * Records are manual until purchases are stored (the checkout), so the list is empty; the record must exist
     * and be the caller's, and the filters must be well-formed.
     */
    public Page<Object> purchasesOfPoint(Caller caller, String pointId, ListParams params) {
        point(caller, pointId);
        checkPurchaseFilters(params);
        return new Page<>(List.of(), 0);
    }

    public Page<Object> purchasesOfCredit(Caller caller, String creditId, ListParams params) {
        credit(caller, creditId);
        checkPurchaseFilters(params);
        return new Page<>(List.of(), 0);
    }

    private void checkPurchaseFilters(ListParams params) {
        Filters filters = params.filters();
        between("payment_time_from", "payment_time_to", LOYALTY_RECORD.CREATED_AT).accept(filters);
        List<InvalidParam> errors = new java.util.ArrayList<>();
        filters.query().bool("purchase_items_extension", errors);
        errors.forEach(filters::error);
        filters.condition();
    }

    // --- history ------------------------------------------------------------------------------------

    private ListSpec<LoyaltyBodies.PointHistory> pointHistorySpec(Language language) {
        Field<String> operation = Translations.text(Operation.NAME_ENTITY, LOYALTY_MOVEMENT.OPERATION, language);
        return ListSpec.<LoyaltyBodies.PointHistory>from(LOYALTY_MOVEMENT.join(LOYALTY_TYPE)
                        .on(LOYALTY_TYPE.ID.eq(LOYALTY_MOVEMENT.TYPE_ID)).and(LOYALTY_TYPE.KIND.eq(POINT)))
                .id("point_history_id", LOYALTY_MOVEMENT.ID)
                .field("customer_id", LOYALTY_MOVEMENT.CUSTOMER_ID)
                .field("point_amount", LOYALTY_MOVEMENT.AMOUNT)
                .field("point_operation_type", operation, CONTAINS)
                .field("point_operation_note", LOYALTY_MOVEMENT.NOTE, CONTAINS)
                .field("point_type_id", LOYALTY_MOVEMENT.TYPE_ID, EQ)
                .field("partner_id", LOYALTY_MOVEMENT.PARTNER_ID, EQ)
                .field("store_id", LOYALTY_MOVEMENT.STORE_ID, EQ)
                .field("point_history_record_time", ApiTime.text(LOYALTY_MOVEMENT.CREATED_AT, clock))
                .field("extended_data", LOYALTY_MOVEMENT.EXTENDED_DATA)
                .column("scale", LOYALTY_TYPE.AMOUNT_SCALE)
                .filters(between("time_from", "time_to", LOYALTY_MOVEMENT.CREATED_AT))
                .defaultOrder(LOYALTY_MOVEMENT.CREATED_AT)
                .customerScoped(LOYALTY_MOVEMENT.CUSTOMER_ID)
                .map(r -> new LoyaltyBodies.PointHistory(r.get("customer_id", String.class),
                        scaled(r, "point_amount"), r.get("point_operation_type", String.class),
                        r.get("point_operation_note", String.class), r.get("point_type_id", String.class),
                        r.get("partner_id", String.class), r.get("store_id", String.class),
                        r.get("point_history_record_time", String.class), r.get("extended_data", String.class)));
    }

    /** {@code GET /point-history?customer_id=...}. */
    public Page<LoyaltyBodies.PointHistory> pointHistory(ListParams params, Language language) {
        return lists.customerPage(pointHistorySpec(language), params, requiredCustomer(params), customers::exists);
    }

    private ListSpec<LoyaltyBodies.CreditHistory> creditHistorySpec(Language language) {
        Field<String> operation = Translations.text(Operation.NAME_ENTITY, LOYALTY_MOVEMENT.OPERATION, language);
        return ListSpec.<LoyaltyBodies.CreditHistory>from(LOYALTY_MOVEMENT.join(LOYALTY_TYPE)
                        .on(LOYALTY_TYPE.ID.eq(LOYALTY_MOVEMENT.TYPE_ID)).and(LOYALTY_TYPE.KIND.eq(CREDIT)))
                .id("credit_history_id", LOYALTY_MOVEMENT.ID)
                .field("customer_id", LOYALTY_MOVEMENT.CUSTOMER_ID)
                .field("amount", LOYALTY_MOVEMENT.AMOUNT)
                .field("credit_operation_type", operation, CONTAINS)
                .field("credit_operation_note", LOYALTY_MOVEMENT.NOTE, CONTAINS)
                .field("partner_id", LOYALTY_MOVEMENT.PARTNER_ID, EQ)
                .field("currency_id", LOYALTY_MOVEMENT.CURRENCY_ID)
                .field("store_id", LOYALTY_MOVEMENT.STORE_ID, EQ)
                .field("credit_history_record_time", ApiTime.text(LOYALTY_MOVEMENT.CREATED_AT, clock))
                .column("scale", LOYALTY_TYPE.AMOUNT_SCALE)
                .filters(between("time_from", "time_to", LOYALTY_MOVEMENT.CREATED_AT))
                .defaultOrder(LOYALTY_MOVEMENT.CREATED_AT)
                .customerScoped(LOYALTY_MOVEMENT.CUSTOMER_ID)
                .map(r -> new LoyaltyBodies.CreditHistory(r.get("customer_id", String.class),
                        scaled(r, "amount"), r.get("credit_operation_type", String.class),
                        r.get("credit_operation_note", String.class), r.get("partner_id", String.class),
                        r.get("currency_id", String.class), r.get("store_id", String.class),
                        r.get("credit_history_record_time", String.class)));
    }

    /** {@code GET /credit-history?customer_id=...}. */
    public Page<LoyaltyBodies.CreditHistory> creditHistory(ListParams params, Language language) {
        return lists.customerPage(creditHistorySpec(language), params, requiredCustomer(params), customers::exists);
    }

    private static String requiredCustomer(ListParams params) {
        String customerId = params.filters().query().string("customer_id");
        if (customerId == null || customerId.isBlank()) {
            throw ApiError.badRequest("customer_id", Reason.REQUIRED, "The customer is required");
        }
        return customerId;
    }

    // --- reservations ---------------------------------------------------------------------------------

    private ListSpec<LoyaltyBodies.PointReservation> reservationSpec() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Field<Integer> state = DSL.when(POINT_RESERVATION.STATE.eq(1).and(POINT_RESERVATION.EXPIRATION.le(now)),
                DSL.inline(2)).otherwise(POINT_RESERVATION.STATE);
        return ListSpec.<LoyaltyBodies.PointReservation>from(POINT_RESERVATION.join(LOYALTY_TYPE)
                        .on(LOYALTY_TYPE.ID.eq(POINT_RESERVATION.TYPE_ID)))
                .id("points_reservation_id", POINT_RESERVATION.ID)
                .field("customer_id", POINT_RESERVATION.CUSTOMER_ID)
                .field("external_id", POINT_RESERVATION.EXTERNAL_ID)
                .field("quantity", POINT_RESERVATION.QUANTITY)
                .field("state", state)
                .field("expiration", ApiTime.text(POINT_RESERVATION.EXPIRATION, clock))
                .column("scale", LOYALTY_TYPE.AMOUNT_SCALE)
                .defaultOrder(POINT_RESERVATION.CREATED_AT)
                .customerScoped(POINT_RESERVATION.CUSTOMER_ID)
                .map(r -> new LoyaltyBodies.PointReservation(r.get("points_reservation_id", String.class),
                        r.get("customer_id", String.class), r.get("external_id", String.class),
                        scaled(r, "quantity"), r.get("state", Integer.class), r.get("expiration", String.class)));
    }

    /** {@code GET /point-reservations}. */
    public Page<LoyaltyBodies.PointReservation> reservations(ListParams params) {
        return lists.page(reservationSpec()
                .filter("customer_id", POINT_RESERVATION.CUSTOMER_ID, EQ)
                .filter("external_id", POINT_RESERVATION.EXTERNAL_ID, EQ), params);
    }

    /** {@code GET /point-reservations/{id}}. */
    public LoyaltyBodies.PointReservation reservation(Caller caller, String id) {
        LoyaltyBodies.PointReservation reservation = lists.one(reservationSpec(), POINT_RESERVATION.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("point-reservations", id));
        CustomerScope.requireAccess(caller, reservation.customerId(), "point_reservation_id");
        return reservation;
    }

    // --- types ------------------------------------------------------------------------------------------

    private static Field<String> typeName(Language language) {
        return DSL.coalesce(Translations.text(LedgerRepository.TYPE_NAME, LOYALTY_TYPE.ID, language),
                LOYALTY_TYPE.TEXT_ID);
    }

    private ListSpec<LoyaltyBodies.PointType> pointTypeSpec(Language language) {
        return ListSpec.<LoyaltyBodies.PointType>from(LOYALTY_TYPE)
                .id("point_type_id", LOYALTY_TYPE.ID)
                .field("name", typeName(language))
                .field("last_change", ApiTime.text(LOYALTY_TYPE.LAST_CHANGE, clock))
                .defaultOrder(LOYALTY_TYPE.TEXT_ID)
                .map(r -> r.into(LoyaltyBodies.PointType.class));
    }

    public Page<LoyaltyBodies.PointType> pointTypes(ListParams params, Language language) {
        return lists.page(pointTypeSpec(language), params, LOYALTY_TYPE.KIND.eq(POINT));
    }

    public LoyaltyBodies.PointType pointType(String id, Language language) {
        return lists.one(pointTypeSpec(language), LOYALTY_TYPE.ID.eq(id).and(LOYALTY_TYPE.KIND.eq(POINT)))
                .orElseThrow(() -> ApiError.notFound("point-types", id));
    }

    private ListSpec<LoyaltyBodies.CreditType> creditTypeSpec(Language language) {
        return ListSpec.<LoyaltyBodies.CreditType>from(LOYALTY_TYPE)
                .id("credit_type_id", LOYALTY_TYPE.ID)
                .field("name", typeName(language))
                .field("last_change", ApiTime.text(LOYALTY_TYPE.LAST_CHANGE, clock))
                .defaultOrder(LOYALTY_TYPE.TEXT_ID)
                .map(r -> r.into(LoyaltyBodies.CreditType.class));
    }

    public Page<LoyaltyBodies.CreditType> creditTypes(ListParams params, Language language) {
        return lists.page(creditTypeSpec(language), params, LOYALTY_TYPE.KIND.eq(CREDIT));
    }

    public LoyaltyBodies.CreditType creditType(String id, Language language) {
        return lists.one(creditTypeSpec(language), LOYALTY_TYPE.ID.eq(id).and(LOYALTY_TYPE.KIND.eq(CREDIT)))
                .orElseThrow(() -> ApiError.notFound("credit-types", id));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static BigDecimal scaled(Record r, String field) {
        BigDecimal value = r.get(field, BigDecimal.class);
        Integer scale = r.get("scale", Integer.class);
        return value == null ? null : value.setScale(scale == null ? 0 : scale, RoundingMode.HALF_UP);
    }

    /** Two query parameters bounding a datetime column (both inclusive), in the project's time zone. */
    private Consumer<Filters> between(String fromParam, String toParam, Field<OffsetDateTime> column) {
        return filters -> {
            bound(filters, fromParam, column, true);
            bound(filters, toParam, column, false);
        };
    }

    private void bound(Filters filters, String param, Field<OffsetDateTime> column, boolean from) {
        String value = filters.query().string(param);
        if (value == null) {
            return;
        }
        try {
            OffsetDateTime time = ApiTime.parseDateTime(value, clock.getZone()).atZone(clock.getZone())
                    .toOffsetDateTime();
            filters.where(from ? column.ge(time) : column.le(time));
        } catch (DateTimeException e) {
            filters.error(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, value, ApiTime.DATE_TIME_FORMS));
        }
    }
}
