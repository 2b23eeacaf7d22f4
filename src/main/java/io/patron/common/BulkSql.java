package io.patron.common;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.SQLDialect;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * Whole-batch statements (batch synchronisation writes 1000 records per request in a handful of
 * statements). On PostgreSQL a batch is one statement over {@code unnest} of one array per column:
 * a few bind values, a tiny plan, no per-row parsing. Elsewhere (H2) the repositories write jOOQ
 * multi-row statements, in {@link #chunks} small enough for H2's parser, which follows a multi-row
 * MERGE recursively.
 */
public final class BulkSql {

    private static final int H2_ROWS = 100;

    private BulkSql() {
    }

    /** Whether the array form ({@link #execute}, {@link #query}) is available. */
    public static boolean arrays(DSLContext dsl) {
        return dsl.dialect().family() == SQLDialect.POSTGRES;
    }

    /**
     * Refreshes PostgreSQL's planner statistics of tables a bulk write just filled or emptied: until autovacuum's next
     * analyze (never, where it is off) the planner plans their queries as if they were as small as before. Does
     * nothing on other databases.
     */
    public static void analyze(DSLContext dsl, org.jooq.Table<?>... tables) {
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            dsl.execute("analyze " + String.join(", ", Arrays.stream(tables).map(org.jooq.Table::getName).toList()));
        }
    }

    /**
     * Vacuums and analyzes tables a rebuild just emptied and filled again (PostgreSQL): each rebuild leaves every
     * previous row dead, so where autovacuum is off (or slower than the rebuilds) the tables and their indexes grow
     * by a whole copy per rebuild, and every read by key wades through the dead versions (1,000,000 customers' scores:
     * 3 GB after three rebuilds, the rebuild itself 209 s to 490 s). Must run outside a transaction; on other
     * databases it does nothing.
     */
    public static void vacuumAnalyze(DSLContext dsl, org.jooq.Table<?>... tables) {
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            dsl.execute("vacuum (analyze) " + String.join(", ", Arrays.stream(tables).map(org.jooq.Table::getName).toList()));
        }
    }

    /**
     * Vacuums and analyzes each of the tables (PostgreSQL) that has more than {@code minDeadRows} dead row versions, and
     * returns the names of those it vacuumed. For queue tables, whose rows change state and whose partial indexes of
     * the few live entries fill with entries of dead versions until a vacuum: a scan of such an index then visits
     * every dead version's heap page. Autovacuum does this where it runs often enough; where it is off, or its
     * threshold is a fraction of a table that keeps its history, nothing else would. Must run outside a transaction;
     * does nothing on other databases.
     */
    public static List<String> vacuumWhenDead(DSLContext dsl, long minDeadRows, org.jooq.Table<?>... tables) {
        List<String> vacuumed = new ArrayList<>();
        if (dsl.dialect().family() != SQLDialect.POSTGRES) {
            return vacuumed;
        }
        for (org.jooq.Table<?> table : tables) {
            Long dead = dsl.resultQuery("select n_dead_tup from pg_stat_user_tables where schemaname = current_schema() "
                    + "and relname = ?", table.getName()).fetchOne(0, Long.class);
            if (dead != null && dead > minDeadRows) {
                vacuumAnalyze(dsl, table);
                vacuumed.add(table.getName());
            }
        }
        return vacuumed;
    }

    /**
     * Where autovacuum is off (PostgreSQL), analyzes the tables of the current schema changed since their last analyze
     * by more rows than autovacuum's default threshold would wait for (50 and a tenth of the table), and returns their
     * names. Without it the planner keeps the statistics of a table's first days, and every connection keeps the
     * generic plans it made from them: a lookup planned while {@code event} was empty stayed a sequential scan as
     * the table grew (docs/performance.md, fifth sitting). Where autovacuum runs, it does this itself.
     */
    public static List<String> analyzeWhereAutovacuumIsOff(DSLContext dsl) {
        if (dsl.dialect().family() != SQLDialect.POSTGRES
                || !"off".equals(dsl.resultQuery("select current_setting('autovacuum')").fetchOne(0, String.class))) {
            return List.of();
        }
        List<String> changed = dsl.resultQuery("select relname from pg_stat_user_tables where schemaname = current_schema() "
                + "and n_mod_since_analyze > 50 + 0.1 * n_live_tup order by relname").fetch(0, String.class);
        for (String table : changed) {
            dsl.execute("analyze " + DSL.name(table));
        }
        return changed;
    }

    /** The rows in slices that one multi-row statement of this database may carry. */
    public static <T> List<List<T>> chunks(DSLContext dsl, Collection<T> rows) {
        int size = dsl.dialect().family() == SQLDialect.H2 ? H2_ROWS : Math.max(1, rows.size());
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>(Math.min(size, rows.size()));
        for (T row : rows) {
            current.add(row);
            if (current.size() == size) {
                chunks.add(current);
                current = new ArrayList<>(size);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * Inserts new records in multi-row statements: one for the records that set the same columns (all of them,
     * as a repository builds them), in {@link #chunks}. Each row inserts the columns its record set, as
     * {@code executeInsert} would, the others taking their defaults. One statement, unlike a JDBC batch, is also
     * one audit row on PostgreSQL (a statement-level trigger) and one round trip on any database.
     */
    public static <R extends TableRecord<R>> void insert(DSLContext dsl, Collection<R> records) {
        Map<List<Field<?>>, List<R>> byColumns = new LinkedHashMap<>();
        for (R record : records) {
            List<Field<?>> columns = Arrays.stream(record.fields()).filter(record::changed).toList();
            byColumns.computeIfAbsent(columns, k -> new ArrayList<>()).add(record);
        }
        byColumns.forEach((columns, rows) -> {
            for (List<R> chunk : chunks(dsl, rows)) {
                InsertValuesStepN<R> insert = dsl.insertInto(chunk.getFirst().getTable()).columns(columns);
                for (R row : chunk) {
                    insert = insert.values(columns.stream().map(row::get).toList());
                }
                insert.execute();
            }
            rows.forEach(r -> r.changed(false));
        });
    }

    /**
     * {@code field = any(?)} with the ids bound as one typed array: the statement's text is the same for any number
     * of ids, so PostgreSQL parses and plans it once per connection instead of once per call ({@code in (?, ?, …)}
     * is a new statement for each length). H2 gets jOOQ's {@code unnest} of the array.
     */
    public static Condition anyOf(Field<String> field, Collection<String> ids) {
        return field.eq(DSL.any(DSL.val(ids.toArray(String[]::new), String[].class)));
    }

    /** A row of a {@link #query}. */
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /**
     * Runs a PostgreSQL statement on the transaction's connection. Parameters: {@code String[]},
     * {@code Integer[]} and {@code BigDecimal[]} are bound as arrays (write {@code ?::varchar[]} etc.
     * in the SQL), anything else as a single value.
     */
    public static int execute(DSLContext dsl, String sql, Object... parameters) {
        int[] count = new int[1];
        dsl.connection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                count[0] = statement.executeUpdate();
            }
        });
        return count[0];
    }

    /** Like {@link #execute}, for a query. */
    public static <T> List<T> query(DSLContext dsl, String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = new ArrayList<>();
        dsl.connection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                 ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
        });
        return rows;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                switch (value) {
                    case String[] strings -> statement.setArray(i + 1, connection.createArrayOf("varchar", strings));
                    case Integer[] integers -> statement.setArray(i + 1, connection.createArrayOf("int4", integers));
                    case BigDecimal[] decimals -> statement.setArray(i + 1, connection.createArrayOf("numeric", decimals));
                    case OffsetDateTime time -> statement.setObject(i + 1, time);
                    case null -> statement.setObject(i + 1, null);
                    default -> statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
