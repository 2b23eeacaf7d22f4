package io.patron.engagement;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.MESSAGE;
import static io.patron.db.Tables.MESSAGE_TEMPLATE;
import static io.patron.db.Tables.MESSAGE_TEMPLATE_CONTENT;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;

/** Reads of message templates and messages. */
@Service
@Transactional(readOnly = true)
public class MessageQueries {

    private final ListQueries lists;
    private final MessageRepository messages;
    private final JsonMapper json;
    private final Clock clock;
    private final ListSpec<MessageBodies.Message> messageSpec;

    MessageQueries(ListQueries lists, MessageRepository messages, JsonMapper json, Clock clock) {
        this.lists = lists;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
        this.messageSpec = messageSpec();
    }

    // --- templates ------------------------------------------------------------------------------

    private static Field<String> subject(Language language) {
        return DSL.coalesce(subjectIn(language.id()), subjectIn(language.fallback()),
                DSL.select(DSL.min(MESSAGE_TEMPLATE_CONTENT.SUBJECT)).from(MESSAGE_TEMPLATE_CONTENT)
                        .where(MESSAGE_TEMPLATE_CONTENT.MESSAGE_TEMPLATE_ID.eq(MESSAGE_TEMPLATE.ID)).asField(),
                DSL.inline(""));
    }

    private static Field<String> subjectIn(String language) {
        return DSL.select(MESSAGE_TEMPLATE_CONTENT.SUBJECT).from(MESSAGE_TEMPLATE_CONTENT)
                .where(MESSAGE_TEMPLATE_CONTENT.MESSAGE_TEMPLATE_ID.eq(MESSAGE_TEMPLATE.ID))
                .and(MESSAGE_TEMPLATE_CONTENT.LANGUAGE_ID.eq(language)).asField();
    }

    private ListSpec<MessageBodies.MessageTemplate> templateSpec(Language language) {
        return ListSpec.<MessageBodies.MessageTemplate>from(MESSAGE_TEMPLATE)
                .id("message_template_id", MESSAGE_TEMPLATE.ID)
                .field("consent_free_template", MESSAGE_TEMPLATE.CONSENT_FREE)
                .field("subject", subject(language))
                .field("sender", MESSAGE_TEMPLATE.SENDER)
                .field("name", MESSAGE_TEMPLATE.NAME, CONTAINS)
                .field("preview_url", MESSAGE_TEMPLATE.PREVIEW_URL)
                .field("icon_url", MESSAGE_TEMPLATE.ICON_URL)
                .field("message_template_group_id", MESSAGE_TEMPLATE.MESSAGE_TEMPLATE_GROUP_ID)
                .field("communication_channel_id", MESSAGE_TEMPLATE.COMMUNICATION_CHANNEL_ID, EQ)
                .field("last_change", ApiTime.local(MESSAGE_TEMPLATE.LAST_CHANGE, clock))
                .column("parameters", MESSAGE_TEMPLATE.PARAMETERS)
                .sortableOnly("message_template_id", "consent_free_template", "subject", "sender", "name",
                        "preview_url", "icon_url", "message_template_group_id", "communication_channel_id",
                        "last_change")
                .map(this::template);
    }

    private MessageBodies.MessageTemplate template(Record r) {
        java.util.Map<String, String> parameters = json.readValue(r.get("parameters", String.class),
                new TypeReference<java.util.TreeMap<String, String>>() { });
        return new MessageBodies.MessageTemplate(r.get("message_template_id", String.class),
                r.get("consent_free_template", Boolean.class), r.get("subject", String.class),
                r.get("sender", String.class), r.get("name", String.class), r.get("preview_url", String.class),
                r.get("icon_url", String.class), r.get("message_template_group_id", Integer.class),
                Integer.valueOf(r.get("communication_channel_id", String.class)),
                parameters.entrySet().stream().map(e -> new MessageBodies.Parameter(e.getKey(), e.getValue())).toList(),
                r.get("last_change", java.time.LocalDateTime.class));
    }

    public Page<MessageBodies.MessageTemplate> templates(ListParams params, Language language) {
        return lists.page(templateSpec(language), params, MESSAGE_TEMPLATE.STATE.eq(1));
    }

