package io.patron.segment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Imports segment groups and rule-based segments of the project file:
 * <pre>
 * segment_groups:
 *   - text_id: marketing               # the key; the id is derived from it
 *     name: { en: Marketing, cs: Marketing }
 *     note: Audiences of campaigns
 *     parent: null                     # text_id of a group listed before
 * segments:
 *   - text_id: newsletter_subscribers  # the key; the id is derived from it
 *     group: marketing
 *     name: { en: Newsletter subscribers }
 *     note: ...
 *     priority: 50                     # 0..100
 *     rule:                            # kind: ... items, combined with all / any / not
 *       all:
 *         - { kind: consent, consent_id: agreement_marketing_communication, value: 1 }
 *         - { kind: registered_within, days: 90 }
 * </pre>
 * The project file owns configured segments: a later import replaces their group, note, priority and rule (a
 * changed rule is evaluated again within minutes). A segment without a rule is static: its members are added and
 * removed through the API, like those of a segment created by {@code POST /segments}.
 */
@Component
class SegmentProjectImport implements ProjectImport {

    record GroupDefinition(String textId, Object name, String note, String parent) {
    }

    record SegmentDefinition(String textId, String group, Object name, String note, Integer priority, JsonNode rule) {
    }

    private final SegmentRepository repository;
    private final SegmentRules rules;
    private final Translations translations;
    private final PatronProperties settings;
    private final Clock clock;

    SegmentProjectImport(SegmentRepository repository, SegmentRules rules, Translations translations,
                         PatronProperties settings, Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.translations = translations;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 100; // after the properties and consents its rules name
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<GroupDefinition> groups = file.section("segment_groups", GroupDefinition.class);
        for (int i = 0; i < groups.size(); i++) {
            GroupDefinition group = groups.get(i);
            String where = "Section 'segment_groups' of " + file.location() + ", item " + (i + 1);
            if (blank(group.textId())) {
                throw new IllegalStateException(where + ": text_id is required");
            }
            String parentId = null;
            if (!blank(group.parent())) {
                parentId = repository.groupIdByTextId(group.parent()).orElseThrow(() ->
                        new IllegalStateException(where + ": no segment group " + group.parent() + " listed before"));
            }
            String id = Ids.stable("segment_group", group.textId());
            repository.upsertGroup(id, group.textId(), parentId, group.note(), now);
            translations.put(SegmentService.GROUP_NAME, id,
                    ProjectFile.texts(group.name() == null ? group.textId() : group.name(), settings.languages()));
        }
        List<SegmentDefinition> segments = file.section("segments", SegmentDefinition.class);
        for (int i = 0; i < segments.size(); i++) {
            SegmentDefinition segment = segments.get(i);
            String where = "Section 'segments' of " + file.location() + ", item " + (i + 1);
            if (blank(segment.textId())) {
                throw new IllegalStateException(where + ": text_id is required");
            }
            if (segment.priority() != null && (segment.priority() < 0 || segment.priority() > 100)) {
                throw new IllegalStateException(where + ": the priority must be between 0 and 100");
            }
            String groupId = null;
            if (!blank(segment.group())) {
                groupId = repository.groupIdByTextId(segment.group()).orElseThrow(() ->
                        new IllegalStateException(where + ": no segment group " + segment.group()));
            }
            String ruleJson = null;
            try {
                if (segment.rule() != null && !segment.rule().isNull()) {
                    ruleJson = rules.check(segment.rule(), now);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": rule: " + e.getMessage(), e);
            }
            String id = Ids.stable("segment", segment.textId());
            repository.upsertConfigured(id, segment.textId(), groupId, segment.note(), segment.priority(), ruleJson, now);
            translations.put(SegmentService.SEGMENT_NAME, id,
                    ProjectFile.texts(segment.name() == null ? segment.textId() : segment.name(), settings.languages()));
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
