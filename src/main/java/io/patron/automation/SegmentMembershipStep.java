package io.patron.automation;

import org.springframework.stereotype.Component;

import io.patron.segment.SegmentService;
import tools.jackson.databind.JsonNode;

/**
 * {@code { kind: add_to_segment, segment_id: ... }} and {@code { kind: remove_from_segment, segment_id: ... }}:
 * the customer enters or leaves a static segment, as add-customer and remove-customer would do it (a rule-based
 * segment refuses: its members follow its rule). Already a member (or not one): nothing changes.
 */
abstract sealed class SegmentMembershipStep implements AutomationStep
        permits SegmentMembershipStep.Add, SegmentMembershipStep.Remove {

    private final SegmentService segments;

    SegmentMembershipStep(SegmentService segments) {
        this.segments = segments;
    }

    @Override
    public void check(JsonNode settings) {
        ServiceStepSupport.requiredText(kind(), settings, "segment_id");
    }

    @Override
    public StepResult run(StepContext context) {
        String segmentId = ServiceStepSupport.requiredText(kind(), context.settings(), "segment_id");
        ServiceStepSupport.refusalIsPermanent(kind(), () -> {
            change(segments, segmentId, context.customerId());
            return null;
        });
        return StepResult.done(kind().replace('_', ' ') + " " + segmentId);
    }

    abstract void change(SegmentService segments, String segmentId, String customerId);

    @Component
    static final class Add extends SegmentMembershipStep {

        Add(SegmentService segments) {
            super(segments);
        }

        @Override
        public String kind() {
            return "add_to_segment";
        }

        @Override
        void change(SegmentService segments, String segmentId, String customerId) {
            segments.addCustomer(segmentId, customerId);
        }
    }

    @Component
    static final class Remove extends SegmentMembershipStep {

        Remove(SegmentService segments) {
            super(segments);
        }

        @Override
        public String kind() {
            return "remove_from_segment";
        }

        @Override
        void change(SegmentService segments, String segmentId, String customerId) {
            segments.removeCustomer(segmentId, customerId);
        }
    }
}
