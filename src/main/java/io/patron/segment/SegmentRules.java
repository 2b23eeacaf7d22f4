package io.patron.segment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the rule of a rule-based segment into one SQL condition. A rule is a condition item ({@code kind: ...} with
 * its parameters, see the {@link SegmentConditionKind} beans) or a combination: {@code all: [...]} (and),
 * {@code any: [...]} (or), {@code not: {...}}.
 */
@Component
class SegmentRules {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, SegmentConditionKind> kinds;

    SegmentRules(List<SegmentConditionKind> kinds) {
        this.kinds = kinds.stream().collect(Collectors.toMap(SegmentConditionKind::kind, Function.identity()));
    }

    /** The rule as stored JSON; throws IllegalArgumentException naming what is wrong with it. */
    String check(JsonNode rule, OffsetDateTime now) {
        condition(rule, DSL.field(DSL.name("customer_id"), String.class), now);
        return JSON.writeValueAsString(rule);
    }

    /** The condition of a stored rule about the customer in {@code customerId} at {@code now}. */
    Function<Field<String>, Condition> condition(String ruleJson, OffsetDateTime now) {
        JsonNode rule = JSON.readTree(ruleJson);
        return customerId -> condition(rule, customerId, now);
    }

    /**
     * The changes of a customer after which a stored rule may hold differently for them: what its condition items
     * are changed by ({@link SegmentConditionKind#changedBy}), whatever {@code all}, {@code any} or {@code not}
     * combines them.
     */
    Set<String> changedBy(String ruleJson) {
        Set<String> changes = new HashSet<>();
        collectChanges(JSON.readTree(ruleJson), changes);
        return changes;
    }

    private void collectChanges(JsonNode node, Set<String> changes) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (String combination : new String[] {"all", "any"}) {
            if (node.has(combination)) {
                node.get(combination).forEach(item -> collectChanges(item, changes));
                return;
            }
        }
        if (node.has("not")) {
            collectChanges(node.get("not"), changes);
            return;
        }
        JsonNode kind = node.get("kind");
        SegmentConditionKind handler = kind == null ? null : kinds.get(kind.asString());
        changes.addAll(handler == null ? SegmentConditionKind.ANY_CHANGE : handler.changedBy(node));
    }

    private Condition condition(JsonNode node, Field<String> customerId, OffsetDateTime now) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a rule item must be a map");
        }
        if (node.has("all") || node.has("any")) {
            boolean all = node.has("all");
            JsonNode items = node.get(all ? "all" : "any");
            if (node.size() != 1 || !items.isArray() || items.isEmpty()) {
                throw new IllegalArgumentException("'all' and 'any' take a non-empty list and nothing else");
            }
            List<Condition> conditions = new ArrayList<>();
            items.forEach(item -> conditions.add(condition(item, customerId, now)));
            return all ? DSL.and(conditions) : DSL.or(conditions);
        }
        if (node.has("not")) {
            if (node.size() != 1) {
                throw new IllegalArgumentException("'not' takes one rule item and nothing else");
            }
            return DSL.not(condition(node.get("not"), customerId, now));
        }
        JsonNode kind = node.get("kind");
        SegmentConditionKind handler = kind == null ? null : kinds.get(kind.asString());
        if (handler == null) {
            throw new IllegalArgumentException("unknown condition kind " + kind + "; one of " + kinds.keySet()
                    + ", or all/any/not");
        }
        return handler.condition(node, customerId, now);
    }
}
