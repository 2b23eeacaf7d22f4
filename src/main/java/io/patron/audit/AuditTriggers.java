package io.patron.audit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
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
        Map<String, String> existing = postgres ? postgresTriggerArguments(connection) : Map.of();
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            if (table.getValue().isEmpty()) {
                // the audit names a record by its primary key; AuditCoverageTest fails on such a table
                log.warn("Table {} has no primary key and is not audited", table.getKey());
                continue;
            }
            if (postgres) {
                installPostgres(statement, existing, table.getKey(), table.getValue());
            } else {
                statement.execute("create trigger if not exists " + quote(H2_TRIGGER_PREFIX + table.getKey())
                        + " after insert, update, delete on " + quote(table.getKey())
                        + " for each row call '" + H2AuditTrigger.class.getName() + "'");
            }
        }
    }

    private static void installPostgres(Statement statement, Map<String, String> existing, String table,
                                        List<String> keys) throws SQLException {
        String keyArgument = String.join(",", keys);
        String secretArgument = String.join(",", new java.util.TreeSet<>(AuditedTables.secretColumns(table)));
        String arguments = "'" + keyArgument + "', '" + secretArgument + "'";
        for (String trigger : POSTGRES_TRIGGERS) {
            if ((keyArgument + "\u0000" + secretArgument).equals(existing.get(table + "." + trigger))) {
                continue; // in place with the same arguments: no DDL, no lock on a table in use
            }
            String event = switch (trigger) {
                case "patron_audit_insert" -> "insert on " + quote(table) + " referencing new table as new_rows";
                case "patron_audit_update" -> "update on " + quote(table)
                        + " referencing old table as old_rows new table as new_rows";
                default -> "delete on " + quote(table) + " referencing old table as old_rows";
            };
            statement.execute("create or replace trigger " + trigger + " after " + event
                    + " for each statement execute function audit_changes(" + arguments + ")");
        }
    }

    /** "table.trigger" → its arguments joined by NUL, for the audit triggers already in the schema. */
    private static Map<String, String> postgresTriggerArguments(Connection connection) throws SQLException {
        Map<String, String> arguments = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select c.relname, t.tgname, t.tgargs from pg_trigger t"
                     + " join pg_class c on c.oid = t.tgrelid where c.relnamespace = current_schema()::regnamespace"
                     + " and t.tgname like 'patron_audit_%'")) {
            while (rows.next()) {
                String args = new String(rows.getBytes(3), java.nio.charset.StandardCharsets.UTF_8);
                // tgargs ends each argument with a NUL
                arguments.put(rows.getString(1) + "." + rows.getString(2),
                        args.endsWith("\u0000") ? args.substring(0, args.length() - 1) : args);
            }
        }
        return arguments;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
