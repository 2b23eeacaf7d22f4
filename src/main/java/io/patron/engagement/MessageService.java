package io.patron.engagement;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Languages;
import io.patron.api.Reason;
import io.patron.common.Ids;
import io.patron.customer.CustomerContacts;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.reference.ChannelConsents;

/**
 * Sending messages: the template is rendered with the customer's data and the request's parameters and stored with
 * the message; delivery happens after commit from the outbox ({@link MessageDelivery}). A customer without a consent
 * covering the channel gets nothing: the message is stored with status 4 (no agreement) and never queued.
 */
@Service
@Transactional
public class MessageService {

    private final MessageTemplateRepository templates;
    private final MessageRepository messages;
    private final TemplateRenderer renderer;
    private final AttachmentFetcher attachments;
    private final Channels channels;
    private final CustomerContacts contacts;
    private final ChannelConsents channelConsents;
    private final Languages languages;
    private final DomainEvents events;
    private final JsonMapper json;
    private final Clock clock;

    MessageService(MessageTemplateRepository templates, MessageRepository messages, TemplateRenderer renderer,
                   AttachmentFetcher attachments, Channels channels, CustomerContacts contacts,
                   ChannelConsents channelConsents, Languages languages, DomainEvents events, JsonMapper json,
                   Clock clock) {
        this.templates = templates;
        this.messages = messages;
        this.renderer = renderer;
        this.attachments = attachments;
        this.channels = channels;
        this.contacts = contacts;
        this.channelConsents = channelConsents;
        this.languages = languages;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** {@code send-message}: returns the new message's id. */
    public String send(MessageBodies.Message request) {
        List<InvalidParam> errors = new ArrayList<>();
        String channelId = String.valueOf(request.communicationChannelId());
        Optional<MessageTemplateRepository.Template> template = templates.find(request.messageTemplateId())
                .filter(t -> t.state() == 1);
        if (template.isEmpty()) {
            errors.add(InvalidParam.of("message.message_template_id", Reason.NOT_FOUND, request.messageTemplateId(),
                    "No message template with this id"));
        } else if (!template.get().channelId().equals(channelId)) {
            errors.add(InvalidParam.of("message.communication_channel_id", Reason.NOT_ALLOWED_VALUE, channelId,
                    "The template is for communication channel " + template.get().channelId()));
        }
        channels.unavailable(channelId).ifPresent(problem -> errors.add(
                InvalidParam.of("message.communication_channel_id", Reason.NOT_ALLOWED_VALUE, channelId, problem)));
        Optional<CustomerContacts.Contact> customer = contacts.contact(request.customerId());
        if (customer.isEmpty()) {
            errors.add(InvalidParam.of("message.customer_id", Reason.NOT_FOUND, request.customerId(),
                    "No customer with this id"));
        }
        Map<String, String> parameters = template.map(t -> parameters(t, request.messageData(), errors))
                .orElse(Map.of());
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        String contact = recipient(channelId, request.contact(), customer.get());
        List<MessageRepository.StoredAttachment> files = new ArrayList<>();
        if (request.attachments() != null) {
            for (int i = 0; i < request.attachments().size(); i++) {
                files.add(attachments.fetch(request.attachments().get(i), i, "message.attachments"));
            }
        }
        return queue(template.get(), customer.get(), channelId, contact, parameters,
                request.messageData() == null ? List.of() : request.messageData(), files);
    }

    /**
     * Renders, stores and (with a consent or for a consent-free template) queues a message for a customer; for
     * capabilities that send messages themselves (automation). Returns the message id.
     */
    String queue(MessageTemplateRepository.Template template, CustomerContacts.Contact customer, String channelId,
                 String contact, Map<String, String> parameters, List<MessageBodies.Parameter> messageData,
                 List<MessageRepository.StoredAttachment> files) {
        Map<String, MessageTemplateRepository.Content> versions = templates.contents(template.id());
        MessageTemplateRepository.Content content = Optional.ofNullable(versions.get(customer.languageId()))
                .or(() -> Optional.ofNullable(versions.get(languages.defaultLanguage())))
                .orElseGet(() -> versions.values().iterator().next());
        TemplateRenderer.Rendered rendered = renderer.render(content, context(customer, parameters));
        boolean allowed = template.consentFree() || consented(customer, channelId);
        String id = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now(clock);
        messages.insert(id, customer.customerId(), template.id(), channelId, contact, content.languageId(),
                allowed ? MessageStatus.NOT_SENT : MessageStatus.NO_AGREEMENT, rendered,
                json.writeValueAsString(messageData), now);
        for (int i = 0; i < files.size(); i++) {
            messages.insertAttachment(id, i, files.get(i));
        }
        if (allowed) {
            events.publish(EventType.MESSAGE_QUEUED, id, Map.of("message_id", id, "customer_id",
                    customer.customerId(), "channel", channelId));
        }
        return id;
    }

    /**
     * Whether a message on the channel would go out to the customer (not consent-free): the same rule as
     * {@link #queue}'s; false for an unknown customer.
     */
    public boolean consentedTo(String customerId, String channelId) {
        return contacts.contact(customerId).map(customer -> consented(customer, channelId)).orElse(false);
    }

    /** A consent covering the channel, or the general consent to marketing communication. */
    private boolean consented(CustomerContacts.Contact customer, String channelId) {
        if (customer.agreed(CustomerContacts.MARKETING_CONSENT)) {
            return true;
        }
        Set<String> covering = channelConsents.covering(channelId);
        return covering.stream().anyMatch(customer::agreed);
    }

    /** The request's parameters over the template's defaults; a parameter the template does not declare is refused. */
    private Map<String, String> parameters(MessageTemplateRepository.Template template,
                                           List<MessageBodies.Parameter> data, List<InvalidParam> errors) {
        Map<String, String> values = new HashMap<>(json.readValue(template.parametersJson(),
                new TypeReference<Map<String, String>>() { }));
        if (data == null) {
            return values;
        }
        for (int i = 0; i < data.size(); i++) {
            MessageBodies.Parameter p = data.get(i);
            if (!values.containsKey(p.parameterName())) {
                errors.add(InvalidParam.of("message.message_data[" + i + "].parameter_name", Reason.NOT_ALLOWED_VALUE,
                        p.parameterName(), "The template has no parameter of this name"));
            } else {
                values.put(p.parameterName(), p.value());
            }
        }
        return values;
    }

    static Map<String, Object> context(CustomerContacts.Contact customer, Map<String, String> parameters) {
        Map<String, Object> person = new HashMap<>();
        person.put("customer_id", customer.customerId());
        person.put("salutation", customer.salutation());
        person.put("first_name", customer.firstName());
        person.put("last_name", customer.lastName());
        person.put("email", customer.email());
        person.put("phone", customer.phone());
        Map<String, Object> context = new LinkedHashMap<>(parameters);
        context.put("customer", person);
        return context;
    }

    /** Where the message goes: the request's contact, else the customer's email or phone as the channel needs. */
    private String recipient(String channelId, String requested, CustomerContacts.Contact customer) {
        if (requested != null && !requested.isBlank()) {
            return requested.trim();
        }
        if (channels.isInternal(channelId)) {
            return null;
        }
        String fallback = channels.isEmail(channelId) ? customer.email()
                : "4".equals(channelId) ? customer.customerId() : customer.phone();
        if (fallback == null || fallback.isBlank()) {
            throw ApiError.badRequest("message.contact", Reason.REQUIRED,
                    "The customer has no contact for this channel; name one in contact");
        }
        return fallback;
    }
}
