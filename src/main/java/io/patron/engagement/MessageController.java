package io.patron.engagement;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Message templates and messages. */
@ApiController
class MessageController {

    private final MessageService messages;
    private final MessageQueries queries;

    MessageController(MessageService messages, MessageQueries queries) {
        this.messages = messages;
        this.queries = queries;
    }

    @GetMapping("/message-templates")
    Envelope templates(ListParams params, Language language) {
        return Envelope.list("message_templates", queries.templates(params, language));
    }

    @GetMapping("/message-templates/{message_template_id}")
    Envelope template(@PathVariable("message_template_id") String id, Language language) {
        return Envelope.of(queries.template(id, language));
    }

    @PostMapping("/messages/actions/send-message")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @OnlyIn(ApiInterface.ENTERPRISE)
    void send(@Valid @RequestBody MessageBodies.SendMessage body) {
        messages.send(body.message());
    }

    @GetMapping("/messages")
    Envelope messages(ListParams params) {
        return Envelope.list("messages", queries.messages(params));
    }

    @GetMapping("/messages/{message_id}")
    Envelope message(@PathVariable("message_id") String id, Caller caller) {
        return Envelope.of(queries.message(caller, id));
    }

    @GetMapping("/messages/{message_id}/detail")
    Envelope detail(@PathVariable("message_id") String id, Caller caller) {
        return Envelope.of(queries.detail(caller, id));
    }
}
