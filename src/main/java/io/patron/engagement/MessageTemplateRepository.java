package io.patron.engagement;

import static io.patron.db.Tables.MESSAGE_TEMPLATE;
import static io.patron.db.Tables.MESSAGE_TEMPLATE_CONTENT;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL of message templates and their language versions. */
@Repository
class MessageTemplateRepository {

    /** What sending needs of a template. */
    record Template(String id, String textId, String channelId, boolean consentFree, String sender,
                    String parametersJson, int state) {
    }

    record Content(String languageId, String subject, String htmlBody, String plainTextBody) {
    }

    private final DSLContext dsl;

    MessageTemplateRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Template> find(String id) {
        return dsl.selectFrom(MESSAGE_TEMPLATE).where(MESSAGE_TEMPLATE.ID.eq(id))
                .fetchOptional(r -> new Template(r.getId(), r.getTextId(), r.getCommunicationChannelId(),
                        r.getConsentFree(), r.getSender(), r.getParameters(), r.getState()));
    }

    /** The active template of the channel whose text id starts with the prefix (the first by text id). */
    Optional<Template> firstWithPrefix(String prefix, String channelId) {
        return dsl.select(MESSAGE_TEMPLATE.ID).from(MESSAGE_TEMPLATE)
                .where(MESSAGE_TEMPLATE.TEXT_ID.startsWith(prefix))
                .and(MESSAGE_TEMPLATE.COMMUNICATION_CHANNEL_ID.eq(channelId)).and(MESSAGE_TEMPLATE.STATE.eq(1))
                .orderBy(MESSAGE_TEMPLATE.TEXT_ID).limit(1)
                .fetchOptional(MESSAGE_TEMPLATE.ID).flatMap(this::find);
    }

    Optional<String> idOfTextId(String textId) {
        return dsl.select(MESSAGE_TEMPLATE.ID).from(MESSAGE_TEMPLATE).where(MESSAGE_TEMPLATE.TEXT_ID.eq(textId))
                .fetchOptional(MESSAGE_TEMPLATE.ID);
    }

    /** The template's versions by language. */
    Map<String, Content> contents(String templateId) {
        return dsl.selectFrom(MESSAGE_TEMPLATE_CONTENT)
                .where(MESSAGE_TEMPLATE_CONTENT.MESSAGE_TEMPLATE_ID.eq(templateId))
                .fetchMap(MESSAGE_TEMPLATE_CONTENT.LANGUAGE_ID, r -> new Content(r.getLanguageId(), r.getSubject(),
                        r.getHtmlBody(), r.getPlainTextBody()));
    }

    /** Writes a template as the project file defines it, replacing its language versions. */
    void upsert(String id, String textId, String name, String channelId, int groupId, boolean consentFree,
                String sender, String previewUrl, String iconUrl, String parametersJson, int state,
                Map<String, Content> contents, OffsetDateTime now) {
        var existing = dsl.selectFrom(MESSAGE_TEMPLATE).where(MESSAGE_TEMPLATE.ID.eq(id)).fetchOptional();
        boolean same = existing.isPresent() && existing.get().getTextId().equals(textId)
                && existing.get().getName().equals(name)
                && existing.get().getCommunicationChannelId().equals(channelId)
                && existing.get().getMessageTemplateGroupId() == groupId
                && existing.get().getConsentFree() == consentFree && existing.get().getSender().equals(sender)
                && java.util.Objects.equals(existing.get().getPreviewUrl(), previewUrl)
                && java.util.Objects.equals(existing.get().getIconUrl(), iconUrl)
                && existing.get().getParameters().equals(parametersJson) && existing.get().getState() == state
                && contents(id).equals(contents);
        if (same) {
            return;
        }
        if (existing.isEmpty()) {
            dsl.insertInto(MESSAGE_TEMPLATE)
                    .set(MESSAGE_TEMPLATE.ID, id).set(MESSAGE_TEMPLATE.TEXT_ID, textId)
                    .set(MESSAGE_TEMPLATE.NAME, name).set(MESSAGE_TEMPLATE.COMMUNICATION_CHANNEL_ID, channelId)
                    .set(MESSAGE_TEMPLATE.MESSAGE_TEMPLATE_GROUP_ID, groupId)
                    .set(MESSAGE_TEMPLATE.CONSENT_FREE, consentFree).set(MESSAGE_TEMPLATE.SENDER, sender)
                    .set(MESSAGE_TEMPLATE.PREVIEW_URL, previewUrl).set(MESSAGE_TEMPLATE.ICON_URL, iconUrl)
                    .set(MESSAGE_TEMPLATE.PARAMETERS, parametersJson).set(MESSAGE_TEMPLATE.STATE, state)
                    .set(MESSAGE_TEMPLATE.LAST_CHANGE, now)
                    .execute();
        } else {
            dsl.update(MESSAGE_TEMPLATE)
                    .set(MESSAGE_TEMPLATE.TEXT_ID, textId)
                    .set(MESSAGE_TEMPLATE.NAME, name).set(MESSAGE_TEMPLATE.COMMUNICATION_CHANNEL_ID, channelId)
                    .set(MESSAGE_TEMPLATE.MESSAGE_TEMPLATE_GROUP_ID, groupId)
                    .set(MESSAGE_TEMPLATE.CONSENT_FREE, consentFree).set(MESSAGE_TEMPLATE.SENDER, sender)
                    .set(MESSAGE_TEMPLATE.PREVIEW_URL, previewUrl).set(MESSAGE_TEMPLATE.ICON_URL, iconUrl)
                    .set(MESSAGE_TEMPLATE.PARAMETERS, parametersJson).set(MESSAGE_TEMPLATE.STATE, state)
                    .set(MESSAGE_TEMPLATE.LAST_CHANGE, now)
                    .where(MESSAGE_TEMPLATE.ID.eq(id))
                    .execute();
            dsl.deleteFrom(MESSAGE_TEMPLATE_CONTENT).where(MESSAGE_TEMPLATE_CONTENT.MESSAGE_TEMPLATE_ID.eq(id)).execute();
        }
        contents.values().forEach(c -> dsl.insertInto(MESSAGE_TEMPLATE_CONTENT)
                .set(MESSAGE_TEMPLATE_CONTENT.MESSAGE_TEMPLATE_ID, id)
                .set(MESSAGE_TEMPLATE_CONTENT.LANGUAGE_ID, c.languageId())
                .set(MESSAGE_TEMPLATE_CONTENT.SUBJECT, c.subject())
                .set(MESSAGE_TEMPLATE_CONTENT.HTML_BODY, c.htmlBody())
                .set(MESSAGE_TEMPLATE_CONTENT.PLAIN_TEXT_BODY, c.plainTextBody())
                .execute());
    }
}
