package io.patron.automation;

import org.springframework.stereotype.Component;

import io.patron.loyalty.LedgerService;
import tools.jackson.databind.JsonNode;

/**
 * {@code { kind: assign_points, amount: 50, partner_id: ..., point_type_id: ..., note: ... }}: points for the
 * customer, as assign-points would give them (the partner is required; the default point type when none is named,
 * its pending period and expiry). The lot is written in the run's transaction, so a step that ran is never repeated.
 */
@Component
class AssignPointsStep implements AutomationStep {

    private static final String KIND = "assign_points";

    private final LedgerService ledger;

    AssignPointsStep(LedgerService ledger) {
        this.ledger = ledger;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void check(JsonNode settings) {
        ServiceStepSupport.requiredPositive(KIND, settings, "amount");
        ServiceStepSupport.requiredText(KIND, settings, "partner_id");
    }

    @Override
    public StepResult run(StepContext context) {
        JsonNode settings = context.settings();
        var amount = ServiceStepSupport.requiredPositive(KIND, settings, "amount");
        String lotId = ServiceStepSupport.refusalIsPermanent(KIND, () -> ledger.assignPoints(new LedgerService.Change(
                amount, context.customerId(), ServiceStepSupport.requiredText(KIND, settings, "partner_id"),
                ServiceStepSupport.optionalText(settings, "point_type_id"), null,
                note(context, ServiceStepSupport.optionalText(settings, "note")))));
        return StepResult.done(amount.toPlainString() + " points assigned (" + lotId + ")");
    }

    /** The note says which scenario gave the points, so the point history explains itself. */
    private static String note(StepContext context, String note) {
        return note != null ? note : "scenario " + context.scenarioId();
    }
}
