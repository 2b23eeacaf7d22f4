package io.patron.automation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.InvalidParam;
import io.patron.api.Page;
import io.patron.api.Reason;

/** What operators see and do of automation: the run history of scenarios, webhook deliveries and replaying dead letters. */
@Service
@Transactional(readOnly = true)
public class AutomationAdmin {

    public record Run(String runId, String scenarioId, String customerId, String triggerKey, String triggerEventId,
                      String state, int nextStep, String dueAt, int attempts, String lastError, String startedAt,
                      String finishedAt, List<Step> steps) {
    }

    public record Step(int stepIndex, String kind, String outcome, String detail, int attempts, String finishedAt) {
    }

    public record Delivery(String deliveryId, String endpointId, String dedupeKey, String state, int attempts,
                           Integer lastStatus, String lastError, String nextAttemptAt, String createdAt,
                           String deliveredAt) {
    }

    private static final Set<String> RUN_STATES = Set.of(ScenarioRepository.WAITING, ScenarioRepository.DONE,
            ScenarioRepository.FAILED, ScenarioRepository.SKIPPED);
    private static final Set<String> DELIVERY_STATES = Set.of(WebhookRepository.PENDING, WebhookRepository.DELIVERED,
            WebhookRepository.DEAD);

    private final ScenarioRepository scenarios;
    private final WebhookRepository webhooks;
    private final Clock clock;

    AutomationAdmin(ScenarioRepository scenarios, WebhookRepository webhooks, Clock clock) {
        this.scenarios = scenarios;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Runs, newest first, with the steps they carried out; filters by scenario, customer and state. */
    public Page<Run> runs(String scenarioId, String customerId, String state, int count, int offset) {
        requireOneOf("state", state, RUN_STATES);
        List<ScenarioRepository.RunView> runs = scenarios.runs(scenarioId, customerId, state, count, offset);
        Map<String, List<ScenarioRepository.StepView>> steps = runs.isEmpty() ? Map.of()
                : scenarios.steps(runs.stream().map(ScenarioRepository.RunView::runId).toList()).stream()
                        .collect(Collectors.groupingBy(ScenarioRepository.StepView::runId));
        return new Page<>(runs.stream().map(r -> new Run(r.runId(), r.scenarioId(), r.customerId(), r.triggerKey(),
                r.triggerEventId(), r.state(), r.nextStep(), time(r.dueAt()), r.attempts(), r.lastError(),
                time(r.startedAt()), time(r.finishedAt()),
                steps.getOrDefault(r.runId(), List.of()).stream().map(s -> new Step(s.stepIndex(), s.kind(),
                        s.outcome(), s.detail(), s.attempts(), time(s.finishedAt()))).toList())).toList(),
                scenarios.countRuns(scenarioId, customerId, state));
    }

    /** Webhook deliveries, newest first; {@code state=dead} lists the dead letters. */
    public Page<Delivery> deliveries(String state, String endpointId, int count, int offset) {
        requireOneOf("state", state, DELIVERY_STATES);
        return new Page<>(webhooks.deliveries(state, endpointId, count, offset).stream()
                .map(d -> new Delivery(d.deliveryId(), d.endpointId(), d.dedupeKey(), d.state(), d.attempts(),
                        d.lastStatus(), d.lastError(), time(d.nextAttemptAt()), time(d.createdAt()),
                        time(d.deliveredAt()))).toList(),
                webhooks.countDeliveries(state, endpointId));
    }

    /** Puts a dead letter back into the queue, due now; 404 for an unknown delivery, 400 for one that is not dead. */
    @Transactional
    public void replay(String deliveryId) {
        if (!webhooks.replay(deliveryId, OffsetDateTime.now(clock))) {
            if (!webhooks.exists(deliveryId)) {
                throw ApiError.notFound("webhook-deliveries", deliveryId);
            }
            throw ApiError.badRequest("delivery_id", Reason.NOT_ALLOWED_VALUE, "Only dead letters can be replayed");
        }
    }

    private static void requireOneOf(String name, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw ApiError.badRequest(List.of(InvalidParam.of(name, Reason.NOT_ALLOWED_VALUE, value,
                    name + " must be one of " + allowed)));
        }
    }

    private String time(OffsetDateTime value) {
        return value == null ? null : ApiTime.format(value.toInstant(), clock);
    }
}
