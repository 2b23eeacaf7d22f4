package io.patron.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.TableLike;

/**
 * How one resource is read: the table (or join) it comes from, its first-level API fields and
 * the columns behind them (these are the sortable fields), its id for a stable order, its filters,
 * whose customer's records it holds, and the mapping of a row to the API record. Declared once per
 * resource; {@link ListQueries} does the rest.
 */
public final class ListSpec<R> {

    private final TableLike<?> from;
    private final Map<String, Field<?>> fields = new LinkedHashMap<>();
    private final Map<String, Field<?>> columns = new LinkedHashMap<>();
    private Field<?> id;
    private List<Field<?>> defaultOrder = List.of();
    private java.util.Set<String> sortable;
    private Function<Record, R> mapper;
    private final List<Consumer<Filters>> filters = new java.util.ArrayList<>();
    private boolean strictMode;
    private Field<String> customerColumn;
    /** Rendered look-ups by key and constant condition (identity), see {@link ListQueries#oneByKey}. */
    private final Map<LookupKey, Lookup> lookups = new java.util.concurrent.ConcurrentHashMap<>();

    private ListSpec(TableLike<?> from) {
        this.from = from;
    }

    public static <R> ListSpec<R> from(TableLike<?> from) {
        return new ListSpec<>(from);
    }

    /** A first-level API field backed by a column (or expression); sortable by its API name. */
    public ListSpec<R> field(String apiName, Field<?> column) {
        fields.put(apiName, column.as(apiName));
        return this;
    }

    /** A first-level API field that is also a filter of the same name. */
    public <T> ListSpec<R> field(String apiName, Field<T> column, Filters.Kind<T> filter) {
        field(apiName, column);
        return filter(apiName, column, filter);
    }

    /** A query parameter that filters on a column (or expression), e.g. {@code filter("card_number_list", ..., IN)}. */
    public <T> ListSpec<R> filter(String param, Field<T> column, Filters.Kind<T> filter) {
        filters.add(f -> filter.apply(f, param, column));
        return this;
    }

    /** A query parameter whose condition needs more than a column, e.g. a subquery. */
    public ListSpec<R> filter(String param, Function<String, Condition> condition) {
        filters.add(f -> f.custom(param, condition));
        return this;
    }

    /** An array query parameter whose condition needs more than a column, e.g. "has any of these tags". */
    public ListSpec<R> filterIn(String param, Function<List<String>, Condition> condition) {
        filters.add(f -> f.customIn(param, condition));
        return this;
    }

    /** Filters that read several parameters together (e.g. a property id with its value). */
    public ListSpec<R> filters(Consumer<Filters> declare) {
        filters.add(declare);
        return this;
    }

    /** The list takes {@code mode=strict}: then every filter declared before is required. */
    public ListSpec<R> strictMode() {
        this.strictMode = true;
        return this;
    }

    /**
     * The records belong to the customer in this column: a Customer API caller sees only the
     * logged-in customer's records (none before a login), see {@link CustomerScope}.
     */
    public ListSpec<R> customerScoped(Field<String> column) {
        this.customerColumn = column;
        return this;
    }

    /**
     * A column the mapper reads that is not a sortable API field, e.g. a part of a nested object
     * ({@code store_address.city}); selected under {@code alias}, never used for sorting.
     */
    public ListSpec<R> column(String alias, Field<?> column) {
        columns.put(alias, column.as(alias));
        return this;
    }

    /** The unique key that breaks ties, so that pages never overlap. */
    public ListSpec<R> id(String apiName, Field<?> column) {
        field(apiName, column);
        this.id = fields.get(apiName);
        return this;
    }

    /**
     * The order of a list called without {@code sort_field} (before the id), e.g. the position a
     * project gave its lookups; columns (or expressions) of the spec's table, not necessarily API fields.
     */
    public ListSpec<R> defaultOrder(Field<?>... columns) {
        this.defaultOrder = List.of(columns);
        return this;
    }

    /**
     * Restricts sorting to these API fields, for items whose other selected columns end up in
     * nested objects (a nested field is not a first-level field and cannot be a sort_field).
     */
    public ListSpec<R> sortableOnly(String... apiNames) {
        this.sortable = java.util.Set.of(apiNames);
        return this;
    }

    public ListSpec<R> map(Function<Record, R> mapper) {
        this.mapper = mapper;
        return this;
    }

    /** The aliased columns of the API fields and extra columns, for callers that compose their own select. */
    public java.util.List<Field<?>> selectFields() {
        java.util.List<Field<?>> all = new java.util.ArrayList<>(fields.values());
        all.addAll(columns.values());
        return java.util.List.copyOf(all);
    }

    /** Maps a row that contains {@link #selectFields()} to the API record. */
    public R mapRecord(Record record) {
        return mapper.apply(record);
    }

    /** The declared filters and the customer scope applied to the call's parameters, AND {@code where}. */
    Condition condition(ListParams params, Condition where) {
        Filters declared = params.filters();
        filters.forEach(f -> f.accept(declared));
        if (strictMode) {
            declared.strictMode();
        }
        if (customerColumn != null) {
            CustomerScope.restrictedTo(ApiRequest.caller(params.request()))
                    .ifPresent(id -> declared.where(customerColumn.eq(id)));
        }
        return declared.condition().and(where);
    }

    Field<String> customerColumn() {
        if (customerColumn == null) {
            throw new IllegalStateException("ListSpec not customer-scoped");
        }
        return customerColumn;
    }

    TableLike<?> from() {
        return from;
    }

    Map<String, Field<?>> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** The sortable API fields and their columns. */
    Map<String, Field<?>> sortableFields() {
        if (sortable == null) {
            return fields();
        }
        Map<String, Field<?>> out = new LinkedHashMap<>();
        fields.forEach((name, field) -> {
            if (sortable.contains(name)) {
                out.put(name, field);
            }
        });
        return out;
    }

    List<Field<?>> defaultOrder() {
        return defaultOrder;
    }

    Field<?> id() {
        if (id == null) {
            throw new IllegalStateException("ListSpec without id");
        }
        return id;
    }

    /**
     * A look-up's statement as rendered once: its text around the placeholders, its parameters in binding order and
     * the position of the key's.
     */
    record Lookup(List<String> text, List<org.jooq.Param<?>> params, int keyIndex) {
    }

    /** Key and condition by identity: jOOQ's own equality renders both. */
    private record LookupKey(Field<?> key, Condition fixed) {
        @Override
        public boolean equals(Object other) {
            return other instanceof LookupKey that && that.key == key && that.fixed == fixed;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(key) + System.identityHashCode(fixed);
        }
    }

    /**
     * The rendered look-up of this key and constant condition. Keys are by identity, so a caller passing a new
     * condition at every call would fill the map: past {@link #MAX_LOOKUPS} the look-up is rendered and not kept.
     */
    Lookup lookup(Field<?> key, Condition fixed, java.util.function.Supplier<Lookup> render) {
        LookupKey lookupKey = new LookupKey(key, fixed);
        Lookup cached = lookups.get(lookupKey);
        if (cached != null) {
            return cached;
        }
        return lookups.size() < MAX_LOOKUPS ? lookups.computeIfAbsent(lookupKey, k -> render.get()) : render.get();
    }

    /** More look-ups of one spec than any caller has constant conditions for (a few each). */
    static final int MAX_LOOKUPS = 32;

    R map(Record record) {
        return mapper.apply(record);
    }
}
