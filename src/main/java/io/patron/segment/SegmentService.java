package io.patron.segment;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.IN;
import static io.patron.db.Tables.SEGMENT;
import static io.patron.db.Tables.SEGMENT_GROUP;
import static io.patron.db.Tables.SEGMENT_MEMBER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.customer.CustomerService;
import io.patron.events.EventType;

/**
 * Segments through the API: reads of groups, segments and members (the Customer API sees only the logged-in
 * customer's memberships), creation of static segments and their members by hand. The members of a rule-based
 * segment follow its conditions only ({@link SegmentMembership}); adding or removing one by hand is refused.
 */
@Service
@Transactional
public class SegmentService {

    static final String GROUP_NAME = "segment_group.name";
    static final String SEGMENT_NAME = "segment.name";

    private final SegmentRepository repository;
    private final SegmentMembership membership;
    private final CustomerService customers;
    private final ListQueries lists;
    private final Translations translations;
    private final Clock clock;
    private final FollowedChanges followed;

    SegmentService(SegmentRepository repository, SegmentMembership membership, CustomerService customers,
                   ListQueries lists, Translations translations, Clock clock, FollowedChanges followed) {
        this.followed = followed;
        this.repository = repository;
        this.membership = membership;
        this.customers = customers;
        this.lists = lists;
        this.translations = translations;
        this.clock = clock;
    }

    private ListSpec<SegmentBodies.SegmentGroup> groupSpec(Language language) {
        Field<String> name = DSL.coalesce(Translations.text(GROUP_NAME, SEGMENT_GROUP.ID, language), SEGMENT_GROUP.TEXT_ID);
        return ListSpec.<SegmentBodies.SegmentGroup>from(SEGMENT_GROUP)
                .id("segment_group_id", SEGMENT_GROUP.ID)
                .field("text_id", SEGMENT_GROUP.TEXT_ID, IN)
                .field("name", name, CONTAINS)
                .field("note", SEGMENT_GROUP.NOTE)
                .field("parent_group_id", SEGMENT_GROUP.PARENT_GROUP_ID)
                .field("last_change", ApiTime.text(SEGMENT_GROUP.LAST_CHANGE, clock))
                .map(r -> r.into(SegmentBodies.SegmentGroup.class));
    }

    private ListSpec<SegmentBodies.Segment> segmentSpec(Language language) {
        return ListSpec.<SegmentBodies.Segment>from(SEGMENT)
                .id("segment_id", SEGMENT.ID)
                .field("name", Translations.text(SEGMENT_NAME, SEGMENT.ID, language))
                .field("note", SEGMENT.NOTE)
                .field("segment_group_id", SEGMENT.SEGMENT_GROUP_ID)
                .filter("segment_group_ids", SEGMENT.SEGMENT_GROUP_ID, IN)
                .field("last_change", ApiTime.text(SEGMENT.LAST_CHANGE, clock))
                .map(r -> r.into(SegmentBodies.Segment.class));
    }

    /**
     * Memberships, joined to their segment for the group filter; a Customer API caller sees only its own. The key
     * that keeps pages apart is the customer within one segment's records, the segment within one customer's.
     */
    private ListSpec<SegmentBodies.SegmentRecord> recordSpec(boolean ofOneSegment) {
        ListSpec<SegmentBodies.SegmentRecord> spec = ListSpec.<SegmentBodies.SegmentRecord>from(SEGMENT_MEMBER.join(SEGMENT)
                .on(SEGMENT.ID.eq(SEGMENT_MEMBER.SEGMENT_ID)));
        if (ofOneSegment) {
            spec.field("segment_id", SEGMENT_MEMBER.SEGMENT_ID).id("customer_id", SEGMENT_MEMBER.CUSTOMER_ID);
        } else {
            spec.id("segment_id", SEGMENT_MEMBER.SEGMENT_ID).field("customer_id", SEGMENT_MEMBER.CUSTOMER_ID);
        }
        return spec.field("created_at", ApiTime.text(SEGMENT_MEMBER.CREATED_AT, clock))
                .field("last_change", ApiTime.text(SEGMENT_MEMBER.LAST_CHANGE, clock))
                .filter("segment_group_ids", SEGMENT.SEGMENT_GROUP_ID, IN)
                .customerScoped(SEGMENT_MEMBER.CUSTOMER_ID)
                .map(r -> new SegmentBodies.SegmentRecord(r.get("segment_id", String.class),
                        r.get("customer_id", String.class), r.get("created_at", String.class),
                        r.get("last_change", String.class)));
    }

