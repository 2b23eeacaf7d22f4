package io.patron.automation;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;

import tools.jackson.databind.JsonNode;

import io.patron.customer.CustomerProfiles;

/**
 * {@code { kind: send_email, subject: {en: ..., cs: ...}, body: {en: ..., cs: ...} }}: an email to the customer
 * over SMTP, its subject and body Mustache templates in the customer's language (else the first one given) with
 * {@code customer.*} (first_name, last_name, email ...), {@code event.*} (properties, data) and {@code scenario_id}.
 * Until the messaging capability provides channels, email over SMTP is the one channel.
 */
@Component
class SendEmailStep implements AutomationStep {

    private static final Mustache.Compiler TEMPLATES = Mustache.compiler().defaultValue("").escapeHTML(false);

    private final ObjectProvider<JavaMailSender> mail;
    private final CustomerProfiles customers;
    private final AutomationProperties properties;

    SendEmailStep(ObjectProvider<JavaMailSender> mail, CustomerProfiles customers, AutomationProperties properties) {
        this.mail = mail;
        this.customers = customers;
        this.properties = properties;
    }

    @Override
    public String kind() {
        return "send_email";
    }

    @Override
    public void check(JsonNode settings) {
        for (String field : new String[] {"subject", "body"}) {
            JsonNode texts = settings.get(field);
            if (texts == null || !(texts.isString() || texts.isObject()) || texts.isEmpty() && texts.isObject()) {
                throw new IllegalArgumentException("send_email: " + field + " is required (a text or texts by language)");
            }
            for (JsonNode text : texts.isObject() ? texts.values() : java.util.List.of(texts)) {
                try {
                    TEMPLATES.compile(text.asString());
                } catch (MustacheException e) {
                    throw new IllegalArgumentException("send_email: " + field + " is not a valid template: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        CustomerProfiles.Profile customer = customers.profile(context.customerId())
                .orElseThrow(() -> new PermanentFailure("the customer no longer exists"));
        String email = customer.field("email");
        if (email == null || email.isBlank()) {
            throw new PermanentFailure("the customer has no email address");
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("No SMTP server is configured (spring.mail.host)");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("customer", customer.fields());
        model.put("scenario_id", context.scenarioId());
        if (context.event() != null) {
            Map<String, Object> event = new HashMap<>();
            event.put("event_id", context.event().eventId());
            event.put("event_type", context.event().eventType());
            event.put("properties", context.event().properties());
            event.put("data", context.event().data() == null ? null : context.event().data().toString());
            model.put("event", event);
        }
        String language = customer.field("language_id");
        String subject = TEMPLATES.compile(text(context.settings().get("subject"), language)).execute(model);
        String body = TEMPLATES.compile(text(context.settings().get("body"), language)).execute(model);
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(properties.mailFrom());
        helper.setTo(email);
        helper.setSubject(subject.strip());
        helper.setText(body);
        // the same on every attempt of this run and step, so a repeat after a crash can be recognised
        message.setHeader("X-Patron-Idempotency-Key", context.idempotencyKey());
        sender.send(message);
        return StepResult.done("email sent");
    }

    /** The text in the language, else the first one given. */
    private static String text(JsonNode texts, String language) {
        if (texts.isString()) {
            return texts.asString();
        }
        if (language != null && texts.hasNonNull(language)) {
            return texts.get(language).asString();
        }
        Iterator<JsonNode> all = texts.values().iterator();
        return all.next().asString();
    }
}