    public MessageBodies.MessageTemplate template(String id, Language language) {
        return lists.one(templateSpec(language), MESSAGE_TEMPLATE.ID.eq(id).and(MESSAGE_TEMPLATE.STATE.eq(1)))
                .orElseThrow(() -> ApiError.notFound("message-templates", id));
    }

    // --- messages -------------------------------------------------------------------------------

    private ListSpec<MessageBodies.Message> messageSpec() {
        return ListSpec.<MessageBodies.Message>from(MESSAGE)
                .id("message_id", MESSAGE.ID)
                .field("status", MESSAGE.STATUS)
                .field("message_template_id", MESSAGE.MESSAGE_TEMPLATE_ID)
                .field("customer_id", MESSAGE.CUSTOMER_ID, EQ)
                .field("contact", MESSAGE.CONTACT, io.patron.api.Filters.EQ_IGNORE_CASE)
                .field("title", MESSAGE.TITLE)
                .field("send_time", ApiTime.text(MESSAGE.SEND_TIME, clock))
                .field("communication_channel_id", MESSAGE.COMMUNICATION_CHANNEL_ID, EQ)
                .field("last_change", ApiTime.text(MESSAGE.LAST_CHANGE, clock))
                .column("message_data", MESSAGE.MESSAGE_DATA)
                .filters(f -> f
                        .custom("send_time_from", v -> timeBound(f, "send_time_from", v, true))
                        .custom("send_time_to", v -> timeBound(f, "send_time_to", v, false)))
                .customerScoped(MESSAGE.CUSTOMER_ID)
                .sortableOnly("message_id", "status", "message_template_id", "customer_id", "contact", "title",
                        "send_time", "communication_channel_id", "last_change")
                .map(this::message);
    }

    private Condition timeBound(io.patron.api.Filters filters, String name, String value, boolean from) {
        try {
            OffsetDateTime at = ApiTime.parseDateTime(value, clock.getZone()).atZone(clock.getZone())
                    .toOffsetDateTime();
            return from ? MESSAGE.SEND_TIME.ge(at) : MESSAGE.SEND_TIME.le(at);
        } catch (DateTimeParseException e) {
            filters.error(InvalidParam.of(name, Reason.INVALID_VALUE_FORMAT, value, ApiTime.DATE_TIME_FORMS));
            return DSL.noCondition();
        }
    }

    private MessageBodies.Message message(Record r) {
        String id = r.get("message_id", String.class);
        List<MessageBodies.Parameter> data = json.readValue(r.get("message_data", String.class),
                new TypeReference<List<MessageBodies.Parameter>>() { });
        List<MessageBodies.Attachment> attachments = messages.attachments(id).stream()
                .map(a -> new MessageBodies.Attachment(a.uploadMethod(),
                        "url".equals(a.uploadMethod()) ? a.sourceUrl()
                                : Base64.getEncoder().encodeToString(a.content()), null))
                .toList();
        return new MessageBodies.Message(id, r.get("status", Integer.class),
                r.get("message_template_id", String.class), r.get("customer_id", String.class),
                r.get("contact", String.class), r.get("title", String.class), r.get("send_time", String.class),
                null, null, null, Integer.valueOf(r.get("communication_channel_id", String.class)),
                data.isEmpty() ? null : data, attachments.isEmpty() ? null : attachments,
                r.get("last_change", String.class));
    }

    public Page<MessageBodies.Message> messages(ListParams params) {
        return lists.page(messageSpec, params);
    }

    /** One message; on the Customer API only one of the logged-in customer. */
    public MessageBodies.Message message(Caller caller, String id) {
        MessageBodies.Message found = lists.one(messageSpec, MESSAGE.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("messages", id));
        CustomerScope.requireAccess(caller, found.customerId(), "message_id");
        return found;
    }

    public MessageBodies.MessageDetail detail(Caller caller, String id) {
        MessageBodies.Message found = message(caller, id);
        MessageRepository.Bodies bodies = messages.bodies(id);
        List<MessageBodies.AttachmentFormat> formats = messages.attachments(id).stream()
                .map(a -> new MessageBodies.AttachmentFormat(a.contentType())).toList();
        return new MessageBodies.MessageDetail(
                bodies.plainTextBody() == null ? "" : bodies.plainTextBody(),
                bodies.htmlBody() == null ? "" : bodies.htmlBody(),
                formats.isEmpty() ? null : formats, ApiTime.local(bodies.lastChange(), clock));
    }
}
