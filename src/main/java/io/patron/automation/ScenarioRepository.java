package io.patron.automation;

import static io.patron.db.Tables.AUTOMATION_RUN;
import static io.patron.db.Tables.AUTOMATION_SCENARIO;
import static io.patron.db.Tables.AUTOMATION_STEP;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** SQL of scenarios, their runs and the steps runs carried out. */
@Repository
class ScenarioRepository {

    static final String WAITING = "waiting";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";

    /** A scenario as stored: its definition is JSON. */
    record ScenarioRow(String id, String name, String triggerKind, String definition) {
    }

    /** A run as the executor sees it. */
    record RunRow(String id, String scenarioId, String customerId, String triggerEventId, String state, int nextStep,
                  OffsetDateTime dueAt, OffsetDateTime absentUntil, int attempts, OffsetDateTime startedAt) {
    }

    private final DSLContext dsl;

    ScenarioRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void upsert(String id, String name, String triggerKind, String definition, int state) {
        if (dsl.update(AUTOMATION_SCENARIO).set(AUTOMATION_SCENARIO.NAME, name)
                .set(AUTOMATION_SCENARIO.TRIGGER_KIND, triggerKind).set(AUTOMATION_SCENARIO.DEFINITION, definition)
                .set(AUTOMATION_SCENARIO.STATE, state).where(AUTOMATION_SCENARIO.ID.eq(id)).execute() == 0) {
            dsl.insertInto(AUTOMATION_SCENARIO).set(AUTOMATION_SCENARIO.ID, id).set(AUTOMATION_SCENARIO.NAME, name)
                    .set(AUTOMATION_SCENARIO.TRIGGER_KIND, triggerKind)
                    .set(AUTOMATION_SCENARIO.DEFINITION, definition).set(AUTOMATION_SCENARIO.STATE, state).execute();
        }
    }

