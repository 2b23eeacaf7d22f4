package io.patron.audit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;

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

    private static final Pattern WRITE = Pattern.compile("\\b(insert|update|delete|merge)\\b", Pattern.CASE_INSENSITIVE);
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
                    if (!applied && args[0] instanceof String sql && WRITE.matcher(sql).find()) {
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
