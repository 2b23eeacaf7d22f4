package io.patron.automation;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.patron.engagement.MessageBodies;
import io.patron.engagement.MessageService;
import tools.jackson.databind.JsonNode;

/**
 * {@code { kind: send_message, message_template_id: ..., communication_channel_id: 1, message_data: {name: value} }}:
 * a message of one of the project's templates over one of its channels, as send-message would queue it — with the
 * template's consent rule, the customer's language and the channel's delivery and retries. The message is stored
 * in the run's transaction and delivered after it commits, so a step that ran is sent once.
 */
@Component
class SendMessageStep implements AutomationStep {

    private static final String KIND = "send_message";

    private final MessageService messages;

    SendMessageStep(MessageService messages) {
        this.messages = messages;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void check(JsonNode settings) {
        ServiceStepSupport.requiredText(KIND, settings, "message_template_id");
        JsonNode channel = settings.get("communication_channel_id");
        if (channel == null || !channel.isIntegralNumber()) {
            throw new IllegalArgumentException(KIND + ": communication_channel_id is required (1 email, 2 SMS, 4 push, 5 internal)");
        }
        JsonNode data = settings.get("message_data");
        if (data != null && !data.isObject()) {
            throw new IllegalArgumentException(KIND + ": message_data must map parameter names to texts");
        }
    }

    @Override
    public StepResult run(StepContext context) {
        JsonNode settings = context.settings();
        List<MessageBodies.Parameter> parameters = new ArrayList<>();
        JsonNode data = settings.get("message_data");
        if (data != null && data.isObject()) {
            data.properties().forEach(e -> parameters.add(new MessageBodies.Parameter(e.getKey(), e.getValue().asString())));
        }
        String messageId = ServiceStepSupport.refusalIsPermanent(KIND, () -> messages.send(new MessageBodies.Message(
                null, null, settings.get("message_template_id").asString(), context.customerId(), null, null, null,
                null, null, null, settings.get("communication_channel_id").asInt(), parameters, List.of(), null)));
        return StepResult.done("message " + messageId + " queued");
    }
}
