package io.patron.segment;

import jakarta.validation.constraints.NotBlank;

/** Request and response bodies of segments, segment groups and segment records. */
public final class SegmentBodies {

    private SegmentBodies() {
    }

    public record SegmentGroup(String segmentGroupId, String textId, String name, String note, String parentGroupId,
                               String lastChange) {
    }

    public record Segment(String segmentId, String name, String note, String segmentGroupId, String lastChange) {
    }

    public record SegmentRecord(String segmentId, String customerId, String createdAt, String lastChange) {
    }

    /** {@code POST /segments}; the priority is 0 to 100. */
    public record NewSegment(@NotBlank String name, String note, Integer priority) {
    }

    /** The body of add-customer and remove-customer. */
    public record CustomerRef(@NotBlank String customerId) {
    }
}
