package io.patron.segment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.patron.events.EventType;
import io.patron.reference.ReferenceCache;

/**
 * The changes of customers that the configured rule-based segments depend on, so that only those queue a refresh:
 * none without rule-based segments; otherwise a new customer (who may match any rule) and what the rules' condition
 * kinds are changed by. Rules come from the project import only, so this node answers from its memory of the imported
 * configuration ({@link ReferenceCache}).
 */
@Component
class FollowedChanges {

    /** The engine event types followed, and of recorded events the event type ids followed (any: all of them). */
    record Followed(Set<String> eventTypes, Set<String> recordedTypeIds, boolean anyRecorded) {

        boolean recorded(String eventTypeId) {
            return anyRecorded || eventTypeId != null && recordedTypeIds.contains(eventTypeId);
        }
    }

    private final Supplier<Followed> followed;

    FollowedChanges(SegmentRepository repository, SegmentRules rules, ReferenceCache cache) {
        this.followed = () -> cache.get("segment:followed-changes", () -> load(repository.ruleBased(), rules));
    }

    Followed get() {
        return followed.get();
    }

    private static Followed load(List<SegmentRepository.RuleBased> segments, SegmentRules rules) {
        if (segments.isEmpty()) {
            return new Followed(Set.of(), Set.of(), false);
        }
        Set<String> types = new HashSet<>();
        types.add(EventType.CUSTOMER_CREATED);
        Set<String> recordedTypeIds = new HashSet<>();
        String recordedPrefix = SegmentConditionKind.recorded("");
        boolean anyRecorded = false; // EVENT_RECORDED itself (not one type of it) stands for every recorded event
        for (SegmentRepository.RuleBased segment : segments) {
            for (String change : rules.changedBy(segment.ruleJson())) {
                if (change.startsWith(recordedPrefix)) {
                    types.add(EventType.EVENT_RECORDED);
                    recordedTypeIds.add(change.substring(recordedPrefix.length()));
                } else {
                    types.add(change);
                    anyRecorded |= change.equals(EventType.EVENT_RECORDED);
                }
            }
        }
        return new Followed(Set.copyOf(types), Set.copyOf(recordedTypeIds), anyRecorded);
    }
}
