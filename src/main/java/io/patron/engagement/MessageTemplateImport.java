package io.patron.engagement;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import io.patron.api.Languages;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;

/**
 * Imports message templates; the project file owns them (every import applies them):
 * <pre>
 * message_templates:
 *   - text_id: welcome              # the key; the id is derived from it unless `id` is given
 *     name: Welcome e-mail
 *     communication_channel: email  # a channel's text id
 *     group: 2                      # 1 newsletter, 2 system, 3 other
 *     consent_free: true            # sent without a consent to the channel (system messages)
 *     sender: "Patron Club &lt;club@patron.local&gt;"
 *     parameters: { voucher_code: "" }   # the placeholders a send may fill, with default values
 *     content:                      # per language: Mustache sources; customer data is {{customer.first_name}}
 *       en: { subject: "Welcome, {{customer.first_name}}", html: "&lt;p&gt;...&lt;/p&gt;", text: "..." }
 * </pre>
 */
@Component
class MessageTemplateImport implements ProjectImport {

    record Version(String subject, String html, String text) {
    }

    record TemplateDefinition(String id, String textId, String name, String communicationChannel, Integer group,
                              Boolean consentFree, String sender, String previewUrl, String iconUrl,
                              Map<String, String> parameters, Integer state, Map<String, Version> content) {
    }

    private final MessageTemplateRepository repository;
    private final LookupQueries lookups;
    private final Languages languages;
    private final JsonMapper json;
    private final Clock clock;

    MessageTemplateImport(MessageTemplateRepository repository, LookupQueries lookups, Languages languages,
                          JsonMapper json, Clock clock) {
        this.repository = repository;
        this.lookups = lookups;
        this.languages = languages;
        this.json = json;
        this.clock = clock;
    }

    /** After the lookups (communication channels). */
    @Override
    public int order() {
        return 40;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<TemplateDefinition> templates = file.section("message_templates", TemplateDefinition.class);
        for (int i = 0; i < templates.size(); i++) {
            TemplateDefinition t = templates.get(i);
            String where = file.location() + ": message_templates[" + i + "]";
            if (t.textId() == null || t.textId().isBlank() || t.name() == null || t.sender() == null) {
                throw new IllegalStateException(where + ": text_id, name and sender are required");
            }
            String channelId = lookups.idOf(LookupKind.COMMUNICATION_CHANNELS, String.valueOf(t.communicationChannel()))
                    .orElseThrow(() -> new IllegalStateException(where + ": communication_channel '"
                            + t.communicationChannel() + "' is not a channel's text id"));
            int group = t.group() == null ? 2 : t.group();
            if (group < 1 || group > 3) {
                throw new IllegalStateException(where + ": group must be 1, 2 or 3");
            }
            if (t.content() == null || t.content().isEmpty()) {
                throw new IllegalStateException(where + ": content needs at least one language");
            }
            Map<String, MessageTemplateRepository.Content> contents = new LinkedHashMap<>();
            t.content().forEach((language, v) -> {
                String at = where + ".content." + language;
                if (!languages.isActive(language)) {
                    throw new IllegalStateException(at + ": not an active language of the project");
                }
                if (v == null || v.text() == null) {
                    throw new IllegalStateException(at + ": text (the plain text body) is required");
                }
                if ("1".equals(channelId) && (v.subject() == null || v.html() == null)) {
                    throw new IllegalStateException(at + ": an e-mail template needs a subject and an html body");
                }
                TemplateRenderer.check(v.subject(), at + ".subject");
                TemplateRenderer.check(v.html(), at + ".html");
                TemplateRenderer.check(v.text(), at + ".text");
                contents.put(language, new MessageTemplateRepository.Content(language, v.subject(), v.html(), v.text()));
            });
            Map<String, String> parameters = t.parameters() == null ? Map.of() : new java.util.TreeMap<>(t.parameters());
            String id = t.id() != null ? t.id() : Ids.stable("message_template", t.textId());
            repository.upsert(id, t.textId(), t.name(), channelId, group, Boolean.TRUE.equals(t.consentFree()),
                    t.sender(), t.previewUrl(), t.iconUrl(), json.writeValueAsString(parameters),
                    t.state() == null ? 1 : t.state(), contents, now);
        }
    }
}
