package io.patron.booking;

import static io.patron.db.Tables.ENTRANCE;
import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.QueryParams;
import io.patron.api.Reason;
import io.patron.booking.EntranceBodies.Entrance;
import io.patron.booking.EntranceBodies.Overview;

/** Reads of charged entrances and their overview. */
@Service
@Transactional(readOnly = true)
public class EntranceQueries {

    private final ListQueries lists;
    private final EntranceRepository repository;
    private final Clock clock;

    EntranceQueries(ListQueries lists, EntranceRepository repository, Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.clock = clock;
    }

    private ListSpec<Entrance> spec() {
        return ListSpec.<Entrance>from(ENTRANCE)
                .id("entrance_id", ENTRANCE.ID)
                .field("pos_id", ENTRANCE.POS_ID, Filters.oneOf(3, 6, 9, 11))
                .field("name", ENTRANCE.NAME, CONTAINS)
                .field("customer_id", ENTRANCE.CUSTOMER_ID, EQ)
                .field("resort_name", ENTRANCE.RESORT_NAME, CONTAINS)
                .field("customer_category_name", ENTRANCE.CUSTOMER_CATEGORY_NAME, CONTAINS)
                .field("external_order_id", ENTRANCE.EXTERNAL_ORDER_ID, EQ)
                .field("external_entrance_id", ENTRANCE.EXTERNAL_ENTRANCE_ID, EQ)
                .field("external_turnstile_permission_id", ENTRANCE.EXTERNAL_TURNSTILE_PERMISSION_ID, EQ)
                .field("entrance_type_id", ENTRANCE.ENTRANCE_TYPE_ID, Filters.oneOf(0, 1, 2))
                .field("order_item_id", ENTRANCE.ORDER_ITEM_ID, EQ)
                .field("card_id", ENTRANCE.CARD_ID, EQ)
                .field("created_at", ApiTime.local(ENTRANCE.CREATED_AT, clock))
                .field("cancelled_at", ApiTime.local(ENTRANCE.CANCELLED_AT, clock))
                .field("charged_price", ENTRANCE.CHARGED_PRICE)
                .field("product_ids", ENTRANCE.PRODUCT_IDS)
                .field("charge_date", ApiTime.local(ENTRANCE.CHARGE_DATE, clock))
                .field("valid_from", ENTRANCE.VALID_FROM)
                .field("valid_to", ENTRANCE.VALID_TO)
                .field("last_change", ApiTime.local(ENTRANCE.LAST_CHANGE, clock))
                .field("state", ENTRANCE.STATE, Filters.oneOf(0, 1))
                .customerScoped(ENTRANCE.CUSTOMER_ID)
                .map(r -> new Entrance(r.get("entrance_id", String.class), r.get("pos_id", Integer.class),
                        r.get("name", String.class), r.get("customer_id", String.class),
                        r.get("resort_name", String.class), r.get("customer_category_name", String.class),
                        r.get("external_order_id", String.class), r.get("external_entrance_id", String.class),
                        r.get("external_turnstile_permission_id", String.class),
                        r.get("entrance_type_id", Integer.class), r.get("order_item_id", String.class),
                        r.get("card_id", String.class), r.get("created_at", LocalDateTime.class),
                        r.get("cancelled_at", LocalDateTime.class),
                        ReservationService.plain(r.get("charged_price", BigDecimal.class)),
                        r.get("product_ids", String.class), r.get("charge_date", LocalDateTime.class),
                        r.get("valid_from", LocalDate.class), r.get("valid_to", LocalDate.class),
                        r.get("last_change", LocalDateTime.class), r.get("state", Integer.class)));
    }

    /**
     * {@code GET /entrances}: besides the field filters, {@code is_valid} (today within the validity range),
     * {@code is_cancelled}, {@code valid_from}/{@code valid_to} (validity overlapping the range) and
     * {@code product_id} (one of the entrance's products).
     */
    public Page<Entrance> entrances(ListParams params) {
        Filters filters = params.filters();
        List<InvalidParam> errors = new ArrayList<>();
        Boolean valid = filters.query().bool("is_valid", errors);
        Boolean cancelled = filters.query().bool("is_cancelled", errors);
        Condition range = validity(filters.query(), errors);
        errors.forEach(filters::error);
        LocalDate today = LocalDate.now(clock);
        Condition inRange = ENTRANCE.VALID_FROM.isNull().or(ENTRANCE.VALID_FROM.le(today))
                .and(ENTRANCE.VALID_TO.isNull().or(ENTRANCE.VALID_TO.ge(today)));
        if (valid != null) {
            filters.where(valid ? inRange : DSL.not(inRange));
        }
        if (cancelled != null) {
            filters.where(cancelled ? ENTRANCE.STATE.eq(0) : ENTRANCE.STATE.eq(1));
        }
        filters.where(range);
        filters.custom("product_id", product -> DSL.concat(DSL.val(","), ENTRANCE.PRODUCT_IDS, DSL.val(","))
                .contains("," + product + ","));
        return lists.page(spec(), params, filters.condition());
    }

    public Entrance entrance(Caller caller, String id) {
        Entrance entrance = lists.one(spec(), ENTRANCE.ID.eq(id)).orElseThrow(() -> ApiError.notFound("entrances", id));
        CustomerScope.requireAccess(caller, entrance.customerId(), "entrance_id");
        return entrance;
    }

    /**
     * {@code GET /entrances/actions/overview}: over the entrances whose validity overlaps the range (of the POS
     * system, if named): active ones, canceled by the POS, deactivated in Patron, and all of them (sold).
     */
    public Overview overview(QueryParams query) {
        List<InvalidParam> errors = new ArrayList<>();
        Condition range = validity(query, errors);
        Integer pos = query.integer("pos_id", errors);
        if (pos != null && !EntranceService.POS_IDS.contains(pos)) {
            errors.add(InvalidParam.of("pos_id", Reason.NOT_ALLOWED_VALUE, pos, "pos_id must be 3, 6, 9 or 11"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        var counts = repository.overview(range.and(pos == null ? DSL.noCondition() : ENTRANCE.POS_ID.eq(pos)));
        return new Overview(counts.value1(), counts.value2(), counts.value3(), counts.value4());
    }

    private static Condition validity(QueryParams query, List<InvalidParam> errors) {
        Condition condition = DSL.noCondition();
        LocalDate from = date(query, "valid_from", errors);
        LocalDate to = date(query, "valid_to", errors);
        if (from != null) {
            condition = condition.and(ENTRANCE.VALID_TO.isNull().or(ENTRANCE.VALID_TO.ge(from)));
        }
        if (to != null) {
            condition = condition.and(ENTRANCE.VALID_FROM.isNull().or(ENTRANCE.VALID_FROM.le(to)));
        }
        return condition;
    }

    private static LocalDate date(QueryParams query, String param, List<InvalidParam> errors) {
        String text = query.string(param);
        if (text == null) {
            return null;
        }
        try {
            return ApiTime.parseDate(text);
        } catch (java.time.DateTimeException e) {
            errors.add(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, text, ApiTime.DATE_FORMS));
            return null;
        }
    }
}
