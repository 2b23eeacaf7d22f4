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

    public <R> Page<R> page(ListSpec<R> spec, ListParams params, Condition where) {
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
        List<SortField<?>> order = new ArrayList<>();
        spec.defaultOrder().forEach(f -> order.add(f.asc()));
        order.add(DSL.field(DSL.name(spec.id().getName())).asc());
        return dsl.select(selectList(spec)).from(spec.from()).where(where).orderBy(order).fetch(spec::map);
    }

    private static List<SelectFieldOrAsterisk> selectList(ListSpec<?> spec) {
        return new ArrayList<>(spec.selectFields());
    }
}
