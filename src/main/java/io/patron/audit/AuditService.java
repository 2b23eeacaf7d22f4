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

    /** One recorded write. {@code changes} maps each column to its value before and after. */
    public record AuditEntry(long auditId, String changedAt, String actorType, String actorId, String applicationId,
                             String requestId, String table, String recordId, String operation,
                             Map<String, Change> changes) {
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
            conditions.add(AuditRepository.byRecord(query.recordId()));
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
        List<AuditEntry> entries = repository.find(condition, count, offset).stream().map(this::entry).toList();
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

    private AuditEntry entry(AuditRepository.Row row) {
        JsonNode before = row.oldValues() == null ? JSON.createObjectNode() : JSON.readTree(row.oldValues());
        JsonNode after = row.newValues() == null ? JSON.createObjectNode() : JSON.readTree(row.newValues());
        Set<String> columns = new TreeSet<>(before.propertyNames());
        columns.addAll(after.propertyNames());
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String column : columns) {
            changes.put(column, new Change(before.path(column).isMissingNode() ? NullNode.getInstance() : before.get(column),
                    after.path(column).isMissingNode() ? NullNode.getInstance() : after.get(column)));
        }
        return new AuditEntry(row.id(), ApiTime.format(row.changedAt().toInstant(), clock), row.actorType(),
                row.actorId(), row.applicationId(), row.requestId(), row.tableName(), row.recordId(), row.operation(),
                changes);
    }
}
