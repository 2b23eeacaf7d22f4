package io.patron.audit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * After every Flyway migrate (each start, and the tests' clean start), puts the audit triggers on
 * every table of the schema that is not listed in {@link AuditedTables#UNAUDITED}. Done from Java
 * rather than in a migration so that a table added by a later migration is audited without anyone
 * remembering to, and because H2's trigger is a project class no migration may name.
 */
@Component
public class AuditTriggers implements Callback {

    private static final Logger log = LoggerFactory.getLogger(AuditTriggers.class);
    static final String H2_TRIGGER_PREFIX = "patron_audit_";
    static final List<String> POSTGRES_TRIGGERS = List.of("patron_audit_insert", "patron_audit_update",
            "patron_audit_delete");

    public AuditTriggers(ObjectProvider<Clock> clock) {
        AuditContext.useClock(clock::getObject);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public String getCallbackName() {
        return "patron-audit-triggers";
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            install(context.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not install the audit triggers", e);
        }
    }

    /** The audited tables of the connection's schema with their primary key columns (empty when it has none). */
    static Map<String, List<String>> auditedTables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, List<String>> tables = new TreeMap<>();
        try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rows.next()) {
                String table = rows.getString("TABLE_NAME");
                if (AuditedTables.audited(table)) {
                    tables.put(table, new ArrayList<>());
                }
            }
        }
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            Map<Short, String> keyColumns = new TreeMap<>();
            try (ResultSet keys = meta.getPrimaryKeys(null, schema, table.getKey())) {
                while (keys.next()) {
                    keyColumns.put(keys.getShort("KEY_SEQ"), keys.getString("COLUMN_NAME"));
                }
            }
            table.getValue().addAll(keyColumns.values());
        }
        return tables;
    }

    static boolean postgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    private void install(Connection connection) throws SQLException {
        Map<String, List<String>> tables = auditedTables(connection);
        boolean postgres = postgres(connection);
        try (Statement statement = connection.createStatement()) {
            if (postgres) {
                // nodes starting together: one installs, the next finds the triggers in place
                statement.execute("select pg_advisory_lock(hashtext('patron.audit_triggers'))");
            }
            try {
                installAll(connection, statement, tables, postgres);
            } finally {
                if (postgres) {
                    statement.execute("select pg_advisory_unlock(hashtext('patron.audit_triggers'))");
                }
            }
        }
    }

    private void installAll(Connection connection, Statement statement, Map<String, List<String>> tables,
                            boolean postgres) throws SQLException {
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            if (table.getValue().isEmpty()) {
                // the audit names a record by its primary key; AuditCoverageTest fails on such a table
                log.warn("Table {} has no primary key and is not audited", table.getKey());
                continue;
            }
            if (postgres) {
                installPostgres(connection, table.getKey(), table.getValue());
            } else {
                statement.execute("create trigger if not exists " + quote(H2_TRIGGER_PREFIX + table.getKey())
                        + " after insert, update, delete on " + quote(table.getKey())
                        + " for each row call '" + H2AuditTrigger.class.getName() + "'");
            }
        }
    }

    /**
     * The table's own audit functions and its statement triggers (db/vendor/postgresql V771, {@code audit_install}),
     * rewritten only where they differ from what is in place: no DDL, no lock on a table in use, when nothing changed.
     */
    private static void installPostgres(Connection connection, String table, List<String> keys) throws SQLException {
        try (PreparedStatement install = connection.prepareStatement("select audit_install(?, ?, ?)")) {
            install.setString(1, table);
            install.setArray(2, connection.createArrayOf("text", keys.toArray()));
            install.setArray(3, connection.createArrayOf("text",
                    new java.util.TreeSet<>(AuditedTables.secretColumns(table)).toArray()));
            install.execute();
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
