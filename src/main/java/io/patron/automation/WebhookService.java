package io.patron.automation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.patron.common.Ids;
import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;
import io.patron.jobs.CoordinatedJob;

/**
 * Webhooks: every recorded event (posted or built-in) is queued for the endpoints configured for its type, in the
 * transaction that receives it from the outbox; a coordinated job (one node) posts due deliveries, retries failures
 * with exponential backoff and keeps a delivery that failed {@code webhook-max-attempts} times as a dead letter an
 * operator can replay.
 */
@Component
class WebhookService implements DomainEventListener {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

    private final WebhookRepository repository;
    private final EventService events;
    private final WebhookClient client;
    private final AutomationProperties properties;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry metrics;

    WebhookService(WebhookRepository repository, EventService events, WebhookClient client,
                   AutomationProperties properties, TransactionTemplate transactions, JsonMapper json, Clock clock,
                   MeterRegistry metrics) {
        this.repository = repository;
        this.events = events;
        this.client = client;
        this.properties = properties;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventType.EVENT_RECORDED);
    }

    @Override
    public void onEvent(DomainEvent event) {
        String eventId = event.text("event_id");
        List<WebhookRepository.Endpoint> endpoints = repository.activeEndpoints();
        if (endpoints.isEmpty()) {
            return;
        }
        Optional<Map<String, Object>> body = events.webhookBody(eventId);
        if (body.isEmpty()) {
            return;
        }
        String type = (String) body.get().get("event_type");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", EventType.EVENT_RECORDED);
        payload.put("event", body.get());
        String text = json.writeValueAsString(payload);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (WebhookRepository.Endpoint endpoint : endpoints) {
            List<String> types = json.readValue(endpoint.eventTypesJson(), new TypeReference<List<String>>() { });
            if (types.contains("*") || types.contains(type)) {
                repository.enqueue(Ids.newId(), endpoint.id(), eventId, text, now);
            }
        }
    }

    /** Posts every due delivery, each in its own transaction holding its row. */
    @CoordinatedJob(name = "automation.webhooks", every = "1s")
    void sendDue() {
        List<String> due = transactions.execute(s -> repository.due(OffsetDateTime.now(clock), properties.batchSize()));
        for (String id : due) {
            transactions.executeWithoutResult(s -> repository.lockDue(id, OffsetDateTime.now(clock)).ifPresent(this::send));
        }
    }

    private void send(WebhookRepository.Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        Integer status = null;
        String error;
        try {
            status = client.post(delivery.url(), delivery.secret(), delivery.id(), delivery.payload());
            if (status >= 200 && status < 300) {
                repository.delivered(delivery.id(), attempt, status, OffsetDateTime.now(clock));
                metrics.counter("patron.automation.webhooks", "outcome", "delivered").increment();
                return;
            }
            error = "The receiver answered " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "Interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        OffsetDateTime next = attempt >= properties.webhookMaxAttempts() ? null : OffsetDateTime.now(clock)
                .plus(AutomationProperties.backoff(properties.webhookFirstRetryDelay(),
                        properties.webhookMaxRetryDelay(), attempt));
        repository.failed(delivery.id(), attempt, status, error, next);
        metrics.counter("patron.automation.webhooks", "outcome", next == null ? "dead" : "retry").increment();
        if (next == null) {
            log.warn("Webhook delivery {} to {} is a dead letter after {} attempts", delivery.id(),
                    delivery.endpointId(), attempt);
        }
    }
}
