package io.patron.support;

import java.util.ArrayList;
import java.util.List;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts the statements jOOQ runs on the calling thread while {@link #count} runs an action: what a test asserts
 * about the round trips of a service call. Statements of other threads (jobs, event deliveries) are not counted.
 * Registered as a listener of the test context's jOOQ configuration ({@link TestData.CleanStart}).
 */
public final class StatementCounter implements ExecuteListener {

    private static final ThreadLocal<List<String>> STATEMENTS = new ThreadLocal<>();

    /** How many statements {@code action} ran on this thread. */
    public static int count(Runnable action) {
        return statements(action).size();
    }

    /**
     * The SQL of the statements {@code action} ran on this thread, in order (a batch is one entry, its SQL
     * prefixed by the number of its statements): what a test prints when a count is over its bound.
     */
    public static List<String> statements(Runnable action) {
        List<String> statements = new ArrayList<>();
        STATEMENTS.set(statements);
        try {
            action.run();
        } finally {
            STATEMENTS.remove();
        }
        return statements;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        List<String> statements = STATEMENTS.get();
        if (statements != null) {
            String[] batch = ctx.batchSQL();
            statements.add(batch.length > 1 ? "[batch of " + batch.length + "] " + batch[0]
                    : ctx.sql() != null ? ctx.sql() : String.valueOf(ctx.query()));
        }
    }
}
