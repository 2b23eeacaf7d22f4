package io.patron.automation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import io.patron.common.Ids;
import io.patron.customer.CustomerProfiles;
import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;
import io.patron.jobs.CoordinatedJob;
import io.patron.loyalty.ExpiringPoints;

/**
 * Runs scenarios. A recorded event (from the outbox, after its commit) starts a run of every scenario it triggers
 * whose conditions the customer meets, once per scenario, customer and event; a coordinated job starts birthday
 * runs once a year. Another coordinated job (one node) carries out due runs step by step, each step in one
 * transaction with its record, unique per run and step: a repeat never runs a step twice. A failing step is
 * retried with backoff, then recorded failed; the run goes on and other runs are not held up.
 */
@Component
class ScenarioRunner implements DomainEventListener {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final int MAX_PASSES = 20;

    private final ScenarioRepository repository;
    private final EventService events;
    private final ScenarioConditions conditions;
    private final StepKinds steps;
    private final CustomerProfiles profiles;
    private final ExpiringPoints expiringPoints;
    private final AutomationProperties properties;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry metrics;

    ScenarioRunner(ScenarioRepository repository, EventService events, ScenarioConditions conditions, StepKinds steps,
                   CustomerProfiles profiles, ExpiringPoints expiringPoints, AutomationProperties properties,
                   TransactionTemplate transactions, JsonMapper json, Clock clock, MeterRegistry metrics) {
        this.expiringPoints = expiringPoints;
        this.repository = repository;
        this.events = events;
        this.conditions = conditions;
        this.steps = steps;
        this.profiles = profiles;
        this.properties = properties;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    private Scenario parse(ScenarioRepository.ScenarioRow row) {
        return Scenario.parse(row.id(), row.name(), json.readTree(row.definition()));
    }

    // --- starting runs ---

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventType.EVENT_RECORDED);
    }

    @Override
    public void onEvent(DomainEvent event) {
        String customerId = event.text("customer_id");
        if (customerId == null) {
            return;
        }
        // most recorded events (every engine event is one) start nothing: the event and its properties are read only
        // when a scenario listens to its type (type ids derive from text ids, AutomationProjectImport.typeId)
        String typeId = event.text("event_type_id");
        List<Scenario> listening = repository.active(Scenario.EVENT, Scenario.ABSENCE).stream().map(this::parse)
                .filter(s -> typeId == null || AutomationProjectImport.typeId(s.trigger().eventType()).equals(typeId))
                .toList();
        if (listening.isEmpty()) {
            return;
        }
        Optional<AutomationStep.TriggerEvent> trigger = events.triggerEvent(event.text("event_id"));
        if (trigger.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Scenario scenario : listening) {
            if (!trigger.get().eventType().equals(scenario.trigger().eventType())
                    || !conditions.hold(scenario, customerId, trigger.get())) {
                continue;
            }
            OffsetDateTime absentUntil = scenario.trigger().within() == null ? null
                    : trigger.get().createdAt().plus(scenario.trigger().within());
            OffsetDateTime dueAt = absentUntil == null ? now : absentUntil;
            if (repository.startRun(Ids.newId(), scenario.id(), customerId, "event:" + trigger.get().eventId(),
                    trigger.get().eventId(), dueAt, absentUntil, now)) {
                metrics.counter("patron.automation.runs", "scenario", scenario.id(), "outcome", "started").increment();
            }
        }
    }

    /** Birthday scenarios: on the customer's birthday (project calendar), from the scenario's time of day, once a year. */
    @CoordinatedJob(name = "automation.birthdays", every = "1m")
    void startBirthdayRuns() {
        startScheduledRuns(Scenario.BIRTHDAY, (scenario, day) -> "birthday:" + day.getYear(),
                (scenario, day, after) -> profiles.bornOn(day, after, properties.batchSize()));
    }

    /**
     * Scenarios {@code days_before} days before points expire: from the scenario's time of day, each customer holding
     * points of a lot that ends on that later day (project calendar), once per such day.
     */
    @CoordinatedJob(name = "automation.points-expiring", every = "1m")
    void startPointsExpiringRuns() {
        startScheduledRuns(Scenario.POINTS_EXPIRING,
                (scenario, day) -> "points_expiring:" + day.plusDays(scenario.trigger().daysBefore()),
                (scenario, day, after) -> {
                    OffsetDateTime from = day.plusDays(scenario.trigger().daysBefore()).atStartOfDay(clock.getZone())
                            .toOffsetDateTime();
                    OffsetDateTime to = day.plusDays(scenario.trigger().daysBefore() + 1L)
                            .atStartOfDay(clock.getZone()).toOffsetDateTime();
                    return expiringPoints.customersWithPointsEnding(from, to, after, properties.batchSize());
                });
    }

    /** Who a scheduled scenario is for on a day: a page of customer ids after {@code after} (null: the first). */
    private interface Audience {
        List<String> page(Scenario scenario, LocalDate day, String after);
    }

    /**
     * Starts the runs of the active scenarios of a schedule whose time of day has come: one per customer of the
     * audience who meets the conditions and has no run under the same key (the key makes a repeat start nothing).
     */
    private void startScheduledRuns(String schedule, java.util.function.BiFunction<Scenario, LocalDate, String> key,
                                    Audience audience) {
        LocalDateTime local = LocalDateTime.now(clock);
        List<ScenarioRepository.ScenarioRow> scheduled = transactions.execute(s -> repository.active(Scenario.SCHEDULE));
        for (ScenarioRepository.ScenarioRow row : scheduled) {
            Scenario scenario = parse(row);
            if (!schedule.equals(scenario.trigger().schedule())
                    || local.toLocalTime().isBefore(scenario.trigger().at())) {
                continue;
            }
            LocalDate day = local.toLocalDate();
            String runKey = key.apply(scenario, day);
            String after = null;
            List<String> page;
            do {
                String from = after;
                page = transactions.execute(s -> {
                    List<String> ids = audience.page(scenario, day, from);
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    for (String customerId : ids) {
                        if (conditions.hold(scenario, customerId, null)
                                && repository.startRun(Ids.newId(), scenario.id(), customerId, runKey, null, now, null, now)) {
                            metrics.counter("patron.automation.runs", "scenario", scenario.id(), "outcome", "started")
                                    .increment();
                        }
                    }
                    return ids;
                });
                after = page.isEmpty() ? null : page.getLast();
            } while (page.size() == properties.batchSize());
        }
    }

    // --- carrying runs out ---

    /** Carries out every due step of every due run; steps due at once (after a step without wait) follow in the same pass. */
    @CoordinatedJob(name = "automation.runs", every = "1s")
    void runDueSteps() {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<String> due = transactions.execute(s -> repository.due(OffsetDateTime.now(clock), properties.batchSize()));
            if (due.isEmpty()) {
                return;
            }
            for (String runId : due) {
                try {
                    transactions.executeWithoutResult(status -> runStep(runId, status));
                } catch (RuntimeException e) {
                    // the step's own failures are handled inside; this is the run's transaction failing (database)
                    log.warn("Run {} could not be advanced; tried again at the next pass", runId, e);
                }
            }
        }
    }

    private void runStep(String runId, org.springframework.transaction.TransactionStatus status) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ScenarioRepository.RunRow run = repository.lockDue(runId, now).orElse(null);
        if (run == null) {
            return;
        }
        Scenario scenario = repository.scenario(run.scenarioId()).map(this::parse).orElse(null);
        if (scenario == null) {
            repository.end(run.id(), ScenarioRepository.FAILED, "The scenario no longer exists", now);
            return;
        }
        AutomationStep.TriggerEvent event = run.triggerEventId() == null ? null
                : events.triggerEvent(run.triggerEventId()).orElse(null);
        if (run.absentUntil() != null) {
            if (event != null && events.happened(run.customerId(), scenario.trigger().unlessTypes(), event.createdAt(),
                    run.absentUntil())) {
                repository.end(run.id(), ScenarioRepository.SKIPPED, "An awaited event happened in time", now);
                metrics.counter("patron.automation.runs", "scenario", scenario.id(), "outcome", "skipped").increment();
                return;
            }
            repository.absenceChecked(run.id());
        }
        int index = run.nextStep();
        if (index >= scenario.steps().size()) {
            finish(run, scenario, index, now, now);
            return;
        }
        Scenario.Step step = scenario.steps().get(index);
        if (repository.stepRecorded(run.id(), index)) {
            // carried out already (its record committed with it): never again
            finish(run, scenario, index + 1, now, now);
            return;
        }
        int attempt = run.attempts() + 1;
        AutomationStep.StepResult result = null;
        Exception failure = null;
        // the step's own database work is undone alone when it fails; its failure is then recorded
        Object savepoint = status.createSavepoint();
        try {
            AutomationStep kind = steps.get(step.kind())
                    .orElseThrow(() -> new AutomationStep.PermanentFailure("no step kind " + step.kind()));
            result = kind.run(new AutomationStep.StepContext(run.id(), index, scenario.id(), run.customerId(),
                    step.settings(), event, now));
        } catch (Exception e) {
            failure = e;
        }
        if (failure == null) {
            status.releaseSavepoint(savepoint);
            OffsetDateTime next = result instanceof AutomationStep.StepResult.WaitUntil wait ? wait.until() : now;
            String detail = result instanceof AutomationStep.StepResult.Done done ? done.detail()
                    : "until " + io.patron.api.ApiTime.format(next.toInstant(), clock);
            repository.recordStep(run.id(), index, step.kind(), ScenarioRepository.DONE, detail, attempt, now);
            metrics.counter("patron.automation.steps", "kind", step.kind(), "outcome", "done").increment();
            finish(run, scenario, index + 1, next, now);
            return;
        }
        status.rollbackToSavepoint(savepoint);
        String error = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (failure instanceof AutomationStep.PermanentFailure || attempt >= properties.stepMaxAttempts()) {
            repository.recordStep(run.id(), index, step.kind(), ScenarioRepository.FAILED, error, attempt, now);
            metrics.counter("patron.automation.steps", "kind", step.kind(), "outcome", "failed").increment();
            log.warn("Step {} ({}) of run {} failed for good after {} attempts", index, step.kind(), run.id(), attempt);
            finish(run, scenario, index + 1, now, now);
        } else {
            // the stack trace is what an operator needs to tell a bug from an outage
            log.warn("Step {} ({}) of run {} failed (attempt {}); tried again later", index, step.kind(), run.id(),
                    attempt, failure);
            repository.retryLater(run.id(), attempt, now.plus(AutomationProperties.backoff(
                    properties.stepFirstRetryDelay(), properties.stepFirstRetryDelay().multipliedBy(64), attempt)),
                    error);
            metrics.counter("patron.automation.steps", "kind", step.kind(), "outcome", "retry").increment();
        }
    }

    /** Moves the run to step {@code next} due at {@code dueAt}; past the last step the run ends (failed if a step did). */
    private void finish(ScenarioRepository.RunRow run, Scenario scenario, int next, OffsetDateTime dueAt,
                        OffsetDateTime now) {
        boolean last = next >= scenario.steps().size();
        String end = last && repository.anyStepFailed(run.id()) ? ScenarioRepository.FAILED : ScenarioRepository.DONE;
        repository.advance(run.id(), next, dueAt, last, end, now);
        if (last) {
            metrics.counter("patron.automation.runs", "scenario", scenario.id(), "outcome", end).increment();
        }
    }
}
