package io.patron.audit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands the actor of the current thread to PostgreSQL's audit triggers. Before the first statement
 * of a connection that may write (its SQL names insert, update, delete or merge: jOOQ's and
 * {@code BulkSql}'s plain SQL alike), it sets {@code patron.audit} for the transaction; a write in
 * autocommit mode gets it for the session, cleared when the connection goes back to the pool. Reads
 * pay nothing, a transaction that writes one round trip.
 */
final class PostgresAuditConnections extends DelegatingDataSource {

    private static final String[] WRITES = {"insert", "update", "delete", "merge"};
    private static final String SET = "select set_config('patron.audit', ?, ?)";

    PostgresAuditConnections(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return audited(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return audited(super.getConnection(username, password));
    }

    private static Connection audited(Connection connection) {
        return (Connection) Proxy.newProxyInstance(PostgresAuditConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Handler(connection));
    }

    /**
     * Whether the statement names one of the writing keywords as a whole word, in any case. A scan by hand: a
     * case-insensitive regular expression tried at every position of a read's long select list was a tenth of the
     * server's CPU for {@code GET /customers/{id}} (docs/performance.md, sixth sitting).
     */
    static boolean mayWrite(String sql) {
        int length = sql.length();
        for (int i = 0; i < length; i++) {
            char lower = (char) (sql.charAt(i) | 0x20); // the lower case of an ASCII letter; no other char becomes one
            if ((lower != 'i' && lower != 'u' && lower != 'd' && lower != 'm') || (i > 0 && wordChar(sql.charAt(i - 1)))) {
                continue;
            }
            for (String keyword : WRITES) {
                int end = i + keyword.length();
                if (end <= length && asciiIgnoringCase(sql, i, keyword) && (end == length || !wordChar(sql.charAt(end)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code keyword} (lower-case letters) stands at {@code from}, in either ASCII case. */
    private static boolean asciiIgnoringCase(String sql, int from, String keyword) {
        for (int k = 0; k < keyword.length(); k++) {
            char c = sql.charAt(from + k);
            if (c != keyword.charAt(k) && c != keyword.charAt(k) - ('a' - 'A')) {
                return false;
            }
        }
        return true;
    }

    private static boolean wordChar(char c) {
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The actor as the trigger reads it: type, id, application, request and time ({@code at}). */
    static String context(AuditActor actor) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", actor.type());
        json.put("id", actor.id());
        json.put("application", actor.application());
        json.put("request", actor.requestId());
        json.put("at", AuditContext.clock().instant().toString());
        return json.toString();
    }

    private static final class Handler implements InvocationHandler {

        private final Connection target;
        private boolean applied;
        private boolean forSession;

        Handler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement", "prepareCall" -> {
                    if (!applied && args[0] instanceof String sql && mayWrite(sql)) {
                        apply();
                    }
                }
                case "createStatement" -> {
                    if (!applied) {
                        apply(); // its SQL comes later: assume it writes
                    }
                }
                case "close" -> {
                    if (applied && forSession && !target.isClosed()) {
                        try (PreparedStatement clear = target.prepareStatement(SET)) {
                            clear.setString(1, "");
                            clear.setBoolean(2, false);
                            clear.execute();
                        }
                    }
                }
                default -> {
                }
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void apply() throws SQLException {
            applied = true;
            forSession = target.getAutoCommit();
            try (PreparedStatement set = target.prepareStatement(SET)) {
                set.setString(1, context(AuditContext.actor()));
                set.setBoolean(2, !forSession);
                set.execute();
            }
        }
    }
}
