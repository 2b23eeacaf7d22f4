package io.patron.automation;

import org.springframework.stereotype.Component;

import io.patron.reward.VoucherService;
import tools.jackson.databind.JsonNode;

/**
 * {@code { kind: issue_voucher, reward_id: ... }}: a voucher of the reward for the customer, free of points, with
 * the reward's limits and validity rule (a cash-desk reward has no vouchers and refuses). The voucher is written in
 * the run's transaction, so a redelivered event or a repeated pass never issues a second one.
 */
@Component
class IssueVoucherStep implements AutomationStep {

    private static final String KIND = "issue_voucher";

    private final VoucherService vouchers;

    IssueVoucherStep(VoucherService vouchers) {
        this.vouchers = vouchers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void check(JsonNode settings) {
        ServiceStepSupport.requiredText(KIND, settings, "reward_id");
    }

    @Override
    public StepResult run(StepContext context) {
        String rewardId = ServiceStepSupport.requiredText(KIND, context.settings(), "reward_id");
        String voucherId = ServiceStepSupport.refusalIsPermanent(KIND,
                () -> vouchers.issue(context.customerId(), rewardId, VoucherService.SOURCE_AUTOMATION));
        return StepResult.done("voucher " + voucherId + " issued");
    }
}
