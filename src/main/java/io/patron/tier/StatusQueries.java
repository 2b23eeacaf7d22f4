package io.patron.tier;

import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.STATUS;
import static io.patron.db.Tables.STATUS_RECORD;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;
import io.patron.customer.CustomerService;

/**
 * Reads of statuses and of a customer's status records. A record's {@code state} is 1 while it is the customer's
 * status or will be (valid now or later), 2 once it was replaced or its validity ended (even before the job ran);
 * the record valid now carries its {@code purchase_conditions}.
 */
@Service
@Transactional(readOnly = true)
public class StatusQueries {

    private final ListQueries lists;
    private final StatusRepository repository;
    private final StatusService service;
    private final CustomerService customers;
    private final Clock clock;

    StatusQueries(ListQueries lists, StatusRepository repository, StatusService service, CustomerService customers,
                  Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.service = service;
        this.customers = customers;
        this.clock = clock;
    }

    // --- statuses -------------------------------------------------------------------------------------------

    private ListSpec<StatusBodies.Status> statusSpec(Language language) {
        return ListSpec.<StatusBodies.Status>from(STATUS)
                .id("status_id", STATUS.ID)
                .field("name", DSL.coalesce(Translations.text(StatusRepository.NAME, STATUS.ID, language),
                        STATUS.TEXT_ID))
                .field("description", DSL.coalesce(Translations.text(StatusRepository.DESCRIPTION, STATUS.ID,
                        language), DSL.inline("")))
                .field("qualification_period", STATUS.QUALIFICATION_PERIOD)
                .field("qualification_points", STATUS.QUALIFICATION_POINTS)
                .field("previous_status", STATUS.PREVIOUS_STATUS_ID)
                .field("next_status", STATUS.NEXT_STATUS_ID)
                // sorted by its length in months; shown as text ("2 years", "unlimited")
                .field("validity_period", STATUS.VALIDITY_MONTHS)
                .field("collection_points", STATUS.COLLECTION_POINTS)
                .field("payment_points", STATUS.PAYMENT_POINTS)
                .field("qualification_type", STATUS.QUALIFICATION_TYPE)
                .field("discount", STATUS.DISCOUNT)
                .field("overall_discount_on_discounted_purchase_items", STATUS.DISCOUNT_ON_DISCOUNTED)
                .field("text_id", STATUS.TEXT_ID, EQ)
                .field("last_change", ApiTime.text(STATUS.LAST_CHANGE, clock))
                .defaultOrder(STATUS.POSITION)
                .map(StatusQueries::status);
    }

    private static StatusBodies.Status status(Record r) {
        Integer months = r.get("validity_period", Integer.class);
        String validity = Status.validityText(months);
        BigDecimal points = r.get("qualification_points", BigDecimal.class);
        return new StatusBodies.Status(r.get("status_id", String.class), r.get("name", String.class),
                r.get("description", String.class), r.get("qualification_period", Integer.class), List.of(),
                plain(points),
                r.get("previous_status", String.class), r.get("next_status", String.class), validity,
                r.get("collection_points", Boolean.class), r.get("payment_points", Boolean.class),
                r.get("qualification_type", Integer.class), r.get("discount", Integer.class),
                r.get("overall_discount_on_discounted_purchase_items", Boolean.class), r.get("text_id", String.class),
                r.get("last_change", String.class));
    }

