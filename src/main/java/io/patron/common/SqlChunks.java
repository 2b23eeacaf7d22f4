package io.patron.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * How many rows one multi-row statement may carry. PostgreSQL takes a whole batch (1000 rows) in
 * one statement; jOOQ writes H2 upserts as a MERGE over a chain of UNION ALL selects, which H2's
 * parser follows recursively, so on H2 they go in slices small enough for its stack.
 */
public final class SqlChunks {

    private static final int H2_ROWS = 100;

    private SqlChunks() {
    }

    public static <T> List<List<T>> of(DSLContext dsl, Collection<T> rows) {
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
}
