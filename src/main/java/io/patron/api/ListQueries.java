package io.patron.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Runs list and detail reads of a {@link ListSpec}: filtering, sorting and paging in SQL. */
@Component
public class ListQueries {

    private final DSLContext dsl;

    public ListQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A page of the spec's records that match the call's filters, within the caller's customer scope. */
    public <R> Page<R> page(ListSpec<R> spec, ListParams params) {
        return page(spec, params, DSL.noCondition());
    }

    /** As {@link #page(ListSpec, ListParams)}, within a fixed condition (e.g. the parent of a sub-resource). */
    public <R> Page<R> page(ListSpec<R> spec, ListParams params, Condition fixed) {
        Condition where = spec.condition(params, fixed);
        List<SortField<?>> order = new ArrayList<>();
        if (params.sortField() != null) {
            Field<?> sortBy = spec.sortableFields().get(params.sortField());
            if (sortBy == null) {
                throw ApiError.badRequest("sort_field", Reason.NOT_ALLOWED_VALUE,
                        "sort_field must be one of " + String.join(", ", spec.sortableFields().keySet()));
            }
            order.add(params.descending() ? DSL.field(DSL.name(params.sortField())).desc()
                    : DSL.field(DSL.name(params.sortField())).asc());
        }
        if (params.sortField() == null) {
            spec.defaultOrder().forEach(f -> order.add(params.descending() ? f.desc() : f.asc()));
        }
        Field<?> id = DSL.field(DSL.name(spec.id().getName()));
        order.add(params.descending() && params.sortField() == null ? id.desc() : id.asc());

        List<R> items = dsl.select(selectList(spec))
                .from(spec.from())
                .where(where)
                .orderBy(order)
                .limit(params.count())
                .offset(params.offset())
                .fetch(spec::map);
        return new Page<>(items, total(spec, params, where, items.size()));
    }

    /**
     * The records that match the call's filters (within the caller's customer scope) and {@code fixed}, in the
     * spec's default order, at most {@code limit}: for look-ups that answer a plain list rather than a page.
     */
    public <R> List<R> matching(ListSpec<R> spec, ListParams params, Condition fixed, int limit) {
        Condition where = spec.condition(params, fixed);
        return dsl.select(selectList(spec)).from(spec.from()).where(where).orderBy(defaultOrder(spec)).limit(limit)
                .fetch(spec::map);
    }

    /**
     * A page of a sub-resource of one customer ({@code /customers/{customer_id}/...}) of a
     * {@link ListSpec#customerScoped customer-scoped} spec: a Customer API caller gets 403 without a
     * logged-in customer and 400 {@code not_belong_to_logged_in_customer} on {@code customer_id} for
     * another customer, then a 404 if {@code customerExists} says the customer does not exist.
     */
    public <R> Page<R> customerPage(ListSpec<R> spec, ListParams params, String customerId,
                                    java.util.function.Predicate<String> customerExists) {
        CustomerScope.requireAccess(ApiRequest.caller(params.request()), customerId, "customer_id");
        if (!customerExists.test(customerId)) {
            throw ApiError.notFound("customers", customerId);
        }
        return page(spec, params, spec.customerColumn().eq(customerId));
    }

    /**
     * One record of the customer named in the path, with the access answers of
     * {@link #customerPage}; empty when no record matches {@code where}.
     */
    public <R> Optional<R> customerOne(ListSpec<R> spec, Caller caller, String customerId, Condition where) {
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        return one(spec, spec.customerColumn().eq(customerId).and(where));
    }

    /**
     * The number of all matching records. A page that is not full and not past the end already
     * tells it (a look-up by email or card number is one such page), so the count query runs only
     * for a full page or an empty page after an offset.
     */
    private int total(ListSpec<?> spec, ListParams params, Condition where, int found) {
        if (found < params.count() && (found > 0 || params.offset() == 0)) {
            return params.offset() + found;
        }
        return dsl.fetchCount(dsl.selectOne().from(spec.from()).where(where));
    }

    public <R> Optional<R> one(ListSpec<R> spec, Condition where) {
        return dsl.select(selectList(spec)).from(spec.from()).where(where).limit(1).fetchOptional(spec::map);
    }

    public <R> List<R> all(ListSpec<R> spec, Condition where) {
        return dsl.select(selectList(spec)).from(spec.from()).where(where).orderBy(defaultOrder(spec)).fetch(spec::map);
    }

    /** The spec's default order, then its id, ascending. */
    private static List<SortField<?>> defaultOrder(ListSpec<?> spec) {
        List<SortField<?>> order = new ArrayList<>();
        spec.defaultOrder().forEach(f -> order.add(f.asc()));
        order.add(DSL.field(DSL.name(spec.id().getName())).asc());
        return order;
    }

    private static List<SelectFieldOrAsterisk> selectList(ListSpec<?> spec) {
        return new ArrayList<>(spec.selectFields());
    }
}