    /** The active scenarios with one of the trigger kinds. */
    List<ScenarioRow> active(String... triggerKinds) {
        return dsl.select(AUTOMATION_SCENARIO.ID, AUTOMATION_SCENARIO.NAME, AUTOMATION_SCENARIO.TRIGGER_KIND,
                        AUTOMATION_SCENARIO.DEFINITION)
                .from(AUTOMATION_SCENARIO)
                .where(AUTOMATION_SCENARIO.STATE.eq(1)).and(AUTOMATION_SCENARIO.TRIGGER_KIND.in(triggerKinds))
                .orderBy(AUTOMATION_SCENARIO.ID)
                .fetch(r -> new ScenarioRow(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    Optional<ScenarioRow> scenario(String id) {
        return dsl.select(AUTOMATION_SCENARIO.ID, AUTOMATION_SCENARIO.NAME, AUTOMATION_SCENARIO.TRIGGER_KIND,
                        AUTOMATION_SCENARIO.DEFINITION)
                .from(AUTOMATION_SCENARIO).where(AUTOMATION_SCENARIO.ID.eq(id))
                .fetchOptional(r -> new ScenarioRow(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * Starts a run unless the scenario already has one for the customer and trigger key (a redelivered event, a
     * second pass of the birthday job): true when this call started it.
     */
    boolean startRun(String id, String scenarioId, String customerId, String triggerKey, String triggerEventId,
                     OffsetDateTime dueAt, OffsetDateTime absentUntil, OffsetDateTime now) {
        // the look spares a write in the common case; the unique key decides between two that start at once
        if (dsl.fetchExists(AUTOMATION_RUN, AUTOMATION_RUN.SCENARIO_ID.eq(scenarioId)
                .and(AUTOMATION_RUN.CUSTOMER_ID.eq(customerId)).and(AUTOMATION_RUN.TRIGGER_KEY.eq(triggerKey)))) {
            return false;
        }
        return dsl.insertInto(AUTOMATION_RUN)
                .set(AUTOMATION_RUN.ID, id).set(AUTOMATION_RUN.SCENARIO_ID, scenarioId)
                .set(AUTOMATION_RUN.CUSTOMER_ID, customerId).set(AUTOMATION_RUN.TRIGGER_KEY, triggerKey)
                .set(AUTOMATION_RUN.TRIGGER_EVENT_ID, triggerEventId).set(AUTOMATION_RUN.STATE, WAITING)
                .set(AUTOMATION_RUN.NEXT_STEP, 0).set(AUTOMATION_RUN.DUE_AT, dueAt)
                .set(AUTOMATION_RUN.ABSENT_UNTIL, absentUntil).set(AUTOMATION_RUN.ATTEMPTS, 0)
                .set(AUTOMATION_RUN.STARTED_AT, now)
                .onConflict(AUTOMATION_RUN.SCENARIO_ID, AUTOMATION_RUN.CUSTOMER_ID, AUTOMATION_RUN.TRIGGER_KEY)
                .doNothing()
                .execute() == 1;
    }

    /** Ids of runs due now, oldest due first. */
    List<String> due(OffsetDateTime now, int limit) {
        return dsl.select(AUTOMATION_RUN.ID).from(AUTOMATION_RUN)
                .where(AUTOMATION_RUN.STATE.eq(WAITING)).and(AUTOMATION_RUN.DUE_AT.le(now))
                .orderBy(AUTOMATION_RUN.DUE_AT, AUTOMATION_RUN.ID).limit(limit)
                .fetch(AUTOMATION_RUN.ID);
    }

    /** Locks a run that is still due (skipping one another transaction holds), for the rest of the transaction. */
    Optional<RunRow> lockDue(String id, OffsetDateTime now) {
        return dsl.select(AUTOMATION_RUN.ID, AUTOMATION_RUN.SCENARIO_ID, AUTOMATION_RUN.CUSTOMER_ID,
                        AUTOMATION_RUN.TRIGGER_EVENT_ID, AUTOMATION_RUN.STATE, AUTOMATION_RUN.NEXT_STEP,
                        AUTOMATION_RUN.DUE_AT, AUTOMATION_RUN.ABSENT_UNTIL, AUTOMATION_RUN.ATTEMPTS,
                        AUTOMATION_RUN.STARTED_AT)
                .from(AUTOMATION_RUN)
                .where(AUTOMATION_RUN.ID.eq(id)).and(AUTOMATION_RUN.STATE.eq(WAITING))
                .and(AUTOMATION_RUN.DUE_AT.le(now))
                .forUpdate().skipLocked()
                .fetchOptional(r -> new RunRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8(), r.value9(), r.value10()));
    }

    void absenceChecked(String runId) {
        dsl.update(AUTOMATION_RUN).set(AUTOMATION_RUN.ABSENT_UNTIL, (OffsetDateTime) null)
                .where(AUTOMATION_RUN.ID.eq(runId)).execute();
    }

    /** Moves the run to its next step, due at {@code dueAt}; past the last step it ends. */
    void advance(String runId, int nextStep, OffsetDateTime dueAt, boolean last, String endState, OffsetDateTime now) {
        dsl.update(AUTOMATION_RUN)
                .set(AUTOMATION_RUN.NEXT_STEP, nextStep).set(AUTOMATION_RUN.ATTEMPTS, 0)
                .set(AUTOMATION_RUN.LAST_ERROR, (String) null)
                .set(AUTOMATION_RUN.DUE_AT, last ? null : dueAt)
                .set(AUTOMATION_RUN.STATE, last ? endState : WAITING)
                .set(AUTOMATION_RUN.FINISHED_AT, last ? now : null)
                .where(AUTOMATION_RUN.ID.eq(runId)).execute();
    }

    void end(String runId, String state, String detail, OffsetDateTime now) {
        dsl.update(AUTOMATION_RUN).set(AUTOMATION_RUN.STATE, state).set(AUTOMATION_RUN.DUE_AT, (OffsetDateTime) null)
                .set(AUTOMATION_RUN.LAST_ERROR, detail).set(AUTOMATION_RUN.FINISHED_AT, now)
                .where(AUTOMATION_RUN.ID.eq(runId)).execute();
    }

    /** A failed attempt of the current step: tried again at {@code retryAt}. */
    void retryLater(String runId, int attempts, OffsetDateTime retryAt, String error) {
        dsl.update(AUTOMATION_RUN).set(AUTOMATION_RUN.ATTEMPTS, attempts).set(AUTOMATION_RUN.DUE_AT, retryAt)
                .set(AUTOMATION_RUN.LAST_ERROR, error)
                .where(AUTOMATION_RUN.ID.eq(runId)).and(AUTOMATION_RUN.STATE.eq(WAITING)).execute();
    }

    boolean stepRecorded(String runId, int stepIndex) {
        return dsl.fetchExists(AUTOMATION_STEP, AUTOMATION_STEP.RUN_ID.eq(runId).and(AUTOMATION_STEP.STEP_INDEX.eq(stepIndex)));
    }

    boolean anyStepFailed(String runId) {
        return dsl.fetchExists(AUTOMATION_STEP, AUTOMATION_STEP.RUN_ID.eq(runId).and(AUTOMATION_STEP.OUTCOME.eq(FAILED)));
    }

    /** Records a step's outcome; the primary key (run, step) makes a second record of the same step fail. */
    void recordStep(String runId, int stepIndex, String kind, String outcome, String detail, int attempts,
                    OffsetDateTime now) {
        dsl.insertInto(AUTOMATION_STEP).set(AUTOMATION_STEP.RUN_ID, runId).set(AUTOMATION_STEP.STEP_INDEX, stepIndex)
                .set(AUTOMATION_STEP.KIND, kind).set(AUTOMATION_STEP.OUTCOME, outcome)
                .set(AUTOMATION_STEP.DETAIL, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000))
                .set(AUTOMATION_STEP.ATTEMPTS, attempts).set(AUTOMATION_STEP.FINISHED_AT, now).execute();
    }

    // --- history (operators) ---

    record RunView(String runId, String scenarioId, String customerId, String triggerKey, String triggerEventId,
                   String state, Integer nextStep, OffsetDateTime dueAt, Integer attempts, String lastError,
                   OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    record StepView(String runId, Integer stepIndex, String kind, String outcome, String detail, Integer attempts,
                    OffsetDateTime finishedAt) {
    }

    List<RunView> runs(String scenarioId, String customerId, String state, int count, int offset) {
        return dsl.select(AUTOMATION_RUN.ID, AUTOMATION_RUN.SCENARIO_ID, AUTOMATION_RUN.CUSTOMER_ID,
                        AUTOMATION_RUN.TRIGGER_KEY, AUTOMATION_RUN.TRIGGER_EVENT_ID, AUTOMATION_RUN.STATE,
                        AUTOMATION_RUN.NEXT_STEP, AUTOMATION_RUN.DUE_AT, AUTOMATION_RUN.ATTEMPTS,
                        AUTOMATION_RUN.LAST_ERROR, AUTOMATION_RUN.STARTED_AT, AUTOMATION_RUN.FINISHED_AT)
                .from(AUTOMATION_RUN).where(runFilter(scenarioId, customerId, state))
                .orderBy(AUTOMATION_RUN.STARTED_AT.desc(), AUTOMATION_RUN.ID).limit(count).offset(offset)
                .fetch(r -> new RunView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12()));
    }

    int countRuns(String scenarioId, String customerId, String state) {
        return dsl.fetchCount(AUTOMATION_RUN, runFilter(scenarioId, customerId, state));
    }

    private static Condition runFilter(String scenarioId, String customerId, String state) {
        return DSL.and(scenarioId == null ? DSL.noCondition() : AUTOMATION_RUN.SCENARIO_ID.eq(scenarioId),
                customerId == null ? DSL.noCondition() : AUTOMATION_RUN.CUSTOMER_ID.eq(customerId),
                state == null ? DSL.noCondition() : AUTOMATION_RUN.STATE.eq(state));
    }

    List<StepView> steps(List<String> runIds) {
        return dsl.select(AUTOMATION_STEP.RUN_ID, AUTOMATION_STEP.STEP_INDEX, AUTOMATION_STEP.KIND,
                        AUTOMATION_STEP.OUTCOME, AUTOMATION_STEP.DETAIL, AUTOMATION_STEP.ATTEMPTS,
                        AUTOMATION_STEP.FINISHED_AT)
                .from(AUTOMATION_STEP).where(AUTOMATION_STEP.RUN_ID.in(runIds))
                .orderBy(AUTOMATION_STEP.RUN_ID, AUTOMATION_STEP.STEP_INDEX)
                .fetch(r -> new StepView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7()));
    }
}
