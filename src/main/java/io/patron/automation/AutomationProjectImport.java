package io.patron.automation;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Imports the automation part of the project file: Patron's built-in event types, then
 * <pre>
 * event_groups:
 *   - { text_id: shopping_cart, name: { en: Shopping cart, cs: Nákupní košík } }
 * event_types:
 *   - text_id: cart_updated
 *     group: shopping_cart
 *     name: { en: Cart updated, cs: Změna košíku }
 *     icon_name: shopping_cart
 *     properties: [cart_value]      # event properties (properties section, owner: event)
 * scenarios: [...]                  # see {@link Scenario}
 * webhooks:
 *   - id: crm
 *     url: https://crm.example/patron-events
 *     secret_env: CRM_WEBHOOK_SECRET  # or secret: ... (sandbox and tests)
 *     event_types: ["*"]              # or text ids of event types
 * </pre>
 * Ids are derived from text ids, so every node and every start agrees on them.
 */
@Component
class AutomationProjectImport implements ProjectImport {

    record GroupDefinition(String textId, Object name, Integer state) {
    }

    record TypeDefinition(String textId, String group, Object name, String iconName, List<String> properties,
                          Integer state) {
    }

    record ScenarioDefinition(String id, Object name, Integer state, JsonNode trigger, JsonNode conditions,
                              JsonNode steps) {
    }

    record WebhookDefinition(String id, String url, String secret, String secretEnv, List<String> eventTypes,
                             Integer state) {
    }

    private final EventRepository events;
    private final ScenarioRepository scenarios;
    private final WebhookRepository webhooks;
    private final StepKinds steps;
    private final WebhookClient client;
    private final Translations translations;
    private final PatronProperties properties;
    private final JsonMapper json;

    AutomationProjectImport(EventRepository events, ScenarioRepository scenarios, WebhookRepository webhooks,
                            StepKinds steps, WebhookClient client, Translations translations,
                            PatronProperties properties, JsonMapper json) {
        this.events = events;
        this.scenarios = scenarios;
        this.webhooks = webhooks;
        this.steps = steps;
        this.client = client;
        this.translations = translations;
        this.properties = properties;
        this.json = json;
    }

    static String groupId(String textId) {
        return Ids.stable("event_group", textId);
    }

    static String typeId(String textId) {
        return Ids.stable("event_type", textId);
    }

    @Override
    public int order() {
        // after property definitions (event properties) and customers' reference data
        return 50;
    }

    @Override
    public void apply(ProjectFile file) {
        builtIns();
        int position = 0;
        for (GroupDefinition g : file.section("event_groups", GroupDefinition.class)) {
            require(g.textId(), "event_groups: text_id is required");
            events.upsertGroup(groupId(g.textId()), g.textId(), g.state() == null ? 1 : g.state(), ++position);
            translations.put("event_group.name", groupId(g.textId()),
                    ProjectFile.texts(g.name() == null ? g.textId() : g.name(), properties.languages()));
        }
        position = 0;
        for (TypeDefinition t : file.section("event_types", TypeDefinition.class)) {
            require(t.textId(), "event_types: text_id is required");
            require(t.group(), "event type " + t.textId() + ": group is required");
            if (!events.groupExists(groupId(t.group()))) {
                throw new IllegalStateException("event type " + t.textId() + ": no event group " + t.group());
            }
            String id = typeId(t.textId());
            events.upsertType(id, t.textId(), groupId(t.group()), t.iconName(), false,
                    t.state() == null ? 1 : t.state(), ++position);
            events.setTypeProperties(id, t.properties() == null ? List.of() : t.properties());
            translations.put("event_type.name", id,
                    ProjectFile.texts(t.name() == null ? t.textId() : t.name(), properties.languages()));
        }
        for (ScenarioDefinition s : file.section("scenarios", ScenarioDefinition.class)) {
            scenario(s);
        }
        for (WebhookDefinition w : file.section("webhooks", WebhookDefinition.class)) {
            webhook(w);
        }
    }

    private void builtIns() {
        String group = groupId(BuiltInEventTypes.GROUP);
        events.upsertGroup(group, BuiltInEventTypes.GROUP, 1, 0);
        translations.put("event_group.name", group, Map.of("en", "Patron engine", "cs", "Události Patronu"));
        int position = -1000;
        for (BuiltInEventTypes.BuiltIn b : BuiltInEventTypes.ALL.values()) {
            events.upsertType(typeId(b.textId()), b.textId(), group, b.icon(), true, 1, ++position);
            translations.put("event_type.name", typeId(b.textId()), Map.of("en", b.nameEn(), "cs", b.nameCs()));
        }
    }

    private void scenario(ScenarioDefinition s) {
        require(s.id(), "scenarios: id is required");
        var definition = json.createObjectNode();
        definition.set("trigger", s.trigger());
        definition.set("conditions", s.conditions() == null ? json.createArrayNode() : s.conditions());
        definition.set("steps", s.steps() == null ? json.createArrayNode() : s.steps());
        String name = s.name() == null ? s.id() : String.valueOf(s.name() instanceof Map<?, ?> m
                ? m.values().iterator().next() : s.name());
        Scenario scenario;
        try {
            scenario = Scenario.parse(s.id(), name, definition);
            for (Scenario.Step step : scenario.steps()) {
                steps.get(step.kind())
                        .orElseThrow(() -> new IllegalArgumentException("scenario " + s.id() + ": no step kind "
                                + step.kind() + " (known: " + steps.kinds() + ")"))
                        .check(step.settings());
            }
            List<String> types = new ArrayList<>();
            if (scenario.trigger().eventType() != null) {
                types.add(scenario.trigger().eventType());
            }
            if (scenario.trigger().unlessTypes() != null) {
                types.addAll(scenario.trigger().unlessTypes());
            }
            for (String type : types) {
                if (events.typeIdByTextId(type).isEmpty()) {
                    throw new IllegalArgumentException("scenario " + s.id() + ": no event type " + type);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Project file: " + e.getMessage(), e);
        }
        scenarios.upsert(s.id(), name.length() > 200 ? name.substring(0, 200) : name, scenario.trigger().kind(),
                json.writeValueAsString(definition), s.state() == null ? 1 : s.state());
    }

    private void webhook(WebhookDefinition w) {
        require(w.id(), "webhooks: id is required");
        require(w.url(), "webhook " + w.id() + ": url is required");
        String refusal = client.refusal(URI.create(w.url()));
        if (refusal != null) {
            throw new IllegalStateException("Project file: webhook " + w.id() + ": " + refusal);
        }
        String secret = w.secretEnv() != null ? System.getenv(w.secretEnv()) : w.secret();
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("Project file: webhook " + w.id()
                    + ": a secret of at least 16 characters is required (secret, or secret_env naming a variable)");
        }
        List<String> types = w.eventTypes() == null || w.eventTypes().isEmpty() ? List.of("*") : w.eventTypes();
        for (String type : types) {
            if (!type.equals("*") && events.typeIdByTextId(type).isEmpty()) {
                throw new IllegalStateException("Project file: webhook " + w.id() + ": no event type " + type);
            }
        }
        webhooks.upsertEndpoint(w.id(), w.url(), secret, json.writeValueAsString(types), w.state() == null ? 1 : w.state());
    }

    private static void require(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Project file: " + message);
        }
    }
}