    /** An amount of the file without the storage's trailing zeros (3000, 0.5). */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@code GET /statuses}. */
    public Page<StatusBodies.Status> statuses(ListParams params, Language language) {
        Page<StatusBodies.Status> page = lists.page(statusSpec(language), params);
        return new Page<>(withTurnover(page.items()), page.totalItems());
    }

    /** {@code GET /statuses/{id}}. */
    public StatusBodies.Status status(String id, Language language) {
        return lists.one(statusSpec(language), STATUS.ID.eq(id)).map(s -> withTurnover(List.of(s)).getFirst())
                .orElseThrow(() -> ApiError.notFound("statuses", id));
    }

    private List<StatusBodies.Status> withTurnover(List<StatusBodies.Status> statuses) {
        Map<String, Map<String, BigDecimal>> turnover = repository.turnover(
                statuses.stream().map(StatusBodies.Status::statusId).toList());
        List<StatusBodies.Status> out = new ArrayList<>();
        for (StatusBodies.Status s : statuses) {
            List<StatusBodies.Turnover> values = turnover.getOrDefault(s.statusId(), Map.of()).entrySet().stream()
                    .map(e -> new StatusBodies.Turnover(e.getKey(), plain(e.getValue()), null)).toList();
            out.add(new StatusBodies.Status(s.statusId(), s.name(), s.description(), s.qualificationPeriod(), values,
                    s.qualificationPoints(), s.previousStatus(), s.nextStatus(), s.validityPeriod(),
                    s.collectionPoints(), s.paymentPoints(), s.qualificationType(), s.discount(),
                    s.overallDiscountOnDiscountedPurchaseItems(), s.textId(), s.lastChange()));
        }
        return out;
    }

    // --- status records ---------------------------------------------------------------------------------------

    private Condition validNow(OffsetDateTime now) {
        return STATUS_RECORD.STATE.eq(StatusRepository.ACTIVE).and(STATUS_RECORD.VALID_FROM.le(now))
                .and(STATUS_RECORD.VALID_TO.isNull().or(STATUS_RECORD.VALID_TO.ge(now)));
    }

    private ListSpec<StatusBodies.StatusRecord> recordSpec() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Field<Integer> state = DSL.when(STATUS_RECORD.STATE.eq(StatusRepository.ACTIVE)
                .and(STATUS_RECORD.VALID_TO.lt(now)), DSL.inline(StatusRepository.NON_ACTIVE))
                .otherwise(STATUS_RECORD.STATE);
        return ListSpec.<StatusBodies.StatusRecord>from(STATUS_RECORD)
                .id("status_record_id", STATUS_RECORD.ID)
                .field("status_id", STATUS_RECORD.STATUS_ID)
                .field("customer_id", STATUS_RECORD.CUSTOMER_ID)
                .field("valid_from", ApiTime.text(STATUS_RECORD.VALID_FROM, clock))
                .field("valid_to", ApiTime.text(STATUS_RECORD.VALID_TO, clock))
                .field("last_change", ApiTime.text(STATUS_RECORD.LAST_CHANGE, clock))
                .field("state", state)
                .filters(filters -> {
                    List<io.patron.api.InvalidParam> errors = new ArrayList<>();
                    Boolean valid = filters.query().bool("valid_now", errors);
                    errors.forEach(filters::error);
                    if (valid != null) {
                        filters.where(valid ? validNow(now) : DSL.not(validNow(now)));
                    }
                })
                .defaultOrder(STATUS_RECORD.VALID_FROM, STATUS_RECORD.CREATED_AT)
                .customerScoped(STATUS_RECORD.CUSTOMER_ID)
                .map(r -> new StatusBodies.StatusRecord(r.get("status_record_id", String.class),
                        r.get("status_id", String.class), r.get("customer_id", String.class),
                        r.get("valid_from", String.class), r.get("valid_to", String.class), null,
                        r.get("last_change", String.class), r.get("state", Integer.class)));
    }

    /** {@code GET /customers/{id}/status-records}: the record valid now with what it takes to keep and to rise. */
    public Page<StatusBodies.StatusRecord> records(String customerId, ListParams params) {
        Page<StatusBodies.StatusRecord> page = lists.customerPage(recordSpec(), params, customerId, customers::exists);
        OffsetDateTime now = OffsetDateTime.now(clock);
        var current = repository.activeRecord(customerId).filter(r -> StatusService.validAt(r, now));
        if (current.isEmpty()) {
            return page;
        }
        List<StatusBodies.StatusRecord> items = page.items().stream().map(item -> item.statusRecordId()
                .equals(current.get().id()) ? item.withConditions(service.conditions(customerId,
                current.get().statusId(), current.get().validTo())) : item).toList();
        return new Page<>(items, page.totalItems());
    }
}
