package io.patron.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.common.PollingLoop;
import io.patron.customer.CustomerConditions;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.jobs.CoordinatedJob;

/**
 * Computes the members of rule-based segments in SQL and applies the difference: customers who now match enter
 * (a row and a {@code segment.entered} event), members who no longer match leave (the row goes, a
 * {@code segment.left} event); unchanged memberships are not touched. The same code serves a whole segment (in
 * chunks that each commit) and one customer after a change of theirs. Each application locks the rows of its
 * customers, so an evaluation never overwrites a newer one with a stale result.
 */
@Component
class SegmentMembership {

    private static final Logger log = LoggerFactory.getLogger(SegmentMembership.class);
    /** Customers whose membership one transaction of a whole evaluation changes. */
    static final int CHUNK = 1000;
    /** Changes of one evaluation after which the members' statistics are refreshed (see analyzeMembers). */
    static final int ANALYZE_AFTER = 10_000;
    /** How often every rule-based segment is evaluated over all customers (time-relative rules move on their own). */
    static final Duration FULL_EVALUATION = Duration.ofDays(1);

    /** What an evaluation changed. */
    record Change(int entered, int left) {
        Change plus(Change other) {
            return new Change(entered + other.entered, left + other.left);
        }
    }

    private final SegmentRepository repository;
    private final SegmentRules rules;
    private final CustomerConditions customers;
    private final DomainEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final java.util.concurrent.locks.ReentrantLock passes = new java.util.concurrent.locks.ReentrantLock();

