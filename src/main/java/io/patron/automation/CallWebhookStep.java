package io.patron.automation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code { kind: call_webhook, webhook: <endpoint id> }}: posts the run (scenario, customer, the event that started
 * it) to a configured webhook endpoint, signed like every webhook, with the run and step as {@code Patron-Webhook-Id}
 * so the receiver recognises a repeat. A failure (no answer, not 2xx) is retried by the run with backoff.
 */
@Component
class CallWebhookStep implements AutomationStep {

    private final WebhookRepository webhooks;
    private final WebhookClient client;
    private final EventService events;
    private final JsonMapper json;

    CallWebhookStep(WebhookRepository webhooks, WebhookClient client, EventService events, JsonMapper json) {
        this.webhooks = webhooks;
        this.client = client;
        this.events = events;
        this.json = json;
    }

    @Override
    public String kind() {
        return "call_webhook";
    }

    @Override
    public void check(JsonNode settings) {
        if (!settings.hasNonNull("webhook")) {
            throw new IllegalArgumentException("call_webhook: webhook (the id of a webhook endpoint) is required");
        }
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        String endpointId = context.settings().get("webhook").asString();
        WebhookRepository.Endpoint endpoint = webhooks.endpoint(endpointId)
                .orElseThrow(() -> new PermanentFailure("no active webhook endpoint " + endpointId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "scenario.step");
        body.put("scenario_id", context.scenarioId());
        body.put("run_id", context.runId());
        body.put("step", context.stepIndex());
        body.put("customer_id", context.customerId());
        if (context.event() != null) {
            events.webhookBody(context.event().eventId()).ifPresent(e -> body.put("event", e));
        }
        int status = client.post(endpoint.url(), endpoint.secret(), context.idempotencyKey(),
                json.writeValueAsString(body));
        if (status < 200 || status >= 300) {
            throw new IllegalStateException("The receiver answered " + status);
        }
        return StepResult.done("webhook " + endpointId + " answered " + status);
    }
}
