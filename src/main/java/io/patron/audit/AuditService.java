package io.patron.audit;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.Condition;
import org.springframework.stereotype.Service;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.InvalidParam;
import io.patron.api.Page;
import io.patron.api.Reason;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/** The audit as operators read it: by table and record, by actor, by time window. */
@Service
public class AuditService {

    /**
     * One recorded write: one statement of one transaction on one table. {@code recordCount} is the number of records
     * it changed; {@code records} the key and changes of each (of those matching the {@code record_id} filter, when
     * given). When one record is shown, {@code recordId} and {@code changes} repeat it, so an entry of a single
     * record reads as before.
     */
    public record AuditEntry(long auditId, String changedAt, String actorType, String actorId, String applicationId,
                             String requestId, String table, String recordId, String operation,
                             Map<String, Change> changes, int recordCount, List<AuditRecord> records) {
    }

    /** One record of an entry: its primary key and each changed column's value before and after. */
    public record AuditRecord(String recordId, Map<String, Change> changes) {
    }

    public record Change(JsonNode oldValue, JsonNode newValue) {
    }

    /** The filters of a search; null means "any". {@code from} and {@code to} are project-time datetimes. */
    public record Query(String table, String recordId, String actor, String from, String to) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditRepository repository;
    private final Clock clock;

    AuditService(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Page<AuditEntry> find(Query query, int count, int offset) {
        List<Condition> conditions = new ArrayList<>();
        List<InvalidParam> errors = new ArrayList<>();
        if (query.table() != null) {
            conditions.add(AuditRepository.byTable(query.table()));
        }
        if (query.recordId() != null) {
            conditions.add(repository.byRecord(query.recordId()));
        }
        if (query.actor() != null) {
            conditions.add(AuditRepository.byActor(query.actor()));
        }
        if (query.from() != null) {
            LocalDateTime from = dateTime("from", query.from(), errors);
            if (from != null) {
                conditions.add(AuditRepository.from(from.atZone(clock.getZone()).toOffsetDateTime()));
            }
        }
        if (query.to() != null) {
            LocalDateTime to = dateTime("to", query.to(), errors);
            if (to != null) {
                conditions.add(AuditRepository.to(to.atZone(clock.getZone()).toOffsetDateTime()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        Condition condition = AuditRepository.all(conditions);
        List<AuditEntry> entries = repository.find(condition, count, offset).stream()
                .map(row -> entry(row, query.recordId())).toList();
        long total = entries.size() < count && (offset == 0 || !entries.isEmpty())
                ? offset + entries.size() : repository.count(condition);
        return new Page<>(entries, total);
    }

    private static LocalDateTime dateTime(String param, String value, List<InvalidParam> errors) {
        try {
            return ApiTime.parseDateTime(value);
        } catch (DateTimeParseException e) {
            errors.add(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, value,
                    param + " must be YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS"));
            return null;
        }
    }

    private AuditEntry entry(AuditRepository.Row row, String onlyRecord) {
        List<AuditRecord> records = new ArrayList<>();
        if (row.recordKeys() == null) {
            records.add(new AuditRecord(row.recordId(), changes(json(row.oldValues()), json(row.newValues()))));
        } else {
            // a statement's entry: keys and values in the same order
            JsonNode before = json(row.oldValues());
            JsonNode after = json(row.newValues());
            for (int i = 0; i < row.recordKeys().length; i++) {
                String key = row.recordKeys()[i];
                if (onlyRecord == null || onlyRecord.equals(key)) {
                    records.add(new AuditRecord(key, changes(before.path(i), after.path(i))));
                }
            }
        }
        AuditRecord single = records.size() == 1 ? records.getFirst() : null;
        return new AuditEntry(row.id(), ApiTime.format(row.changedAt().toInstant(), clock), row.actorType(),
                row.actorId(), row.applicationId(), row.requestId(), row.tableName(),
                single == null ? null : single.recordId(), row.operation(), single == null ? null : single.changes(),
                row.recordCount(), records);
    }

    private static JsonNode json(String text) {
        return text == null ? JSON.createObjectNode() : JSON.readTree(text);
    }

    /** Column → value before and after, over the columns of either side (a missing or null side is null). */
    private static Map<String, Change> changes(JsonNode before, JsonNode after) {
        Set<String> columns = new TreeSet<>();
        if (before.isObject()) {
            columns.addAll(before.propertyNames());
        }
        if (after.isObject()) {
            columns.addAll(after.propertyNames());
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String column : columns) {
            changes.put(column, new Change(value(before, column), value(after, column)));
        }
        return changes;
    }

    private static JsonNode value(JsonNode values, String column) {
        return values.isObject() && values.has(column) ? values.get(column) : NullNode.getInstance();
    }
}