    SegmentMembership(SegmentRepository repository, SegmentRules rules, CustomerConditions customers,
                      DomainEvents events, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.customers = customers;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Evaluates a rule-based segment over all customers: two set queries find who enters and who leaves, then the
     * changes are applied chunk by chunk, each chunk re-checked under its customers' locks and committed on its own.
     */
    Change evaluate(SegmentRepository.RuleBased segment) {
        long started = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Function<Field<String>, Condition> rule = rules.condition(segment.ruleJson(), now);
        Set<String> candidates = new LinkedHashSet<>(transactions.execute(status -> {
            repository.allowLargeHashes();
            // who matches and is not a member, then who is a member and does not match: two anti-joins
            List<String> changed = new ArrayList<>(repository.ids(customers.idsWhere(
                    id -> rule.apply(id).andNot(repository.member(segment.id(), id)))));
            changed.addAll(repository.membersWithout(segment.id(),
                    memberId -> customers.idsWhere(id -> rule.apply(id).and(id.eq(memberId)))));
            return changed;
        }));
        long found = System.nanoTime();
        Change total = new Change(0, 0);
        List<String> chunk = new ArrayList<>(CHUNK);
        for (String customerId : candidates) {
            chunk.add(customerId);
            if (chunk.size() == CHUNK) {
                total = total.plus(applyInTransaction(segment.id(), chunk, now));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            total = total.plus(applyInTransaction(segment.id(), chunk, now));
        }
        transactions.executeWithoutResult(status -> repository.markEvaluated(segment.id(), segment.ruleJson(), now));
        log.info("Segment {}: set queries {} ms, {} changes applied in {} ms", segment.id(),
                (found - started) / 1_000_000, candidates.size(), (System.nanoTime() - found) / 1_000_000);
        if (candidates.size() >= ANALYZE_AFTER) {
            repository.analyzeMembers();
        }
        return total;
    }

    private Change applyInTransaction(String segmentId, List<String> customerIds, OffsetDateTime now) {
        return transactions.execute(status -> {
            customers.lock(customerIds);
            return repository.ruleBasedSegment(segmentId).map(segment -> apply(segment, customerIds, now))
                    .orElse(new Change(0, 0));
        });
    }

    /**
     * Re-evaluates the customers' memberships of every rule-based segment, in the caller's transaction, which locks
     * them (in id order, as every customer lock is taken). Two statements answer for all segments and customers at
     * once: one finds whom each rule selects among them (a branch per segment), one which memberships they hold; the
     * refresh after a burst of changes costs hardly more than after one.
     */
    Change refreshCustomers(Collection<String> customerIds) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        customers.lock(customerIds);
        List<SegmentRepository.RuleBased> segments = repository.ruleBased();
        if (segments.isEmpty()) {
            return new Change(0, 0);
        }
        Map<String, Set<String>> matching = repository.labelledIds(segments.stream()
                .map(segment -> customers.labelledIdsWhere(segment.id(), among(segment, customerIds, now)))
                .toList());
        Map<String, Set<String>> current = repository.membershipsAmong(customerIds);
        Change total = new Change(0, 0);
        for (SegmentRepository.RuleBased segment : segments) {
            total = total.plus(applyDifference(segment.id(), matching.getOrDefault(segment.id(), Set.of()),
                    current.getOrDefault(segment.id(), Set.of()), now));
        }
        return total;
    }

    /**
     * Applies the rule to these customers (in the current transaction, which holds their locks: an evaluation of the
     * same customers waits, so a stale result never overwrites a newer one, while other customers go on in parallel).
     */
    private Change apply(SegmentRepository.RuleBased segment, Collection<String> customerIds, OffsetDateTime now) {
        Set<String> matching = new HashSet<>(repository.ids(customers.idsWhere(among(segment, customerIds, now))));
        Set<String> current = repository.membershipsAmong(customerIds).getOrDefault(segment.id(), Set.of());
        return applyDifference(segment.id(), matching, current, now);
    }

    /** The segment's rule, restricted to these customers. */
    private Function<Field<String>, Condition> among(SegmentRepository.RuleBased segment,
                                                     Collection<String> customerIds, OffsetDateTime now) {
        Function<Field<String>, Condition> rule = rules.condition(segment.ruleJson(), now);
        return id -> rule.apply(id).and(id.in(customerIds));
    }

    /** Customers who match and are not members enter, members who no longer match leave; each change is an event. */
    private Change applyDifference(String segmentId, Set<String> matching, Set<String> current, OffsetDateTime now) {
        List<String> entering = matching.stream().filter(id -> !current.contains(id)).sorted().toList();
        List<String> leaving = current.stream().filter(id -> !matching.contains(id)).sorted().toList();
        repository.insertMembers(segmentId, entering, now);
        repository.deleteMembers(segmentId, leaving);
        events.publishAll(EventType.SEGMENT_ENTERED, pending(segmentId, entering));
        events.publishAll(EventType.SEGMENT_LEFT, pending(segmentId, leaving));
        return new Change(entering.size(), leaving.size());
    }

    void publish(String type, String segmentId, String customerId) {
        events.publish(type, customerId, payload(segmentId, customerId));
    }

    private static List<DomainEvents.Pending> pending(String segmentId, List<String> customerIds) {
        return customerIds.stream().map(id -> new DomainEvents.Pending(id, payload(segmentId, id))).toList();
    }

    /** The event is about the customer (its aggregate), and names the segment. */
    private static Map<String, String> payload(String segmentId, String customerId) {
        return Map.of("segment_id", segmentId, "customer_id", customerId);
    }

    /**
     * The daily pass: evaluates each rule-based segment whose last whole evaluation is a day old (time-relative
     * rules such as "registered in the last 90 days" change without any event), and within minutes one that is new
     * or whose rule changed.
     */
    @CoordinatedJob(name = "segments.evaluate", every = "5m", lease = "10m")
    void evaluateDue() {
        evaluateAll(OffsetDateTime.now(clock).minus(FULL_EVALUATION));
    }

    /**
     * At start, segments the project file just configured (never evaluated) get their members at once rather than
     * at the job's first run. Several nodes starting together may each do it: evaluations are idempotent.
     */
    @EventListener(ApplicationReadyEvent.class)
    void evaluateNewAtStart() {
        Thread.ofVirtual().name("segments-first-evaluation").start(() -> {
            try {
                // never during a data reset (sandbox, tests): it would write members of the old data into the new
                PollingLoop.runAsPoll(() -> evaluateAll(null));
            } catch (RuntimeException e) {
                log.warn("First evaluation of new segments failed; the job retries it", e);
            }
        });
    }

    /**
     * Evaluates the segments never evaluated, and (with a time) those last evaluated before it. One pass at a time on
     * this node: the job's first run came while the start's pass was still applying a large first evaluation, and
     * evaluated the same segments again beside it (twice the work, on the same customers' locks). A pass that waited
     * finds what the other evaluated no longer due.
     */
    private void evaluateAll(OffsetDateTime evaluatedBefore) {
        passes.lock();
        try {
            for (SegmentRepository.RuleBased segment : transactions.execute(status ->
                    repository.dueForEvaluation(evaluatedBefore))) {
                long started = System.nanoTime();
                Change change = evaluate(segment);
                log.info("Segment {} evaluated in {} ms: {} entered, {} left", segment.id(),
                        (System.nanoTime() - started) / 1_000_000, change.entered(), change.left());
            }
        } finally {
            passes.unlock();
        }
    }
}
