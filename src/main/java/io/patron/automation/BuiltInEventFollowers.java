package io.patron.automation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.patron.reference.ReferenceCache;
import io.patron.segment.SegmentService;

/**
 * Whether anything follows the recorded events of a built-in type: an active scenario started by it, an active
 * webhook endpoint subscribed to it (or to {@code *}), or a rule-based segment over it. Only then does recording an
 * engine event announce it ({@code event.recorded}); otherwise it only goes into the customer's event history, since
 * nothing would use the delivery. Scenarios, webhooks and segment rules come from the project import only, so this
 * node answers from its memory of the imported configuration ({@link ReferenceCache}).
 */
@Component
class BuiltInEventFollowers {

    /** What every built-in type is followed by: a webhook endpoint of {@code *}. */
    private static final String ALL = "*";

    private final Supplier<Set<String>> followed;
    private final SegmentService segments;

    BuiltInEventFollowers(ScenarioRepository scenarios, WebhookRepository webhooks, SegmentService segments,
                          JsonMapper json, ReferenceCache cache) {
        this.segments = segments;
        this.followed = () -> cache.get("automation:built-in-event-followers", () -> {
            Set<String> textIds = new HashSet<>();
            // the trigger of an absence scenario starts it; its awaited types are read from the history when it is due
            scenarios.active(Scenario.EVENT, Scenario.ABSENCE).forEach(row ->
                    textIds.add(Scenario.parse(row.id(), row.name(), json.readTree(row.definition())).trigger().eventType()));
            webhooks.activeEndpoints().forEach(endpoint ->
                    textIds.addAll(json.readValue(endpoint.eventTypesJson(), new TypeReference<List<String>>() { })));
            textIds.remove(null);
            return Set.copyOf(textIds);
        });
    }

    /** Whether the recorded events of the built-in type (its text id, the engine event's name) are followed. */
    boolean followed(String textId) {
        Set<String> textIds = followed.get();
        return textIds.contains(ALL) || textIds.contains(textId)
                || segments.followsRecordedEvents(AutomationProjectImport.typeId(textId));
    }
}