    @Transactional(readOnly = true)
    public Page<SegmentBodies.SegmentGroup> groups(ListParams params, Language language) {
        return lists.page(groupSpec(language), params);
    }

    @Transactional(readOnly = true)
    public SegmentBodies.SegmentGroup group(String id, Language language) {
        return lists.one(groupSpec(language), SEGMENT_GROUP.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("segment-groups", id));
    }

    @Transactional(readOnly = true)
    public Page<SegmentBodies.Segment> segments(ListParams params, Language language) {
        return lists.page(segmentSpec(language), params);
    }

    @Transactional(readOnly = true)
    public SegmentBodies.Segment segment(String id, Language language) {
        return lists.one(segmentSpec(language), SEGMENT.ID.eq(id)).orElseThrow(() -> ApiError.notFound("segments", id));
    }

    /** {@code GET /segments/{id}/segment-records}: the members, paged (a segment may hold millions). */
    @Transactional(readOnly = true)
    public Page<SegmentBodies.SegmentRecord> records(String segmentId, ListParams params) {
        requireSegment(segmentId);
        return lists.page(recordSpec(true), params, SEGMENT_MEMBER.SEGMENT_ID.eq(segmentId));
    }

    /** {@code GET /customers/{id}/segment-records}: the customer's memberships. */
    @Transactional(readOnly = true)
    public Page<SegmentBodies.SegmentRecord> customerRecords(String customerId, ListParams params) {
        return lists.customerPage(recordSpec(false), params, customerId, customers::exists);
    }

    /** {@code POST /segments}: a new, empty static segment; its name in the request's language. */
    public String create(SegmentBodies.NewSegment request, Language language) {
        if (request.priority() != null && (request.priority() < 0 || request.priority() > 100)) {
            throw ApiError.badRequest("priority", Reason.NOT_ALLOWED_VALUE, "The priority must be between 0 and 100");
        }
        String id = Ids.newId();
        repository.insertStatic(id, request.note(), request.priority(), OffsetDateTime.now(clock));
        translations.put(SEGMENT_NAME, id, Map.of(language.id(), request.name()));
        return id;
    }

    /** Whether the customer is a member of the segment now (false for an unknown segment or customer). */
    @Transactional(readOnly = true)
    public boolean isMember(String segmentId, String customerId) {
        return repository.isMember(segmentId, customerId);
    }

    /** add-customer: the customer becomes a member of the static segment (already one: nothing changes). */
    public void addCustomer(String segmentId, String customerId) {
        requireStatic(segmentId);
        requireCustomer(customerId);
        if (repository.insertMember(segmentId, customerId, OffsetDateTime.now(clock))) {
            membership.publish(EventType.SEGMENT_ENTERED, segmentId, customerId);
        }
    }

    /** remove-customer: the customer leaves the static segment (not a member: nothing changes). */
    public void removeCustomer(String segmentId, String customerId) {
        requireStatic(segmentId);
        requireCustomer(customerId);
        if (repository.deleteMembers(segmentId, java.util.List.of(customerId)) == 1) {
            membership.publish(EventType.SEGMENT_LEFT, segmentId, customerId);
        }
    }

    /** Locks the segment (adds and removes of one segment take turns) and refuses a rule-based one. */
    private void requireStatic(String segmentId) {
        SegmentRepository.RuleBased segment = repository.lock(segmentId)
                .orElseThrow(() -> ApiError.notFound("segments", segmentId));
        if (segment.ruleJson() != null) {
            throw ApiError.badRequest("segment_id", Reason.NOT_ALLOWED_VALUE,
                    "The segment is rule-based: its members follow its conditions and cannot be added or removed by hand");
        }
    }

    private void requireCustomer(String customerId) {
        if (!customers.exists(customerId)) {
            throw ApiError.badRequest("customer_id", Reason.NOT_FOUND, "No customer with this id");
        }
    }

    private void requireSegment(String segmentId) {
        if (!repository.exists(segmentId)) {
            throw ApiError.notFound("segments", segmentId);
        }
    }

    /** The segments the customer is a member of now (rewards limited to segments check it). */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public java.util.Set<String> segmentsOf(String customerId) {
        return repository.segmentsOf(customerId);
    }

    /** Which of the ids name segments (for records of other capabilities that reference segments). */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public java.util.Set<String> existingSegments(java.util.Collection<String> ids) {
        return repository.existingSegments(ids);
    }

    /**
     * Whether a rule-based segment depends on recorded events of the type (an {@code event_within} condition on it),
     * so that recording one must reach the segments. Answered from this node's copy of the configuration.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
    public boolean followsRecordedEvents(String eventTypeId) {
        return followed.get().recorded(eventTypeId);
    }
}
