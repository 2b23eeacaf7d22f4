package io.patron.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SortField;
import org.jooq.impl.CustomQueryPart;
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
     * {@link #customerPage}; empty when no record matches {@code where}, a constant (see {@link #oneByKey}).
     */
    public <R> Optional<R> customerOne(ListSpec<R> spec, Caller caller, String customerId, Condition where) {
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        return oneByKey(spec, spec.customerColumn(), customerId, where);
    }

    /**
     * As {@link #one}, for {@code key = value and fixed} on a spec that lives as long as the application: the
     * statement is rendered once per spec, key and condition, then only bound. For the reads served most: rendering a
     * select list with nested collections was a fifth of {@code GET /customers/{id}}'s server CPU
     * (docs/performance.md, sixth sitting). {@code fixed} must be a constant: it is remembered by identity, with its
     * values.
     */
    public <R> Optional<R> oneByKey(ListSpec<R> spec, Field<String> key, String value, Condition fixed) {
        ListSpec.Lookup lookup = spec.lookup(key, fixed, () -> renderLookup(spec, key, fixed));
        Param<?>[] bound = lookup.params().toArray(Param<?>[]::new);
        bound[lookup.keyIndex()] = DSL.val(value, key);
        List<String> text = lookup.text();
        // the text as rendered, a parameter at each placeholder (binding ignores the text): through jOOQ's execution
        // as any query, without parsing a template or rendering the select again
        QueryPart statement = CustomQueryPart.of(ctx -> {
            for (int i = 0; i < bound.length; i++) {
                ctx.sql(text.get(i)).visit(bound[i]);
            }
            ctx.sql(text.get(bound.length));
        });
        return dsl.resultQuery("{0}", statement).coerce(spec.selectFields()).fetchOptional(spec::map);
    }

    private ListSpec.Lookup renderLookup(ListSpec<?> spec, Field<String> key, Condition fixed) {
        String keyName = "patron_lookup_key";
        Select<?> query = dsl.select(selectList(spec)).from(spec.from())
                .where(key.eq(DSL.param(keyName, key.getDataType())).and(fixed)).limit(1);
        // in the order they are bound; inline values are parameters that are rendered, not bound
        List<Param<?>> params = query.getParams().values().stream().filter(p -> !p.isInline()).toList();
        int keyIndex = -1;
        for (int i = 0; i < params.size(); i++) {
            if (keyName.equals(params.get(i).getParamName())) {
                keyIndex = i;
            }
        }
        List<String> text = textAroundPlaceholders(dsl.render(query));
        if (keyIndex < 0 || params.size() != dsl.extractBindValues(query).size() || text.size() != params.size() + 1) {
            throw new IllegalStateException("A look-up whose parameters cannot be bound by position: " + query);
        }
        return new ListSpec.Lookup(text, params, keyIndex);
    }

    /** The SQL between its {@code ?} placeholders (those outside quoted literals and names). */
    static List<String> textAroundPlaceholders(String sql) {
        List<String> text = new ArrayList<>();
        int start = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0; // a doubled quote closes and reopens: the same state after both
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '?') {
                text.add(sql.substring(start, i));
                start = i + 1;
            }
        }
        text.add(sql.substring(start));
        return text;
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
