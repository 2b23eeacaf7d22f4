package io.patron.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database of a test run: in-memory H2 in PostgreSQL mode by default, or the PostgreSQL at
 * 127.0.0.1:5432 (database {@code test}, schema {@code patron_test} or {@code -Dpatron.test.schema}) with {@code -Dpatron.test.db=postgres}.
 * Overridable with PATRON_TEST_PG_URL / _USER / _PASSWORD.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** The PostgreSQL schema of this run; parallel runs (several work trees) use different ones. */
    public static String schema() {
        return System.getProperty("patron.test.schema", "patron_test");
    }

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("patron.test.db", "h2"));
    }

    /** The database settings of this run, for an application context a test starts itself (a second node). */
    public static java.util.Map<String, Object> properties() {
        java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();
        register((name, value) -> properties.put(name, value.get()));
        return properties;
    }

    static void register(DynamicPropertyRegistry registry) {
        if (postgres()) {
            String url = env("PATRON_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema());
            registry.add("spring.datasource.username", () -> env("PATRON_TEST_PG_USER", "postgres"));
            registry.add("spring.datasource.password", () -> env("PATRON_TEST_PG_PASSWORD", ""));
            registry.add("spring.flyway.schemas", TestDatabase::schema);
        } else {
            registry.add("spring.datasource.url", () ->
                    "jdbc:h2:mem:patron;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            registry.add("spring.datasource.username", () -> "sa");
            registry.add("spring.datasource.password", () -> "");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
