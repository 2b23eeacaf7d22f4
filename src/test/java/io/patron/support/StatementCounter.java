package io.patron.support;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts the statements jOOQ runs on the calling thread while {@link #count} runs an action: what a test asserts
 * about the round trips of a service call. Statements of other threads (jobs, event deliveries) are not counted.
 * Registered as a listener of the test context's jOOQ configuration ({@link TestData.CleanStart}).
 */
public final class StatementCounter implements ExecuteListener {

    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

    /** How many statements {@code action} ran on this thread. */
    public static int count(Runnable action) {
        int[] count = {0};
        COUNT.set(count);
        try {
            action.run();
        } finally {
            COUNT.remove();
        }
        return count[0];
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        int[] count = COUNT.get();
        if (count != null) {
            count[0]++;
        }
    }
}
