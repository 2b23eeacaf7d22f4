package io.patron.audit;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.h2.api.Trigger;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit trigger of the embedded H2 database: the same rows as PostgreSQL's per-table audit functions
 * (V771's {@code audit_install}), written row by row, with the actor of the writing thread ({@link AuditContext}).
 * H2 stores this class's name with each trigger: renaming or moving it needs the triggers dropped first.
 */
public final class H2AuditTrigger implements Trigger {

    private String schema;
    private String table;
    private List<String> columns;
    private int[] keyPositions;
    private Set<String> secret;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
                     int type) throws SQLException {
        this.schema = schemaName;
        this.table = tableName;
        Map<Integer, String> byPosition = new TreeMap<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, schemaName, tableName, null)) {
            while (rows.next()) {
                byPosition.put(rows.getInt("ORDINAL_POSITION"), rows.getString("COLUMN_NAME"));
            }
        }
        columns = List.copyOf(byPosition.values());
        Map<Short, Integer> keys = new TreeMap<>();
        try (ResultSet rows = connection.getMetaData().getPrimaryKeys(null, schemaName, tableName)) {
            while (rows.next()) {
                keys.put(rows.getShort("KEY_SEQ"), columns.indexOf(rows.getString("COLUMN_NAME")));
            }
        }
        keyPositions = keys.values().stream().mapToInt(Integer::intValue).toArray();
        secret = AuditedTables.secretColumns(tableName);
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String operation;
        ObjectNode oldValues = null;
        ObjectNode newValues = null;
        if (oldRow == null) {
            operation = "insert";
            newValues = values(newRow, null);
        } else if (newRow == null) {
            operation = "delete";
            oldValues = values(oldRow, null);
        } else {
            operation = "update";
            List<Integer> changed = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if (!same(oldRow[i], newRow[i])) {
                    changed.add(i);
                }
            }
            if (changed.isEmpty()) {
                return; // written with the values it had
            }
            oldValues = values(oldRow, changed);
            newValues = values(newRow, changed);
        }
        AuditActor actor = AuditContext.actor();
        try (PreparedStatement insert = connection.prepareStatement("insert into \"" + schema + "\".audit_log"
                + " (changed_at, actor_type, actor_id, application_id, request_id, table_name, record_id, operation,"
                + " old_values, new_values) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, OffsetDateTime.ofInstant(AuditContext.clock().instant(), ZoneOffset.UTC));
            insert.setString(2, actor.type());
            insert.setString(3, actor.id());
            insert.setString(4, actor.application());
            insert.setString(5, actor.requestId());
            insert.setString(6, table);
            insert.setString(7, recordId(newRow != null ? newRow : oldRow));
            insert.setString(8, operation);
            insert.setString(9, oldValues == null ? null : oldValues.toString());
            insert.setString(10, newValues == null ? null : newValues.toString());
            insert.executeUpdate();
        }
    }

    private String recordId(Object[] row) {
        StringBuilder id = new StringBuilder();
        for (int position : keyPositions) {
            if (!id.isEmpty()) {
                id.append('/');
            }
            id.append(text(row[position]));
        }
        return id.toString();
    }

    /** The row as JSON: all non-null columns, or the given ones (nulls included); secrets masked. */
    private ObjectNode values(Object[] row, List<Integer> only) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            if (only == null ? row[i] == null : !only.contains(i)) {
                continue;
            }
            String column = columns.get(i);
            Object value = row[i];
            if (value == null) {
                json.putNull(column);
            } else if (secret.contains(column)) {
                json.put(column, AuditedTables.MASK);
            } else if (value instanceof BigDecimal number) {
                json.put(column, number);
            } else if (value instanceof Integer number) {
                json.put(column, number);
            } else if (value instanceof Long number) {
                json.put(column, number);
            } else if (value instanceof Boolean flag) {
                json.put(column, flag);
            } else {
                json.put(column, text(value));
            }
        }
        return json;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.deepEquals(a, b);
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? "[" + bytes.length + " bytes]" : String.valueOf(value);
    }
}
