package io.patron.segment;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/**
 * Segment groups, segments and segment records. Reads are open to both interfaces (segment records only the
 * caller's own on the Customer API); creating segments and changing members only to the Enterprise API.
 */
@ApiController
class SegmentController {

    private final SegmentService segments;

    SegmentController(SegmentService segments) {
        this.segments = segments;
    }

    @GetMapping("/segment-groups")
    Envelope groups(ListParams params, Language language) {
        return Envelope.list("segment_groups", segments.groups(params, language));
    }

    @GetMapping("/segment-groups/{segment_group_id}")
    Envelope group(@PathVariable("segment_group_id") String id, Language language) {
        return Envelope.of(segments.group(id, language));
    }

    @GetMapping("/segments")
    Envelope segments(ListParams params, Language language) {
        return Envelope.list("segments", segments.segments(params, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/segments")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody SegmentBodies.NewSegment body, Language language) {
        return Envelope.field("segment_id", segments.create(body, language));
    }

    @GetMapping("/segments/{segment_id}")
    Envelope segment(@PathVariable("segment_id") String id, Language language) {
        return Envelope.of(segments.segment(id, language));
    }

    @GetMapping("/segments/{segment_id}/segment-records")
    Envelope records(@PathVariable("segment_id") String id, ListParams params) {
        return Envelope.list("segment_records", segments.records(id, params));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/segments/{segment_id}/actions/add-customer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void addCustomer(@PathVariable("segment_id") String id, @Valid @RequestBody SegmentBodies.CustomerRef body) {
        segments.addCustomer(id, body.customerId());
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/segments/{segment_id}/actions/remove-customer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeCustomer(@PathVariable("segment_id") String id, @Valid @RequestBody SegmentBodies.CustomerRef body) {
        segments.removeCustomer(id, body.customerId());
    }

    @GetMapping("/customers/{customer_id}/segment-records")
    Envelope customerRecords(@PathVariable("customer_id") String customerId, ListParams params) {
        return Envelope.list("segment_records", segments.customerRecords(customerId, params));
    }
}
